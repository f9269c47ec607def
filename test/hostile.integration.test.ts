// The kernel attacked the way the internet would (loopback only, bounded in
// count and time): forged and replayed messages, a fuzzer on every channel, and
// checks that it binds where told and never logs its key.
import { expect } from 'chai';
import { randomBytes, randomInt } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as zmq from 'zeromq';
import { serialize, Signer } from '../kernel/wire.js';
import { KernelClient, result } from './helpers/kernel-client.js';
import { processesTagged } from './helpers/browser.js';
import { rssMB } from './helpers/processes.js';
import { tempDir } from './helpers/temp-dir.js';

type Channel = 'shell' | 'control' | 'stdin';
const FUZZ_COUNT = Number(process.env.CPPNB_FUZZ_COUNT ?? 100000);
const CHANNELS: Channel[] = ['shell', 'control', 'stdin'];

// Lines the kernel logged for dropped messages, counting the "... and N more" summaries.
function droppedCount(stderr: string): number {
  let n = 0;
  for (const line of stderr.split('\n')) {
    if (/dropped a message on/.test(line)) n++;
    const more = /\.\.\. and (\d+) more like these/.exec(line);
    if (more) n += Number(more[1]);
  }
  return n;
}

// A random JSON value of any type, for type confusion.
function randomValue(depth = 0): unknown {
  switch (randomInt(depth > 2 ? 5 : 8)) {
    case 0: return null;
    case 1: return randomInt(-1e9, 1e9);
    case 2: return Math.random() < 0.5;
    case 3: return randomBytes(randomInt(0, 40)).toString('latin1');
    case 4: return [1e308, -0, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER][randomInt(4)];
    case 5: return Array.from({ length: randomInt(4) }, () => randomValue(depth + 1));
    default: return Object.fromEntries(Array.from({ length: randomInt(4) }, () => [randomBytes(3).toString('hex'), randomValue(depth + 1)]));
  }
}

