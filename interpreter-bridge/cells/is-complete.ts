// is_complete for C++ cells, on the same lexical pass that execute uses
// (cell-source.ts, scanBrackets): brackets count only outside strings, raw
// strings, characters and comments.
//
// A compiler's verdict cannot be used as it is: it marks unfinished and wrong
// code alike, and also `a + 1`, a complete notebook cell (its value is shown).
// So the brackets decide, as a C++ user reads them: an open bracket, a block
// comment or a line ending in `\` → incomplete; a closing bracket that closes
// nothing, or a string left open on its line → invalid.
import type { IsCompleteReply } from '../../kernel/language.js';
import { scanBrackets } from './cell-source.js';

export function isCompleteCpp(code: string): IsCompleteReply {
  if (code.trim() === '') return { status: 'complete' };
  const scan = scanBrackets(code);
  if (scan.unmatched) return { status: 'invalid' };
  if (scan.unterminated === 'comment') return { status: 'incomplete', indent: '' };
  if (scan.unterminated) return { status: 'invalid' };
  if (scan.open.length > 0) return { status: 'incomplete', indent: '    '.repeat(scan.open.length) };
  if (scan.continued) return { status: 'incomplete', indent: '' };
  return { status: 'complete' };
}
