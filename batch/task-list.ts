// Slurm's task-list syntax, as in --array=0-15, 1,3,5-7, 0-99:10 or 0-15%4
// (the %N limit does not change which tasks exist).
import { UsageError } from '../kernel/outcome.js';

export const MAX_TASKS = 100_000;

export function expandTaskList(spec: string): number[] {
  const list = spec.replace(/%\d+$/, '');
  const tasks = new Set<number>();
  for (const part of list.split(',')) {
    const m = /^(\d+)(?:-(\d+)(?::(\d+))?)?$/.exec(part.trim());
    if (!m) throw new UsageError(`"${spec}" is not a task list (e.g. 0-15, 1,3,5-7, 0-99:10, 0-15%4)`);
    const first = Number(m[1]);
    const last = m[2] === undefined ? first : Number(m[2]);
    const step = m[3] === undefined ? 1 : Number(m[3]);
    if (last < first || step < 1) throw new UsageError(`"${part}" in the task list "${spec}" is empty`);
    for (let t = first; t <= last; t += step) {
      tasks.add(t);
      if (tasks.size > MAX_TASKS) throw new UsageError(`the task list "${spec}" has more than ${MAX_TASKS} tasks`);
    }
  }
  return [...tasks].sort((a, b) => a - b);
}

// The task list the user's sbatch options give (--array=…, --array …, -a …,
// -a…), or null when they give none.
export function arrayOption(options: string[]): string | null {
  for (let i = 0; i < options.length; i++) {
    const o = options[i];
    let spec: string | undefined;
    if (o.startsWith('--array=')) spec = o.slice('--array='.length);
    else if (o === '--array' || o === '-a') spec = options[i + 1];
    else if (/^-a./.test(o)) spec = o.slice(2);
    else continue;
    if (!spec) throw new UsageError(`${o} needs a task list`);
    return spec;
  }
  return null;
}

// The tasks those options ask for; one task (0) without --array.
export function tasksOf(options: string[]): number[] {
  const spec = arrayOption(options);
  return spec === null ? [0] : expandTaskList(spec);
}
