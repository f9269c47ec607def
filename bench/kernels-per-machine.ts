// What each further idle kernel adds on one machine, as a JupyterHub node
// pays it: kernels share the pages of their libraries (libclang, LLVM; the
// Python interpreter), so one kernel's memory overstates the cost of the next.
// Run: npm run bench.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../interpreter-bridge/paths.js';
import { KernelClient } from '../test/helpers/kernel-client.js';
import { descendantsOf, pssMB } from '../test/helpers/processes.js';

const KERNELS = Number(process.env.BENCH_KERNELS ?? 3);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 6000);

// PSS of every process of the given kernels: shared pages counted once.
const totalPss = (ks: KernelClient[]) => ks.reduce((s, k) => s + [k.process!.pid!, ...descendantsOf(k.process!.pid!)].reduce((a, p) => a + pssMB(p), 0), 0);

async function measure(argv: string[] | undefined, setup: string): Promise<number[]> {
  const ks: KernelClient[] = [];
  const totals: number[] = [];
  for (let i = 0; i < KERNELS; i++) {
    const k = new KernelClient({}, { argv });
    await k.start();
    await k.execute(setup);
    ks.push(k);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    totals.push(totalPss(ks));
  }
  for (const k of ks) await k.shutdown();
  return totals;
}

const cpp = await measure(undefined, '#include <iostream>\n#include <vector>\n#include <string>\nstd::vector<int> v;');
const py = await measure(['/usr/bin/python3', '-m', 'ipykernel_launcher', '-f'], 'import os, sys');
const further = (t: number[]) => (t[t.length - 1] - t[0]) / (t.length - 1);
console.log(`\nidle kernels on one machine, PSS of all their processes (MB)\n`);
console.log('| what | cppnb | ipykernel | cppnb / ipykernel |\n|---|---|---|---|');
console.log(`| ${KERNELS} kernels, one by one | ${cpp.map((x) => x.toFixed(0)).join(', ')} | ${py.map((x) => x.toFixed(0)).join(', ')} | |`);
console.log(`| the first kernel | ${cpp[0].toFixed(1)} | ${py[0].toFixed(1)} | ${(cpp[0] / py[0]).toFixed(2)} |`);
console.log(`| each further kernel | ${further(cpp).toFixed(1)} | ${further(py).toFixed(1)} | ${(further(cpp) / further(py)).toFixed(2)} |`);
const dir = join(packageRoot, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `kernels-per-machine-${new Date().toISOString().slice(0, 10)}.json`);
writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), settleMs: SETTLE_MS, cppnb: cpp, ipykernel: py }, null, 1));
console.log(`written ${file}`);
process.exit(0);
