// What users do to an interpreter: crashes, kills, interrupts, stdin, floods.
// The real kernel and host over real ZMQ; every failure is followed by a cell
// that reads state defined before it.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import * as zmq from 'zeromq';
import { executeContent, KernelClient, ofType, result, streamText } from './helpers/kernel-client.js';
import { childrenOf, rssMB, servingHost } from './helpers/processes.js';

const run = executeContent;

describe('robustness: crashes in user code keep the session', function () {
  this.timeout(120000);
  const k = new KernelClient();
  before(async () => {
    await k.start();
    await k.execute('#include <cstdlib>\n#include <cassert>\n#include <csignal>\n#include <exception>\n#include <cstdio>\nint x = 41;');
  });
  after(() => k.shutdown());

  const crashes: [string, string, string][] = [
    ['null pointer write', 'int *np = nullptr; *np = 1;', 'SegmentationFault'],
    ['stack overflow', 'int down(int n) { return down(n + 1) + 1; }\ndown(0);', 'SegmentationFault'],
    ['integer division by zero', 'volatile int zero = 0; int q = 1 / zero;', 'FloatingPointException'],
    ['illegal instruction', '__builtin_trap();', 'IllegalInstruction'],
    ['bus error', 'raise(SIGBUS);', 'BusError'],
    ['abort()', 'abort();', 'Aborted'],
    ['failed assert', 'assert(x == 0);', 'Aborted'],
    ['std::terminate', 'std::terminate();', 'Aborted'],
  ];
  for (const [what, code, ename] of crashes) {
    it(`${what}: an error "${ename}", then earlier state is still there`, async () => {
      const { reply, iopub } = await k.execute(code);
      expect(reply.content).to.include({ status: 'error', ename });
      expect(ofType(iopub, 'error')).to.have.length(1);
      expect(result((await k.execute('x')).iopub)).to.equal('41');
    });
  }

  for (const code of ['exit(3);', '_exit(4);', 'quick_exit(5);']) {
    it(`${code} ends the cell, not the interpreter`, async () => {
      const { reply } = await k.execute(code);
      expect(reply.content).to.include({ status: 'error', ename: 'SystemExit' });
      expect(String(reply.content.evalue)).to.match(/exit\(\d\).*kept its state/);
      expect(result((await k.execute('x')).iopub)).to.equal('41');
    });
  }

  it("keeps the interpreter's memory mappings constant over many cells, crashed ones too (the JIT's pools)", async () => {
    const mappings = () => readFileSync(`/proc/${servingHost(k)}/maps`, 'utf8').trim().split('\n').length;
    await k.execute('int ticks = 0;\nint tick() { return ++ticks; }\ntick();');
    const before = mappings();
    for (let i = 0; i < 60; i++) {
      // code that runs (a cell of its own each), a crash, and a thrown exception
      await k.execute(`int t_${i} = tick() + ${i};`);
      if (i % 10 === 0) expect((await k.execute('int *np2 = nullptr; *np2 = 2;')).reply.content.ename).to.equal('SegmentationFault');
      if (i % 10 === 5) expect((await k.execute('throw 7;')).reply.content.ename).to.equal('int');
    }
    expect(result((await k.execute('ticks')).iopub)).to.equal('61');
    // LLVM's default placed every cell in mappings of its own: 2-5 more per cell.
    expect(mappings() - before).to.be.below(10);
  });

  it('a killed interpreter is replaced by its snapshot: the cell fails, state from before it is kept', async () => {
    const id = await k.send('shell', 'execute_request', run('int lost = 1;\nwhile (true) {}'));
    await k.waitIopub(id, (m) => m.header.msg_type === 'execute_input');
    await new Promise((r) => setTimeout(r, 200));
    process.kill(servingHost(k), 'SIGKILL');
    const reply = await k.waitReply(id, 10000);
    expect(reply.content).to.include({ status: 'error', ename: 'InterpreterCrash' });
    expect(result((await k.execute('x')).iopub)).to.equal('41');
  });

  it('when every interpreter process is gone, it says so, restarts, and the next cell runs', async () => {
    const id = await k.send('shell', 'execute_request', run('while (true) {}'));
    await k.waitIopub(id, (m) => m.header.msg_type === 'execute_input');
    const [reaper] = childrenOf(k.process!.pid!);
    process.kill(-reaper, 'SIGKILL');
    const reply = await k.waitReply(id, 10000);
    expect(reply.content).to.include({ status: 'error', ename: 'InterpreterExited' });
    expect(String(reply.content.evalue)).to.match(/restarted and earlier definitions are gone/);
    const after = await k.execute('#include <cstdio>\nprintf("fresh\\n");');
    expect(streamText(after.iopub, 'stdout'), JSON.stringify(after.reply.content)).to.equal('fresh\n');
    expect((await k.execute('x')).reply.content.ename).to.equal('CompileError');
  });
});

