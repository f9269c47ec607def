// A second way to compile a cell, for when clang crashes on the first.
//
// clang 22 compiles a cell's top-level statements as declarations of their
// own (TopLevelStmtDecl), and some of its checks crash on them while they are
// being parsed: the use of a [[deprecated]] function or variable in a
// top-level statement (`std::random_shuffle(v.begin(), v.end());`) is one,
// with plain `clang++ -Xclang -fincremental-extensions` too. The same code in
// a function body is fine. So each run of top-level statements moves into a
// function of its own, called where the statements stood (the calls keep the
// cell's order with the declarations around them), and a trailing expression
// into a function that returns it, whose result is printed. Each piece keeps
// its lines and columns, so diagnostics still point into the cell.
//
// A statement tree-sitter reads as an expression may be a declaration to
// clang (`Foo(fx);` declares fx; so may a macro call): moved into a function,
// it would declare a local. Such statements stay where they are.
import { placedAt, placeOf } from './cell-place.js';
import { topLevelItems } from './top-level.js';
import type { SyntaxNode } from './cpp-parser.js';
import type { TrailingExpression } from './cell-source.js';

let functions = 0;

// `X(y);` or `MACRO(…);`: what clang may read as a declaration.
function mayDeclare(node: SyntaxNode): boolean {
  if (node.type !== 'expression_statement') return false;
  const call = node.namedChildren[0];
  if (call?.type !== 'call_expression') return false;
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'identifier' && callee?.type !== 'qualified_identifier') return false;
  const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a.type !== 'comment');
  const macroLike = /^[A-Z_][A-Z0-9_]*$/.test(callee.text.replace(/^.*::/, ''));
  return macroLike || (args.length === 1 && args[0].type === 'identifier');
}

// [start, end) of each run of consecutive top-level statements in code.
function statementRuns(code: string): [number, number][] {
  const runs: [number, number][] = [];
  let open: [number, number] | null = null;
  for (const { node, statement } of topLevelItems(code)) {
    if (!node.isNamed || node.type === 'comment') continue;
    if (statement && !node.hasError && !mayDeclare(node)) {
      if (open) open[1] = node.endIndex;
      else open = [node.startIndex, node.endIndex];
    } else if (open) {
      runs.push(open);
      open = null;
    }
  }
  if (open) runs.push(open);
  return runs;
}

// The cell with its statements in functions, and its trailing expression (if
// any) printed through printValue(call); null when nothing would move.
export function statementsInFunctions(
  code: string,
  trailing: TrailingExpression | null,
  printValue: (expr: string, line: number, column: number) => string,
): string | null {
  const head = trailing ? code.slice(0, trailing.start) : code;
  const runs = statementRuns(head);
  if (runs.length === 0 && !trailing) return null;
  let out = '';
  let at = 0;
  for (const [start, end] of runs) {
    const name = `__cppnb_statements_${++functions}`;
    const from = placeOf(head, start);
    const to = placeOf(head, end);
    out += `${head.slice(at, start)}\nvoid ${name}() {${placedAt(from.line, from.column)}${head.slice(start, end)}` +
      `\n}\n${name}();${placedAt(to.line, to.column)}`;
    at = end;
  }
  out += head.slice(at);
  if (!trailing) return out;
  const name = `__cppnb_value_${++functions}`;
  const { line, column } = placeOf(code, trailing.start);
  // decltype(auto) and the parentheses keep what the expression is: a value,
  // a reference to a variable, or void (then nothing is shown).
  const valueFunction = `\ndecltype(auto) ${name}() { return (${placedAt(line, column)}${code.slice(trailing.start, trailing.end)}\n); }`;
  return out + valueFunction + printValue(`${name}()`, line, column) + code.slice(trailing.end);
}
