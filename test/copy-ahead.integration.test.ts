// Between cells the host copies the heap pages the last cell wrote, which the
// fork after it shares with the snapshot (host/copy_ahead.h). The copies must
// be made, and must change nothing: the values the cells compute, a snapshot
// that takes over, an undo.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { KernelClient, result } from './helpers/kernel-client.js';
import { servingHost } from './helpers/processes.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Pages the serving host holds alone (written since the last fork, or copied).
function privateDirtyKb(k: KernelClient): number {
  const rollup = readFileSync(`/proc/${servingHost(k)}/smaps_rollup`, 'utf8');
  return Number(/Private_Dirty:\s+(\d+)/.exec(rollup)?.[1]);
}

const SETUP =
  '#include <map>\nstd::map<int, long> m;\nvoid fill() { for (int i = 0; i < 20000; ++i) m[i] = i; }\n' +
  'void bump(int r) { for (auto &kv : m) if (kv.first % 7 == r) kv.second += 1; }\n' +
  'long total() { long s = 0; for (auto &kv : m) s += kv.second; return s; }\nfill();';
// 0 + 1 + … + 19999, and one more for each key ≡ r (mod 7) bumped.
const BASE = (19999 * 20000) / 2;
const keys = (r: number) => Math.floor((19999 - r) / 7) + 1;

async function ok(k: KernelClient, code: string): Promise<string | undefined> {
  const { reply, iopub } = await k.execute(code);
  expect(reply.content.status, `${code}: ${JSON.stringify(reply.content)}`).to.equal('ok');
  return result(iopub);
}

describe('pages copied ahead between cells', function () {
  this.timeout(120000);
  const k = new KernelClient();
  const off = new KernelClient({ CPPNB_COPY_AHEAD: '0' });
  before(async () => {
    await Promise.all([k.start(), off.start()]);
    await ok(k, SETUP);
    await ok(off, SETUP);
  });
  after(async () => {
    await Promise.all([k.shutdown(), off.shutdown()]);
  });

  it('are made while the kernel is idle: the host holds hundreds of KiB more of its own than without', async () => {
    const held: Record<string, number[]> = { on: [], off: [] };
    for (let round = 0; round < 3; round++) {
      for (const [name, kernel] of [['on', k], ['off', off]] as const) {
        await ok(kernel, `bump(${round});`);
        await pause(500);
        held[name].push(privateDirtyKb(kernel));
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
    expect(median(held.on) - median(held.off), JSON.stringify(held)).to.be.above(400);
  });

  it('change nothing a cell computes, nor what a snapshot or an undo returns to', async () => {
    let expected = BASE + keys(0) + keys(1) + keys(2);
    expect(await ok(k, 'total()')).to.equal(String(expected));
    for (const r of [3, 4, 5]) {
      await pause(300);
      await ok(k, `bump(${r});`);
      expected += keys(r);
      await pause(300);
      expect(await ok(k, 'total()')).to.equal(String(expected));
    }
    await pause(300);
    // A compile error: the snapshot from before the cell takes over.
    const bad = await k.execute('int broken = 1 +;');
    expect(bad.reply.content).to.include({ status: 'error', ename: 'CompileError' });
    await pause(300);
    expect(await ok(k, 'total()')).to.equal(String(expected));
    await pause(300);
    await ok(k, 'bump(6);');
    await pause(300);
    expect(await ok(k, 'total()')).to.equal(String(expected + keys(6)));
    await pause(300);
    // Back over the value cell and bump(6).
    const undo = await k.execute('%undo 2');
    expect(undo.reply.content.status).to.equal('ok');
    await pause(300);
    expect(await ok(k, 'total()')).to.equal(String(expected));
  });
});
