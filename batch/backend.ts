// What the batch layer needs of a batch system. Slurm is one (slurm-backend.ts);
// another scheduler, or Kubernetes jobs, is a second implementation beside it:
// every word that is the system's own (its name, its magic's, how its options
// count tasks) is here, so neither batch-job.ts nor the magic
// (magics/batch-magic.ts, one per backend) changes.
import type { ExecuteSink } from '../kernel/language.js';
import type { InterpreterControl } from '../interpreter-bridge/interpreter-control.js';

export type TaskPhase = 'pending' | 'running' | 'done' | 'failed';

export interface TaskState {
  task: number;
  phase: TaskPhase;
  // For a failed task: why, in the batch system's words (exit code, signal, time limit…).
  reason?: string;
}

export interface JobSpec {
  name: string;
  // The job's directory (on storage the nodes share): logs/, outputs/, status/ go here.
  dir: string;
  // The executable each task runs, with env; it finds its task in CPPNB_TASK_ID.
  program: string;
  env: Record<string, string>;
  // The task numbers, in order; task i's logs are logs/task-i.out and .err.
  tasks: number[];
  // The user's own options for the batch system, passed as given.
  options: string[];
}

export class BatchSystemError extends Error {}

export interface BatchBackend {
  // The key a job record keeps, and the magic's name: %%NAME, %NAME jobs…
  readonly name: string;
  // How users know the system: "Slurm job 42".
  readonly title: string;
  // The command the user's own options go to, for help texts ("sbatch").
  readonly submitter: string;
  // The task numbers the user's options ask for (one task when they ask for none).
  tasksOf(options: string[]): number[];
  // Submits the job; its id in the batch system.
  submit(spec: JobSpec): Promise<string>;
  // Every task's state, or null when the batch system no longer knows the job.
  poll(id: string, tasks: number[]): Promise<TaskState[] | null>;
  cancel(id: string): Promise<void>;
  // The files holding the tasks' outputs that finished, in task order, readable here.
  collect(dir: string, tasks: number[]): string[];
}

// What a batch cell may use while it runs (a magic's context has it all).
export interface BatchContext {
  sink: ExecuteSink;
  // Aborted when the cell is interrupted, or with the reason SHUTDOWN (kernel/outcome.ts).
  interrupted: AbortSignal;
  interpreter: InterpreterControl;
}
