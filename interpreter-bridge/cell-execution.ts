// A cell from its text to its outcome: the checks for what clang would hang or
// crash on, the trailing expression rewritten so its value is printed (and a
// last declaration without its semicolon closed, as cling does), the
// functions it defines named for the host (shadowing), a second compile with
// its statements in functions when clang crashes on the first, and at ROOT's
// prompt cling's implicit auto.
import type { ExecuteOutcome } from '../kernel/language.js';
import { errorOutcome } from '../kernel/outcome.js';
import { placedAt, placeOf } from './cells/cell-place.js';
import { findTrailingDeclaration, findTrailingExpression, scanBrackets, type BracketScan, type TrailingExpression } from './cells/cell-source.js';
import { declareAssigned } from './cells/implicit-declaration.js';
import { definedFunctions } from './cells/top-level.js';
import type { CellIO } from './host-process.js';
import { QUIET, type InterpreterSession } from './interpreter-session.js';
import { REDEFINES_HEADER } from './protocol.js';
import { statementsInFunctions } from './cells/statement-functions.js';

// The call that prints expr's value. A #line directive and padding put expr
// back on its own line and column, so a compile error in it points into the
// cell as the user wrote it, not into this wrapper; the wrapper starts a line
// of its own, so a diagnostic of the code before expr on its line does not
// show the wrapper either. The newline after expr keeps a trailing // comment
// from swallowing the closing parens.
function printLast(expr: string, line: number, column: number): string {
  return `\ncppnb::detail::print_last(((${placedAt(line, column)}${expr}\n), cppnb::detail::no_value{}));`;
}

// Rewrites a trailing expression so the host prints its value.
function withValuePrinting(code: string, e: TrailingExpression): string {
  const { line, column } = placeOf(code, e.start);
  return code.slice(0, e.start) + printLast(code.slice(e.start, e.end), line, column) + code.slice(e.end);
}

// Names the functions the cell defines in a first line the host reads and
// removes (host/protocol.h, kRedefinesHeader).
function withRedefinitions(cell: string, code: string): string {
  const names = definedFunctions(cell);
  return names.length ? `${REDEFINES_HEADER}${names.join(' ')}\n${code}` : code;
}

// Errors clang would hang or crash on, reported before it sees the cell.
function checkCell(scan: BracketScan): ExecuteOutcome | null {
  if (scan.unterminated) {
    return errorOutcome('IncompleteInput', `the cell ends inside an unterminated ${scan.unterminated}`);
  }
  if (scan.open.length > 0) {
    const o = scan.open[scan.open.length - 1];
    return errorOutcome('IncompleteInput', `'${o.char}' opened on line ${o.line} is never closed`);
  }
  const line = scan.topLevelReturns[0];
  if (line !== undefined) {
    return errorOutcome('SyntaxError', `a cell cannot 'return' at top level (line ${line}); cells are not functions`);
  }
  return null;
}

// Runs a cell in the session (called in the session's queue); a cell that
// compiled is kept in its source.
export async function executeCell(
  session: InterpreterSession, code: string, io: CellIO, printValue: boolean, log: (line: string) => void,
): Promise<ExecuteOutcome> {
  if (code.trim() === '') return { status: 'ok' };
  const scan = scanBrackets(code);
  const check = checkCell(scan);
  if (check) return check;
  // A declaration ending the cell without its semicolon (`double x = .5`),
  // as cling takes it: closed, and its value shown.
  const declaration = findTrailingDeclaration(code, scan);
  if (declaration) code = `${code.slice(0, declaration.end)};${code.slice(declaration.end)}`;
  let { outcome, ran } = await compileAndRun(session, code, io, printValue, log, declaration?.name);
  // cling's implicit auto, at ROOT's prompt: `h = new TH1D(…)` declares h.
  for (let tries = 0; tries < 8 && session.flavour === 'root' && outcome.status === 'error' && outcome.ename === 'CompileError'; tries++) {
    const declared = declareAssigned(code, outcome.evalue);
    if (!declared) break;
    code = declared;
    ({ outcome, ran } = await compileAndRun(session, code, io, printValue, log, declaration?.name));
  }
  if (outcome.status === 'ok') session.sessionSource.push(ran);
  return outcome;
}

// One compile and run of the cell's code; shown: a variable whose value the
// cell shows after it (its last declaration had no semicolon). ran: the
// code as it compiled, for the session's source.
async function compileAndRun(
  session: InterpreterSession, code: string, io: CellIO, printValue: boolean, log: (line: string) => void, shown?: string,
): Promise<{ outcome: ExecuteOutcome; ran: string }> {
  let trailing: TrailingExpression | null = null;
  let rewritten = code;
  if (printValue && shown) {
    const start = code.length + 1;
    trailing = { start, end: start + shown.length };
    rewritten = withValuePrinting(`${code}\n${shown}`, trailing);
  } else if (printValue) {
    trailing = findTrailingExpression(code);
    if (trailing) rewritten = withValuePrinting(code, trailing);
  }
  let outcome = await session.runOnHost(withRedefinitions(code, rewritten), io, trailing !== null);
  if (trailing?.ambiguous && outcome.status === 'error' && outcome.ename === 'CompileError') {
    // `T * x` was a declaration after all: closed as cling closes it, no value.
    trailing = null;
    code = `${code.replace(/\s+$/, '')};`;
    outcome = await session.runOnHost(withRedefinitions(code, code), io, false);
  }
  if (outcome.status === 'error' && outcome.ename === 'CompilerCrash') {
    // Nothing of the cell ran: try once more with its statements in
    // functions, which clang compiles where it crashes on top-level ones.
    const safer = statementsInFunctions(code, shown ? null : trailing, printLast);
    if (safer) {
      log('clang crashed compiling a cell: compiling it again with its statements in functions');
      const again = await session.runOnHost(withRedefinitions(code, safer), io, trailing !== null);
      // What the rewritten cell did when it ran stands for the cell; a
      // compile error of it would speak of code the user did not write.
      if (again.status === 'ok' || !['CompileError', 'CompilerCrash'].includes(again.ename)) outcome = again;
      else if (outcome.status === 'error') {
        const why = again.ename === 'CompilerCrash' ? 'it crashed again' : `${again.ename}: ${again.evalue.split('\n')[0]}`;
        outcome = errorOutcome(outcome.ename, outcome.evalue, [...outcome.traceback, `Compiled again with its top-level statements in functions, the cell failed too (${why}).`]);
      }
    }
  }
  return { outcome, ran: code };
}

// An expression's value, quietly (user_expressions).
export async function evaluateExpression(session: InterpreterSession, expression: string): Promise<ExecuteOutcome> {
  return checkCell(scanBrackets(expression)) ?? session.runOnHost(printLast(expression, 1, 0), QUIET, true);
}
