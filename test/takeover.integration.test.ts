// Every way a fork snapshot takes over from the serving interpreter (a cell
// that does not compile or link, a crash the host cannot catch, a kill (also
// mid-output), an
// interrupt that cannot land, %undo, an interrupt inside an OpenMP region)
// leaves a session that behaves as a fresh one: a cell reading stdin asks the
// notebook (or gets end of file), and a cell that prints, displays and is
// interrupted does so. Each per-process fact the host keeps (the main
// thread's id for stdin, its threads) must be renewed in the snapshot.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './helpers/temp-dir.js';
import { executeContent, KernelClient, ofType, result, streamText, tracebackText } from './helpers/kernel-client.js';
import { servingHost } from './helpers/processes.js';

const run = executeContent;

describe('a session after its snapshot took over', function () {
  this.timeout(240000);
  const k = new KernelClient();
  before(async () => {
    await k.start();
    const setup = await k.execute(
      '#include <iostream>\n#include <thread>\n#include <csignal>\n#include <omp.h>\n#include <cppnb/display.hpp>\nint base = 41;\n' +
      'void spin_in_parallel() {\n#pragma omp parallel\n{ long n = 0; while (true) n = n + 1; }\n}',
    );
    expect(setup.reply.content.status, JSON.stringify(setup.reply.content)).to.equal('ok');
  });
  after(() => k.shutdown());

  // Starts code, and once it runs, does `then` to it; resolves with the reply.
  async function whileRunning(code: string, then: () => Promise<void> | void): Promise<Record<string, unknown>> {
    const id = await k.send('shell', 'execute_request', run(code));
    await k.waitIopub(id, (m) => m.header.msg_type === 'execute_input');
    await new Promise((r) => setTimeout(r, 300));
    await then();
    return (await k.waitReply(id, 20000)).content;
  }
  const interrupt = async () => {
    await k.request('control', 'interrupt_request', {});
  };

  const takeovers: [string, () => Promise<Record<string, unknown>>, string][] = [
    ['a compile error', async () => (await k.execute('int bad = 1 +;')).reply.content, 'CompileError'],
    ['a link error', async () => (await k.execute('void missing_fn_xyz(); missing_fn_xyz();')).reply.content, 'LinkError'],
    ['a crash on a thread the cell started', async () =>
      (await k.execute('std::thread([] { volatile int *p = nullptr; *p = 1; }).join();')).reply.content, 'InterpreterCrash'],
    ['a kill of the interpreter', () => whileRunning('while (true) {}', () => {
      process.kill(servingHost(k), 'SIGKILL');
    }), 'InterpreterCrash'],
    // Killed while it sends output: its last frame is cut off (framing.h).
    ['a kill of the interpreter while the cell floods its output', () => whileRunning('while (true) std::cout << std::string(50000, \'x\') << std::endl;', () => {
      process.kill(servingHost(k), 'SIGKILL');
    }), 'InterpreterCrash'],
    ['an interrupt that cannot land (SIGINT blocked), after 0.7 s', () =>
      whileRunning('sigset_t s; sigemptyset(&s); sigaddset(&s, SIGINT); pthread_sigmask(SIG_BLOCK, &s, nullptr);\nwhile (true) {}', interrupt),
    'Interrupted'],
    ['an interrupt inside an OpenMP parallel region', () => whileRunning('spin_in_parallel();', interrupt), 'Interrupted'],
    ['%undo', async () => {
      await k.execute('int undone = 1;');
      return (await k.execute('%undo')).reply.content;
    }, ''],
  ];

  for (const [what, takeOver, ename] of takeovers) {
    describe(`after ${what}`, () => {
      before(async () => {
        const content = await takeOver();
        if (ename) expect(content, JSON.stringify(content)).to.include({ status: 'error', ename });
        else expect(content.status).to.equal('ok');
      });

      it('a cell reading stdin asks the notebook for a line', async () => {
        const asked = k.stdinRequests.length;
        k.answerInputWith('7');
        const { reply, iopub } = await k.execute('int got = 0; std::cin >> got; got + base', { allow_stdin: true }, 20000);
        expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
        expect(k.stdinRequests.length).to.equal(asked + 1);
        expect(result(iopub)).to.equal('48');
      });

      it('without stdin, the read gets end of file at once', async () => {
        const { reply, iopub } = await k.execute('int none = -1; std::cin >> none; std::cin.eof()', {}, 20000);
        expect(reply.content.status).to.equal('ok');
        expect(result(iopub)).to.equal('true');
        expect(streamText(iopub, 'stderr')).to.match(/stdin is at end of file/);
      });

      it('a cell prints, displays and is interrupted as in a fresh kernel, keeping the state', async () => {
        const id = await k.send('shell', 'execute_request', run(
          'std::cout << "before" << std::endl;\ncppnb::display(cppnb::html("<b>shown</b>"));\nwhile (true) {}',
        ));
        await k.waitIopub(id, (m) => m.header.msg_type === 'display_data');
        const t0 = Date.now();
        await interrupt();
        const reply = await k.waitReply(id, 20000);
        expect(reply.content).to.include({ status: 'error', ename: 'Interrupted' });
        expect(Date.now() - t0, 'the interrupt lands, no rollback after 0.7 s').to.be.below(600);
        const iopub = await k.waitIdle(id);
        expect(streamText(iopub, 'stdout')).to.equal('before\n');
        expect((ofType(iopub, 'display_data')[0].content.data as Record<string, string>)['text/html']).to.equal('<b>shown</b>');
        expect(result((await k.execute('base')).iopub)).to.equal('41');
      });
    });
  }
});

