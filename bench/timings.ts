// Start and round-trip timings of cppnb, with ipykernel (Debian's python3-ipykernel)
// measured in the same run as the reference, and the bare host as the floor.
// Run: npm run bench. Prints a table; writes bench/results/timings-<date>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HostProcess, type CellIO } from '../interpreter-bridge/host-process.js';
import { hostBinary, packageRoot, precompiledHeader } from '../interpreter-bridge/paths.js';
import { compilerArgs, DEFAULT_STANDARD } from '../interpreter-bridge/cell-flags.js';
import { KernelClient } from '../test/helpers/kernel-client.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ROUND_TRIPS = Number(process.env.BENCH_ROUND_TRIPS ?? 50);
// The paced cells wait this long first, as cells a user runs one by one do
// (the kernel is idle between them); the others follow each other at once, as in Run All.
const PAUSE_MS = Number(process.env.BENCH_PAUSE_MS ?? 100);
const IPYKERNEL = ['/usr/bin/python3', '-m', 'ipykernel_launcher', '-f'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

interface KernelFigures {
  startToInfo: number[];
  startToFirstCell: number[];
  trivialCell: number[];
  valueCell: number[];
  kernelInfo: number[];
  pacedTrivialCell: number[];
  pacedValueCell: number[];
}

const pause = () => new Promise((resolve) => setTimeout(resolve, PAUSE_MS));

async function measureKernel(argv: string[] | undefined, firstCell: string, trivial: string): Promise<KernelFigures> {
  const f: KernelFigures = { startToInfo: [], startToFirstCell: [], trivialCell: [], valueCell: [], kernelInfo: [], pacedTrivialCell: [], pacedValueCell: [] };
  for (let run = 0; run < RUNS; run++) {
    const k = new KernelClient({}, { argv });
    const t0 = performance.now();
    await k.start();
    f.startToInfo.push(k.firstInfoMs!);
    await k.execute(firstCell);
    f.startToFirstCell.push(performance.now() - t0);
    for (let i = 0; i < ROUND_TRIPS; i++) {
      const t = performance.now();
      await k.execute(trivial);
      f.trivialCell.push(performance.now() - t);
      const v = performance.now();
      await k.execute('1 + 1');
      f.valueCell.push(performance.now() - v);
      const u = performance.now();
      await k.request('shell', 'kernel_info_request', {});
      f.kernelInfo.push(performance.now() - u);
    }
    for (let i = 0; i < ROUND_TRIPS; i++) {
      await pause();
      const t = performance.now();
      await k.execute(trivial);
      f.pacedTrivialCell.push(performance.now() - t);
      await pause();
      const v = performance.now();
      await k.execute('1 + 1');
      f.pacedValueCell.push(performance.now() - v);
    }
    await k.shutdown();
  }
  return f;
}

// A restart from the notebook's menu, as jupyter_client does it: a
// shutdown_request with restart, the process gone, a new kernel started, and
// the cell run again.
async function measureRestart(argv: string[] | undefined, firstCell: string): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const k = new KernelClient({}, { argv });
    await k.start();
    await k.execute(firstCell);
    const t0 = performance.now();
    const exited = new Promise((resolve) => k.process!.once('exit', resolve));
    await k.send('control', 'shutdown_request', { restart: true });
    await exited;
    k.close();
    const again = new KernelClient({}, { argv });
    await again.start();
    await again.execute(firstCell);
    times.push(performance.now() - t0);
    await again.shutdown();
  }
  return times;
}

async function measureBareHost(trivial: string): Promise<number[]> {
  const quiet: CellIO = { output: () => undefined, display: () => undefined, input: async () => null };
  const host = new HostProcess(hostBinary, [...compilerArgs(DEFAULT_STANDARD, []), '-include-pch', precompiledHeader(DEFAULT_STANDARD)], () => undefined);
  await host.start();
  const times: number[] = [];
  for (let i = 0; i < ROUND_TRIPS * RUNS; i++) {
    const t = performance.now();
    await host.execute(trivial, quiet);
    times.push(performance.now() - t);
  }
  host.kill();
  return times;
}

const cpp = await measureKernel(undefined, '#include <iostream>\nstd::cout << "hello" << std::endl;', 'int a = 1;');
const py = await measureKernel(IPYKERNEL, 'print("hello")', 'a = 1');
const bare = await measureBareHost('int a = 1;');
const cppRestart = await measureRestart(undefined, '#include <iostream>\nstd::cout << "hello" << std::endl;');
const pyRestart = await measureRestart(IPYKERNEL, 'print("hello")');

const rows: [string, number, number][] = [
  ['kernel start → first kernel_info_reply', median(cpp.startToInfo), median(py.startToInfo)],
  ['kernel start → first cell idle (C++: #include <iostream> + cout)', median(cpp.startToFirstCell), median(py.startToFirstCell)],
  ['kernel_info round trip', median(cpp.kernelInfo), median(py.kernelInfo)],
  ['trivial cell send → idle (int a = 1; / a = 1)', median(cpp.trivialCell), median(py.trivialCell)],
  ['a value cell, 1 + 1, send → idle (its execute_result shown)', median(cpp.valueCell), median(py.valueCell)],
  [`the same trivial cell, ${PAUSE_MS} ms after the last one went idle`, median(cpp.pacedTrivialCell), median(py.pacedTrivialCell)],
  [`the same value cell, ${PAUSE_MS} ms after the last one went idle`, median(cpp.pacedValueCell), median(py.pacedValueCell)],
  ['restart: shutdown_request (restart) → process gone → new kernel → first cell idle', median(cppRestart), median(pyRestart)],
];
console.log(`\nmedians over ${RUNS} kernel starts and ${RUNS * ROUND_TRIPS} round trips (ms)\n`);
console.log('| what | cppnb | ipykernel | cppnb / ipykernel |');
console.log('|---|---|---|---|');
for (const [what, c, p] of rows) console.log(`| ${what} | ${c.toFixed(2)} | ${p.toFixed(2)} | ${(c / p).toFixed(2)} |`);
const floor = median(bare);
console.log(`\nbare host, same trivial cell over its pipes: ${floor.toFixed(3)} ms; the kernel adds ${(median(cpp.trivialCell) - floor).toFixed(2)} ms (x${(median(cpp.trivialCell) / floor).toFixed(1)})`);

const dir = join(packageRoot, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `timings-${new Date().toISOString().slice(0, 10)}.json`);
writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), runs: RUNS, roundTrips: ROUND_TRIPS, cppnb: cpp, ipykernel: py, bareHost: bare, restart: { cppnb: cppRestart, ipykernel: pyRestart }, medians: Object.fromEntries(rows.map(([w, c, p]) => [w, { cppnb: c, ipykernel: p }])), bareHostMedian: floor }, null, 1));
console.log(`written ${file}`);
process.exit(0);
