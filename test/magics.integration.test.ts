// Every magic through the real kernel, host and terminal, over real ZMQ.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KernelClient, ofType, result, streamText } from './helpers/kernel-client.js';
import { childrenOf, descendantsOf } from './helpers/processes.js';
import { tempDir } from './helpers/temp-dir.js';

const dir = realpathSync(tempDir('magics'));

describe('magics', function () {
  this.timeout(120000);
  const k = new KernelClient();
  before(async () => {
    await k.start();
    await k.execute('#include <cstdio>\n#include <cstdlib>\n#include <string>\n#include <unistd.h>\nint x = 41;');
  });
  after(() => k.shutdown());

  it('an unknown magic names itself in a UsageError and runs nothing of the cell', async () => {
    const { reply } = await k.execute('%foo bar\nint never_defined = 1;');
    expect(reply.content).to.include({ status: 'error', ename: 'UsageError', evalue: 'Line magic function %foo not found.' });
    const cell = await k.execute('%%nope\nwhatever');
    expect(cell.reply.content).to.include({ ename: 'UsageError', evalue: 'Cell magic %%nope not found.' });
    expect((await k.execute('never_defined')).reply.content.ename).to.equal('CompileError');
  });

  it('bad arguments give the magic its usage', async () => {
    const { reply } = await k.execute('%timeit -r zero x + 1');
    expect(reply.content).to.include({ ename: 'UsageError' });
    expect(String(reply.content.evalue)).to.match(/-r needs a positive integer[\s\S]*Usage: %timeit/);
  });

  it('%lsmagic lists line and cell magics; %name? and %%name? page their help', async () => {
    const ls = streamText((await k.execute('%lsmagic')).iopub, 'stdout');
    expect(ls).to.match(/Available line magics:[\s\S]*%timeit[\s\S]*Available cell magics:[\s\S]*%%bash/);
    for (const code of ['%timeit?', '%%writefile?']) {
      const { reply } = await k.execute(code);
      const [page] = reply.content.payload as { source: string; data: Record<string, string> }[];
      expect(page.source).to.equal('page');
      expect(page.data['text/plain']).to.match(/^%%?(timeit|writefile)/);
    }
  });

  it('`!cmd` and %%bash run in a terminal, stream output, and report a non-zero exit status', async () => {
    const tty = await k.execute('!test -t 1 && echo on a terminal');
    expect(streamText(tty.iopub, 'stdout')).to.equal('on a terminal\n');
    const bash = await k.execute('%%bash\nfor i in 1 2 3; do echo "line $i"; done\nprintf "50%%\\r100%%\\n"');
    expect(streamText(bash.iopub, 'stdout')).to.equal('line 1\nline 2\nline 3\n50%\r100%\n');
    const failing = await k.execute('%%sh\necho before; exit 3');
    expect(streamText(failing.iopub, 'stdout')).to.equal('before\n');
    expect(failing.reply.content).to.include({ status: 'error', ename: 'CalledProcessError' });
    expect(String(failing.reply.content.evalue)).to.match(/non-zero exit status 3/);
  });

  it('shell output arrives while the command runs, not at its end', async () => {
    const { iopub } = await k.execute('%%bash\necho first; sleep 1; echo second');
    const streams = ofType(iopub, 'stream');
    expect(streams.map((m) => m.content.text).join('')).to.equal('first\nsecond\n');
    const at = (text: string) => Date.parse(String(streams.find((m) => String(m.content.text).includes(text))!.header.date));
    expect(at('second') - at('first')).to.be.greaterThan(500);
  });

  it('an interrupt stops a shell command, and the session goes on', async () => {
    const id = await k.send('shell', 'execute_request', { code: '%%bash\necho started; sleep 30; echo never', silent: false, store_history: true, user_expressions: {}, allow_stdin: false });
    await k.waitIopub(id, (m) => m.header.msg_type === 'stream');
    const t0 = Date.now();
    await k.request('control', 'interrupt_request', {});
    const reply = await k.waitReply(id, 5000);
    expect(Date.now() - t0).to.be.lessThan(1500);
    expect(reply.content).to.include({ status: 'error', ename: 'Interrupted' });
    expect(result((await k.execute('x')).iopub)).to.equal('41');
  });

  it('%cd and %env change the directory and environment of the shell and of C++ alike', async () => {
    mkdirSync(join(dir, 'work'), { recursive: true });
    const cd = await k.execute(`%cd ${join(dir, 'work')}`);
    expect(streamText(cd.iopub, 'stdout')).to.equal(`${join(dir, 'work')}\n`);
    expect(result((await k.execute('%pwd')).iopub)).to.equal(JSON.stringify(join(dir, 'work')));
    await k.execute('%env CPPNB_MAGIC_TEST=hello there');
    const both = await k.execute('!pwd; echo "$CPPNB_MAGIC_TEST"\nchar here[4096]; getcwd(here, sizeof here);\nprintf("%s %s\\n", here, getenv("CPPNB_MAGIC_TEST"));');
    expect(streamText(both.iopub, 'stdout')).to.equal(`${join(dir, 'work')}\nhello there\n${join(dir, 'work')} hello there\n`);
    expect(result((await k.execute('%env CPPNB_MAGIC_TEST')).iopub)).to.equal('"hello there"');
    const missing = await k.execute('%cd /no/such/dir');
    expect(missing.reply.content).to.include({ ename: 'FileNotFoundError' });
    await k.execute(`%cd ${dir}`);
  });

  it('%%writefile writes (and -a appends); %run runs a C++ file in the session; %load fills the cell', async () => {
    const w = await k.execute(`%%writefile ${join(dir, 'defs.cpp')}\nint from_file = 7;\nprintf("ran the file\\n");`);
    expect(streamText(w.iopub, 'stdout')).to.equal(`Writing ${join(dir, 'defs.cpp')}\n`);
    const a = await k.execute(`%%writefile -a ${join(dir, 'defs.cpp')}\nint also = 8;`);
    expect(streamText(a.iopub, 'stdout')).to.equal(`Appending to ${join(dir, 'defs.cpp')}\n`);
    expect(readFileSync(join(dir, 'defs.cpp'), 'utf8')).to.equal('int from_file = 7;\nprintf("ran the file\\n");\nint also = 8;\n');
    const r = await k.execute(`%run ${join(dir, 'defs.cpp')}`);
    expect(streamText(r.iopub, 'stdout')).to.equal('ran the file\n');
    expect(result((await k.execute('from_file + also')).iopub)).to.equal('15');
    const load = await k.execute(`%load ${join(dir, 'defs.cpp')}`);
    const [p] = load.reply.content.payload as { source: string; text: string; replace: boolean }[];
    expect(p).to.deep.include({ source: 'set_next_input', replace: true });
    expect(p.text).to.equal(`// %load ${join(dir, 'defs.cpp')}\nint from_file = 7;\nprintf("ran the file\\n");\nint also = 8;\n`);
    expect((await k.execute('%run /no/such.cpp')).reply.content.ename).to.equal('FileNotFoundError');
  });

  it('%%html, %%markdown, %%latex, %%svg and %%javascript display the cell as their MIME type', async () => {
    const kinds: Record<string, string> = {
      html: 'text/html',
      markdown: 'text/markdown',
      latex: 'text/latex',
      svg: 'image/svg+xml',
      javascript: 'application/javascript',
    };
    for (const [magic, mime] of Object.entries(kinds)) {
      const { iopub } = await k.execute(`%%${magic}\n<b>body of ${magic}</b>`);
      const [d] = ofType(iopub, 'display_data');
      expect((d.content.data as Record<string, string>)[mime]).to.equal(`<b>body of ${magic}</b>`);
    }
  });

  it('%time and %%time run the code in the session and print CPU and wall time', async () => {
    const t = await k.execute('%time int timed = x + 1;');
    expect(streamText(t.iopub, 'stdout')).to.match(/^CPU times: user [\d.]+ [µmn]?s, sys: [\d.]+ [µmn]?s, total: [\d.]+ [µmn]?s\nWall time: [\d.]+ [µmn]?s\n$/);
    const cell = await k.execute('%%time\nusleep(20000);\ntimed');
    expect(result(cell.iopub)).to.equal('42');
    // At least the 20 ms slept (how much more depends on the machine's load).
    const wall = /Wall time: ([\d.]+) (ms|s)\n/.exec(streamText(cell.iopub, 'stdout'));
    expect(wall, 'a wall time in ms or s').to.not.equal(null);
    expect(Number(wall![1]) * (wall![2] === 's' ? 1000 : 1)).to.be.at.least(20);
  });

  it('%timeit and %%timeit loop compiled code and print IPython\'s summary', async () => {
    const auto = await k.execute('%timeit x * 2');
    expect(streamText(auto.iopub, 'stdout'), JSON.stringify(auto.reply.content)).to.match(/^[\d.]+ [µmn]?s ± [\d.]+ [µmn]?s per loop \(mean ± std\. dev\. of 7 runs, [\d,]+ loops each\)\n$/);
    const fixed = await k.execute('%%timeit -n 10 -r 3 std::string s(100, \'a\');\ns += "b";');
    expect(streamText(fixed.iopub, 'stdout')).to.match(/per loop \(mean ± std\. dev\. of 3 runs, 10 loops each\)\n$/);
    const wrong = await k.execute('%timeit no_such_thing()');
    expect(wrong.reply.content.ename).to.equal('CompileError');
  });

  it('%%cpp runs the cell as C++; with -d it only declares', async () => {
    expect(result((await k.execute('%%cpp\nx + 2')).iopub)).to.equal('43');
    const d = await k.execute('%%cpp -d\nint declared_only() { return 5; }\ndeclared_only()');
    expect(result(d.iopub)).to.equal(undefined);
    expect(result((await k.execute('declared_only()')).iopub)).to.equal('5');
  });

  it('%include adds a header directory; %lib loads a shared library', async () => {
    mkdirSync(join(dir, 'inc'), { recursive: true });
    writeFileSync(join(dir, 'inc', 'answer.h'), 'inline int answer() { return 42; }\n');
    writeFileSync(join(dir, 'twice.c'), 'int twice(int v) { return 2 * v; }\n');
    execFileSync('clang-22', ['-shared', '-fPIC', '-o', join(dir, 'libtwice.so'), join(dir, 'twice.c')]);
    expect((await k.execute('%include /no/such/dir')).reply.content.ename).to.equal('FileNotFoundError');
    await k.execute(`%include ${join(dir, 'inc')}`);
    expect(result((await k.execute('#include "answer.h"\nanswer()')).iopub)).to.equal('42');
    const lib = await k.execute(`%lib ${join(dir, 'libtwice.so')}`);
    expect(lib.reply.content.status, JSON.stringify(lib.reply.content)).to.equal('ok');
    expect(result((await k.execute('extern "C" int twice(int);\ntwice(21)')).iopub)).to.equal('42');
    expect((await k.execute('%lib no_such_library_anywhere')).reply.content.ename).to.equal('LibraryError');
  });

  it('%who lists the variables the session declared', async () => {
    const who = streamText((await k.execute('%who')).iopub, 'stdout');
    expect(who.trim().split('\t')).to.include.members(['x', 'timed', 'from_file', 'also']);
    const whos = streamText((await k.execute('%whos')).iopub, 'stdout');
    expect(whos).to.match(/^Variable\s+Type\n-+\n/);
    expect(whos).to.match(/\nx\s+int\n/);
  });

  it('%undo takes back cells, values included, even an #include', async () => {
    await k.execute('int u = 1;');
    await k.execute('u = 5;');
    await k.execute('#include <complex>\nstd::complex<double> c{1, 2};');
    const undo = await k.execute('%undo 2');
    expect(streamText(undo.iopub, 'stdout')).to.equal('Undid 2 cells.\n');
    expect(result((await k.execute('u')).iopub)).to.equal('1');
    expect((await k.execute('std::complex<double> d;')).reply.content.ename).to.equal('CompileError');
    // The kernel's settings stay: directory and environment.
    const cwd = await k.execute('char cwd_now[4096];\ngetcwd(cwd_now, sizeof cwd_now);\nprintf("%s\\n", cwd_now);');
    expect(streamText(cwd.iopub, 'stdout')).to.equal(`${dir}\n`);
    const far = await k.execute('%undo 1000');
    expect(streamText(far.iopub, 'stdout')).to.match(/^Undid \d+ cells?: no earlier state is kept\.\n$/);
  });

  it('%history prints this session\'s inputs', async () => {
    await k.execute('int remembered = 3;');
    const h = streamText((await k.execute('%history -n -l 2')).iopub, 'stdout');
    expect(h).to.match(/^\s*\d+: %undo 1000\n\s*\d+: int remembered = 3;\n$/);
  });

  it('%reset gives a fresh interpreter and leaves no process behind', async () => {
    await k.execute('int before_reset = 1;');
    const before = descendantsOf(k.process!.pid!).length;
    const r = await k.execute('%reset -f');
    expect(streamText(r.iopub, 'stdout')).to.match(/reset/);
    expect((await k.execute('before_reset')).reply.content.ename).to.equal('CompileError');
    expect(result((await k.execute('#include <cstdio>\n1 + 1')).iopub)).to.equal('2');
    // The old host, its reaper and snapshots are gone; the new one has as many.
    await new Promise((r) => setTimeout(r, 300));
    expect(childrenOf(k.process!.pid!)).to.have.length(1);
    expect(descendantsOf(k.process!.pid!).length).to.be.at.most(before);
  });

  it('completes magic names and file names, and knows when a magic cell is complete', async () => {
    const names = await k.request('shell', 'complete_request', { code: '%ti', cursor_pos: 3 });
    expect(names.reply.content).to.deep.include({ matches: ['%time', '%timeit'], cursor_start: 0, cursor_end: 3 });
    const cell = await k.request('shell', 'complete_request', { code: '%%wr', cursor_pos: 4 });
    expect(cell.reply.content.matches).to.deep.equal(['%%writefile']);
    const file = `%run ${join(dir, 'de')}`;
    const files = await k.request('shell', 'complete_request', { code: file, cursor_pos: file.length });
    expect(files.reply.content.matches).to.deep.equal([join(dir, 'defs.cpp')]);
    expect(files.reply.content.cursor_start).to.equal(5);
    // Header names after #include <, from the interpreter's include path.
    const header = async (code: string) => (await k.request('shell', 'complete_request', { code, cursor_pos: code.length })).reply.content;
    expect((await header('#include <unordered')).matches).to.deep.equal(['unordered_map', 'unordered_set']);
    expect((await header('#include <sys/ty')).matches).to.deep.equal(['sys/types.h']);
    const root = await header('#include <TH1');
    expect(root.matches).to.include.members(['TH1.h', 'TH1D.h']);
    expect(root.cursor_start).to.equal('#include <'.length);
    const status = async (code: string) => (await k.request('shell', 'is_complete_request', { code })).reply.content.status;
    expect(await status('%%bash\necho hi')).to.equal('incomplete');
    expect(await status('%%bash\necho hi\n\n')).to.equal('complete');
    expect(await status('%%time\nfor (int i = 0; i < 3; i++) {\n\n')).to.equal('incomplete');
    expect(await status('%cd /tmp')).to.equal('complete');
    expect(await status('%cd /tmp\nif (x) {')).to.equal('incomplete');
  });
});
