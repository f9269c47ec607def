// What the bridge needs to know about a cell's text before clang sees it.
//
// clang's incremental parser loops forever on a cell with an unclosed `{` and
// crashes on a top-level `return`, so both are caught here. The trailing
// expression (no semicolon) is found so its value can be shown.
import Parser from 'tree-sitter';
import Cpp from 'tree-sitter-cpp';

export interface BracketScan {
  // Brackets still open at the end, innermost last.
  open: { char: string; line: number }[];
  // A closer with no opener (the cell is invalid, not incomplete).
  unmatched: { char: string; line: number } | null;
  // The cell ends inside a string, character literal or block comment.
  unterminated: 'string' | 'character' | 'raw string' | 'comment' | null;
  // The last line ends with a backslash (a continued preprocessor line).
  continued: boolean;
}

const CLOSER: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

// Length of a raw string's prefix up to and including its quote (R", u8R", LR"...) at i, or 0.
function rawStringPrefix(code: string, i: number): number {
  if (/[A-Za-z0-9_]/.test(code[i - 1] ?? ' ')) return 0;
  const m = /^(?:u8|u|U|L)?R"/.exec(code.slice(i, i + 4));
  return m ? m[0].length : 0;
}

// A lexical pass: skips comments and literals, counts (), [] and {}.
export function scanBrackets(code: string): BracketScan {
  const open: { char: string; line: number }[] = [];
  let unmatched: BracketScan['unmatched'] = null;
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
      if (end < 0) return { open, unmatched, unterminated: 'comment', continued: false };
      for (let k = i; k < end; k++) if (code[k] === '\n') line++;
      i = end + 2;
    } else if (rawStringPrefix(code, i) > 0) {
      // Raw string R"delim( ... )delim"
      const quote = i + rawStringPrefix(code, i) - 1;
      const paren = code.indexOf('(', quote + 1);
      if (paren < 0) return { open, unmatched, unterminated: 'raw string', continued: false };
      const delim = code.slice(quote + 1, paren);
      const end = code.indexOf(`)${delim}"`, paren + 1);
      if (end < 0) return { open, unmatched, unterminated: 'raw string', continued: false };
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
        return { open, unmatched, unterminated: c === '"' ? 'string' : 'character', continued: false };
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
    } else {
      i++;
    }
  }
  const continued = /\\[ \t]*$/.test(code.replace(/\n+$/, '')) && !code.endsWith('\n\n');
  return { open, unmatched, unterminated: null, continued };
}

let parser: Parser | null = null;
function cppParser(): Parser {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(Cpp as unknown as Parser.Language);
  }
  return parser;
}

// Cells are statement sequences, not namespace-scope code: parse them as a
// function body. The leading `;` keeps tree-sitter from reading the body as an
// initializer list; the trailing `;` on its own line completes a last
// expression that has no semicolon.
const PREFIX = 'void __cppnb_cell__() {\n;\n';

interface CellTree {
  statements: Parser.SyntaxNode[];
  semicolonAt: number; // index of the appended `;` in the parsed text
}

function parseCell(code: string): CellTree {
  const text = `${PREFIX}${code}\n;\n}`;
  const tree = cppParser().parse(text);
  const fn = tree.rootNode.firstNamedChild;
  const body = fn?.childForFieldName('body');
  const statements = body ? body.namedChildren.filter((n) => n.type !== 'comment') : [];
  return { statements, semicolonAt: PREFIX.length + code.length + 1 };
}

export interface TrailingExpression {
  start: number; // offsets into the cell (UTF-16, as JS strings index)
  end: number;
}

// The cell's last statement, when it is an expression without a semicolon.
export function findTrailingExpression(code: string): TrailingExpression | null {
  const { statements, semicolonAt } = parseCell(code);
  const last = statements[statements.length - 1];
  if (!last || last.type !== 'expression_statement' || last.namedChildCount === 0) return null;
  if (last.endIndex !== semicolonAt + 1 || last.hasError) return null;
  const start = last.startIndex - PREFIX.length;
  const end = code.replace(/\s+$/, '').length;
  return start >= 0 && start < end ? { start, end } : null;
}

// Line (1-based) of a top-level `return`, which would crash clang's parser.
export function topLevelReturnLine(code: string): number | null {
  const { statements } = parseCell(code);
  const r = statements.find((s) => s.type === 'return_statement' || s.type === 'co_return_statement');
  return r ? r.startPosition.row - 1 : null;
}
