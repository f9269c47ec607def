// Unit tests of completion context detection: the translation unit libclang
// completes in (interpreter-bridge/completion-source.ts), and the functions a
// cell defines (defined-functions.ts).
import { expect } from 'chai';
import { completionSource, END_OF_INCLUDES } from '../interpreter-bridge/completion-source.js';
import { definedFunctions } from '../interpreter-bridge/cells/top-level.js';

// The text at (line, column) of source: what libclang will see at the cursor.
function at(source: string, line: number, column: number): string {
  return Buffer.from(source.split('\n')[line - 1], 'utf8').subarray(column - 1).toString('utf8');
}

describe('completion context', () => {
  it('hoists every #include into the preamble, before the marker, once each', () => {
    const { source } = completionSource(['#include <vector>\nint a;'], '#include <vector>\n#include <map>\nst', 33, ['#include <cppnb/common.hpp>'], 2);
    const [head] = source.split(END_OF_INCLUDES);
    expect(head.trim().split('\n')).to.deep.equal(['#include <cppnb/common.hpp>', '#include <vector>', '#include <map>']);
    expect(source.split(END_OF_INCLUDES)[1]).to.not.match(/#include/);
  });

  it('keeps earlier cells\' declarations and drops their statements', () => {
    const { source } = completionSource(['int a = 1;\nstd::cout << a;\nstruct P { int x; };\nf(a);'], 'a', 1, [], 1);
    expect(source).to.include('int a = 1;').and.include('struct P { int x; };');
    expect(source).to.not.include('std::cout << a').and.not.include('f(a)');
  });

  it('moves a statement holding the cursor into a function, keeping its columns', () => {
    const cell = 'int n = 2;\n  v.pu';
    const { source, line, column } = completionSource([], cell, cell.length - 2, [], 2);
    expect(source).to.include('void __cppnb_complete_here() {');
    expect(at(source, line, column)).to.equal('pu');
    expect(column).to.equal(5); // "  v." then the identifier
  });

  it('completes inside a declaration in place, at top level', () => {
    const cell = 'int limit = std::numeric_l';
    const { source, line, column } = completionSource([], cell, cell.length - 9, [], 9);
    expect(source).to.not.include('__cppnb_complete_here');
    expect(at(source, line, column)).to.equal('numeric_l');
  });

  it('counts columns in bytes, as libclang does', () => {
    const cell = 'auto s = "é"; s.si';
    const { source, line, column } = completionSource([], cell, cell.length - 2, [], 2);
    expect(at(source, line, column)).to.equal('si');
  });

  it('finds the functions a cell defines, for redefinition', () => {
    expect(definedFunctions('int f(int n) { return n ? f(n - 1) : 0; }\nint x = f(3);')).to.deep.equal(['f']);
    expect(definedFunctions('template <class T> T g(T a) { return a; }\nint *h() { return nullptr; }')).to.deep.equal(['g', 'h']);
    expect(definedFunctions('struct S { void m() {} };\nvoid S::n() {}\nint decl(int);')).to.deep.equal([]);
  });
});
