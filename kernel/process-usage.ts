// What the kernel's processes and the machine use, for usage_request (asked on
// control by jupyter-resource-usage), with the fields and units of ipykernel's
// reply (psutil's): read from /proc, without starting a process.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, hostname } from 'node:os';

// The unit of /proc's CPU times (USER_HZ, 100 on every Linux ABI).
const TICKS_PER_SECOND = 100;

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return ''; // the process ended meanwhile
  }
}

interface ProcStat {
  ppid: number;
  ticks: number; // user + system CPU time
}

// /proc/PID/stat: the command name (field 2) may hold spaces and parentheses,
// so fields are counted after its last ')'.
function procStat(pid: number): ProcStat | null {
  const text = read(`/proc/${pid}/stat`);
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  if (fields.length < 13) return null;
  return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
}

// The process and all its descendants (the interpreter, its snapshots, the
// completer, %%slurm helpers) with their CPU times, from one pass over /proc.
function processTree(root: number): Map<number, ProcStat> {
  const stats = new Map<number, ProcStat>();
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const s = procStat(pid);
    if (!s) continue;
    stats.set(pid, s);
    const list = children.get(s.ppid) ?? [];
    list.push(pid);
    children.set(s.ppid, list);
  }
  const tree = new Map<number, ProcStat>();
  const pending = [root];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    const s = stats.get(pid);
    if (s) tree.set(pid, s);
    pending.push(...(children.get(pid) ?? []));
  }
  return tree;
}

// Proportional set size in bytes: pages shared between the host and its fork
// snapshots count once in the sum, as ipykernel's (psutil's "pss").
function pssBytes(pid: number): number {
  const rollup = /^Pss:\s+(\d+) kB/m.exec(read(`/proc/${pid}/smaps_rollup`));
  if (rollup) return Number(rollup[1]) * 1024;
  const rss = /^VmRSS:\s+(\d+) kB/m.exec(read(`/proc/${pid}/status`));
  return rss ? Number(rss[1]) * 1024 : 0;
}

// psutil.virtual_memory()'s fields, in bytes (percent: of total, in use).
function virtualMemory(): Record<string, number> {
  const kb = new Map<string, number>();
  for (const m of read('/proc/meminfo').matchAll(/^(\w+):\s+(\d+)/gm)) kb.set(m[1], Number(m[2]) * 1024);
  const get = (k: string) => kb.get(k) ?? 0;
  const total = get('MemTotal'), free = get('MemFree'), buffers = get('Buffers');
  const cached = get('Cached') + get('SReclaimable');
  const available = kb.get('MemAvailable') ?? free + buffers + cached;
  const used = Math.max(0, total - free - buffers - cached);
  return {
    total, available, percent: total ? Math.round(((total - available) / total) * 1000) / 10 : 0, used, free,
    active: get('Active'), inactive: get('Inactive'), buffers, cached, shared: get('Shmem'), slab: get('Slab'),
  };
}

// The machine's busy and total CPU time so far (all CPUs), from /proc/stat.
function hostTicks(): { busy: number; total: number } {
  const line = /^cpu\s+(.*)$/m.exec(read('/proc/stat'))?.[1] ?? '';
  const t = line.trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is inside user)
  const total = t.slice(0, 8).reduce((a, b) => a + (b || 0), 0);
  return { busy: total - (t[3] || 0) - (t[4] || 0), total };
}

// CPU percentages are over the time since the previous report (psutil's
// cpu_percent(interval=None)); the first report's over the kernel's life: every
// process under it was born after it (nothing to read at start).
export class UsageMeter {
  // CPU ticks of each process at the last report (none before the first).
  private ticksSeen = new Map<number, number>();
  private lastReport = performance.timeOrigin;
  private host = hostTicks();

  constructor(private readonly root = process.pid) {}

  report(): Record<string, unknown> {
    const now = Date.now();
    const seconds = (now - this.lastReport) / 1000;
    let cpuTicks = 0;
    let kernelMemory = 0;
    const seen = new Map<number, number>();
    for (const [pid, s] of processTree(this.root)) {
      // A process born since the last report: its whole life is in the interval.
      cpuTicks += s.ticks - (this.ticksSeen.get(pid) ?? 0);
      seen.set(pid, s.ticks);
      kernelMemory += pssBytes(pid);
    }
    this.ticksSeen = seen;
    this.lastReport = now;
    const host = hostTicks();
    const busy = host.busy - this.host.busy, total = host.total - this.host.total;
    this.host = host;
    const content: Record<string, unknown> = {
      hostname: hostname(),
      pid: this.root,
      // percent of one CPU, summed over the processes (may pass 100)
      kernel_cpu: seconds > 0 ? Math.round((cpuTicks / TICKS_PER_SECOND / seconds) * 1000) / 10 : 0,
      kernel_memory: kernelMemory,
      cpu_count: cpus().length,
      host_virtual_memory: virtualMemory(),
    };
    // As ipykernel: left out when nothing could be measured (no time passed).
    if (total > 0) content.host_cpu_percent = Math.round((busy / total) * 1000) / 10;
    return content;
  }
}
