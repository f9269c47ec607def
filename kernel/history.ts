// Input history, kept across kernel restarts in the user's data directory
// (as IPython's history.sqlite, but one JSON line per cell).
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface HistoryEntry {
  session: number;
  line: number;
  source: string;
}

export type HistoryTuple = [number, number, string] | [number, number, [string, string | null]];

export function defaultDataDir(): string {
  if (process.env.CPPNB_DATA_DIR) return process.env.CPPNB_DATA_DIR;
  const xdg = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(xdg, 'cppnb');
}

// fnmatch-style glob as IPython's history search uses: * and ? wildcards.
function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 's');
}

export class History {
  private readonly file: string;
  private readonly entries: HistoryEntry[] = [];
  readonly session: number;

  constructor(dataDir = defaultDataDir()) {
    this.file = join(dataDir, 'history.jsonl');
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch {
      // read-only home: history stays in memory
    }
    let last = 0;
    try {
      for (const line of readFileSync(this.file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const e = JSON.parse(line) as HistoryEntry;
          if (typeof e.session === 'number' && typeof e.line === 'number' && typeof e.source === 'string') {
            this.entries.push(e);
            last = Math.max(last, e.session);
          }
        } catch {
          // a torn line from a crash: skip it
        }
      }
    } catch {
      // no history yet
    }
    this.session = last + 1;
  }

  add(line: number, source: string): void {
    const entry = { session: this.session, line, source };
    this.entries.push(entry);
    try {
      appendFileSync(this.file, JSON.stringify(entry) + '\n');
    } catch {
      // keep it in memory only
    }
  }

  private tuple(e: HistoryEntry, output: boolean): HistoryTuple {
    return output ? [e.session, e.line, [e.source, null]] : [e.session, e.line, e.source];
  }

  tail(n: number, output = false): HistoryTuple[] {
    return this.entries.slice(Math.max(0, this.entries.length - n)).map((e) => this.tuple(e, output));
  }

  // session 0 is the current one, negative counts back from it (as IPython).
  range(session: number, start: number, stop: number | null, output = false): HistoryTuple[] {
    const s = session <= 0 ? this.session + session : session;
    return this.entries
      .filter((e) => e.session === s && e.line >= start && (stop === null || e.line < stop))
      .map((e) => this.tuple(e, output));
  }

  search(pattern: string, n: number | null, unique: boolean, output = false): HistoryTuple[] {
    const re = globToRegExp(pattern);
    let hits = this.entries.filter((e) => re.test(e.source));
    if (unique) {
      const seen = new Set<string>();
      const kept: HistoryEntry[] = [];
      for (let i = hits.length - 1; i >= 0; i--) {
        if (!seen.has(hits[i].source)) {
          seen.add(hits[i].source);
          kept.unshift(hits[i]);
        }
      }
      hits = kept;
    }
    if (n !== null && n > 0) hits = hits.slice(Math.max(0, hits.length - n));
    return hits.map((e) => this.tuple(e, output));
  }
}
