// What the bridge needs to know about a cell's text before clang sees it.
//
// clang's incremental parser loops forever on a cell with an unclosed `{` and
// crashes on a top-level `return`, so both are caught here. The trailing
// expression (no semicolon) is found so its value can be shown.
import { parseCpp, type SyntaxNode } from './cpp-parser.js';

export interface BracketScan {
  // Brackets still open at the end, innermost last.
  open: { char: string; line: number }[];
  // A closer with no opener (the cell is invalid, not incomplete).
  unmatched: { char: string; line: number } | null;
  // The cell ends inside a string, character literal or block comment.
  unterminated: 'string' | 'character' | 'raw string' | 'comment' | null;
  // The last line ends with a backslash (a continued preprocessor line).
  continued: boolean;
  // Lines of `return` / `co_return` outside every brace: clang crashes on them.
  topLevelReturns: number[];
  // Index just after the last `;` outside every bracket (0 if none): what
  // follows is the cell's last statement.
  lastStatementStart: number;
}

const CLOSER: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

function isIdentStart(ch: number): boolean {
  return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || ch === 95;
}

function isIdentPart(ch: number): boolean {
  return isIdentStart(ch) || (ch >= 48 && ch <= 57);
}

// Length of a raw string's prefix up to and including its quote (R", u8R", LR"...) at i, or 0.
function rawStringPrefix(code: string, i: number): number {
  const c = code[i];
  if (c !== 'R' && c !== 'u' && c !== 'U' && c !== 'L') return 0;
  if (i > 0 && isIdentPart(code.charCodeAt(i - 1))) return 0;
  const m = /^(?:u8|u|U|L)?R"/.exec(code.slice(i, i + 4));
  return m ? m[0].length : 0;
}

// A lexical pass: skips comments and literals, counts (), [] and {}.
export function scanBrackets(code: string): BracketScan {
  const open: { char: string; line: number }[] = [];
  const topLevelReturns: number[] = [];
  let lastStatementStart = 0;
  let unmatched: BracketScan['unmatched'] = null;
  const early = (unterminated: BracketScan['unterminated']): BracketScan =>
    ({ open, unmatched, unterminated, continued: false, topLevelReturns, lastStatementStart });
  let line = 1;
  let i = 0;
  const n = code.length;
  while (i < n) {
    const c = code[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === '/' && code[i + 1] === '/') {
      while (i < n && code[i] !== '\n') i++;
    } else if (c === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      if (end < 0) return early('comment');
      for (let k = i; k < end; k++) if (code[k] === '\n') line++;
      i = end + 2;
    } else if (rawStringPrefix(code, i) > 0) {
      // Raw string R"delim( ... )delim"
      const quote = i + rawStringPrefix(code, i) - 1;
      const paren = code.indexOf('(', quote + 1);
      if (paren < 0) return early('raw string');
      const delim = code.slice(quote + 1, paren);
      const end = code.indexOf(`)${delim}"`, paren + 1);
      if (end < 0) return early('raw string');
      for (let k = i; k < end; k++) if (code[k] === '\n') line++;
      i = end + delim.length + 2;
    } else if (c === '"' || c === "'") {
      // A ' between digits is a digit separator (1'000'000), not a literal.
      if (c === "'" && /[0-9A-Fa-f]/.test(code[i - 1] ?? '') && /[0-9A-Fa-f]/.test(code[i + 1] ?? '')) {
        i++;
        continue;
      }
      let k = i + 1;
      while (k < n && code[k] !== c && code[k] !== '\n') k += code[k] === '\\' ? 2 : 1;
      if (k >= n || code[k] === '\n') {
        return early(c === '"' ? 'string' : 'character');
      }
      i = k + 1;
    } else if (c === '(' || c === '[' || c === '{') {
      open.push({ char: c, line });
      i++;
    } else if (c === ')' || c === ']' || c === '}') {
      const top = open[open.length - 1];
      if (top && top.char === CLOSER[c]) open.pop();
      else if (!unmatched) unmatched = { char: c, line };
      i++;
    } else if (c === ';') {
      if (open.length === 0) lastStatementStart = i + 1;
      i++;
    } else if (isIdentStart(code.charCodeAt(i))) {
      let k = i + 1;
      while (k < n && isIdentPart(code.charCodeAt(k))) k++;
      const word = code.slice(i, k);
      if ((word === 'return' || word === 'co_return') && !open.some((o) => o.char === '{')) topLevelReturns.push(line);
      i = k;
    } else {
      i++;
    }
  }
  const continued = /\\[ \t]*$/.test(code.replace(/\n+$/, '')) && !code.endsWith('\n\n');
  return { open, unmatched, unterminated: null, continued, topLevelReturns, lastStatementStart };
}

