// %%slurm through the real kernel, against a real single-node Slurm cluster
// (scripts/slurm-cluster.sh: munged, slurmctld and slurmd on this machine).
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { servedCopy, startXRootD } from './helpers/file-servers.js';
import { KernelClient, ofType, result, streamText, type Outputs } from './helpers/kernel-client.js';
import { slurmConf, slurmEnv, startCluster, stopCluster } from './helpers/slurm-cluster.js';
import { packageRoot } from '../interpreter-bridge/paths.js';
import { tempDir } from './helpers/temp-dir.js';

// The Slurm job id a cell's progress display names.
function jobIdOf(iopub: { content: Record<string, unknown> }[]): string {
  for (const m of iopub) {
    const text = (m.content.data as Record<string, string> | undefined)?.['text/plain'] ?? '';
    const id = /Slurm job (\d+)/.exec(text);
    if (id) return id[1];
  }
  throw new Error('no job id shown');
}

// Runs code in kernel c; the cell must succeed (its reply is shown when it does not).
async function ok(c: KernelClient, code: string): Promise<Outputs> {
  const r = await c.execute(code);
  expect(r.reply.content, `${code.split('\n')[0]}: ${JSON.stringify(r.reply.content)}`).to.include({ status: 'ok' });
  return r;
}

function squeue(id: string): string {
  return execFileSync('squeue', ['-h', '-j', id], { env: { ...process.env, ...slurmEnv() }, encoding: 'utf8' }).trim();
}

function processesUnder(dir: string): string {
  try {
    return execFileSync('pgrep', ['-af', dir], { encoding: 'utf8' }).trim();
  } catch {
    return ''; // pgrep exits 1 when nothing matches
  }
}

const batchDir = realpathSync(tempDir('batch'));

