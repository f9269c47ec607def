// The batch magic of one batch system (a BatchBackend): %%slurm for Slurm.
// %%NAME: the cell runs as a job array, and what its tasks send back with
// cppnb::batch::output is merged and defined in the session.
// %NAME jobs | log | collect | cancel: the session's jobs, after the fact.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BatchSystemError, type BatchBackend } from '../batch/backend.js';
import { cancelAndWait, followAndCollect, submitCell } from '../batch/batch-job.js';
import { expandGlob } from '../batch/glob.js';
import { expandRemoteGlob } from '../batch/remote-glob.js';
import { findJob, loadJobs, type JobRecord } from '../batch/job-store.js';
import { failure, OK, UsageError } from '../kernel/outcome.js';
import type { Magic, MagicCall, MagicContext, MagicResult } from './magic.js';
import { splitArgs } from './parse.js';

// One backend per batch system; a job remembers which one it went to.
const backends = new Map<string, BatchBackend>();

function backendOf(job: JobRecord): BatchBackend {
  const b = backends.get(job.backend);
  if (!b) throw new UsageError(`job ${job.name} went to "${job.backend}", which this kernel does not know`);
  return b;
}

const JOB_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

// cppnb's own options, in either `--opt value` or `--opt=value` form; the rest is the batch system's.
function splitOwnOptions(words: string[]): { name?: string; inputs?: string; noWait: boolean; system: string[] } {
  const out: { name?: string; inputs?: string; noWait: boolean; system: string[] } = { noWait: false, system: [] };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const own = /^--(name|inputs)(?:=(.*))?$/.exec(w);
    if (own) {
      const value = own[2] ?? words[++i];
      if (value === undefined || value === '') throw new UsageError(`--${own[1]} needs a value`);
      out[own[1] as 'name' | 'inputs'] = value;
    } else if (w === '--no-wait') out.noWait = true;
    else out.system.push(w);
  }
  return out;
}

const REMOTE = /^(root|xroot|https?):\/\//;

async function runCell(backend: BatchBackend, call: MagicCall, ctx: MagicContext): Promise<MagicResult> {
  const own = splitOwnOptions(splitArgs(call.args));
  const name = own.name ?? `cell-${ctx.options.executionCount}`;
  if (!JOB_NAME.test(name)) throw new UsageError(`"${name}" is not a job name (letters, digits, _ . -)`);
  if (call.body.trim() === '') throw new UsageError('the cell has no C++ to run');
  const tasks = backend.tasksOf(own.system);
  let inputs: string[] | null = null;
  if (own.inputs !== undefined && REMOTE.test(own.inputs)) {
    // Remote files go to the tasks as URLs (their TFile reads them there);
    // a root:// wildcard is listed by the server now.
    inputs = await expandRemoteGlob(own.inputs);
    if (inputs.length === 0) throw new UsageError(`--inputs ${own.inputs} matches no file on the server`);
  } else if (own.inputs !== undefined) {
    inputs = expandGlob(own.inputs);
    if (inputs.length === 0) throw new UsageError(`--inputs ${own.inputs} matches no file (in ${process.cwd()})`);
  }
  return submitCell(
    { name, cell: call.body, bodyLine: call.line + 1, options: own.system, tasks, inputs, wait: !own.noWait },
    backend,
    ctx,
  );
}

