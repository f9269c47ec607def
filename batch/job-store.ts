// The session's batch jobs, kept in a file so that a job submitted with
// --no-wait, or still running when the kernel restarted, can be listed,
// collected and cancelled later.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type JobState = 'submitted' | 'collected' | 'cancelled' | 'failed';

export interface JobRecord {
  name: string;
  backend: string;
  id: string;
  dir: string;
  tasks: number[];
  submitted: string; // ISO time
  state: JobState;
}

// Where job directories live: on storage the cluster's nodes share with the kernel.
export function batchDir(): string {
  return process.env.CPPNB_BATCH_DIR || join(homedir(), '.cppnb', 'batch');
}

function storeFile(): string {
  return join(batchDir(), 'jobs.json');
}

export function loadJobs(): JobRecord[] {
  const file = storeFile();
  if (!existsSync(file)) return [];
  try {
    const jobs = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return Array.isArray(jobs) ? (jobs as JobRecord[]) : [];
  } catch {
    return [];
  }
}

// A job of the same name replaces the earlier one, as a re-run cell replaces its definitions.
export function saveJob(job: JobRecord): void {
  const jobs = loadJobs().filter((j) => j.name !== job.name);
  jobs.push(job);
  mkdirSync(batchDir(), { recursive: true });
  const tmp = `${storeFile()}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(jobs, null, 1));
  renameSync(tmp, storeFile());
}

export function findJob(name: string): JobRecord | undefined {
  return loadJobs().find((j) => j.name === name);
}
