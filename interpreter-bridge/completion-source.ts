// The translation unit libclang completes in: what the session declared, and
// the cell being typed, arranged so that the cursor is where C++ allows it.
//
// Cells are statement sequences, which C++ does not allow at namespace scope.
// So: every #include goes to the top (a preamble libclang precompiles once);
// earlier cells keep their declarations and lose their statements (which
// declare nothing); in the cell being typed, a statement holding the cursor is
// moved into a function body of its own, on the same columns.
import { topLevelItems } from './cells/top-level.js';

export const END_OF_INCLUDES = '//@cppnb-end-of-includes';

// Replaces code[start, end) with spaces, keeping newlines (so positions stay).
function blank(code: string, start: number, end: number): string {
  return code.slice(0, start) + code.slice(start, end).replace(/[^\n]/g, ' ') + code.slice(end);
}

function hoistIncludes(code: string, includes: string[]): string {
  return code.replace(/^[ \t]*#[ \t]*include\b.*$/gm, (line) => {
    const t = line.trim();
    if (!includes.includes(t)) includes.push(t);
    return ' '.repeat(line.length);
  });
}

const declarationsCache = new Map<string, string>();

// An earlier cell as it contributes to the session: its declarations.
function declarationsOf(cell: string, includes: string[]): string {
  const code = hoistIncludes(cell, includes);
  const cached = declarationsCache.get(code);
  if (cached !== undefined) return cached;
  let out = code;
  for (const item of topLevelItems(code)) {
    if (!item.declares) out = blank(out, item.start, item.end);
  }
  if (declarationsCache.size > 2000) declarationsCache.clear();
  declarationsCache.set(code, out);
  return out;
}

export interface CompletionSource {
  source: string;
  line: number; // 1-based
  column: number; // 1-based, in bytes
}

// cursor: index into cell (UTF-16 units) where completion happens; typed: how
// much of an identifier is typed after it (it decides which item the cursor is in).
export function completionSource(cells: string[], cell: string, cursor: number, prelude: string[], typed = 0): CompletionSource {
  const includes: string[] = [...prelude];
  const earlier = cells.map((c) => declarationsOf(c, includes));
  const current = hoistIncludes(cell, includes);
  const items = topLevelItems(current);
  // The top-level item the cursor is in (or just after).
  const at = items.filter((i) => i.start < cursor + Math.max(typed, 1)).pop();
  const inStatement = at !== undefined && cursor <= Math.max(at.end, current.length) && !at.declares;

  const head = [...includes, END_OF_INCLUDES, ...earlier, ''].join('\n');
  const headLines = head.split('\n').length;
  let body = current;
  let tail = '';
  let cursorIn = current;
  let cursorAt = cursor;
  let firstLine = headLines + 1; // 1-based line where cursorIn starts
  if (inStatement) {
    // Everything else of the cell stays (declarations); the statement goes
    // into a function after it, starting on its own columns.
    const end = items.indexOf(at) === items.length - 1 ? current.length : at.end;
    const lineStart = current.lastIndexOf('\n', at.start - 1) + 1;
    const statement = ' '.repeat(at.start - lineStart) + current.slice(at.start, end);
    body = blank(current, at.start, end);
    tail = `\nvoid __cppnb_complete_here() {\n${statement}\n}\n`;
    cursorIn = statement;
    cursorAt = cursor - at.start + (at.start - lineStart);
    firstLine = headLines + body.split('\n').length + 2;
  }
  const before = cursorIn.slice(0, cursorAt);
  const row = before.split('\n').length - 1;
  const lineText = before.slice(before.lastIndexOf('\n') + 1);
  return {
    source: head + '\n' + body + tail,
    line: firstLine + row,
    column: Buffer.byteLength(lineText, 'utf8') + 1,
  };
}
