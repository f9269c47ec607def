// File patterns for --inputs: * and ? within a name, ** for any depth, [abc]
// classes; relative to the working directory. (Node 20 has no fs.glob.)
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { UsageError } from '../kernel/outcome.js';

export function segmentRegex(segment: string): RegExp {
  let re = '';
  for (const c of segment) {
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[' || c === ']') re += c;
    else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  try {
    return new RegExp(`^${re}$`);
  } catch {
    throw new UsageError(`"${segment}" is not a file pattern (an unclosed [ ?)`);
  }
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function walk(dir: string, segments: string[], out: string[]): void {
  if (segments.length === 0) {
    if (isFile(dir)) out.push(dir);
    return;
  }
  const [first, ...rest] = segments;
  if (first === '**') {
    walk(dir, rest, out);
    for (const e of entries(dir)) if (!e.startsWith('.') && isDir(join(dir, e))) walk(join(dir, e), segments, out);
    return;
  }
  if (!/[*?[]/.test(first)) {
    walk(join(dir, first), rest, out);
    return;
  }
  const re = segmentRegex(first);
  for (const e of entries(dir)) if (re.test(e) && (rest.length === 0 || isDir(join(dir, e)))) walk(join(dir, e), rest, out);
}

// Absolute paths of the existing files that match, sorted.
export function expandGlob(pattern: string, cwd = process.cwd()): string[] {
  const root = isAbsolute(pattern) ? '/' : resolve(cwd);
  const segments = pattern.split('/').filter((s) => s !== '' && s !== '.');
  const out: string[] = [];
  walk(root, segments, out);
  return [...new Set(out)].sort();
}