function job(name: string | undefined): JobRecord {
  if (!name) throw new UsageError('give the job\'s name');
  const j = findJob(name);
  if (!j) {
    const known = loadJobs().map((x) => x.name);
    throw new UsageError(`no job called ${name}${known.length ? ` (the session's jobs: ${known.join(', ')})` : ''}`);
  }
  return j;
}

async function listJobs(ctx: MagicContext): Promise<MagicResult> {
  const jobs = loadJobs();
  if (!jobs.length) {
    ctx.sink.stream('stdout', 'No batch jobs yet.\n');
    return OK;
  }
  const rows = [['NAME', 'JOB', 'TASKS', 'STATE', 'SUBMITTED', 'DIRECTORY']];
  for (const j of jobs) {
    let state: string = j.state;
    if (j.state === 'submitted') {
      const states = await backendOf(j).poll(j.id, j.tasks).catch((err: Error) => err);
      if (states instanceof Error) state = `unknown (${states.message.split('\n')[0]})`;
      else if (states) {
        const c = (p: string) => states.filter((s) => s.phase === p).length;
        state = `${c('pending')} pending, ${c('running')} running, ${c('done')} done, ${c('failed')} failed`;
      } else state = 'finished, not collected';
    }
    rows.push([j.name, j.id, String(j.tasks.length), state, j.submitted.replace('T', ' ').replace(/\.\d+Z$/, ''), j.dir]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  ctx.sink.stream('stdout', rows.map((r) => r.map((v, c) => (c < r.length - 1 ? v.padEnd(widths[c]) : v)).join('  ')).join('\n') + '\n');
  return OK;
}

function showLog(j: JobRecord, task: string | undefined, ctx: MagicContext): MagicResult {
  let tasks = j.tasks;
  if (task !== undefined) {
    if (!/^\d+$/.test(task) || !j.tasks.includes(Number(task))) throw new UsageError(`${j.name} has no task ${task} (its tasks: ${j.tasks.length > 10 ? `${j.tasks[0]}…${j.tasks[j.tasks.length - 1]}` : j.tasks.join(', ')})`);
    tasks = [Number(task)];
  }
  for (const t of tasks) {
    for (const stream of ['out', 'err'] as const) {
      const file = join(j.dir, 'logs', `task-${t}.${stream}`);
      const text = existsSync(file) ? readFileSync(file, 'utf8') : null;
      ctx.sink.stream('stdout', `==> task ${t} std${stream} (${file}) <==\n${text === null ? '(not written yet)\n' : text || '(empty)\n'}`);
      if (text && !text.endsWith('\n')) ctx.sink.stream('stdout', '\n');
    }
  }
  return OK;
}

async function runLine(magic: string, call: MagicCall, ctx: MagicContext): Promise<MagicResult> {
  const [verb, ...rest] = splitArgs(call.args);
  switch (verb) {
    case 'jobs':
      return listJobs(ctx);
    case 'log':
      if (rest.length > 2) throw new UsageError(`%${magic} log NAME [TASK]`);
      return showLog(job(rest[0]), rest[1], ctx);
    case 'collect': {
      const partial = rest.includes('--partial');
      const names = rest.filter((w) => w !== '--partial');
      if (names.length !== 1) throw new UsageError(`%${magic} collect NAME [--partial]`);
      const j = job(names[0]);
      if (j.state === 'cancelled' && !partial) return failure('BatchJobCancelled', `job ${j.id} (${j.name}) was cancelled; %${j.backend} collect ${j.name} --partial merges the tasks that finished before`);
      return followAndCollect(j, backendOf(j), ctx, { partial });
    }
    case 'cancel': {
      if (rest.length !== 1) throw new UsageError(`%${magic} cancel NAME`);
      const j = job(rest[0]);
      try {
        await cancelAndWait(j, backendOf(j));
      } catch (err) {
        if (err instanceof BatchSystemError) return failure('BatchSystemError', err.message);
        throw err;
      }
      ctx.sink.stream('stdout', `Cancelled job ${j.id} (${j.name}).\n`);
      return OK;
    }
    case undefined:
      throw new UsageError('say what to do: jobs, log, collect or cancel');
    default:
      throw new UsageError(`unknown subcommand ${verb} (jobs, log, collect, cancel)`);
  }
}

// The magic of each backend (%%slurm for Slurm), the same code for every one.
export function batchMagics(systems: BatchBackend[]): Magic[] {
  return systems.map((backend) => {
    backends.set(backend.name, backend);
    const n = backend.name;
    return {
      name: n,
      line: true,
      cell: true,
      usage:
        `%%${n} [--name NAME] [--inputs GLOB] [--no-wait] [${backend.submitter} options…]\n` +
        `%${n} jobs | log NAME [TASK] | collect NAME [--partial] | cancel NAME`,
      help:
        `Runs the cell as a ${backend.title} job (every option that is not cppnb's own goes to ${backend.submitter}, e.g. --array=0-15). ` +
        'The cell, with what earlier cells declared, is compiled into one program that each task runs; ' +
        'cppnb::batch::task_id(), task_count(), inputs() and output(name, value) are there. When every task is done, ' +
        'the outputs are merged and defined in the session under their names. Interrupting cancels the job. ' +
        '--inputs deals files to the tasks: a local pattern (*, ?, [..], **), a root:// pattern (wildcards in any element, ' +
        'listed by the server) or a remote URL. ' +
        "Jobs live in CPPNB_BATCH_DIR (default ~/.cppnb/batch), which the cluster's nodes must share.",
      bodyLanguage: 'c++',
      run: (call, ctx) => (call.kind === 'cell' ? runCell(backend, call, ctx) : runLine(n, call, ctx)),
    } satisfies Magic;
  });
}
