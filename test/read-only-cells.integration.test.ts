// A cell that only shows a value without side effects changes nothing: the
// host takes no snapshot after it (host/read_only_cell.h). A crash later
// still returns to the state after it, %undo steps over it, and a value cell
// that does change something (++a, a call, a #define) gets its snapshot.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { executeOk, KernelClient, result } from './helpers/kernel-client.js';
import { childrenOf, servingHost } from './helpers/processes.js';

const CRASH = 'std::thread([] { volatile int *p = nullptr; *p = 1; }).join();';

// The value a cell that must succeed shows.
const ok = async (k: KernelClient, code: string) => result(await executeOk(k, code));

// The snapshots waiting under the serving host (exited ones not counted),
// once the snapshot after the last reply had time to be taken.
async function snapshots(k: KernelClient): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  return childrenOf(servingHost(k)).filter((p) => {
    try {
      return !/State:\s+Z/.test(readFileSync(`/proc/${p}/status`, 'utf8'));
    } catch {
      return false;
    }
  }).length;
}

describe('cells that only show a value', function () {
  this.timeout(120000);
  const k = new KernelClient();
  before(() => k.start());
  after(() => k.shutdown());

  it('take no snapshot; cells that change the state do', async () => {
    await ok(k, '#include <thread>\nint a = 1;\nint bump() { return ++a; }');
    const before = await snapshots(k);
    for (const code of ['a', 'a * 2 + 1', '1 + 1', 'a == 1']) await ok(k, code);
    expect(await snapshots(k), 'after value cells').to.equal(before);
    await ok(k, 'a = 1;');
    expect(await snapshots(k), 'after an assignment').to.equal(before + 1);
  });

  it('a crash after them returns to the state after the last cell', async () => {
    expect(await ok(k, '++a')).to.equal('2');
    expect(await ok(k, 'bump()')).to.equal('3');
    expect(await ok(k, '#define TEN 10\nTEN')).to.equal('10');
    expect(await ok(k, 'a')).to.equal('3');
    const crash = await k.execute(CRASH);
    expect(crash.reply.content).to.include({ status: 'error', ename: 'InterpreterCrash' });
    expect(await ok(k, 'a + TEN')).to.equal('13');
  });

  it('value cells that run hidden code or change the preprocessor get their snapshot', async () => {
    const deep = new KernelClient({ CPPNB_UNDO_DEPTH: '40' });
    await deep.start();
    try {
      await ok(deep, '#include <thread>\nint registered = 0;\nint reg() { return ++registered; }\n' +
        'template <class T> struct Reg { static inline int id = reg(); };\nthread_local int tl = reg();\nint vx = 3;');
      // (The kernel shows no value for the last two: its own reading of the
      // cell stops at the digraph and at _Pragma.)
      const cells: [string, string | undefined][] = [
        ['(Reg<int>::id)', '1'], ['Reg<double>::id + 0', '2'], ['tl', '3'], ['sizeof(int[vx++])', '12'],
        ['/**/ #define BAR 7\nvx', '4'], ['%:define FOO 42\nvx', undefined], ['_Pragma("once") vx', undefined],
      ];
      for (const [code, shown] of cells) {
        const before = await snapshots(deep);
        expect(await ok(deep, code), code).to.equal(shown);
        expect(await snapshots(deep), code).to.equal(before + 1);
      }
      const crash = await deep.execute(CRASH);
      expect(crash.reply.content).to.include({ status: 'error', ename: 'InterpreterCrash' });
      expect(await ok(deep, 'registered * 1000 + vx * 100 + FOO + BAR')).to.equal('3449');
    } finally {
      await deep.shutdown();
    }
  });

  it('%undo steps over them without going back further', async () => {
    await ok(k, 'int b = 1;');
    await ok(k, 'b');
    await ok(k, 'b = 5;');
    await ok(k, 'b + 1');
    // Back over `b + 1` and `b = 5;`.
    expect((await k.execute('%undo 2')).reply.content.status).to.equal('ok');
    expect(await ok(k, 'b')).to.equal('1');
    // Back over that `b` and the earlier one: nothing changes.
    expect((await k.execute('%undo 2')).reply.content.status).to.equal('ok');
    expect(await ok(k, 'b')).to.equal('1');
    // Over that `b`, then `int b = 1;`.
    expect((await k.execute('%undo 2')).reply.content.status).to.equal('ok');
    const gone = await k.execute('b');
    expect(gone.reply.content).to.include({ status: 'error', ename: 'CompileError' });
    expect(await ok(k, 'a')).to.equal('3');
  });
});
