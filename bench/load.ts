// Heavier figures, side by side with ipykernel in the same run: completion
// round trip, a 50 MB output, memory of an idle kernel, and how memory and
// latency grow over 1,000 cells. Run: npm run bench (after timings.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../interpreter-bridge/paths.js';
import { KernelClient } from '../test/helpers/kernel-client.js';
import { descendantsOf, pssMB, rssMB } from '../test/helpers/processes.js';

const IPYKERNEL = ['/usr/bin/python3', '-m', 'ipykernel_launcher', '-f'];
const COMPLETIONS = Number(process.env.BENCH_COMPLETIONS ?? 30);
const CELLS = Number(process.env.BENCH_CELLS ?? 1000);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 6000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

// The kernel and every process under it (host, snapshots, completer).
function totalRssMB(k: KernelClient): number {
  const pid = k.process!.pid!;
  return [pid, ...descendantsOf(pid)].reduce((s, p) => s + pssMB(p), 0);
}

interface Language {
  argv?: string[];
  setup: string;
  complete: [string, number];
  flood: string; // writes 50 MB to stdout
  declare: (i: number) => string;
  trivial: string;
}

const cppnb: Language = {
  setup: '#include <iostream>\n#include <vector>\n#include <string>\nstd::vector<int> v;',
  complete: ['std::vec', 8],
  flood: 'std::string line(1023, \'x\'); for (int i = 0; i < 51200; ++i) std::cout << line << \'\\n\'; std::cout.flush();',
  declare: (i) => `int value_${i} = ${i};`,
  trivial: 'int a = 1;',
};
const ipykernel: Language = {
  argv: IPYKERNEL,
  setup: 'import os, sys',
  complete: ['os.pa', 5],
  flood: "line = 'x' * 1023\nfor i in range(51200): print(line)",
  declare: (i) => `value_${i} = ${i}`,
  trivial: 'a = 1',
};

async function measure(lang: Language) {
  const k = new KernelClient({}, { argv: lang.argv });
  await k.start();
  await k.execute(lang.setup);
  // Idle means settled: cppnb's completer parses its preamble in the background
  // for about a second after the first cell (and grows by ~110 MB doing so).
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const idleRss = totalRssMB(k);
  const complete: number[] = [];
  for (let i = 0; i < COMPLETIONS; i++) {
    const t = performance.now();
    const { reply } = await k.request('shell', 'complete_request', { code: lang.complete[0], cursor_pos: lang.complete[1] });
    complete.push(performance.now() - t);
    if ((reply.content.matches as string[]).length === 0) throw new Error(`no completions for ${lang.complete[0]}`);
  }
  k.keepStreams = false;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMB(k.process!.pid!))), 20);
  const t0 = performance.now();
  await k.execute(lang.flood, {}, 300000);
  const floodMs = performance.now() - t0;
  clearInterval(sampler);
  const flood = { ms: floodMs, mbPerS: 50 / (floodMs / 1000), messages: k.streamMessages, avgKB: k.streamChars / Math.max(1, k.streamMessages) / 1024, kernelPeakMB: peak };
  k.keepStreams = true;
  const latency: number[] = [];
  const before = totalRssMB(k);
  for (let i = 0; i < CELLS; i++) {
    const t = performance.now();
    await k.execute(lang.declare(i));
    latency.push(performance.now() - t);
  }
  const after = totalRssMB(k);
  const trivialAfter: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await k.execute(lang.trivial);
    trivialAfter.push(performance.now() - t);
  }
  await k.shutdown();
  return {
    idleRssMB: idleRss,
    completeMs: median(complete),
    flood,
    rssBeforeCellsMB: before,
    rssAfterCellsMB: after,
    cell10Ms: median(latency.slice(0, 20)),
    cell1000Ms: median(latency.slice(-20)),
    trivialAfterMs: median(trivialAfter),
  };
}

const c = await measure(cppnb);
const p = await measure(ipykernel);
const rows: [string, number, number][] = [
  [`complete_request round trip (${cppnb.complete[0]} / ${ipykernel.complete[0]}), ms`, c.completeMs, p.completeMs],
  ['50 MB to stdout: send → idle, ms', c.flood.ms, p.flood.ms],
  ['50 MB to stdout: MB/s', c.flood.mbPerS, p.flood.mbPerS],
  ['50 MB to stdout: stream messages', c.flood.messages, p.flood.messages],
  ['50 MB to stdout: average message, KB', c.flood.avgKB, p.flood.avgKB],
  ['50 MB to stdout: kernel process peak RSS, MB', c.flood.kernelPeakMB, p.flood.kernelPeakMB],
  ['idle kernel memory after the set-up cell (PSS of all its processes), MB', c.idleRssMB, p.idleRssMB],
  [`memory (PSS) after ${CELLS} declaration cells, MB`, c.rssAfterCellsMB, p.rssAfterCellsMB],
  [`memory (PSS) growth over ${CELLS} cells, MB`, c.rssAfterCellsMB - c.rssBeforeCellsMB, p.rssAfterCellsMB - p.rssBeforeCellsMB],
  ['declaration cell latency, cells 1-20, ms', c.cell10Ms, p.cell10Ms],
  [`declaration cell latency, last 20 of ${CELLS}, ms`, c.cell1000Ms, p.cell1000Ms],
  [`trivial cell after ${CELLS} cells, ms`, c.trivialAfterMs, p.trivialAfterMs],
];
console.log('\n| what | cppnb | ipykernel | cppnb / ipykernel |');
console.log('|---|---|---|---|');
for (const [what, a, b] of rows) console.log(`| ${what} | ${a.toFixed(2)} | ${b.toFixed(2)} | ${(a / b).toFixed(2)} |`);
const dir = join(packageRoot, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `load-${new Date().toISOString().slice(0, 10)}.json`);
writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), cells: CELLS, cppnb: c, ipykernel: p }, null, 1));
console.log(`written ${file}`);
process.exit(0);