describe('%%slurm on a real Slurm cluster', function () {
  this.timeout(180000);
  const k = new KernelClient({ ...slurmEnv(), CPPNB_BATCH_DIR: batchDir, CPPNB_BATCH_POLL_MS: '300' });
  before(async () => {
    await startCluster();
    await k.start();
  });
  after(async () => {
    await k.shutdown();
    stopCluster();
  });

  it('runs the toy example: 4 tasks, merged histogram defined in the session with every entry', async () => {
    await k.execute('#include <TH1D.h>\n#include <TRandom3.h>');
    const cell = await ok(
      k,
      '%%slurm --array=0-3 --name=toy\n' +
        'TRandom3 rng(1000 + cppnb::batch::task_id());\n' +
        'TH1D h("h", "toy;x;events", 100, -5, 5);\n' +
        'for (int i = 0; i < 100000; ++i) h.Fill(rng.Gaus());\n' +
        'cppnb::batch::output("h", h);',
    );
    const displays = ofType(cell.iopub, 'display_data');
    const updates = ofType(cell.iopub, 'update_display_data');
    expect(displays).to.have.length(1);
    expect(updates.length).to.be.greaterThan(0);
    const last = updates[updates.length - 1].content.data as Record<string, string>;
    expect(last['text/plain']).to.match(/toy \(Slurm job \d+\) 4 tasks: 0 pending, 0 running, 4 done, 0 failed/);
    expect(streamText(cell.iopub, 'stdout')).to.match(/toy: merged the outputs of 4 tasks in [\d.]+ s; defined h \(cppnb::root::TH1D\)/);
    expect(result((await k.execute('(long)h.GetEntries()')).iopub)).to.equal('400000');
    // Compiled with the set-up's precompiled headers for jobs (host/Makefile).
    const job = readdirSync(batchDir).find((d) => d.startsWith('toy-'))!;
    expect(JSON.parse(readFileSync(join(batchDir, job, 'timings.json'), 'utf8'))).to.include({ precompiledHeaders: true });
    const title = await k.execute('std::string(h.GetTitle()) + "|" + h.GetXaxis()->GetTitle()');
    expect(result(title.iopub)).to.equal('"toy|x"');
    // A second job defining h replaces the first h, as a re-run cell would.
    const again = await ok(
      k,
      '%%slurm --array=0-1 --name=toy\n' +
        'TH1D h("h", "again;y;events", 10, 0, 1);\n' +
        'for (int i = 0; i < 7; ++i) h.Fill(0.5);\n' +
        'cppnb::batch::output("h", h);',
    );
    expect(result((await k.execute('std::to_string((long)h.GetEntries()) + h.GetTitle()')).iopub)).to.equal('"14again"');
  });

  it('builds the program from the session: %include directories, %lib libraries, declarations kept, statements not re-run', async () => {
    const lib = join(batchDir, 'libdemo');
    mkdirSync(join(lib, 'include'), { recursive: true });
    writeFileSync(join(lib, 'include', 'demo.h'), '#pragma once\nextern "C" int demo_answer();\n');
    writeFileSync(join(lib, 'demo.c'), 'int demo_answer(void) { return 42; }\n');
    execFileSync('cc', ['-shared', '-fPIC', '-o', join(lib, 'libdemo.so'), join(lib, 'demo.c')]);
    for (const code of [`%include ${join(lib, 'include')}`, `%lib ${join(lib, 'libdemo.so')}`, '#include <demo.h>', 'int counter = 1;\nint twice(int x) { return 2 * x; }', 'counter = 5;', 'int twice(int x) { return 3 * x; }']) {
      await ok(k, code);
    }
    const cell = await ok(
      k,
      '%%slurm --name=session\n' +
        'cppnb::batch::output("from_lib", demo_answer());\n' +
        'cppnb::batch::output("counter_in_job", counter);\n' +
        'cppnb::batch::output("twice_in_job", twice(10));',
    );
    expect(result((await k.execute('from_lib')).iopub)).to.equal('42');
    expect(result((await k.execute('counter_in_job')).iopub)).to.equal('1'); // `counter = 5;` is a statement: not re-run
    expect(result((await k.execute('twice_in_job')).iopub)).to.equal('30'); // the last definition of twice
  });

  it('deals --inputs files to the tasks in turn and merges numbers and vectors in task order', async () => {
    const pattern = join(packageRoot, 'examples', 'data', 'runs', '*.csv');
    const cell = await ok(
      k,
      `%%slurm --array=0-2 --name=runs --inputs ${pattern}\n` +
        '#include <fstream>\n' +
        'long events = 0;\n' +
        'std::vector<std::string> seen;\n' +
        'for (const auto &file : cppnb::batch::inputs()) {\n' +
        '  std::ifstream in(file);\n' +
        '  for (std::string line; std::getline(in, line);) if (!line.empty() && std::isdigit(line[0])) ++events;\n' +
        '  seen.push_back(file.substr(file.rfind(\'/\') + 1));\n' +
        '}\n' +
        'cppnb::batch::output("events", events);\n' +
        'cppnb::batch::output("files", seen);\n' +
        'cppnb::batch::output("count", cppnb::batch::task_count());',
    );
    expect(result((await k.execute('events')).iopub)).to.equal('4800');
    expect(result((await k.execute('count')).iopub)).to.equal('9'); // 3 tasks, each saw task_count() == 3
    const files = await k.execute('std::string all; for (auto &f : files) all += f + " "; all');
    expect(result(files.iopub)).to.equal('"run-01.csv run-04.csv run-07.csv run-02.csv run-05.csv run-08.csv run-03.csv run-06.csv "');
  });

  it('reads the .root files --inputs gave each task, and merges the histograms they fill', async () => {
    const pattern = join(packageRoot, 'test', 'data', 'root-files', 'uproot-Zmumu*.root');
    await ok(
      k,
      `%%slurm --array=0-1 --name=zmumu --inputs ${pattern}\n` +
        '#include <TFile.h>\n#include <TTreeReader.h>\n#include <TH1D.h>\n' +
        'TH1D mass("mass", "dimuon mass;M [GeV];events", 60, 60, 120);\n' +
        'for (const auto &path : cppnb::batch::inputs()) {\n' +
        '  TFile f(path.c_str());\n' +
        '  TTreeReader r("events", &f);\n' +
        '  TTreeReaderValue<double> M(r, "M");\n' +
        '  while (r.Next()) mass.Fill(*M);\n' +
        '}\n' +
        'cppnb::batch::output("mass", mass);',
    );
    // Five files (every compression) of 2304 events each, over two tasks.
    expect(result((await k.execute('mass.GetEntries()')).iopub)).to.equal('11520.0');
  });

  it('deals root:// files to the tasks from --inputs, wildcards in any element listed by the server, read where they live (XRootD)', async () => {
    // run1/ and run2/ hold a file each; other/ one the pattern must not take.
    const zmumu = join(packageRoot, 'test', 'data', 'root-files', 'uproot-Zmumu.root');
    const served = servedCopy([zmumu]);
    for (const dir of ['run1', 'run2', 'other']) {
      mkdirSync(join(served, dir), { mode: 0o755 });
      copyFileSync(zmumu, join(served, dir, `${dir}.root`));
      chmodSync(join(served, dir), 0o755);
      chmodSync(join(served, dir, `${dir}.root`), 0o644);
    }
    const xrootd = await startXRootD(served);
    const cell = (inputs: string, name: string) =>
      `%%slurm --name=${name} --array=0-1 --inputs ${inputs}\n` +
      '#include <TFile.h>\n#include <TTreeReader.h>\n#include <TH1D.h>\n' +
      `TH1D ${name}("${name}", "dimuon mass", 60, 60, 120);\n` +
      'for (const auto &url : cppnb::batch::inputs()) {\n' +
      '  auto f = TFile::Open(url.c_str());\n' +
      '  TTreeReader r("events", f);\n' +
      '  TTreeReaderValue<double> M(r, "M");\n' +
      `  while (r.Next()) ${name}.Fill(*M);\n` +
      '}\n' +
      `cppnb::batch::output("${name}", ${name});`;
    try {
      await ok(k, cell(`${xrootd.url}/uproot-Zmumu.root`, 'rmass'));
      expect(result((await k.execute('rmass.GetEntries()')).iopub)).to.equal('2304.0');
      // Two files over two tasks: the server listed run*/ and then *.root in each.
      await ok(k, cell(`'${xrootd.url}/run*/*.root'`, 'wmass'));
      expect(result((await k.execute('wmass.GetEntries()')).iopub)).to.equal('4608.0');
      for (const [inputs, message] of [
        [`${xrootd.url}/run*/*.nothing`, /matches no file on the server/],
        ['https://localhost:1/data/*.root', /HTTP lists no directories/],
        ['root://localhost:1//data/*.root', /cannot list root:\/\/localhost:1\/\/data/],
      ] as const) {
        const wild = await k.execute(`%%slurm --name=wild --inputs ${inputs}\nint z = 1;`);
        expect(wild.reply.content, inputs).to.include({ status: 'error', ename: 'UsageError' });
        expect(String(wild.reply.content.evalue), inputs).to.match(message);
      }
    } finally {
      xrootd.stop();
    }
  });

  it('a compile error is reported like any cell\'s, and nothing is submitted', async () => {
    const before = execFileSync('squeue', ['-h', '-o', '%i'], { env: { ...process.env, ...slurmEnv() }, encoding: 'utf8' });
    const cell = await k.execute('%%slurm --name=broken\nint y = undefined_thing + 1;');
    expect(cell.reply.content).to.include({ status: 'error', ename: 'CompileError' });
    expect(String(cell.reply.content.evalue)).to.match(/this cell:2:9: error: use of undeclared identifier 'undefined_thing'/);
    const cannotSend = await k.execute('%%slurm --name=unsendable\nstruct Point { double x, y; };\ncppnb::batch::output("p", Point{1, 2});');
    expect(cannotSend.reply.content).to.include({ ename: 'CompileError' });
    expect((cannotSend.reply.content.traceback as string[]).join('\n')).to.match(/cppnb::batch::output sends ROOT-like histograms .* and std::vector of those/);
    expect(execFileSync('squeue', ['-h', '-o', '%i'], { env: { ...process.env, ...slurmEnv() }, encoding: 'utf8' })).to.equal(before);
  });

  it('a failing task ends the cell with its exit reason and stderr; --partial merges the rest', async () => {
    const cell = await k.execute(
      '%%slurm --array=0-2 --name=failing\n' +
        'if (cppnb::batch::task_id() == 1) { std::fprintf(stderr, "bad calibration in task 1\\n"); std::exit(3); }\n' +
        'cppnb::batch::output("good", 1);',
    );
    expect(cell.reply.content).to.include({ status: 'error', ename: 'BatchTaskFailed' });
    expect(String(cell.reply.content.evalue)).to.match(/task 1 of failing \(job \d+\) failed: exit code 3[\s\S]*bad calibration in task 1/);
    expect((await k.execute('good')).reply.content.ename).to.equal('CompileError');
    const partial = await ok(k, '%slurm collect failing --partial');
    expect(streamText(partial.iopub, 'stdout')).to.match(/merged the outputs of 2 tasks \(1 failed, left out\)/);
    expect(result((await k.execute('good')).iopub)).to.equal('2');
    const log = await k.execute('%slurm log failing 1');
    expect(streamText(log.iopub, 'stdout')).to.match(/==> task 1 stderr .*<==\nbad calibration in task 1\n/);
    const mismatch = await k.execute('%%slurm --array=0-1 --name=mismatch\ncppnb::root::TH1D m("m", "", 10, 0, 1 + cppnb::batch::task_id());\ncppnb::batch::output("m", m);');
    expect(mismatch.reply.content).to.include({ status: 'error', ename: 'BatchMergeError' });
    expect(String(mismatch.reply.content.evalue)).to.match(/cannot merge output m of .*task-1\.bin: they have different bins or axis ranges/);
    const crash = await k.execute('%%slurm --name=crashing\n#include <csignal>\nstd::fprintf(stderr, "about to abort\\n");\nstd::abort();');
    expect(crash.reply.content).to.include({ status: 'error', ename: 'BatchTaskFailed' });
    expect(String(crash.reply.content.evalue)).to.match(/task 0 of crashing \(job \d+\) failed: killed by signal 6 \(SIGABRT\)[\s\S]*about to abort/);
  });

  it('interrupting the cell cancels the job: no task keeps running, and the session keeps its state', async () => {
    await k.execute('int kept_through_interrupt = 5;');
    const id = await k.send('shell', 'execute_request', {
      code: '%%slurm --array=0-1 --name=sleepy\n#include <unistd.h>\nsleep(600);',
      silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true,
    });
    await k.waitIopub(id, (m) => /2 running/.test(String((m.content.data as Record<string, string> | undefined)?.['text/plain'])), 60000);
    expect(processesUnder(join(batchDir, 'sleepy-'))).to.match(/program/);
    await k.request('control', 'interrupt_request', {});
    const reply = await k.waitReply(id, 60000);
    expect(reply.content).to.include({ status: 'error', ename: 'Interrupted' });
    expect(String(reply.content.evalue)).to.match(/job \d+ \(sleepy\) was cancelled and none of its tasks is running/);
    const iopub = await k.waitIdle(id);
    expect(squeue(jobIdOf(iopub))).to.equal('');
    expect(processesUnder(join(batchDir, 'sleepy-'))).to.equal('');
    expect(result((await k.execute('kept_through_interrupt')).iopub)).to.equal('5');
  });

  it('--no-wait returns at once; after a kernel restart %slurm jobs lists the job and %slurm collect defines its outputs', async () => {
    const cell = await ok(k, '%%slurm --no-wait --array=0-1 --name=later\ncppnb::batch::output("total", 10 + cppnb::batch::task_id());');
    const text = ofType(cell.iopub, 'update_display_data').map((m) => (m.content.data as Record<string, string>)['text/plain']).join('\n');
    expect(text).to.match(/submitted; %slurm collect later waits for it/);
    const fresh = new KernelClient({ ...slurmEnv(), CPPNB_BATCH_DIR: batchDir, CPPNB_BATCH_POLL_MS: '300' });
    await fresh.start();
    try {
      const jobs = streamText((await fresh.execute('%slurm jobs')).iopub, 'stdout');
      expect(jobs).to.match(/^NAME +JOB +TASKS +STATE/);
      expect(jobs).to.match(/\nlater +\d+ +2 +/);
      const collect = await ok(fresh, '%slurm collect later');
      expect(result((await fresh.execute('total')).iopub)).to.equal('21');
      expect(streamText((await fresh.execute('%slurm jobs')).iopub, 'stdout')).to.match(/\nlater +\d+ +2 +collected/);
    } finally {
      await fresh.shutdown();
    }
  });

  it('a kernel shut down while its cell follows a job leaves the job running, to be collected later', async () => {
    const leaving = new KernelClient({ ...slurmEnv(), CPPNB_BATCH_DIR: batchDir, CPPNB_BATCH_POLL_MS: '300' });
    await leaving.start();
    const id = await leaving.send('shell', 'execute_request', {
      code: '%%slurm --name=outlives\n#include <unistd.h>\nsleep(600);',
      silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true,
    });
    const running = await leaving.waitIopub(id, (m) => /1 running/.test(String((m.content.data as Record<string, string> | undefined)?.['text/plain'])), 60000);
    const job = jobIdOf([running]);
    await leaving.shutdown();
    expect(squeue(job)).to.match(/outlives/);
    const cancel = await k.execute('%slurm cancel outlives');
    expect(streamText(cancel.iopub, 'stdout')).to.equal(`Cancelled job ${job} (outlives).\n`);
    expect(squeue(job)).to.equal('');
  });

  it('%slurm cancel stops a job sent with --no-wait; a submission Slurm rejects gives its message', async () => {
    const cell = await ok(k, '%%slurm --no-wait --array=0-1 --name=idle\n#include <unistd.h>\nsleep(600);');
    const id = jobIdOf(ofType(cell.iopub, 'update_display_data'));
    const cancel = await k.execute('%slurm cancel idle');
    expect(streamText(cancel.iopub, 'stdout')).to.equal(`Cancelled job ${id} (idle).\n`);
    expect(squeue(id)).to.equal('');
    expect(processesUnder(join(batchDir, 'idle-'))).to.equal('');
    expect(streamText((await k.execute('%slurm jobs')).iopub, 'stdout')).to.match(/\nidle +\d+ +2 +cancelled/);
    const rejected = await k.execute('%%slurm --partition=nosuchpartition --name=rejected\ncppnb::batch::output("x", 1);');
    expect(rejected.reply.content).to.include({ status: 'error', ename: 'BatchSystemError' });
    expect(String(rejected.reply.content.evalue)).to.match(/^sbatch failed: sbatch: error: .*invalid partition/i);
  });

  it('without a reachable controller: one clear error with Slurm\'s own message, and the session is untouched', async () => {
    const conf = join(batchDir, 'unreachable.conf');
    writeFileSync(conf, readFileSync(slurmConf, 'utf8').replace(/^SlurmctldPort=.*$/m, 'SlurmctldPort=9'));
    const lonely = new KernelClient({ SLURM_CONF: conf, CPPNB_BATCH_DIR: batchDir });
    await lonely.start();
    try {
      await lonely.execute('int kept = 7;');
      const cell = await lonely.execute('%%slurm --name=nowhere\ncppnb::batch::output("x", 1);');
      expect(cell.reply.content).to.include({ status: 'error', ename: 'BatchSystemError' });
      expect(String(cell.reply.content.evalue)).to.match(/^sbatch failed: sbatch: error: Batch job submission failed: Unable to contact slurm controller/);
      expect(result((await lonely.execute('kept')).iopub)).to.equal('7');
    } finally {
      await lonely.shutdown();
    }
  });
});