describe('robustness: interrupts', function () {
  this.timeout(120000);
  const k = new KernelClient();
  before(async () => {
    await k.start();
    await k.execute('#include <unistd.h>\n#include <cstdio>\nint x = 41;');
  });
  after(() => k.shutdown());

  async function interrupted(code: string, how: () => Promise<void>, extra: Record<string, unknown> = {}): Promise<number> {
    const id = await k.send('shell', 'execute_request', { ...run(code), ...extra });
    await k.waitIopub(id, (m) => m.header.msg_type === 'execute_input');
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    await how();
    const reply = await k.waitReply(id, 15000);
    const ms = Date.now() - t0;
    expect(reply.content, JSON.stringify(reply.content)).to.include({ status: 'error', ename: 'Interrupted' });
    const after = await k.execute('x');
    expect(result(after.iopub), JSON.stringify(after.reply.content)).to.equal('41');
    return ms;
  }
  const byMessage = async () => {
    await k.request('control', 'interrupt_request', {});
  };

  it('stops a busy loop (interrupt_request on control)', async () => {
    const ms = await interrupted('long spins = 0;\nwhile (true) { spins++; }', byMessage);
    console.log(`      interrupt of a busy loop: ${ms} ms`);
  });

  it('stops sleep(100)', async () => {
    const ms = await interrupted('sleep(100);', byMessage);
    console.log(`      interrupt of sleep(100): ${ms} ms`);
  });

  it('stops a cell blocked reading stdin', async () => {
    const ms = await interrupted('int v; scanf("%d", &v);', byMessage, { allow_stdin: true });
    console.log(`      interrupt of a blocking read: ${ms} ms`);
  });

  it('stops a long compile, rolling back to the state before the cell', async () => {
    const decls = Array.from({ length: 300000 }, (_, i) => `int generated_${i} = ${i};`).join('\n');
    const ms = await interrupted(decls, byMessage);
    console.log(`      interrupt of a long compile: ${ms} ms`);
    expect((await k.execute('generated_1')).reply.content.status).to.equal('error');
  });

  it('stops a cell on SIGINT to the kernel process (interrupt_mode "signal")', async () => {
    const ms = await interrupted('while (true) {}', async () => {
      process.kill(k.process!.pid!, 'SIGINT');
    });
    console.log(`      interrupt by signal: ${ms} ms`);
  });

  it('is harmless while idle', async () => {
    const r = await k.request('control', 'interrupt_request', {});
    expect(r.reply.content.status).to.equal('ok');
    process.kill(k.process!.pid!, 'SIGINT');
    await new Promise((res) => setTimeout(res, 200));
    expect(result((await k.execute('x + 1')).iopub)).to.equal('42');
  });
});

describe('robustness: stdin', function () {
  this.timeout(120000);
  const k = new KernelClient();
  before(async () => {
    await k.start();
    await k.execute('#include <iostream>\n#include <string>\n#include <cstdio>\nint a = 0; std::string name;');
  });
  after(() => k.shutdown());

  it('std::cin >> reads the value of an input_reply', async () => {
    k.answerInputWith('42');
    const { iopub } = await k.execute('std::cout << "number? "; std::cin >> a; std::cout << "got " << a << std::endl;', { allow_stdin: true });
    expect(k.stdinRequests.at(-1)!.header.msg_type).to.equal('input_request');
    expect(streamText(iopub, 'stdout')).to.equal('number? got 42\n');
  });

  it('getline, scanf, getchar and fgets each ask for their input', async () => {
    const before = k.stdinRequests.length;
    k.answerInputWith('Ada Lovelace', '3 4', 'z', 'a line');
    const { iopub } = await k.execute(
      'std::getline(std::cin, name); int b, c; scanf("%d %d", &b, &c); getchar(); int ch = getchar(); getchar();\n' +
        'char buf[64]; fgets(buf, sizeof buf, stdin);\n' +
        'printf("%s|%d|%c|%s", name.c_str(), b + c, ch, buf);',
      { allow_stdin: true },
    );
    expect(streamText(iopub, 'stdout')).to.equal('Ada Lovelace|7|z|a line\n');
    expect(k.stdinRequests.length - before).to.equal(4);
  });

  it('waits for a stdin socket that connects late, and gives end of file when none ever does', async () => {
    const late = new KernelClient({}, { stdinDelayMs: 700 });
    await late.start();
    late.answerInputWith('5');
    const first = await late.execute('#include <iostream>\nint v = 0; std::cin >> v; std::cout << "v=" << v << std::endl;', { allow_stdin: true });
    expect(streamText(first.iopub, 'stdout')).to.equal('v=5\n');
    await late.shutdown();

    const never = new KernelClient({}, { stdinDelayMs: Infinity });
    await never.start();
    const t0 = Date.now();
    const { reply, iopub } = await never.execute('#include <iostream>\nint w = -1; std::cin >> w; std::cout << "w=" << w << std::endl;', { allow_stdin: true });
    expect(reply.content.status).to.equal('ok');
    expect(streamText(iopub, 'stdout')).to.equal('w=-1\n');
    expect(streamText(iopub, 'stderr')).to.match(/stdin channel is not connected/);
    expect(Date.now() - t0).to.be.below(10000);
    await never.shutdown();
  });

  it('without allow_stdin, reading gets end of file at once, with a notice', async () => {
    const before = k.stdinRequests.length;
    const { reply, iopub } = await k.execute('int d = -1; std::cin >> d; std::cout << "d=" << d << " eof=" << std::cin.eof() << std::endl;', { allow_stdin: false });
    expect(reply.content.status).to.equal('ok');
    expect(streamText(iopub, 'stdout')).to.equal('d=-1 eof=1\n');
    expect(streamText(iopub, 'stderr')).to.match(/allow_stdin is false/);
    expect(k.stdinRequests.length).to.equal(before);
    // and the next cell that may read, can
    k.answerInputWith('9');
    const next = await k.execute('std::cin >> d; std::cout << d << std::endl;', { allow_stdin: true });
    expect(streamText(next.iopub, 'stdout')).to.equal('9\n');
  });
});