describe('hostile input', function () {
  this.timeout(300000);
  const dir = tempDir('hostile');
  const k = new KernelClient({});

  before(async () => {
    await k.start();
    await k.execute('#include <fstream>\nint replay_count = 0;\nint fuzz_base = 41;');
  });
  after(() => k.shutdown());

  it('drops 10,000 forged messages unexecuted, logging them without flooding the log', async () => {
    const marker = join(dir, 'forged-ran');
    const code = `std::ofstream("${marker}") << 1;`;
    const other = new Signer('hmac-sha256', 'not-the-key');
    const before = droppedCount(k.stderr);
    for (let i = 0; i < 10000; i++) {
      const msg = k.message('execute_request', { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false });
      const frames = serialize(msg, k.signer);
      switch (i % 4) {
        case 0: frames[1] = Buffer.from(randomBytes(32).toString('hex')); break; // wrong signature
        case 1: frames[1] = Buffer.alloc(0); break; // missing signature
        case 2: frames.splice(3 + randomInt(3)); break; // truncated
        case 3: frames.splice(0, frames.length, ...serialize(msg, other)); break; // another key
      }
      await k.sendFrames(CHANNELS[i % 3], frames);
    }
    const info = await k.request('shell', 'kernel_info_request', {});
    expect(info.reply.content.status).to.equal('ok');
    await new Promise((r) => setTimeout(r, 1500)); // the last summary line
    expect(existsSync(marker)).to.equal(false);
    expect(droppedCount(k.stderr) - before).to.equal(10000);
    const lines = k.stderr.split('\n').filter((l) => /dropped a message on/.test(l)).length;
    expect(lines, 'lines logged one by one').to.be.below(200);
  });

  it('refuses a correctly signed execute_request replayed on the wire', async () => {
    const msg = k.message('execute_request', { code: '++replay_count;', silent: false, store_history: true, user_expressions: {}, allow_stdin: false });
    const frames = serialize(msg, k.signer);
    await k.sendFrames('shell', frames);
    await k.waitReply(msg.header.msg_id);
    await k.sendFrames('shell', frames.map((f) => Buffer.from(f)));
    await new Promise((r) => setTimeout(r, 500));
    expect(result((await k.execute('replay_count')).iopub)).to.equal('1');
    expect(k.stderr).to.include('its signature was seen before (a replay)');
  });

  it('survives 100,000 fuzzed messages on every channel, with bounded memory, and still answers', async () => {
    const types = ['execute_request', 'kernel_info_request', 'complete_request', 'inspect_request', 'is_complete_request', 'history_request',
      'comm_info_request', 'comm_open', 'comm_msg', 'comm_close', 'input_reply', 'interrupt_request', 'no_such_request', '', '\u0000'];
    const hb = new zmq.Dealer({ linger: 0 });
    hb.connect(`tcp://127.0.0.1:${k.connection.hb_port}`);
    const started = Date.now();
    for (let i = 0; i < FUZZ_COUNT; i++) {
      const channel = CHANNELS[i % 3];
      const kind = i % 10;
      let frames: Buffer[];
      if (kind < 5) {
        // Signed, so it reaches the handlers, with contents of the wrong types.
        const msgType = types[randomInt(types.length)];
        const content = Object.fromEntries(['code', 'cursor_pos', 'detail_level', 'silent', 'store_history', 'user_expressions', 'allow_stdin',
          'hist_access_type', 'n', 'start', 'stop', 'pattern', 'comm_id', 'target_name', 'data', 'value', 'restart'].map((f) => [f, randomValue()]));
        // Strings as code (or as user expressions) would be compiled; the fuzz is
        // about types, and compiling 10,000 random strings is not CI-bounded.
        if (typeof content.code === 'string') content.code = randomInt(10);
        const ue = content.user_expressions;
        if (typeof ue === 'object' && ue !== null) for (const key of Object.keys(ue)) if (typeof (ue as Record<string, unknown>)[key] === 'string') (ue as Record<string, unknown>)[key] = 0;
        const msg = k.message(msgType, content);
        if (i % 7 === 0) (msg.header as unknown as Record<string, unknown>).msg_id = randomValue();
        if (i % 11 === 0) msg.parent_header = randomValue() as never;
        frames = serialize(msg, k.signer);
        if (i % 13 === 0) frames[2] = Buffer.from(JSON.stringify(randomValue())); // a header that is no object
        frames[1] = Buffer.from(k.signer.sign(frames.slice(2, 6)));
      } else if (kind < 8) {
        frames = Array.from({ length: randomInt(0, 9) }, () => randomBytes(randomInt(0, 64)));
        if (Math.random() < 0.5) frames.splice(randomInt(frames.length + 1), 0, Buffer.from('<IDS|MSG>'));
      } else if (kind === 8) {
        frames = [Buffer.from('<IDS|MSG>'), Buffer.from('x'), Buffer.from(`{"msg_type": ${JSON.stringify(randomBytes(8).toString('hex'))}`), Buffer.from('{'), Buffer.from('['), Buffer.from('null')];
      } else {
        frames = [randomBytes(randomInt(1, 16))];
      }
      if (frames.length === 0) frames = [Buffer.alloc(0)];
      await k.sendFrames(channel, frames);
      if (i % 100 === 0) await hb.send([randomBytes(randomInt(1, 32))]);
      if (process.env.CPPNB_FUZZ_PROGRESS && i % 10000 === 0) console.log(i, Date.now() - started, rssMB(k.process!.pid!).toFixed(0));
    }
    // A few huge headers (1 MB each, unsigned and signed).
    for (let i = 0; i < 5; i++) {
      const msg = k.message('kernel_info_request', {});
      (msg.header as unknown as Record<string, unknown>).padding = 'x'.repeat(1 << 20);
      const frames = serialize(msg, k.signer);
      if (i % 2) frames[1] = Buffer.from('0'.repeat(64));
      await k.sendFrames('shell', frames);
    }
    hb.close();
    await k.iopubQuiet(1000);
    const info = await k.request('shell', 'kernel_info_request', {}, 120000);
    expect(info.reply.content.status).to.equal('ok');
    const control = await k.request('control', 'kernel_info_request', {}, 120000);
    expect(control.reply.content.status).to.equal('ok');
    expect(result((await k.execute('fuzz_base + 1')).iopub)).to.equal('42');
    expect(k.process!.exitCode).to.equal(null);
    const rss = rssMB(k.process!.pid!);
    console.log(`      ${FUZZ_COUNT} fuzzed messages in ${((Date.now() - started) / 1000).toFixed(1)} s; kernel RSS after: ${rss.toFixed(0)} MB`);
    expect(rss).to.be.below(400);
  });

  it('binds only to the connection file\'s ip, leaves the file as it was, and never logs its key', async () => {
    const file = join(k.dir, 'connection.json');
    const st = statSync(file);
    expect(st.mode & 0o777).to.equal(0o600);
    const listening = execFileSync('ss', ['-ltnpH'], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes(`pid=${k.process!.pid},`));
    expect(listening.length).to.equal(5);
    for (const l of listening) expect(l.split(/\s+/)[3]).to.match(/^127\.0\.0\.1:\d+$/);
    expect(k.stderr).to.not.include(k.key);
    expect(k.stderr.length, 'it did log (trace on)').to.be.above(1000);
  });
});

