// How a cell splits into magics and C++, and how a magic's arguments split.
//
// A cell magic owns the whole cell: `%%name args` on its first line. Otherwise
// a cell may start with any number of line magics (`%name args`) and shell
// lines (`!cmd`); the C++ after them keeps its line numbers, because the magic
// lines are blanked rather than removed. `?name`, `name?` and `%magic?` alone
// in a cell ask for help.
import { UsageError } from '../kernel/outcome.js';

export type CellPlan =
  | { kind: 'cell-magic'; name: string; args: string; body: string; line: number; lineText: string }
  | { kind: 'help'; target: string; magic: boolean; line: number }
  | { kind: 'lines'; magics: LineMagic[]; cpp: string };

export interface LineMagic {
  // '!' for a shell line.
  name: string;
  args: string;
  line: number; // 1-based line of the cell
  lineText: string; // that line as typed
}

const HELP = /^\s*(?:\?+\s*(%{0,2}[\w:~]+)|(%{0,2}[\w:~]+)\s*\?+)\s*$/;
const LINE_MAGIC = /^\s*%(?!%|:)(\w+)(?:\s+(.*))?$/;
const CELL_MAGIC = /^\s*%%(\w+)(?:[ \t]+(.*))?$/;

export function planCell(code: string): CellPlan {
  const lines = code.split('\n');
  let first = 0;
  while (first < lines.length && lines[first].trim() === '') first++;
  if (first === lines.length) return { kind: 'lines', magics: [], cpp: code };

  const cell = CELL_MAGIC.exec(lines[first]);
  if (cell) {
    return {
      kind: 'cell-magic', name: cell[1], args: (cell[2] ?? '').trim(), body: lines.slice(first + 1).join('\n'),
      line: first + 1, lineText: lines[first],
    };
  }
  const rest = lines.slice(first + 1).every((l) => l.trim() === '');
  const help = rest ? HELP.exec(lines[first]) : null;
  if (help) {
    const target = help[1] ?? help[2];
    return { kind: 'help', target: target.replace(/^%+/, ''), magic: target.startsWith('%'), line: first + 1 };
  }

  const magics: LineMagic[] = [];
  let i = first;
  for (; i < lines.length; i++) {
    const text = lines[i];
    if (text.trim() === '') continue;
    const m = LINE_MAGIC.exec(text);
    if (m) magics.push({ name: m[1], args: (m[2] ?? '').trim(), line: i + 1, lineText: text });
    else if (/^\s*!/.test(text)) magics.push({ name: '!', args: text.trim().slice(1).trim(), line: i + 1, lineText: text });
    else break;
  }
  const cpp = lines.map((l, n) => (n < i ? '' : l)).join('\n');
  return { kind: 'lines', magics, cpp: magics.length ? cpp : code };
}

// Splits arguments as a POSIX shell would split words: quotes and backslashes.
export function splitArgs(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) word += text[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new UsageError(`unterminated ${quote === '"' ? 'double' : 'single'} quote`);
  if (inWord) words.push(word);
  return words;
}

export interface ParsedArgs {
  flags: Set<string>;
  values: Map<string, string>;
  positional: string[];
}

// Options in the magic's own style: `-a` flags, `-n N` values; the first word
// that is not an option ends the options (so C++ after them is left alone).
export function parseOptions(words: string[], flags: string[], valued: string[]): ParsedArgs {
  const out: ParsedArgs = { flags: new Set(), values: new Map(), positional: [] };
  let i = 0;
  for (; i < words.length; i++) {
    const w = words[i];
    if (w === '--') {
      i++;
      break;
    }
    if (flags.includes(w)) out.flags.add(w);
    else if (valued.includes(w)) {
      if (i + 1 >= words.length) throw new UsageError(`option ${w} needs a value`);
      out.values.set(w, words[++i]);
    } else if (/^-\w/.test(w) && !/^-\d/.test(w)) throw new UsageError(`unknown option ${w}`);
    else break;
  }
  out.positional = words.slice(i);
  return out;
}

// Leading options of a line whose rest is C++ (%timeit -n 10 f(x)): the C++
// is returned verbatim, not re-split.
export function splitLeadingOptions(text: string, valued: string[]): { options: Map<string, string>; rest: string } {
  const options = new Map<string, string>();
  let rest = text.trimStart();
  for (;;) {
    // `-n 10` and IPython's `-n10`
    const m = /^(-[A-Za-z])\s*([^\s-]\S*)(?:\s+|$)/.exec(rest);
    if (!m || !valued.includes(m[1])) break;
    options.set(m[1], m[2]);
    rest = rest.slice(m[0].length);
  }
  const bad = /^(-[a-zA-Z]\w*)(?:\s|$)/.exec(rest);
  if (bad) throw new UsageError(`unknown option ${bad[1]}`);
  return { options, rest };
}

export function positiveInteger(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${option} needs a positive integer, not "${value}"`);
  return Number(value);
}
