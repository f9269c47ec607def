// File names for completion: after %load, %run, %%writefile, %cd, and inside #include "…".
import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

// Entries of the directory part of `partial` that start with its last part;
// directories end with '/'. Returned whole (the directory part included).
export function completePath(partial: string, onlyDirs = false): string[] {
  const slash = partial.lastIndexOf('/');
  const dirPart = slash >= 0 ? partial.slice(0, slash + 1) : '';
  const base = slash >= 0 ? partial.slice(slash + 1) : partial;
  const dir = dirPart === '' ? '.' : dirPart.startsWith('~/') ? join(homedir(), dirPart.slice(2)) : dirPart;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of names.sort()) {
    if (!name.startsWith(base) || (base === '' && name.startsWith('.'))) continue;
    let isDir = false;
    try {
      isDir = statSync(join(dir, name)).isDirectory();
    } catch {
      continue;
    }
    if (onlyDirs && !isDir) continue;
    out.push(dirPart + name + (isDir ? '/' : ''));
  }
  return out;
}
