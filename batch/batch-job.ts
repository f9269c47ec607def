// A batch cell (%%slurm) from compile to merged outputs: build the job's executable,
// submit it, follow it in one updating display, then merge what the tasks sent
// and define it in the session. Knows the batch system only as a BatchBackend.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { failure, OK, SHUTDOWN } from '../kernel/outcome.js';
import type { ExecuteOutcome } from '../kernel/language.js';
import { BatchSystemError, type BatchBackend, type BatchContext, type TaskState } from './backend.js';
import { batchProgram } from './batch-program.js';
import { compileProgram } from './compile.js';
import { mergerBinary } from '../interpreter-bridge/paths.js';
import { batchDir, saveJob, type JobRecord } from './job-store.js';
import { progressBundle, type Progress } from './progress.js';

const run = promisify(execFile);

export interface SubmitRequest {
  name: string;
  cell: string;
  // The cell line the body starts on (after the magic's line).
  bodyLine: number;
  options: string[];
  tasks: number[];
  inputs: string[] | null;
  wait: boolean;
}

const MAX_UNANSWERED_POLLS = 5;

function pollInterval(): number {
  const ms = Number(process.env.CPPNB_BATCH_POLL_MS);
  return Number.isFinite(ms) && ms >= 50 ? ms : 2000;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '').replace('T', '-');
}

// The display of one job in its cell, replaced in place as it goes.
class ProgressDisplay {
  private readonly id: string;
  private shown = false;
  private readonly started = performance.now();
  constructor(
    private readonly ctx: BatchContext,
    private readonly backend: BatchBackend,
    private readonly name: string,
  ) {
    this.id = `cppnb-batch-${name}-${Math.random().toString(36).slice(2, 10)}`;
  }
  show(p: Omit<Progress, 'name' | 'system' | 'elapsedSeconds'>): void {
    const bundle = progressBundle({ ...p, name: this.name, system: this.backend.title, elapsedSeconds: (performance.now() - this.started) / 1000 });
    this.ctx.sink.display(bundle, {}, { display_id: this.id }, this.shown);
    this.shown = true;
  }
}

export async function submitCell(req: SubmitRequest, backend: BatchBackend, ctx: BatchContext): Promise<ExecuteOutcome> {
  const dir = join(batchDir(), `${req.name}-${stamp()}-${Math.random().toString(36).slice(2, 6)}`);
  mkdirSync(dir, { recursive: true });
  const display = new ProgressDisplay(ctx, backend, req.name);
  const pending = req.tasks.map((task): TaskState => ({ task, phase: 'pending' }));
  display.show({ jobId: null, stage: 'compiling', tasks: pending });

  const session = ctx.interpreter.batchSession();
  const source = join(dir, 'program.cpp');
  writeFileSync(source, batchProgram(session.cells, req.cell, req.bodyLine, session.prelude).code);
  const built = await compileProgram(source, join(dir, 'program'), session, ctx.interrupted);
  if (ctx.interrupted.aborted) {
    rmSync(dir, { recursive: true, force: true });
    return failure('Interrupted', 'interrupted before the job was submitted');
  }
  if (!built.ok) {
    display.show({ jobId: null, stage: 'not submitted: the cell does not compile', tasks: pending });
    rmSync(dir, { recursive: true, force: true });
    const lines = built.diagnostics.split('\n');
    return { status: 'error', ename: 'CompileError', evalue: lines.find((l) => / error: /.test(l)) ?? lines[0], traceback: lines };
  }

  mkdirSync(join(dir, 'inputs'), { recursive: true });
  mkdirSync(join(dir, 'outputs'), { recursive: true });
  // Files are dealt to the tasks in turn: task k of n gets files k, k+n, k+2n…
  req.tasks.forEach((task, k) => {
    const share = (req.inputs ?? []).filter((_, i) => i % req.tasks.length === k);
    writeFileSync(join(dir, 'inputs', `task-${task}.txt`), share.map((f) => `${f}\n`).join(''));
  });

  display.show({ jobId: null, stage: 'submitting', tasks: pending });
  const submittedAt = performance.now();
  let id: string;
  try {
    id = await backend.submit({
      name: req.name,
      dir,
      program: join(dir, 'program'),
      env: { CPPNB_JOB_DIR: dir, CPPNB_TASK_COUNT: String(req.tasks.length) },
      tasks: req.tasks,
      options: req.options,
    });
  } catch (err) {
    display.show({ jobId: null, stage: 'not submitted', tasks: pending });
    rmSync(dir, { recursive: true, force: true });
    if (err instanceof BatchSystemError) return failure('BatchSystemError', err.message);
    throw err;
  }
  const job: JobRecord = { name: req.name, backend: backend.name, id, dir, tasks: req.tasks, submitted: new Date().toISOString(), state: 'submitted' };
  saveJob(job);
  writeTimings(dir, { compileSeconds: built.seconds, precompiledHeaders: built.precompiled });
  if (!req.wait) {
    display.show({ jobId: id, stage: `submitted; %${backend.name} collect ${req.name} waits for it and defines its outputs`, tasks: pending });
    return OK;
  }
  return followAndCollect(job, backend, ctx, { partial: false, display, submittedAt });
}

