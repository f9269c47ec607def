// What the batch magics need of a batch system. Slurm is one (slurm-backend.ts);
// another scheduler, or Kubernetes jobs, would be a second implementation
// beside it, the magics unchanged.

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
  readonly name: string;
  // Submits the job; its id in the batch system.
  submit(spec: JobSpec): Promise<string>;
  // Every task's state, or null when the batch system no longer knows the job.
  poll(id: string, tasks: number[]): Promise<TaskState[] | null>;
  cancel(id: string): Promise<void>;
  // The files holding the tasks' outputs that finished, in task order, readable here.
  collect(dir: string, tasks: number[]): string[];
}
