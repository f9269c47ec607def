// The one display a running job keeps up to date in its cell.
import type { MimeBundle } from '../kernel/language.js';
import type { TaskPhase, TaskState } from './backend.js';

export interface Progress {
  name: string;
  // The batch system's name: "Slurm".
  system: string;
  jobId: string | null;
  // What the job is doing, when not yet tasks: compiling, submitting.
  stage?: string;
  tasks: TaskState[];
  elapsedSeconds: number;
}

function counts(tasks: TaskState[]): Record<TaskPhase, number> {
  const c: Record<TaskPhase, number> = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const t of tasks) c[t.phase]++;
  return c;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function progressBundle(p: Progress): MimeBundle {
  const c = counts(p.tasks);
  const n = p.tasks.length;
  const finished = c.done + c.failed;
  const fraction = n ? finished / n : 0;
  const job = p.jobId ? `${p.system} job ${p.jobId}` : 'not submitted yet';
  const time = `${p.elapsedSeconds.toFixed(1)} s`;
  const summary = p.stage ?? `${n} task${n === 1 ? '' : 's'}: ${c.pending} pending, ${c.running} running, ${c.done} done, ${c.failed} failed`;
  const width = 30;
  const filled = Math.round(fraction * width);
  const plain = `${p.name} (${job}) ${summary}, ${time}\n[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(fraction * 100)}%`;
  const bar = (phase: TaskPhase, colour: string) =>
    n && c[phase] ? `<div title="${c[phase]} ${phase}" style="width:${(100 * c[phase]) / n}%;background:${colour}"></div>` : '';
  const html =
    `<div class="cppnb-batch-progress" style="font-family:monospace">` +
    `<div><b>${escapeHtml(p.name)}</b> (${escapeHtml(job)}) ${escapeHtml(summary)}, ${time}</div>` +
    `<div style="display:flex;width:24em;height:0.9em;background:#e0e0e0;border-radius:3px;overflow:hidden">` +
    `${bar('done', '#2e7d32')}${bar('failed', '#c62828')}${bar('running', '#1565c0')}</div></div>`;
  return { 'text/plain': plain, 'text/html': html };
}
