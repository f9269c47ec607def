// Basic completion and inspection from the words of the session's cells and
// C++'s keywords. (Semantic completion through libclang replaces this later.)
import type { CompleteReply, InspectReply } from '../kernel/language.js';

const KEYWORDS = `alignas alignof auto bool break case catch char char8_t char16_t char32_t class
concept const consteval constexpr constinit const_cast continue co_await co_return co_yield decltype
default delete do double dynamic_cast else enum explicit export extern false float for friend goto if
inline int long mutable namespace new noexcept nullptr operator private protected public register
reinterpret_cast requires return short signed sizeof static static_assert static_cast struct switch
template this thread_local throw true try typedef typeid typename union unsigned using virtual void
volatile wchar_t while`.split(/\s+/);

const WORD = /[A-Za-z_][A-Za-z0-9_]*/g;

// The words of one cell, kept: completion asks for them on every key.
const cellWords = new Map<string, Set<string>>();

function wordsOf(text: string): Set<string> {
  let words = cellWords.get(text);
  if (!words) {
    words = new Set(text.match(WORD) ?? []);
    if (cellWords.size >= 2000) cellWords.clear();
    cellWords.set(text, words);
  }
  return words;
}

// Whether the session's cells (or the cell being typed) spell name: what the
// user wrote ranks before what the headers declare (`f` after `int foo = 12;`
// offers foo before glibc's f32addf32x and the like).
export function sessionSpells(cells: readonly string[], code: string): (name: string) => boolean {
  const all = [...cells.map(wordsOf), new Set(code.match(WORD) ?? [])];
  return (name) => all.some((w) => w.has(name));
}

export function wordAt(code: string, cursorIndex: number): { start: number; end: number } {
  let start = cursorIndex;
  while (start > 0 && /[A-Za-z0-9_]/.test(code[start - 1])) start--;
  let end = cursorIndex;
  while (end < code.length && /[A-Za-z0-9_]/.test(code[end])) end++;
  return { start, end };
}

export function completeFromSession(cells: string[], code: string, cursor: number): CompleteReply {
  const { start } = wordAt(code, cursor);
  const prefix = code.slice(start, cursor);
  const words = new Set<string>();
  for (const text of [...cells, code]) for (const w of text.match(WORD) ?? []) words.add(w);
  for (const k of KEYWORDS) words.add(k);
  words.delete(prefix);
  const matches = prefix === '' ? [] : [...words].filter((w) => w.startsWith(prefix)).sort();
  return {
    matches,
    cursor_start: start,
    cursor_end: cursor,
    metadata: {},
  };
}

export function inspectFromSession(cells: string[], code: string, cursor: number): InspectReply {
  const { start, end } = wordAt(code, cursor);
  const name = code.slice(start, end);
  if (!name) return { found: false, data: {}, metadata: {} };
  const re = new RegExp(`\\b${name}\\b`);
  // The most recent cell that mentions the name defines what it is now.
  for (let i = cells.length - 1; i >= 0; i--) {
    const lines = cells[i].split('\n').filter((l) => re.test(l));
    if (lines.length) {
      return { found: true, data: { 'text/plain': `${name}: declared in this session\n${lines.join('\n')}` }, metadata: {} };
    }
  }
  if (KEYWORDS.includes(name)) return { found: true, data: { 'text/plain': `${name}: C++ keyword` }, metadata: {} };
  return { found: false, data: {}, metadata: {} };
}
