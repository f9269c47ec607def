import { expect } from 'chai';
import { findTrailingExpression, scanBrackets } from '../interpreter-bridge/cells/cell-source.js';
import { CppKernel } from '../interpreter-bridge/cpp-kernel.js';

function trailing(code: string): string | null {
  const e = findTrailingExpression(code);
  return e ? code.slice(e.start, e.end) : null;
}

describe('cell source checks', () => {
  it('finds brackets left open, ignoring strings, comments and raw strings', () => {
    expect(scanBrackets('int f() {').open.map((o) => o.char)).to.deep.equal(['{']);
    expect(scanBrackets('auto s = "{";\n// {\n/* { */ char c = \'{\';').open).to.deep.equal([]);
    expect(scanBrackets('auto r = R"x(unbalanced { ) )x";').open).to.deep.equal([]);
    expect(scanBrackets('int n = 1\'000\'000; {').open).to.have.length(1);
    expect(scanBrackets('int a;\nvoid g() {\n  if (a) {\n').open.map((o) => o.line)).to.deep.equal([2, 3]);
    expect(scanBrackets('int x = 1; }').unmatched).to.deep.equal({ char: '}', line: 1 });
    expect(scanBrackets('/* open').unterminated).to.equal('comment');
    expect(scanBrackets('auto s = "abc').unterminated).to.equal('string');
    expect(scanBrackets('#define X 1 \\').continued).to.equal(true);
  });

  it('finds a trailing expression without a semicolon', () => {
    expect(trailing('x + 1')).to.equal('x + 1');
    expect(trailing('int a = 1; a')).to.equal('a');
    expect(trailing('#include <vector>\nstd::vector<int>{1, 2, 3}')).to.equal('std::vector<int>{1, 2, 3}');
    expect(trailing('f(2) // a comment')).to.equal('f(2) // a comment');
    expect(trailing('int f() { return 1; }\nf()')).to.equal('f()');
    expect(trailing('"é" ')).to.equal('"é"');
  });

  it('leaves statements, declarations and blocks alone', () => {
    expect(trailing('x + 1;')).to.equal(null);
    expect(trailing('int y = 5')).to.equal(null);
    expect(trailing('#include <iostream>\nint x = 41;')).to.equal(null);
    expect(trailing('struct S { int a; };')).to.equal(null);
    expect(trailing('if (x) { y(); }')).to.equal(null);
    expect(trailing('int x = 1;\n// done')).to.equal(null);
  });

  it('finds a top-level return, which would crash clang', () => {
    expect(scanBrackets('int a = 1;\nreturn 1;').topLevelReturns).to.deep.equal([2]);
    expect(scanBrackets('int f() { return 1; }\nauto l = [] { return 2; };').topLevelReturns).to.deep.equal([]);
    expect(scanBrackets('int returned = 1; // return').topLevelReturns).to.deep.equal([]);
  });

  it('finds the trailing expression of a huge cell from its last statement only', () => {
    const big = Array.from({ length: 20000 }, (_, i) => `int g${i} = ${i};`).join('\n');
    expect(trailing(`${big}\ng1 + g2`)).to.equal('g1 + g2');
  });

  it('answers is_complete like a C++ user expects', () => {
    const k = new CppKernel();
    expect(k.isComplete('int a = 1;').status).to.equal('complete');
    expect(k.isComplete('for (int i = 0; i < 3; i++) {')).to.deep.equal({ status: 'incomplete', indent: '    ' });
    expect(k.isComplete('void f() {\n  if (x) {').indent).to.equal('        ');
    expect(k.isComplete('int x = 1; }').status).to.equal('invalid');
    expect(k.isComplete('/* unfinished').status).to.equal('incomplete');
  });

  it('counts brackets outside strings, raw strings, characters and comments', () => {
    const k = new CppKernel();
    const status = (code: string) => k.isComplete(code).status;
    expect(status('std::string t = "}";')).to.equal('complete');
    expect(status('char c = \'{\';')).to.equal('complete');
    expect(status('auto r = R"(raw { )" + std::string("x");')).to.equal('complete');
    expect(status('// a comment {\nint a;')).to.equal('complete');
    expect(status('/* { */ int b;')).to.equal('complete');
    expect(status('#include <vector>')).to.equal('complete');
    expect(status('a + 1')).to.equal('complete'); // a value cell, though not a C++ statement
    expect(status('x = "a{" + f(')).to.equal('incomplete');
    expect(k.isComplete('std::vector<int> v{1, 2,')).to.deep.equal({ status: 'incomplete', indent: '    ' });
    expect(status('#define TWICE(x) \\')).to.equal('incomplete');
    expect(status('f(1));')).to.equal('invalid');
    expect(status('const char *s = "abc')).to.equal('invalid');
    expect(status('')).to.equal('complete');
  });
});
