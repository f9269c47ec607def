// The process tree under a kernel, read from /proc, for tests that kill or count.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { KernelClient } from './kernel-client.js';

export function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export function descendantsOf(pid: number): number[] {
  const out: number[] = [];
  for (const c of childrenOf(pid)) out.push(c, ...descendantsOf(c));
  return out;
}

function status(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return '';
  }
}

// The host that serves cells: the one interpreter process with threads running
// (its snapshots wait single-threaded; the reaper is the kernel's direct child).
export function servingHost(k: KernelClient): number {
  const [reaper] = childrenOf(k.process!.pid!);
  const hosts = descendantsOf(reaper).filter((p) => {
    const s = status(p);
    return !/State:\s+Z/.test(s) && Number(/Threads:\s+(\d+)/.exec(s)?.[1] ?? 0) > 1;
  });
  if (hosts.length !== 1) throw new Error(`expected one serving host, found ${hosts.length}`);
  return hosts[0];
}

// Proportional set size: memory shared between processes (the fork snapshots
// share most of theirs with the host) counted once, split among them.
export function pssMB(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

// The command name of a process ('' once it is gone).
export function commandName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

export function rssMB(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(status(pid));
  return m ? Number(m[1]) / 1024 : 0;
}
