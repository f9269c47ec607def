// Event loops at compiled speed (issue 19): the same loops run as notebook
// cells (plain, and under `#pragma cling optimize(2)`) and as g++ -O2
// programs built against the same headers and library, in one run. Each loop
// times itself (steady_clock around the loop only), so compilation and the
// kernel's messages are not counted; the best of BENCH_RUNS is kept.
// Run: npm run bench.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_STANDARD } from '../interpreter-bridge/cell-flags.js';
import { packageRoot, rootIncludeDir, rootLibraryDir } from '../interpreter-bridge/paths.js';
import { executeOk, KernelClient, streamText } from '../test/helpers/kernel-client.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const SETUP = '#include "TH1D.h"\n#include "TRandom3.h"\n#include <chrono>\n#include <cstdio>\n';
// Each loop prints "seconds" and a checksum (so nothing is optimised away, and
// the cell and the program are seen to compute the same thing).
// The loop starts from the same state each time (reset), as the program does.
const LOOPS: Record<string, { globals: string; loop: string }> = {
  'fill 10⁷ `h.Fill(r.Gaus())` in a TH1D': {
    globals: 'TH1D h("h", "h", 100, -4, 4); TRandom3 r;',
    loop: 'h.Reset(); r.SetSeed(4357);\nfor (int i = 0; i < 10000000; ++i) h.Fill(r.Gaus());\nprintf("%.4f %.6g\\n", seconds(), h.GetMean());',
  },
  'harmonic sum of 10⁸ terms': {
    globals: 'double hs = 0;',
    loop: 'hs = 0;\nfor (int i = 1; i <= 100000000; ++i) hs += 1.0 / i;\nprintf("%.4f %.10g\\n", seconds(), hs);',
  },
};
const TIMER = 'static auto bench_t0 = std::chrono::steady_clock::now();\n' +
  'static double seconds() { return std::chrono::duration<double>(std::chrono::steady_clock::now() - bench_t0).count(); }\n';
const start = 'bench_t0 = std::chrono::steady_clock::now();\n';

function parse(out: string): { s: number; check: string } {
  const [s, check] = out.trim().split(/\s+/);
  return { s: Number(s), check };
}

// The cell's objects are globals of the session; the program has them either
// as globals too (what the cell compiles to) or as locals of main, where g++
// sees their types and inlines and devirtualises the whole loop.
function program(name: string, globals: string, loop: string, local: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'cppnb-speed-'));
  const src = join(dir, 'loop.cpp');
  const body = local ? `int main() {\n${globals}\n${start}${loop}\n}\n` : `${globals}\nint main() {\n${start}${loop}\n}\n`;
  writeFileSync(src, `${SETUP}${TIMER}${body}`);
  const exe = join(dir, name);
  execFileSync('g++', ['-O2', `-std=${DEFAULT_STANDARD}`, `-I${rootIncludeDir}`, `-I${join(packageRoot, 'interpreter-bridge', 'include')}`, src, '-o', exe,
    `-L${rootLibraryDir}`, '-lcppnb-root', `-Wl,-rpath,${rootLibraryDir}`]);
  return exe;
}

const rows: Record<string, unknown>[] = [];
console.log(`\nloops in cells against g++ -O2 programs of the same code, best of ${RUNS} (ratios: to the program with globals / with locals)\n`);
console.log('| loop | g++ -O2, globals | g++ -O2, locals | cell | cell, `#pragma cling optimize(2)` | cell compile + messages, plain / optimised | results |');
console.log('|---|---|---|---|---|---|---|');
const k = new KernelClient();
await k.start();
await executeOk(k, SETUP + TIMER + Object.values(LOOPS).map((l) => l.globals).join('\n'));
for (const [what, { globals, loop }] of Object.entries(LOOPS)) {
  const exe = program('loop', globals, loop, false), local = program('loop', globals, loop, true);
  const best = { gpp: Infinity, gppLocal: Infinity, cell: Infinity, optimized: Infinity };
  const checks = new Set<string>();
  const compile = { cell: 0, optimized: 0 };
  for (let run = 0; run < RUNS; run++) {
    const g = parse(execFileSync(exe, { encoding: 'utf8' }));
    const l = parse(execFileSync(local, { encoding: 'utf8' }));
    best.gpp = Math.min(best.gpp, g.s);
    best.gppLocal = Math.min(best.gppLocal, l.s);
    checks.add(g.check).add(l.check);
    for (const variant of ['cell', 'optimized'] as const) {
      const pragma = variant === 'optimized' ? '#pragma cling optimize(2)\n' : '';
      const t = performance.now();
      const iopub = await executeOk(k, `${pragma}{\n${start}${loop}\n}`);
      const wall = performance.now() - t;
      const c = parse(streamText(iopub, 'stdout'));
      best[variant] = Math.min(best[variant], c.s);
      compile[variant] = Math.max(compile[variant], wall - c.s * 1000);
      checks.add(c.check);
    }
  }
  rows.push({ what, ...best, compile, sameResult: checks.size === 1 });
  const vs = (s: number) => `${s.toFixed(3)} s (${(s / best.gpp).toFixed(2)}× / ${(s / best.gppLocal).toFixed(2)}×)`;
  console.log(`| ${what} | ${best.gpp.toFixed(3)} s | ${best.gppLocal.toFixed(3)} s | ${vs(best.cell)} | ${vs(best.optimized)} | ` +
    `${compile.cell.toFixed(0)} / ${compile.optimized.toFixed(0)} ms | ${checks.size === 1 ? 'same' : [...checks].join(' / ')} |`);
}
await k.shutdown();
const dir = join(packageRoot, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `compiled-speed-${new Date().toISOString().slice(0, 10)}.json`);
writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), runs: RUNS, rows }, null, 1));
console.log(`written ${file}`);
process.exit(0);