// Cells are statement sequences, not namespace-scope code: parse them as a
// function body. The leading `;` keeps tree-sitter from reading the body as an
// initializer list; the trailing `;` on its own line completes a last
// expression that has no semicolon.
const PREFIX = 'void __cppnb_cell__() {\n;\n';

interface CellTree {
  statements: SyntaxNode[];
  semicolonAt: number; // index of the appended `;` in the parsed text
}

// findTrailingDeclaration and findTrailingExpression read the same text of
// each cell: it is parsed once (~0.1 ms a parse).
let lastParsed: { code: string; tree: CellTree } | null = null;

function parseCell(code: string): CellTree {
  if (lastParsed?.code === code) return lastParsed.tree;
  const text = `${PREFIX}${code}\n;\n}`;
  const tree = parseCpp(text);
  const fn = tree.rootNode.firstNamedChild;
  const body = fn?.childForFieldName('body');
  const statements = body ? body.namedChildren.filter((n) => n.type !== 'comment') : [];
  lastParsed = { code, tree: { statements, semicolonAt: PREFIX.length + code.length + 1 } };
  return lastParsed.tree;
}

export interface TrailingExpression {
  start: number; // offsets into the cell (UTF-16, as JS strings index)
  end: number;
  // `a * b` or `a & b`: C++ reads it as a declaration when a names a type, as
  // a product when a is a variable; only the compiler knows which.
  ambiguous?: boolean;
}

// `T * x` / `T & x` with no initializer: a declaration of x, or an expression.
function declarationOrProduct(d: SyntaxNode): boolean {
  const declarators = d.childrenForFieldName('declarator');
  if (d.childForFieldName('type')?.type !== 'type_identifier' || declarators.length !== 1) return false;
  const inner = declarators[0];
  return ['pointer_declarator', 'reference_declarator'].includes(inner.type) && inner.namedChildren.length === 1 &&
    inner.namedChildren[0].type === 'identifier';
}

// The cell's last statement, when it is an expression without a semicolon.
// Only the text after the last top-level `;` is parsed, so a cell of a
// hundred thousand lines costs no more than a short one.
export function findTrailingExpression(code: string, scan: BracketScan = scanBrackets(code)): TrailingExpression | null {
  const from = scan.lastStatementStart;
  const tail = code.slice(from);
  const { statements, semicolonAt } = parseCell(tail);
  const last = statements[statements.length - 1];
  const ambiguous = last?.type === 'declaration' && declarationOrProduct(last);
  if (!last || (last.type !== 'expression_statement' && !ambiguous) || last.namedChildCount === 0) return null;
  if (last.endIndex !== semicolonAt + 1 || last.hasError) return null;
  const start = from + last.startIndex - PREFIX.length;
  const end = code.replace(/\s+$/, '').length;
  if (start < from || start >= end) return null;
  return ambiguous ? { start, end, ambiguous } : { start, end };
}

// The cell's last statement, when it is a declaration of one variable without
// its semicolon (`double x = .5`): cling accepts it and shows the value.
// end: where the declaration's text ends in the cell; name: the variable.
export function findTrailingDeclaration(code: string, scan: BracketScan = scanBrackets(code)): { end: number; name: string } | null {
  const from = scan.lastStatementStart;
  const { statements, semicolonAt } = parseCell(code.slice(from));
  const last = statements[statements.length - 1];
  if (!last || last.type !== 'declaration' || last.hasError || last.endIndex !== semicolonAt + 1) return null;
  const declarators = last.childrenForFieldName('declarator');
  if (declarators.length !== 1) return null;
  // `a * b` (a pointer declaration or a product) is left to the expressions.
  const d = declarators[0];
  const id = d.type === 'identifier' ? d : d.type === 'init_declarator' ? d.childForFieldName('declarator') : null;
  if (id?.type !== 'identifier') return null;
  return { end: code.replace(/\s+$/, '').length, name: id.text };
}