describe('a cell that does not link', function () {
  this.timeout(120000);
  const k = new KernelClient();
  before(async () => {
    await k.start();
    await k.execute('int plain_before = 5;');
  });
  after(() => k.shutdown());

  it('names the missing symbols demangled, rolls back, and every later cell runs', async () => {
    const { reply } = await k.execute('int kept_from_failed = 3;\nvoid missing_fn_xyz(); missing_fn_xyz();');
    expect(reply.content).to.include({ status: 'error', ename: 'LinkError', evalue: 'undefined symbol: missing_fn_xyz()' });
    const tb = tracebackText(reply.content);
    expect(tb).to.match(/defined nowhere the interpreter can see/);
    expect(tb).to.match(/rolled back/);
    expect(tb, 'no JIT internals').to.not.match(/materialize|_Z14missing/);
    const next = await k.execute('int plain = 7; plain');
    expect(result(next.iopub), JSON.stringify(next.reply.content)).to.equal('7');
    expect(result((await k.execute('plain_before')).iopub)).to.equal('5');
    expect((await k.execute('kept_from_failed')).reply.content.status, 'the failed cell left nothing').to.equal('error');
  });

  it('lists several missing symbols, with a %lib hint for a library-like (C) name', async () => {
    const { reply } = await k.execute('extern "C" int gsl_missing_thing(int);\nnamespace lib { double f(double); }\nint both = gsl_missing_thing(1) + lib::f(2);');
    expect(reply.content.ename).to.equal('LinkError');
    expect(reply.content.evalue).to.match(/^undefined symbols: /);
    expect(reply.content.evalue).to.include('gsl_missing_thing').and.include('lib::f(double)');
    expect(tracebackText(reply.content)).to.match(/If a library defines it, load the library \(%lib NAME/);
  });

  it('can be fixed by %lib and run again', async () => {
    const code = 'extern "C" double cbrt_twice_missing(double);\ncbrt_twice_missing(8.0)';
    expect((await k.execute(code)).reply.content.ename).to.equal('LinkError');
    // The library that defines it, built now.
    const dir = tempDir('link');
    writeFileSync(join(dir, 'twice.c'), 'double cbrt_twice_missing(double x) { return 2 * x; }\n');
    execFileSync('clang-22', ['-shared', '-fPIC', '-o', join(dir, 'libcbrttwice.so'), join(dir, 'twice.c')]);
    expect((await k.execute(`%lib ${join(dir, 'libcbrttwice.so')}`)).reply.content.status).to.equal('ok');
    const again = await k.execute(code);
    expect(result(again.iopub), JSON.stringify(again.reply.content)).to.equal('16.0');
  });
});