interface Timings {
  compileSeconds?: number;
  precompiledHeaders?: boolean;
  submitToFirstRunningSeconds?: number;
  submitToDoneSeconds?: number;
  mergeSeconds?: number;
}

function writeTimings(dir: string, t: Timings): void {
  const file = join(dir, 'timings.json');
  let old: Timings = {};
  try {
    old = JSON.parse(readFileSync(file, 'utf8')) as Timings;
  } catch {
    // first write
  }
  writeFileSync(file, JSON.stringify({ ...old, ...t }, null, 1));
}

// A job the batch system has forgotten: what its tasks left behind says how they ended.
function statesFromFiles(job: JobRecord): TaskState[] {
  return job.tasks.map((task): TaskState => {
    const file = join(job.dir, 'status', `task-${task}`);
    if (!existsSync(file)) return { task, phase: 'failed', reason: 'unknown: the batch system no longer knows the job, and the task left no exit status' };
    const text = readFileSync(file, 'utf8').trim();
    if (!/^\d+$/.test(text)) return { task, phase: 'failed', reason: 'unknown: the task\'s exit status was not written completely' };
    const code = Number(text);
    return code === 0 ? { task, phase: 'done' } : { task, phase: 'failed', reason: `exit code ${code}` };
  });
}

function tail(file: string, lines: number): string {
  try {
    const text = readFileSync(file, 'utf8').replace(/\n+$/, '');
    return text ? text.split('\n').slice(-lines).join('\n') : '(empty)';
  } catch {
    return '(none)';
  }
}

function taskFailure(job: JobRecord, t: TaskState, stillRunning: number): ExecuteOutcome {
  const err = join(job.dir, 'logs', `task-${t.task}.err`);
  const more = stillRunning
    ? `\n${stillRunning} other task${stillRunning === 1 ? ' is' : 's are'} still going: %${job.backend} collect ${job.name} --partial merges the ones that succeed, %${job.backend} cancel ${job.name} stops them.`
    : `\nNothing was merged; %${job.backend} collect ${job.name} --partial merges the tasks that succeeded.`;
  return failure('BatchTaskFailed', `task ${t.task} of ${job.name} (job ${job.id}) failed: ${t.reason}\nLast lines of its stderr (${err}):\n${tail(err, 15)}${more}`);
}

export async function followAndCollect(
  job: JobRecord,
  backend: BatchBackend,
  ctx: BatchContext,
  how: { partial: boolean; display?: ProgressDisplay; submittedAt?: number },
): Promise<ExecuteOutcome> {
  const display = how.display ?? new ProgressDisplay(ctx, backend, job.name);
  let firstRunning: number | null = null;
  let polls = 0;
  let unanswered = 0;
  let lastStates: TaskState[] = job.tasks.map((task) => ({ task, phase: 'pending' }));
  for (;;) {
    if (ctx.interrupted.aborted) {
      // A restart is not a request to cancel: the job goes on, to be collected later.
      if (ctx.interrupted.reason === SHUTDOWN) return failure('KernelShutdown', `the kernel is shutting down; job ${job.id} (${job.name}) goes on: %${job.backend} collect ${job.name} picks it up`);
      return cancelOnInterrupt(job, backend, display);
    }
    let states: TaskState[];
    try {
      states = (await backend.poll(job.id, job.tasks)) ?? statesFromFiles(job);
      unanswered = 0;
    } catch (err) {
      if (!(err instanceof BatchSystemError)) throw err;
      // A busy controller times out now and then: give it a few polls before giving up.
      if (++unanswered >= MAX_UNANSWERED_POLLS) {
        return failure('BatchSystemError', `${err.message}\nThe job (${job.id}) is not lost: %${job.backend} collect ${job.name} picks it up again.`);
      }
      display.show({ jobId: job.id, stage: `${backend.title} did not answer (${unanswered} of ${MAX_UNANSWERED_POLLS}): ${err.message.split('\n')[0]}`, tasks: lastStates });
      await sleep(pollInterval(), ctx.interrupted);
      continue;
    }
    lastStates = states;
    display.show({ jobId: job.id, tasks: states });
    if (firstRunning === null && how.submittedAt !== undefined && states.some((s) => s.phase !== 'pending')) {
      firstRunning = performance.now();
      writeTimings(job.dir, { submitToFirstRunningSeconds: (firstRunning - how.submittedAt) / 1000 });
    }
    const failed = states.find((s) => s.phase === 'failed');
    const active = states.filter((s) => s.phase === 'pending' || s.phase === 'running').length;
    if (failed && !how.partial) {
      if (!active) saveJob({ ...job, state: 'failed' });
      return taskFailure(job, failed, active);
    }
    if (!active) {
      if (how.submittedAt !== undefined) writeTimings(job.dir, { submitToDoneSeconds: (performance.now() - how.submittedAt) / 1000 });
      return mergeOutputs(job, backend, states, ctx);
    }
    // Quick looks first, so a short job is seen to start and end soon; then every interval.
    await sleep(Math.min(pollInterval(), 250 * 2 ** polls++), ctx.interrupted);
  }
}

