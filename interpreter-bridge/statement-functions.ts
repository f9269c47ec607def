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
// into a function that returns it, whose result is printed. Each piece stays
// on its lines and columns, so diagnostics still point into the cell.
import { parseCpp, type SyntaxNode } from './cpp-parser.js';
import type { TrailingExpression } from './cell-source.js';

// Top-level nodes that are statements (not declarations) in a cell.
const STATEMENTS = new Set([
  'expression_statement', 'if_statement', 'for_statement', 'for_range_loop', 'while_statement', 'do_statement',
  'switch_statement', 'compound_statement', 'try_statement',
]);

let functions = 0;

// [start, end) of each run of consecutive top-level statements in code.
function statementRuns(code: string): [number, number][] {
  const runs: [number, number][] = [];
  let open: [number, number] | null = null;
  for (const node of parseCpp(code).rootNode.namedChildren as SyntaxNode[]) {
    if (node.type === 'comment') continue;
    if (STATEMENTS.has(node.type) && !node.hasError) {
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
    // The statements keep their lines and columns (#line and padding); what
    // follows them on their last line is unchanged.
    out += `${head.slice(at, start)}\nvoid ${name}() {\n${placed(head, start)}${head.slice(start, end)} } ${name}();`;
    at = end;
  }
  out += head.slice(at);
  if (!trailing) return out;
  const name = `__cppnb_value_${++functions}`;
  const { line, column } = placeOf(code, trailing.start);
  // decltype(auto) and the parentheses keep what the expression is: a value,
  // a reference to a variable, or void (then nothing is shown).
  const valueFunction = `\ndecltype(auto) ${name}() { return (\n${placed(code, trailing.start)}${code.slice(trailing.start, trailing.end)}\n); }`;
  return out + valueFunction + printValue(`${name}()`, line, column) + code.slice(trailing.end);
}

function placeOf(code: string, at: number): { line: number; column: number } {
  const before = code.slice(0, at);
  return { line: before.split('\n').length, column: at - (before.lastIndexOf('\n') + 1) };
}

// A #line directive and padding that put what starts at `at` back on its line and column.
function placed(code: string, at: number): string {
  const { line, column } = placeOf(code, at);
  return `#line ${line}\n${' '.repeat(column)}`;
}
