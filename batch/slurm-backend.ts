// Slurm behind the BatchBackend interface: sbatch submits one job array,
// `scontrol show job` reads every task's state in one call, scancel cancels.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BatchSystemError, type BatchBackend, type JobSpec, type TaskState } from './backend.js';
import { arrayOption, expandTaskList, tasksOf } from './task-list.js';

const run = promisify(execFile);

const SIGNALS: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 4: 'SIGILL', 6: 'SIGABRT', 7: 'SIGBUS', 8: 'SIGFPE', 9: 'SIGKILL', 11: 'SIGSEGV', 13: 'SIGPIPE', 15: 'SIGTERM' };

function signalName(n: number): string {
  return SIGNALS[n] ? `signal ${n} (${SIGNALS[n]})` : `signal ${n}`;
}

// Slurm's client commands, with their own message when they fail.
async function slurm(command: string, args: string[]): Promise<string> {
  try {
    // scontrol prints ~1.5 KB per task: room for the largest arrays Slurm allows.
    const { stdout } = await run(command, args, { timeout: 60_000, maxBuffer: 512 << 20 });
    return stdout;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string; stdout?: string };
    if (e.code === 'ENOENT') {
      throw new BatchSystemError(`${command} is not installed here: %%slurm needs Slurm's client commands (Debian's slurm-client) and the cluster's slurm.conf`);
    }
    const said = (e.stderr || e.stdout || e.message).trim();
    throw new BatchSystemError(`${command} failed: ${said}`);
  }
}

// scontrol's `Key=Value Key=Value …` line for one job record.
function fields(line: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of line.split(/ (?=[A-Za-z:]+=)/)) {
    const eq = part.indexOf('=');
    if (eq > 0) m.set(part.slice(0, eq), part.slice(eq + 1).trim());
  }
  return m;
}

// Why a finished task did not succeed, from its state and ExitCode=code:signal.
function failureReason(state: string, exit: string): string | null {
  const [code, signal] = exit.split(':').map(Number);
  switch (state) {
    case 'COMPLETED':
      return code === 0 ? null : `exit code ${code}`;
    case 'TIMEOUT':
      return 'time limit reached (state TIMEOUT)';
    case 'CANCELLED':
      return 'cancelled (state CANCELLED)';
    case 'OUT_OF_MEMORY':
      return 'out of memory (state OUT_OF_MEMORY)';
    case 'NODE_FAIL':
      return 'its node failed (state NODE_FAIL)';
    default:
      if (signal) return `killed by ${signalName(signal)} (state ${state})`;
      if (code > 128) return `killed by ${signalName(code - 128)} (exit code ${code}, state ${state})`;
      return `exit code ${code} (state ${state})`;
  }
}

const PENDING = new Set(['PENDING', 'CONFIGURING', 'REQUEUED', 'REQUEUE_HOLD', 'REQUEUE_FED', 'RESV_DEL_HOLD', 'SUSPENDED', 'STOPPED', 'RESIZING']);
const RUNNING = new Set(['RUNNING', 'COMPLETING', 'STAGE_OUT', 'SIGNALING']);

export class SlurmBackend implements BatchBackend {
  readonly name = 'slurm';
  readonly title = 'Slurm';
  readonly submitter = 'sbatch';

  tasksOf(options: string[]): number[] {
    return tasksOf(options);
  }

  async submit(spec: JobSpec): Promise<string> {
    mkdirSync(join(spec.dir, 'logs'), { recursive: true });
    mkdirSync(join(spec.dir, 'status'), { recursive: true });
    const script = join(spec.dir, 'slurm-task.sh');
    writeFileSync(script, taskScript(spec), { mode: 0o755 });
    const ours = [
      '--parsable',
      `--job-name=${spec.name}`,
      // Slurm expands %… in these names: a % of the directory's own is written %%.
      `--output=${join(spec.dir, 'logs').replace(/%/g, '%%')}/task-%a.out`,
      `--error=${join(spec.dir, 'logs').replace(/%/g, '%%')}/task-%a.err`,
    ];
    // A job without --array is an array of one, so every task has a number and logs in one place.
    if (arrayOption(spec.options) === null) ours.push('--array=0');
    const out = await slurm('sbatch', [...ours, ...spec.options, script]);
    const id = out.trim().split(';')[0];
    if (!/^\d+$/.test(id)) throw new BatchSystemError(`sbatch answered "${out.trim()}", not a job id`);
    return id;
  }

  async poll(id: string, tasks: number[]): Promise<TaskState[] | null> {
    let out: string;
    try {
      out = await slurm('scontrol', ['-o', 'show', 'job', id]);
    } catch (err) {
      if (/Invalid job id/i.test((err as Error).message)) return null;
      throw err;
    }
    const byTask = new Map<number, TaskState>();
    for (const line of out.split('\n')) {
      if (!line.trim()) continue;
      const f = fields(line);
      const state = (f.get('JobState') ?? '').split(/[ +]/)[0];
      const arrayTasks = f.get('ArrayTaskId');
      let ids: number[];
      try {
        ids = arrayTasks === undefined ? [0] : expandTaskList(arrayTasks.replace(/%\d+$/, ''));
      } catch {
        throw new BatchSystemError(`scontrol named tasks "${arrayTasks}", which cppnb cannot read`);
      }
      for (const task of ids) {
        if (PENDING.has(state)) byTask.set(task, { task, phase: 'pending' });
        else if (RUNNING.has(state)) byTask.set(task, { task, phase: 'running' });
        else {
          const reason = failureReason(state, f.get('ExitCode') ?? '0:0');
          byTask.set(task, reason ? { task, phase: 'failed', reason } : { task, phase: 'done' });
        }
      }
    }
    if (byTask.size === 0) return null;
    return tasks.map((task) => byTask.get(task) ?? { task, phase: 'pending' });
  }

  async cancel(id: string): Promise<void> {
    await slurm('scancel', [id]);
  }

  collect(dir: string, tasks: number[]): string[] {
    return tasks.map((t) => join(dir, 'outputs', `task-${t}.bin`)).filter((f) => existsSync(f));
  }
}

// The script each task runs: the program, with Slurm's signals passed on.
// scancel signals this script; passed on, the program ends with it. Left alone
// it would outlive the script, and proctrack/linuxproc, which finds a task's
// processes by parentage, would lose track of it. The trap is set before the
// program starts: a signal between the two would otherwise end the script
// with the program just started and not yet known to it (a cancel right as a
// task starts left it running, an orphan, ~5% of the time).
export function taskScript(spec: Pick<JobSpec, 'program' | 'env' | 'dir'>): string {
  const exports = Object.entries(spec.env).map(([k, v]) => `export ${k}=${shellQuote(v)}`);
  return [
    '#!/bin/bash',
    '# One task of a cppnb %%slurm job (written by batch/slurm-backend.ts).',
    ...exports,
    'export CPPNB_TASK_ID=${SLURM_ARRAY_TASK_ID:-0}',
    'child=',
    'stop=',
    'trap \'stop=1; [ -z "$child" ] || kill -TERM "$child" 2>/dev/null\' TERM INT HUP USR1 USR2',
    `${shellQuote(spec.program)} &`,
    'child=$!',
    '[ -z "$stop" ] || kill -TERM "$child" 2>/dev/null',
    'while :; do wait "$child"; status=$?; kill -0 "$child" 2>/dev/null || break; done',
    // The exit status, for when Slurm has forgotten the job.
    `echo $status > ${shellQuote(join(spec.dir, 'status'))}/task-$CPPNB_TASK_ID`,
    'exit $status',
    '',
  ].join('\n');
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
