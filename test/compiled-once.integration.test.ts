// Template code a cell's module brought to the JIT is not compiled again by
// later cells (host/compiled_once.h): their modules only declare it. Values
// must come out as before, and whatever the JIT does not have (an undone
// cell's code, an optimised cell's inlining) must still link.
import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executeOk, KernelClient, result } from './helpers/kernel-client.js';

// The value a cell that must succeed shows.
const ok = async (k: KernelClient, code: string) => result(await executeOk(k, code));

describe('template code compiled once', function () {
  this.timeout(120000);
  const dumps = mkdtempSync(join(tmpdir(), 'cppnb-modules-'));
  const k = new KernelClient({ CPPNB_DUMP_MODULES: dumps });
  before(() => k.start());
  after(async () => {
    await k.shutdown();
    rmSync(dumps, { recursive: true, force: true });
  });

  // The module of the newest cell, as the JIT got it.
  function newestModule(): string {
    const cells = readdirSync(dumps).map((f) => Number(/cell-(\d+)\.ll/.exec(f)?.[1])).filter((n) => n > 0);
    return readFileSync(join(dumps, `cell-${Math.max(...cells)}.ll`), 'utf8');
  }
  const PRINT_INT = '@_ZN5cppnb6detail10print_lastIiEEvNS0_8capturedIT_EE';

  it('is defined by the first cell that uses it and only declared by the next ones', async () => {
    expect(await ok(k, '1 + 1')).to.equal('2');
    await ok(k, '40 + 2'); // print_last<int> may have been compiled by the prelude already
    const later = newestModule();
    expect(later).to.include(`declare void ${PRINT_INT}`);
    expect(later).not.to.match(new RegExp(`define [^\\n]*${PRINT_INT.replace(/[$]/g, '\\$&')}`));
    expect(await ok(k, '3 * 3')).to.equal('9');
  });

  it('values of every kind print as before, again and again', async () => {
    await ok(k, '#include <map>\n#include <string>\n#include <vector>\nint a = 5; double d = 0.25; std::string s = "x\\ty";');
    await ok(k, 'struct P { int x; };\nstd::ostream &operator<<(std::ostream &o, const P &p) { return o << "P(" << p.x << ")"; }');
    const cases: [string, string][] = [
      ['a', '5'], ['d', '0.25'], ['s', '"x\\ty"'], ['std::vector<int>{1, 2, 3}', '{ 1, 2, 3 }'],
      ['std::map<std::string, int>{{"k", 1}}', '{ "k" => 1 }'], ['P{7}', 'P(7)'], ['a * d', '1.25'],
    ];
    for (let round = 0; round < 3; round++)
      for (const [code, shown] of cases) expect(await ok(k, code), `${code} (round ${round})`).to.equal(shown);
  });

  it('class template members, virtual functions and exceptions across cells', async () => {
    // A vector of the session's own type: nothing of it is in the precompiled headers' code.
    await ok(k, 'std::vector<P> v;\nv.push_back(P{1});');
    await ok(k, 'v.push_back(P{2});');
    const second = newestModule();
    expect(second).to.match(/declare [^\n]*9push_back/);
    expect(second).not.to.match(/define [^\n]*9push_back/);
    expect(await ok(k, 'v')).to.equal('{ P(1), P(2) }');
    await ok(k, 'template <class T> struct Shape { virtual T area() const { return T(2); } virtual ~Shape() {} };\nShape<int> sq;\nint first = sq.area();');
    expect(await ok(k, 'Shape<int> *p = new Shape<int>;\np->area() + first')).to.equal('4');
    const threw = await k.execute('std::vector<double> w;\nw.push_back(1.5);\nw.at(3)');
    expect(threw.reply.content).to.include({ status: 'error', ename: 'std::out_of_range' });
    expect(await ok(k, 'std::vector<double> w2;\nw2.push_back(2.5);\nw2.at(0) + w2.size()')).to.equal('3.5');
  });

  it('what an undone cell compiled is compiled again; an optimised cell inlines it', async () => {
    await ok(k, 'template <class T> T twice(T x) { return 2 * x; }');
    expect(await ok(k, 'twice(1.25)')).to.equal('2.5');
    const undo = await k.execute('%undo 1');
    expect(undo.reply.content.status).to.equal('ok');
    // The state before twice(1.25) ran: its code is not in the JIT any more.
    expect(await ok(k, 'twice(2.25)')).to.equal('4.5');
    expect(await ok(k, 'twice(3.25)')).to.equal('6.5');
    expect(await ok(k, '#pragma cling optimize(2)\ndouble sum = 0;\nfor (int i = 0; i < 4; ++i) sum += twice(0.5 * i);\nsum')).to.equal('6.0');
    expect(await ok(k, 'twice(7)')).to.equal('14');
    // An optimised cell may drop what goes with a virtual function (its thunk
    // for the second base): later cells must still find it.
    await ok(k, 'struct B1 { virtual ~B1() = default; long a = 1; };\nstruct B2 { virtual int f() = 0; virtual ~B2() = default; };\n' +
      'template <class T> struct D : B1, B2 { [[gnu::noinline]] int f() override { return 7; } };');
    await ok(k, '#pragma cling optimize(2)\nint poke(D<int> &d) { return d.D<int>::f(); }');
    expect(await ok(k, 'D<int> dd;\nB2 &b2 = dd;\nb2.f() + poke(dd)')).to.equal('14');
  });
});