describe('torture: every crash kind, again and again, and interrupts, in one kernel', function () {
  // 100 rounds as the issue asks, unless CPPNB_TORTURE_ROUNDS says otherwise.
  const rounds = Number(process.env.CPPNB_TORTURE_ROUNDS ?? 100);
  this.timeout(60000 + rounds * 20000);
  const k = new KernelClient();
  const crashes: [string, string][] = [
    ['int *np = nullptr; *np = 1;', 'SegmentationFault'],
    ['int down(int n) { return down(n + 1) + 1; }\ndown(0);', 'SegmentationFault'],
    ['volatile int zero = 0; int q = 1 / zero;', 'FloatingPointException'],
    ['__builtin_trap();', 'IllegalInstruction'],
    ['raise(SIGBUS);', 'BusError'],
    ['abort();', 'Aborted'],
    ['assert(x == 0);', 'Aborted'],
    ['std::terminate();', 'Aborted'],
    ['throw 42;', 'int'],
    ['exit(3);', 'SystemExit'],
    ['quick_exit(5);', 'SystemExit'],
  ];

  before(async () => {
    await k.start();
    await k.execute('#include <cstdlib>\n#include <cassert>\n#include <csignal>\n#include <exception>\nint x = 41;');
  });

  it(`survives ${rounds} × each crash kind and ${Math.ceil(rounds / 2)} interrupts with its state, leaving no process behind`, async () => {
    const started = Date.now();
    for (let round = 0; round < rounds; round++) {
      for (const [code, ename] of crashes) {
        const { reply } = await k.execute(code);
        expect(reply.content.ename, `round ${round}: ${code}`).to.equal(ename);
        expect(result((await k.execute('x')).iopub), `round ${round} after ${code}`).to.equal('41');
      }
      if (round % 2 === 0) {
        const id = await k.send('shell', 'execute_request', { code: 'while (true) {}', silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: false });
        await k.waitIopub(id, (m) => m.header.msg_type === 'execute_input');
        await new Promise((r) => setTimeout(r, 20));
        await k.request('control', 'interrupt_request', {});
        const reply = await k.waitReply(id, 10000);
        expect(reply.content.ename, `interrupt in round ${round}`).to.equal('Interrupted');
        await k.waitIdle(id);
      }
    }
    console.log(`      ${rounds * crashes.length} crashes and ${Math.ceil(rounds / 2)} interrupts in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(result((await k.execute('x + 1')).iopub)).to.equal('42');
    const tag = k.dir;
    await k.shutdown();
    for (let i = 0; i < 50 && processesTagged(tag).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(processesTagged(tag)).to.deep.equal([]);
  });
});
