// %%slurm at scale on the repository's single-node Slurm cluster: a 200-task
// array, one 10,000-bin histogram per task. Prints where the time goes
// (compile, submit → first task running, submit → all done, merge) and the
// cell's wall time against a reference run in the same process: the same
// executable's 200 tasks run here directly, as many at once as the cluster
// has CPUs. Also the kernel's memory while it merges and defines the result.
// Run: node --import tsx bench/batch.ts (as root; part of npm run bench).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packageRoot } from '../interpreter-bridge/paths.js';
import { KernelClient, result, streamText } from '../test/helpers/kernel-client.js';
import { commandName, descendantsOf, pssMB } from '../test/helpers/processes.js';
import { slurmEnv, startCluster, stopCluster } from '../test/helpers/slurm-cluster.js';

const run = promisify(execFile);
const TASKS = Number(process.env.BENCH_BATCH_TASKS ?? 200);
const BINS = 10_000;

// The kernel's memory (node, the interpreter and its snapshots, the completer),
// and apart from it the processes it runs for a job: the compiler, the merge
// (the job's executable), Slurm's client commands.
function memory(k: KernelClient): { kernel: number; node: number; tools: number } {
  const node = pssMB(k.process!.pid!);
  const m = { kernel: node, node, tools: 0 };
  for (const pid of descendantsOf(k.process!.pid!)) {
    if (/^cppnb-(host|complete)$/.test(commandName(pid))) m.kernel += pssMB(pid);
    else m.tools += pssMB(pid);
  }
  return m;
}

// The job's tasks run directly, `parallel` at a time: the floor Slurm is measured against.
async function direct(dir: string, parallel: number): Promise<number> {
  const out = mkdtempSync(join(tmpdir(), 'cppnb-bench-direct-'));
  mkdirSync(join(out, 'outputs'));
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < TASKS) {
        const task = next++;
        await run(join(dir, 'program'), [], { env: { ...process.env, CPPNB_JOB_DIR: out, CPPNB_TASK_ID: String(task), CPPNB_TASK_COUNT: String(TASKS) } });
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

async function main() {
  const batchDir = mkdtempSync(join(tmpdir(), 'cppnb-bench-batch-'));
  await startCluster();
  const k = new KernelClient({ ...slurmEnv(), CPPNB_BATCH_DIR: batchDir });
  try {
    await k.start();
    await k.execute('#include <TH1D.h>\n#include <TRandom3.h>');
    // The completer re-parses its preamble after new includes (~110 MB): let it settle first.
    await new Promise((r) => setTimeout(r, 5000));
    const start = memory(k);
    const before = start.kernel;
    const peak = { kernel: before, node: start.node, tools: 0 };
    const sampler = setInterval(() => {
      const now = memory(k);
      peak.kernel = Math.max(peak.kernel, now.kernel);
      peak.node = Math.max(peak.node, now.node);
      peak.tools = Math.max(peak.tools, now.tools);
    }, 20);
    const started = performance.now();
    const cell = await k.execute(
      `%%slurm --array=0-${TASKS - 1} --name=scale\n` +
        'TRandom3 rng(cppnb::batch::task_id() + 1);\n' +
        `TH1D h("h", "scale", ${BINS}, -5, 5);\n` +
        'for (int i = 0; i < 100000; ++i) h.Fill(rng.Gaus());\n' +
        'cppnb::batch::output("h", h);',
      {},
      900_000,
    );
    const cellSeconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    if (cell.reply.content.status !== 'ok') throw new Error(JSON.stringify(cell.reply.content));
    const entries = result((await k.execute('(long)h.GetEntries()')).iopub);
    const jobDir = join(batchDir, readdirSync(batchDir).find((d) => d.startsWith('scale-'))!);
    const t = JSON.parse(readFileSync(join(jobDir, 'timings.json'), 'utf8')) as Record<string, number>;
    const parallel = availableParallelism();
    const floor = await direct(jobDir, parallel);
    const overhead = cellSeconds - t.compileSeconds - floor;
    const rows: [string, string][] = [
      ['tasks × bins', `${TASKS} × ${BINS} (entries merged: ${entries})`],
      ['compile the job (clang-22 -O2)', `${t.compileSeconds.toFixed(2)} s`],
      ['submit → first task running', `${t.submitToFirstRunningSeconds.toFixed(2)} s`],
      ['submit → every task done (seen by the poll)', `${t.submitToDoneSeconds.toFixed(2)} s`],
      [`merge ${TASKS} outputs (job's executable)`, `${t.mergeSeconds.toFixed(3)} s`],
      ['whole cell, send → reply', `${cellSeconds.toFixed(2)} s`],
      [`reference: the ${TASKS} tasks run directly, ${parallel} at a time`, `${floor.toFixed(2)} s`],
      ['overhead: cell − compile − reference', `${overhead.toFixed(2)} s (cell without compile / reference = ${((cellSeconds - t.compileSeconds) / floor).toFixed(2)})`],
      ['kernel memory (PSS: node, interpreter, snapshots)', `${before.toFixed(0)} MB before, ${peak.kernel.toFixed(0)} MB peak (node alone: ${start.node.toFixed(0)} → ${peak.node.toFixed(0)} MB)`],
      ['its child processes at their peak (compiler, merge, Slurm commands; PSS)', `${peak.tools.toFixed(0)} MB`],
      ['poll interval', `${process.env.CPPNB_BATCH_POLL_MS ?? 2000} ms`],
    ];
    const w = Math.max(...rows.map((r) => r[0].length));
    console.log(`\n%%slurm at scale (single-node Slurm, ${parallel} CPUs)\n`);
    for (const [what, value] of rows) console.log(`  ${what.padEnd(w)}  ${value}`);
    console.log(streamText(cell.iopub, 'stdout').trim());
    const resultsDir = join(packageRoot, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(
      join(resultsDir, `batch-${new Date().toISOString().slice(0, 10)}.json`),
      JSON.stringify({ tasks: TASKS, bins: BINS, ...t, cellSeconds, referenceSeconds: floor, overheadSeconds: overhead, kernelMBBefore: before, kernelMBPeak: peak.kernel, childProcessesMBPeak: peak.tools }, null, 1),
    );
  } finally {
    await k.shutdown();
    stopCluster();
  }
}

await main();