async function cancelOnInterrupt(job: JobRecord, backend: BatchBackend, display: ProgressDisplay): Promise<ExecuteOutcome> {
  try {
    await cancelAndWait(job, backend, (states) => display.show({ jobId: job.id, stage: 'cancelling', tasks: states }));
  } catch (err) {
    return failure('Interrupted', `the cell was interrupted, but cancelling job ${job.id} failed: ${(err as Error).message}`);
  }
  return failure('Interrupted', `the cell was interrupted: job ${job.id} (${job.name}) was cancelled and none of its tasks is running`);
}

// Cancels, then waits until the batch system says no task is pending or running (at most 30 s).
export async function cancelAndWait(job: JobRecord, backend: BatchBackend, progress?: (states: TaskState[]) => void): Promise<void> {
  await backend.cancel(job.id);
  saveJob({ ...job, state: 'cancelled' });
  const never = new AbortController().signal;
  for (let i = 0; i < 150; i++) {
    const states = await backend.poll(job.id, job.tasks);
    if (states) progress?.(states);
    if (!states || states.every((s) => s.phase === 'done' || s.phase === 'failed')) return;
    await sleep(200, never);
  }
  throw new BatchSystemError(`job ${job.id} still has tasks running 30 s after it was cancelled`);
}

async function mergeOutputs(job: JobRecord, backend: BatchBackend, states: TaskState[], ctx: BatchContext): Promise<ExecuteOutcome> {
  const done = states.filter((s) => s.phase === 'done').map((s) => s.task);
  const files = backend.collect(job.dir, done);
  const out = join(job.dir, 'merged.bin');
  const started = performance.now();
  if (files.length) {
    try {
      const list = join(job.dir, 'merge-inputs.txt');
      writeFileSync(list, files.map((f) => `${f}\n`).join(''));
      await run(mergerBinary, [out, '--list', list], { maxBuffer: 16 << 20 });
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      return failure('BatchMergeError', `merging the outputs of ${job.name} failed: ${(e.stderr || e.message).trim()}`);
    }
  }
  const mergeSeconds = (performance.now() - started) / 1000;
  writeTimings(job.dir, { mergeSeconds });
  const types = files.length ? readFileSync(`${out}.types`, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t') as [string, string]) : [];
  const skipped = states.length - done.length;
  const from = `${done.length} task${done.length === 1 ? '' : 's'}${skipped ? ` (${skipped} failed, left out)` : ''}`;
  if (types.length === 0) {
    ctx.sink.stream('stdout', `${job.name}: ${from} finished; no task sent outputs (cppnb::batch::output).\n`);
    saveJob({ ...job, state: 'collected' });
    return OK;
  }
  // Defined as a cell would define them, so a re-run replaces them, and later jobs see them too.
  // The header is in the precompiled one, but not in a session started without it.
  const code = ['#include <cppnb/batch.hpp>', ...types.map(([name, type]) => `${type} ${name} = cppnb::batch::load<${type}>(${JSON.stringify(out)}, "${name}");`)].join('\n');
  const r = await ctx.interpreter.run(code, ctx.sink, false);
  if (r.status !== 'ok') return r;
  saveJob({ ...job, state: 'collected' });
  const defined = types.map(([name, type]) => `${name} (${type})`).join(', ');
  ctx.sink.stream('stdout', `${job.name}: merged the outputs of ${from} in ${mergeSeconds.toFixed(2)} s; defined ${defined}.\n`);
  return OK;
}
