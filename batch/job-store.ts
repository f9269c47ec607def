// The session's batch jobs, kept in a file so that a job submitted with
// --no-wait, or still running when the kernel restarted, can be listed,
// collected and cancelled later.
import { existsSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

// All of a user's kernels share the file: each change holds a lock (a
// directory, made atomically), taken over when its holder died long ago.
function withLock(fn: () => void): void {
  const lock = `${storeFile()}.lock`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let age = 0;
      try {
        age = Date.now() - statSync(lock).mtimeMs;
      } catch {
        continue; // just released
      }
      if (age > 30_000 || Date.now() > deadline) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    fn();
  } finally {
    rmdirSync(lock);
  }
}

// A job of the same name replaces the earlier one, as a re-run cell replaces its definitions.
export function saveJob(job: JobRecord): void {
  mkdirSync(batchDir(), { recursive: true });
  withLock(() => {
    const jobs = loadJobs().filter((j) => j.name !== job.name);
    jobs.push(job);
    const tmp = `${storeFile()}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, JSON.stringify(jobs, null, 1));
    renameSync(tmp, storeFile());
  });
}

export function findJob(name: string): JobRecord | undefined {
  return loadJobs().find((j) => j.name === name);
}
