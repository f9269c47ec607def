// is_complete for C++ cells, decided on tree-sitter-cpp's tokens: brackets
// count only where tree-sitter saw them as brackets (not inside strings, raw
// strings, characters or comments).
//
// tree-sitter's own verdict (ERROR nodes) cannot be used as it is: it marks
// unfinished and wrong code alike, and also `a + 1`, a complete notebook cell
// (its value is shown). So the tokens decide, as a C++ user reads them: an
// open bracket, a block comment or a line ending in `\` → incomplete; a closing
// bracket that closes nothing, or a string left open on its line → invalid.
import type { IsCompleteReply } from '../../kernel/language.js';
import { parseCpp, type SyntaxNode } from './cpp-parser.js';

const OPENERS: Record<string, string> = { '{': '}', '(': ')', '[': ']' };
const CLOSERS = new Set(['}', ')', ']']);
const STRINGS = new Set(['string_literal', 'char_literal', 'raw_string_literal', 'system_lib_string']);

// The cell's tokens in order, as (type, start, end), with a string or
// character literal as one token (its inside is not code). A tree cursor, not
// node objects: a cell of thousands of lines has hundreds of thousands of tokens.
interface Token {
  type: string;
  start: number;
  end: number;
  missing: boolean;
  literal: SyntaxNode | null; // the node, for string and character literals only
}

function tokens(code: string): Token[] {
  const out: Token[] = [];
  const cursor = parseCpp(code).walk();
  for (;;) {
    const type = cursor.nodeType;
    const literal = STRINGS.has(type);
    if (literal || !cursor.gotoFirstChild()) {
      out.push({ type, start: cursor.startIndex, end: cursor.endIndex, missing: cursor.nodeIsMissing, literal: literal ? cursor.currentNode : null });
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return out;
    }
  }
}

// A literal whose closing quote is missing (tree-sitter ends it early).
function unterminated(literal: SyntaxNode): boolean {
  if (literal.type === 'system_lib_string') return !literal.text.endsWith('>');
  const last = literal.lastChild;
  if (!last || last.isMissing) return true;
  if (literal.type === 'raw_string_literal') return !/\)[^()\\\s]{0,16}"$/.test(literal.text);
  return !(last.type === '"' || last.type === "'") || literal.text.length < 2;
}

export function isCompleteCpp(code: string): IsCompleteReply {
  if (code.trim() === '') return { status: 'complete' };
  const list = tokens(code);
  const stack: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    if (t.missing) continue; // what tree-sitter invented to recover is not in the cell
    if (t.literal) {
      if (unterminated(t.literal)) return { status: 'invalid' };
      continue;
    }
    // "/*" with nothing closing it: tree-sitter reads it as '/' then '*'.
    if (t.type === '/' && list[i + 1]?.type === '*' && list[i + 1].start === t.end) {
      return { status: 'incomplete', indent: '' };
    }
    if (t.type === '"' || t.type === "'") return { status: 'invalid' }; // a quote tree-sitter could not pair
    if (t.type in OPENERS) stack.push(OPENERS[t.type]);
    else if (CLOSERS.has(t.type)) {
      if (stack.pop() !== t.type) return { status: 'invalid' };
    }
  }
  if (stack.length > 0) return { status: 'incomplete', indent: '    '.repeat(stack.length) };
  if (/\\\s*$/.test(code)) return { status: 'incomplete', indent: '' };
  return { status: 'complete' };
}
