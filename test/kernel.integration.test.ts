// The real kernel (node bin/cppnb.js kernel) with a real cppnb-host, over real ZMQ.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Signer } from '../kernel/wire.js';
import { KernelClient, ofType, result, streamText } from './helpers/kernel-client.js';


// Live cppnb-host processes started for one test client (tagged through the environment).
function hostProcessesOf(client: KernelClient): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,stat=,comm='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([, stat, comm]) => (comm === 'cppnb-host' || comm === 'cppnb-reaper') && !stat.startsWith('Z'))
    .map(([pid]) => Number(pid))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'utf8').includes(`CPPNB_TEST_TAG=${client.dir}`);
      } catch {
        return false;
      }
    });
}

describe('kernel over ZMQ with a real interpreter', function () {
  this.timeout(120000);
  const k = new KernelClient();

  before(async () => {
    await k.start();
  });
  after(async () => {
    await k.shutdown();
  });

  it('answers kernel_info with the language and implementation', async () => {
    const { reply, iopub } = await k.request('shell', 'kernel_info_request', {});
    const c = reply.content;
    expect(reply.header.msg_type).to.equal('kernel_info_reply');
    expect(c.implementation).to.equal('cppnb');
    expect(c.protocol_version).to.equal('5.5');
    expect(c.supported_features).to.deep.equal(['kernel subshells']);
    expect(c.language_info).to.deep.include({ name: 'c++', version: 'c++20', mimetype: 'text/x-c++src', file_extension: '.cpp', pygments_lexer: 'c++', codemirror_mode: 'text/x-c++src' });
    expect(String(c.banner)).to.match(/cppnb/);
    expect(c.help_links).to.be.an('array').that.is.not.empty;
    expect(iopub.map((m) => m.content.execution_state)).to.deep.equal(['busy', 'idle']);
  });

  it('runs the README cells with state kept between them', async () => {
    const a = await k.execute('#include <iostream>\nint x = 41;');
    expect(a.reply.content.status).to.equal('ok');
    const b = await k.execute('x + 1');
    expect(result(b.iopub)).to.equal('42');
    const c = await k.execute('std::cout << "x is " << x << std::endl;');
    expect(streamText(c.iopub, 'stdout')).to.equal('x is 41\n');
    expect(result(c.iopub)).to.equal(undefined);
    const types = c.iopub.map((m) => m.header.msg_type);
    expect(types[0]).to.equal('status');
    expect(types[1]).to.equal('execute_input');
    expect(types[types.length - 1]).to.equal('status');
    expect(c.iopub[1].content.execution_count).to.equal(c.reply.content.execution_count);
  });

  it('delivers printf, puts, putchar, cout and cerr', async () => {
    const { iopub } = await k.execute('#include <cstdio>\nprintf("a%d\\n", 1); puts("b"); putchar(\'c\'); putchar(\'\\n\'); std::cout << "d" << std::endl; std::cerr << "e" << std::endl; fprintf(stderr, "f\\n");');
    expect(streamText(iopub, 'stdout')).to.equal('a1\nb\nc\nd\n');
    expect(streamText(iopub, 'stderr')).to.equal('e\nf\n');
  });

  it('streams output while the cell runs, not at its end', async () => {
    await k.execute('#include <unistd.h>');
    const id = await k.send('shell', 'execute_request', {
      code: 'for (int i = 0; i < 3; i++) { printf("tick %d\\n", i); usleep(300000); }',
      silent: false, store_history: true, user_expressions: {}, allow_stdin: false,
    });
    const first = await k.waitIopub(id, (m) => m.header.msg_type === 'stream');
    expect(String(first.content.text)).to.equal('tick 0\n');
    expect(k.hasReply(id), 'the first line arrived only after the cell ended').to.equal(false);
    await k.waitReply(id);
    const iopub = await k.waitIdle(id);
    expect(streamText(iopub, 'stdout')).to.equal('tick 0\ntick 1\ntick 2\n');
  });

  it('shows values of trailing expressions as a C++ user expects', async () => {
    await k.execute('#include <string>\n#include <vector>\n#include <map>\nstruct Opaque { int a; };\nOpaque opaque{1};');
    const cases: [string, string | RegExp][] = [
      ['7 * 6', '42'],
      ['-5LL', '-5'],
      ['1 == 1', 'true'],
      ["'a'", "'a'"],
      ['std::string("abc")', '"abc"'],
      ['"lit"', '"lit"'],
      ['0.1 + 0.2', '0.30000000000000004'],
      ['1.0 / 3', '0.3333333333333333'],
      ['2.0', '2.0'],
      ['std::vector<int>{1, 2, 3}', '{ 1, 2, 3 }'],
      ['std::map<std::string, int>{{"a", 1}, {"b", 2}}', '{ "a" => 1, "b" => 2 }'],
      ['opaque', /^<Opaque at 0x[0-9a-f]+>$/],
    ];
    for (const [code, want] of cases) {
      const { reply, iopub } = await k.execute(code);
      expect(reply.content.status, code).to.equal('ok');
      const got = result(iopub);
      if (want instanceof RegExp) expect(got, code).to.match(want);
      else expect(got, code).to.equal(want);
    }
    const v = await k.execute('void nothing() {}\nnothing()');
    expect(v.reply.content.status).to.equal('ok');
    expect(ofType(v.iopub, 'execute_result')).to.have.length(0);
    const s = await k.execute('x;');
    expect(ofType(s.iopub, 'execute_result')).to.have.length(0);
  });

  it('redefines templates, enums, aliases and lambdas, and links a forward declaration to its definition', async () => {
    const cells = [
      'template <class T> T tw(T a) { return a * 2; }',
      'template <class T> T tw(T a) { return a * 3; }',
      'enum Color { Red, Green };',
      'enum Color { Red, Green, Blue };',
      'using Real = float;',
      'using Real = double;',
      'auto sq = [](int a) { return a * a; };',
      'auto sq = [](int a) { return a * a * a; };',
      'struct Node; struct List { Node *head; }; struct Node { int v; };',
      'void later(); int callsLater() { later(); return 1; } void later() {}',
    ];
    for (const code of cells) expect((await k.execute(code)).reply.content.status, code).to.equal('ok');
    expect(result((await k.execute('tw(2) + Blue + sizeof(Real) + sq(2)')).iopub)).to.equal(`${6 + 2 + 8 + 8}`);
    expect(result((await k.execute('Node node{3}; List list{&node}; list.head->v + callsLater()')).iopub)).to.equal('4');
  });

  it('lets a cell defining recursive functions be run again, keeping other overloads', async () => {
    // (Two functions calling each other need a forward declaration, which a
    // re-run cell cannot have yet: see the README's limits.)
    const cell = 'int fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }\nint sum_to(int n) { return n == 0 ? 0 : n + sum_to(n - 1); }';
    for (let run = 0; run < 3; run++) {
      const { reply } = await k.execute(cell);
      expect(reply.content.status, `run ${run}: ${String(reply.content.evalue)}`).to.equal('ok');
    }
    await k.execute('double fact(double x) { return x / 2; }');
    expect(result((await k.execute('fact(5) + sum_to(4)')).iopub)).to.equal('130');
    expect(result((await k.execute('fact(3.0)')).iopub)).to.equal('1.5');
    // A template calling itself, redefined.
    await k.execute('template <class T> T steps(T a) { return a <= 0 ? a : steps(a - 1) + 2; }');
    await k.execute('template <class T> T steps(T a) { return a <= 0 ? a : steps(a - 1) + 3; }');
    expect(result((await k.execute('steps(3)')).iopub)).to.equal('9');
    // A failed redefinition leaves the old one in place.
    expect((await k.execute('int fact(int n) { return fact(n) + not_declared; }')).reply.content.status).to.equal('error');
    expect(result((await k.execute('fact(4)')).iopub)).to.equal('24');
  });

  it('lets a cell be run again, or edited, without redefinition errors', async () => {
    await k.execute('int n = 5;\nint twice() { return 2 * n; }\nstruct Point { int x, y; };');
    const again = await k.execute('int n = 5;\nint twice() { return 2 * n; }\nstruct Point { int x, y; };');
    expect(again.reply.content.status).to.equal('ok');
    const edited = await k.execute('int n = 7;\nint twice() { return 3 * n; }\nstruct Point { int x, y, z; };');
    expect(edited.reply.content.status).to.equal('ok');
    expect(result((await k.execute('twice()')).iopub)).to.equal('21');
    expect(result((await k.execute('Point{1, 2, 3}.z')).iopub)).to.equal('3');
    // overloads are kept, not replaced
    await k.execute('int over(int a) { return a; }');
    await k.execute('int over(int a, int b) { return a + b; }');
    expect(result((await k.execute('over(1) + over(2, 3)')).iopub)).to.equal('6');
  });

  it('reports a compile error as exactly one error message, lines counted from the cell', async () => {
    const { reply, iopub } = await k.execute('int ok = 1;\nint bad = undeclared_thing + 1;');
    expect(reply.content.status).to.equal('error');
    expect(reply.content.ename).to.equal('CompileError');
    expect(reply.content.evalue).to.equal("use of undeclared identifier 'undeclared_thing'");
    const outputs = iopub.filter((m) => !['status', 'execute_input'].includes(m.header.msg_type));
    expect(outputs.map((m) => m.header.msg_type)).to.deep.equal(['error']);
    const tb = (outputs[0].content.traceback as string[]).join('\n').replace(/\x1b\[[0-9;]*m/g, '');
    expect(tb).to.match(/cell:2:11: error: use of undeclared identifier 'undeclared_thing'/);
    // state survives, and the failed cell's good half did not land
    expect(result((await k.execute('x')).iopub)).to.equal('41');
    expect((await k.execute('ok')).reply.content.status).to.equal('error');
    // In a trailing expression (rewritten to print its value) the error still
    // points at the cell's own line and column, and shows the user's code.
    const value = await k.execute('int fine = 2;\nfine + 1; fine +\n  not_there');
    const shown = (value.reply.content.traceback as string[]).join('\n').replace(/\x1b\[[0-9;]*m/g, '');
    expect(shown).to.match(/^cell:3:3: error: use of undeclared identifier 'not_there'/);
    expect(shown).to.not.include('print_last');
    expect(shown.endsWith('\n'), 'no blank line under the diagnostic').to.equal(false);
  });

  it('warns about a member deleted with delete but allocated with new[], in that cell only', async () => {
    const warned = await k.execute('struct Buf { int *p; Buf() : p(new int[4]) {} ~Buf() { delete p; } };');
    expect(warned.reply.content.status).to.equal('ok');
    expect(streamText(warned.iopub, 'stderr').replace(/\x1b\[[0-9;]*m/g, '')).to.match(/cell:1:\d+: warning: 'delete' applied to a pointer that was allocated with 'new\[\]'/);
    const next = await k.execute('int after_buf = 1;');
    expect(streamText(next.iopub, 'stderr')).to.equal('');
  });

  it('reports uncaught exceptions with their type, of any type', async () => {
    const a = await k.execute('#include <stdexcept>\nthrow std::runtime_error("boom");');
    expect(a.reply.content).to.include({ status: 'error', ename: 'std::runtime_error', evalue: 'boom' });
    const b = await k.execute('throw 42;');
    expect(b.reply.content).to.include({ status: 'error', ename: 'int' });
    expect(result((await k.execute('x')).iopub)).to.equal('41');
  });

  it('survives a segfault in user code with its state', async () => {
    const { reply } = await k.execute('int *null_ptr = nullptr;\n*null_ptr = 1;');
    expect(reply.content).to.include({ status: 'error', ename: 'SegmentationFault' });
    expect(result((await k.execute('x')).iopub)).to.equal('41');
  });

  it('refuses cells that would hang or crash clang, with a clear message', async () => {
    const open = await k.execute('void f() {\n  int a = 1;');
    expect(open.reply.content).to.include({ status: 'error', ename: 'IncompleteInput' });
    expect(String(open.reply.content.evalue)).to.match(/'\{' opened on line 1/);
    const ret = await k.execute('return 1;');
    expect(ret.reply.content).to.include({ status: 'error', ename: 'SyntaxError' });
    expect(result((await k.execute('x')).iopub)).to.equal('41');
  });

  it('counts executions only when store_history, and is quiet when silent', async () => {
    const before = (await k.execute('1;')).reply.content.execution_count as number;
    const noHist = await k.execute('2;', { store_history: false });
    expect(noHist.reply.content.execution_count).to.equal(before);
    const silent = await k.execute('printf("hidden\\n"); 5', { silent: true });
    expect(silent.reply.content.status).to.equal('ok');
    expect(silent.iopub.map((m) => m.header.msg_type)).to.deep.equal(['status', 'status']);
    const after = await k.execute('3;');
    expect(after.reply.content.execution_count).to.equal(before + 1);
  });

  it('evaluates user_expressions as C++ expressions', async () => {
    const { reply } = await k.execute('int ue = 20;', { user_expressions: { a: 'ue + 1', b: 'no_such_name' } });
    const ue = reply.content.user_expressions as Record<string, Record<string, unknown>>;
    expect(ue.a).to.deep.include({ status: 'ok' });
    expect((ue.a.data as Record<string, string>)['text/plain']).to.equal('21');
    expect(ue.b.status).to.equal('error');
  });

  it('aborts queued execute requests after an error (stop_on_error)', async () => {
    const ids = [];
    // The failing cell takes a moment, so the others are queued when it fails (as in "run all").
    for (const code of ['#include <unistd.h>\nusleep(300000); throw 1;', 'printf("must not run\\n");', 'printf("nor this\\n");']) {
      ids.push(await k.send('shell', 'execute_request', { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true }));
    }
    const replies = await Promise.all(ids.map((id) => k.waitReply(id)));
    expect(replies.map((r) => r.content.status)).to.deep.equal(['error', 'aborted', 'aborted']);
    for (const id of ids.slice(1)) {
      const iopub = await k.waitIdle(id);
      expect(streamText(iopub, 'stdout')).to.equal('');
    }
    const later = await k.execute('printf("runs again\\n");');
    expect(streamText(later.iopub, 'stdout')).to.equal('runs again\n');
  });

  it('answers control while a cell runs, and interrupts it with state kept', async () => {
    const id = await k.send('shell', 'execute_request', { code: 'while (true) {}', silent: false, store_history: true, user_expressions: {}, allow_stdin: false });
    await k.waitIopub(id, (m) => m.header.msg_type === 'execute_input');
    const info = await k.request('control', 'kernel_info_request', {});
    expect(info.reply.content.implementation).to.equal('cppnb');
    expect(info.iopub.map((m) => m.content.execution_state)).to.deep.equal(['busy', 'idle']);
    expect(await k.heartbeat('still there?')).to.equal('still there?');
    expect(k.hasReply(id)).to.equal(false);
    const intr = await k.request('control', 'interrupt_request', {});
    expect(intr.reply.content.status).to.equal('ok');
    const reply = await k.waitReply(id, 10000);
    expect(reply.content).to.include({ status: 'error', ename: 'Interrupted' });
    expect(result((await k.execute('x')).iopub)).to.equal('41');
  });

  it('drops a message with a bad signature and never runs it', async () => {
    const msg = k.message('execute_request', { code: 'printf("forged\\n");', silent: false, store_history: true, user_expressions: {}, allow_stdin: false });
    await k.sendMessage('shell', msg, new Signer('hmac-sha256', 'not-the-key'));
    await new Promise((r) => setTimeout(r, 500));
    expect(k.hasReply(msg.header.msg_id)).to.equal(false);
    expect(k.iopubFor(msg.header.msg_id)).to.have.length(0);
    const ok = await k.execute('printf("real\\n");');
    expect(streamText(ok.iopub, 'stdout')).to.equal('real\n');
  });

  it('ignores unknown message types, has no comms, and closes unknown comms', async () => {
    const unknownId = await k.send('shell', 'no_such_request', {});
    await k.waitIdle(unknownId);
    expect(k.hasReply(unknownId)).to.equal(false);
    const info = await k.request('shell', 'comm_info_request', {});
    expect(info.reply.content).to.deep.equal({ status: 'ok', comms: {} });
    const commId = 'c0ffee';
    const openId = await k.send('shell', 'comm_open', { comm_id: commId, target_name: 'nobody', data: {} });
    const close = await k.waitIopub(openId, (m) => m.header.msg_type === 'comm_close');
    expect(close.content.comm_id).to.equal(commId);
  });

  it('answers complete, inspect and is_complete with well-formed replies', async () => {
    await k.execute('int zebra_total = 3;');
    const c = await k.request('shell', 'complete_request', { code: 'zebra_t', cursor_pos: 7 });
    expect(c.reply.content).to.deep.include({ status: 'ok', cursor_start: 0, cursor_end: 7 });
    expect(c.reply.content.matches).to.include('zebra_total');
    const uni = await k.request('shell', 'complete_request', { code: '"é"; zebra_t', cursor_pos: 12 });
    expect(uni.reply.content).to.deep.include({ cursor_start: 5, cursor_end: 12 });
    // A character outside the BMP is one code point (two UTF-16 units): positions, the
    // completions' own start and end among them, are in code points on the wire.
    const astral = await k.request('shell', 'complete_request', { code: '"😀"; zebra_t', cursor_pos: 12 });
    expect(astral.reply.content).to.deep.include({ cursor_start: 5, cursor_end: 12 });
    expect(astral.reply.content.matches).to.include('zebra_total');
    const types = (astral.reply.content.metadata as { _jupyter_types_experimental: { text: string; start: number; end: number }[] })._jupyter_types_experimental;
    expect(types.find((t) => t.text === 'zebra_total')).to.deep.include({ start: 5, end: 12 });
    const where = await k.request('shell', 'inspect_request', { code: '"😀"; zebra_total', cursor_pos: 8, detail_level: 0 });
    expect(where.reply.content.found).to.equal(true);
    const i = await k.request('shell', 'inspect_request', { code: 'zebra_total', cursor_pos: 3, detail_level: 0 });
    expect(i.reply.content.found).to.equal(true);
    const ic = await k.request('shell', 'is_complete_request', { code: 'if (x) {' });
    expect(ic.reply.content.status).to.equal('incomplete');
  });

  it('answers history requests', async () => {
    const { reply } = await k.request('shell', 'history_request', { output: false, raw: true, hist_access_type: 'tail', n: 2 });
    const h = reply.content.history as [number, number, string][];
    expect(h).to.have.length(2);
    expect(h[1][2]).to.equal('int zebra_total = 3;');
  });
});

describe('kernel lifecycle', function () {
  this.timeout(120000);

  it('keeps history across kernel restarts in the data dir', async () => {
    const a = new KernelClient();
    await a.start();
    await a.execute('int remembered = 1;');
    await a.shutdown();
    const b = new KernelClient({ CPPNB_DATA_DIR: a.dataDir });
    await b.start();
    const { reply } = await b.request('shell', 'history_request', { output: false, raw: true, hist_access_type: 'search', pattern: 'int remembered*', n: 10 });
    expect((reply.content.history as [number, number, string][]).map((e) => e[2])).to.include('int remembered = 1;');
    await b.shutdown();
  });

  it('shuts down on request (control), answering first and leaving no process behind', async () => {
    const k = new KernelClient();
    await k.start();
    await k.execute('int y = 1 +;'); // a compile error hands over to a snapshot process
    await k.execute('int z = 2;');
    // The snapshot is forked just after the reply: give it a moment.
    for (let i = 0; i < 40 && hostProcessesOf(k).length < 3; i++) await new Promise((r) => setTimeout(r, 50));
    // (one snapshot per cell kept, for %undo)
    expect(hostProcessesOf(k).length, 'reaper, host and its snapshots').to.be.at.least(3);
    const exited = new Promise<number | null>((resolve) => k.process!.once('exit', (code) => resolve(code)));
    const { reply } = await k.request('control', 'shutdown_request', { restart: false });
    expect(reply.content).to.deep.equal({ status: 'ok', restart: false });
    expect(await exited).to.equal(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(hostProcessesOf(k)).to.deep.equal([]);
    k.close();
  });

  it('on shutdown with restart (as jupyter_client restarts a kernel) also leaves nothing behind', async () => {
    const k = new KernelClient();
    await k.start();
    await k.execute('int before_restart = 1;');
    const exited = new Promise<number | null>((resolve) => k.process!.once('exit', (code) => resolve(code)));
    const { reply } = await k.request('shell', 'shutdown_request', { restart: true });
    expect(reply.content).to.deep.equal({ status: 'ok', restart: true });
    expect(await exited).to.equal(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(hostProcessesOf(k)).to.deep.equal([]);
    k.close();
  });

  it('holds iopub for a client slow to subscribe: its first request still gets busy and idle', async () => {
    // jupyter console sends its first cell right after kernel_info; a PUB
    // socket drops what it publishes before the SUB's subscription arrives,
    // and the console then waits for an idle that never comes.
    const k = new KernelClient({}, { iopubDelayMs: 600 });
    await k.start();
    const statuses = (await k.waitIdle(k.firstInfoId, 10000))
      .filter((m) => m.header.msg_type === 'status')
      .map((m) => m.content.execution_state);
    expect(statuses).to.deep.equal(['busy', 'idle']);
    const { iopub } = await k.execute('1 + 1');
    expect(result(iopub)).to.equal('2');
    await k.shutdown();
  });

  it('also binds over ipc and signs with another hash', async () => {
    const k = new KernelClient({}, { scheme: 'hmac-sha512', transport: 'ipc' });
    await k.start();
    expect(result((await k.execute('2 + 2')).iopub)).to.equal('4');
    await k.shutdown();
  });
});