describe('robustness: output', function () {
  this.timeout(300000);
  const k = new KernelClient();
  before(async () => {
    await k.start();
    await k.execute('#include <cstdio>\n#include <cstring>\n#include <unistd.h>');
  });
  after(() => k.shutdown());

  it('replaces bytes that are not UTF-8, and passes \\r progress lines through', async () => {
    const { iopub } = await k.execute('printf("a\\xff\\xfe" "b\\n"); printf("10%%\\r50%%\\r100%%\\n");');
    expect(streamText(iopub, 'stdout')).to.equal('a\uFFFD\uFFFDb\n10%\r50%\r100%\n');
  });

  it('passes UTF-8 through whole, a character split between two writes too, and repairs the rest as browsers do', async () => {
    // é split over two writes, an emoji, a UTF-8-encoded surrogate, an overlong form,
    // control characters, a quote and a backslash, and a character the cell leaves unfinished
    const code = 'printf("\\xc3"); fflush(stdout); usleep(20000); printf("\\xa9 \\xf0\\x9f\\x98\\x80 \\xed\\xa0\\x80 \\xe0\\x80 \\x1b[1m\\x01\\"\\\\ \\n"); printf("\\xe2\\x82");';
    const { iopub } = await k.execute(code);
    expect(streamText(iopub, 'stdout')).to.equal('é 😀 \uFFFD\uFFFD\uFFFD \uFFFD\uFFFD \x1b[1m\x01"\\ \n\uFFFD');
    // what the compiler says comes the same way: a warning with its colours
    const warned = await k.execute('int unused_fn() { int y = 1; }');
    const stderr = streamText(warned.iopub, 'stderr');
    expect(stderr).to.include('\x1b[');
    expect(stderr.replace(/\x1b\[[0-9;]*m/g, '')).to.match(/^cell:1:\d+: warning: non-void function does not return a value/);
  });

  // Another iopub client of kernel own, with room for one message, that reads one
  // message every readEveryMs (never, when null); subscribed when this resolves.
  async function secondSubscriber(own: KernelClient, readEveryMs: number | null): Promise<zmq.Subscriber> {
    const sub = new zmq.Subscriber({ receiveHighWaterMark: 1 });
    sub.connect(`tcp://${own.connection.ip}:${own.connection.iopub_port}`);
    sub.subscribe();
    if (readEveryMs !== null) {
      void (async () => {
        try {
          for await (const _ of sub) await new Promise((r) => setTimeout(r, readEveryMs));
        } catch {
          // closed
        }
      })();
    }
    await new Promise((r) => setTimeout(r, 200));
    return sub;
  }

  it('a second iopub client that reads nothing stalls the kernel once, briefly, and the reading one loses nothing', async () => {
    // A kernel of its own: this one then drops for a while what the idle client has no room for.
    const own = new KernelClient();
    await own.start();
    await own.execute('#include <cstdio>\n#include <cstring>');
    // A subscriber that connects and never reads, with room for one message.
    const idle = await secondSubscriber(own, null);
    own.keepStreams = false;
    const t0 = performance.now();
    const flood = await own.execute("static char row[1025]; memset(row, 'y', 1024); row[1023] = '\\n';\nfor (long i = 0; i < 100L * 1024; i++) fputs(row, stdout);", {}, 60000);
    const ms = performance.now() - t0;
    expect(flood.reply.content.status).to.equal('ok');
    expect(own.streamChars, 'every byte reached the reading client').to.equal(100 * 1024 * 1024);
    expect(own.stderr).to.match(/iopub: a client has read nothing for 5000 ms/);
    expect(ms, 'one stall of about 5 s, not one per message').to.be.below(20000);
    expect(result((await own.execute('41 + 1')).iopub)).to.equal('42');
    // Set aside: a second flood does not wait for it again.
    own.streamChars = 0;
    const again = await own.execute("static char row2[1025]; memset(row2, 'y', 1024); row2[1023] = '\\n';\nfor (long i = 0; i < 10L * 1024; i++) fputs(row2, stdout);", {}, 60000);
    expect(again.reply.content.status).to.equal('ok');
    expect(own.streamChars).to.equal(10 * 1024 * 1024);
    expect(own.stderr.match(/read nothing/g), 'one stall only').to.have.length(1);
    idle.close();
    await own.shutdown();
  });

  // (A loop that does nothing but print is mostly inside libc, where an interrupt
  // cannot act; it ends by the snapshot after the grace period. This one computes.)
  it('interrupts a cell flooding output to a client that is behind, without rolling the interpreter back', async () => {
    const own = new KernelClient();
    await own.start();
    await own.execute('#include <cstdio>\n#include <cstring>\nint kept = 1;');
    // A subscriber that reads one message per 200 ms holds iopub back (the kernel
    // waits for it), so output waits in the kernel and the host's pipe is paused.
    const slow = await secondSubscriber(own, 200);
    own.keepStreams = false;
    const id = await own.send('shell', 'execute_request', run("kept = 2;\nstatic char block[65537]; memset(block, 'z', 65536); block[65535] = '\\n';\nfor (;;) { volatile double s = 0; for (int i = 0; i < 300000; i++) s += i; fputs(block, stdout); }"));
    await new Promise((r) => setTimeout(r, 1500));
    await own.request('control', 'interrupt_request', {});
    const reply = await own.waitReply(id, 60000);
    own.keepStreams = true;
    expect(reply.content).to.include({ status: 'error', ename: 'Interrupted' });
    // A host killed after the grace period would have been replaced by the snapshot from before the cell.
    expect(String(reply.content.evalue)).to.not.match(/rolled back/);
    expect(result((await own.execute('kept')).iopub)).to.equal('2');
    expect(own.stderr, 'a slow client is waited for, not dropped').to.not.match(/iopub: a client has read nothing/);
    slow.close();
    await own.shutdown();
  });

  it('keeps stdout and stderr in the order the cell wrote them', async () => {
    const { iopub } = await k.execute('for (int i = 0; i < 3; i++) { printf("out %d\\n", i); fflush(stdout); fprintf(stderr, "err %d\\n", i); usleep(20000); }');
    const seq = iopub.filter((m) => m.header.msg_type === 'stream').map((m) => `${m.content.name}:${m.content.text}`).join('');
    expect(seq).to.equal('stdout:out 0\nstderr:err 0\nstdout:out 1\nstderr:err 1\nstdout:out 2\nstderr:err 2\n');
  });

  it('streams 1 GiB in messages of at most 1 MB with the kernel under 200 MB, answering heartbeats', async () => {
    k.keepStreams = false;
    const pid = k.process!.pid!;
    let maxRss = rssMB(pid);
    const poll = setInterval(() => (maxRss = Math.max(maxRss, rssMB(pid))), 50);
    const id = await k.send('shell', 'execute_request', run("static char line[1025]; memset(line, 'x', 1024); line[1023] = '\\n';\nfor (long i = 0; i < 1024L * 1024; i++) fputs(line, stdout);"));
    const beats: number[] = [];
    while (!k.hasReply(id)) {
      const t0 = performance.now();
      expect(await k.heartbeat('beat')).to.equal('beat');
      beats.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 100));
    }
    await k.waitIdle(id, 120000);
    clearInterval(poll);
    k.keepStreams = true;
    beats.sort((a, b) => a - b);
    console.log(`      1 GiB: ${k.streamMessages} stream messages, kernel max RSS ${maxRss.toFixed(0)} MB, heartbeat median ${beats[beats.length >> 1].toFixed(1)} ms, max ${beats[beats.length - 1].toFixed(1)} ms`);
    expect(k.streamChars).to.equal(1024 ** 3);
    expect(k.streamMessages).to.be.at.least(1024);
    expect(maxRss).to.be.below(200);
  });
});
