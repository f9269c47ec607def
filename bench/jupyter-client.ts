// The same round trips through Debian's jupyter_client (BlockingKernelClient),
// the client Python tools use, for cppnb and ipykernel in one run
// (bench/jupyter_client_rtt.py does the measuring). Part of `npm run bench`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../interpreter-bridge/paths.js';
import { jupyterEnv, PYTHON } from '../test/helpers/jupyter-env.js';

const ROUND_TRIPS = process.env.BENCH_ROUND_TRIPS ?? '200';
const run = spawnSync(PYTHON, [join(packageRoot, 'bench', 'jupyter_client_rtt.py'), ROUND_TRIPS], {
  env: { ...jupyterEnv(), PYDEVD_DISABLE_FILE_VALIDATION: '1' },
  encoding: 'utf8',
  timeout: 600000,
});
if (run.status !== 0) {
  console.error(run.stderr);
  process.exit(1);
}
const r = JSON.parse(run.stdout) as Record<'cppnb' | 'python3', Record<string, number>>;
const rows: [string, string][] = [
  ['start_new_kernel → ready', 'start_to_ready_ms'],
  ['kernel_info round trip', 'kernel_info_ms'],
  ['trivial cell (execute_interactive)', 'trivial_cell_ms'],
];
console.log(`\nthrough jupyter_client's BlockingKernelClient, medians of ${ROUND_TRIPS} (ms)\n`);
console.log('| what | cppnb | ipykernel | cppnb / ipykernel |');
console.log('|---|---|---|---|');
for (const [what, key] of rows) console.log(`| ${what} | ${r.cppnb[key].toFixed(2)} | ${r.python3[key].toFixed(2)} | ${(r.cppnb[key] / r.python3[key]).toFixed(2)} |`);
const dir = join(packageRoot, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `jupyter-client-${new Date().toISOString().slice(0, 10)}.json`);
writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), roundTrips: Number(ROUND_TRIPS), ...r }, null, 1));
console.log(`written ${file}`);
