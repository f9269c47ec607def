// Cells' machine code (host/machine_code.h): one code generation pipeline per
// optimisation level, kept from cell to cell; inline assembly assembled; and
// an error the code generator stops on (bad inline assembly) is the cell's
// error, with the session as it was before the cell (guard.h), not a hung
// kernel.
import { expect } from 'chai';
import { executeOk, KernelClient, result, streamText } from './helpers/kernel-client.js';

describe('cells\' machine code', function () {
  this.timeout(120000);
  const k = new KernelClient();
  before(() => k.start());
  after(() => k.shutdown());

  it('assembles inline assembly', async () => {
    expect(result(await executeOk(k, 'int seven() { int r; asm("movl $7, %0" : "=r"(r)); return r; }\nseven()'))).to.equal('7');
    expect(result(await executeOk(k, 'asm("nop");\nseven() * 6'))).to.equal('42');
  });

  it('a cell whose assembly the code generator refuses fails with its message; the session goes on as before it', async () => {
    await executeOk(k, 'int kept = 5;');
    // Again and again: the host dies each time, its last output racing its
    // death (framing.h); once in a few rounds the message was lost, or the
    // next host's hello read as the rest of a cut frame (a hung kernel).
    const rounds = Array.from({ length: 6 }, () => ['void f1() { asm("no_such_instruction %eax"); }\nf1();', '++kept;\nasm("bad_mnemonic");']).flat();
    for (const bad of rounds) {
      const r = await k.execute(bad, {}, 30000);
      expect(r.reply.content.status, bad).to.equal('error');
      expect(streamText(r.iopub, 'stderr'), bad).to.match(/invalid instruction mnemonic/);
      expect(result(await executeOk(k, 'kept')), 'after ' + bad).to.equal('5');
    }
  });

  it('optimised and unoptimised cells in turn, each level\'s pipeline used again', async () => {
    await executeOk(k, '#pragma cling optimize(2)\nlong tri(long n) { long s = 0; for (long i = 1; i <= n; ++i) s += i; return s; }');
    await executeOk(k, 'long square(long x) { return x * x; }');
    for (let i = 0; i < 3; i++) {
      expect(result(await executeOk(k, `#pragma cling optimize(2)\ntri(${100 + i}) + square(${i})`))).to.equal(String(((100 + i) * (101 + i)) / 2 + i * i));
      expect(result(await executeOk(k, `tri(${10 + i}) - square(${i + 1})`))).to.equal(String(((10 + i) * (11 + i)) / 2 - (i + 1) * (i + 1)));
    }
  });

  it('code that calls the compiler\'s runtime library computes right in cell after cell, at each level (the library-call table is kept)', async () => {
    // 128-bit division and a float conversion of it are calls into libgcc
    // or compiler-rt: their names come from the pipeline's library-call table.
    await executeOk(k, 'unsigned __int128 big(unsigned n) { return (unsigned __int128)1 << (64 + n); }');
    for (let i = 0; i < 3; i++) {
      for (const pragma of ['', '#pragma cling optimize(2)\n']) {
        const n = 3 + i;
        const cell = `${pragma}(unsigned long)(big(${n}) / (unsigned __int128)${n + 1}000000000ull) + (unsigned long)(double)(big(${n}) >> 60)`;
        const expected = (((1n << BigInt(64 + n)) / (BigInt(n + 1) * 1000000000n)) + ((1n << BigInt(64 + n)) >> 60n)).toString();
        expect(result(await executeOk(k, cell)), cell).to.equal(expected);
      }
    }
  });
});

// The code generator's library-call set (host/machine_code.cpp): built as the
// target builds it, a variable-length copy is a call to memcpy; built by
// default it knew no library call, and the copy became a byte loop.
describe('cells\' machine code calls the C library where the target does', function () {
  this.timeout(120000);
  const k = new KernelClient();
  before(() => k.start());
  after(() => k.shutdown());

  it('a variable-length memcpy calls memcpy, at -O0 and optimised', async () => {
    // This kernel's own memcpy, which cells' code then links to: it counts.
    await executeOk(k, '#include <cstring>\nunsigned long memcpy_calls = 0;\n' +
      'extern "C" void *memcpy(void *__restrict d, const void *__restrict s, std::size_t n) noexcept {\n' +
      '  ++memcpy_calls;\n  volatile char *o = (volatile char *)d;\n  const char *i = (const char *)s;\n' +
      '  for (std::size_t k = 0; k < n; ++k) o[k] = i[k];\n  return d;\n}');
    let calls = 0;
    for (const [name, pragma] of [['copy0', ''], ['copy2', '#pragma cling optimize(2)\n']]) {
      await executeOk(k, `${pragma}void ${name}(char *d, const char *s, unsigned long n) { std::memcpy(d, s, n); }`);
      const shown = result(await executeOk(k, `char ${name}_to[64], ${name}_from[64] = "abc";\n${name}(${name}_to, ${name}_from, 50);\nmemcpy_calls`));
      expect(Number(shown), `${name}: memcpy's calls`).to.be.above(calls);
      calls = Number(shown);
    }
  });
});
