// The flags cells are compiled with besides -std and -I, from the one file the
// host's Makefile reads too (host/cell-flags): the precompiled headers are
// built with them, and a header built with other flags would not load.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './paths.js';

function read(kind: 'language' | 'interpreter'): string[] {
  const text = readFileSync(join(packageRoot, 'interpreter-bridge', 'host', 'cell-flags'), 'utf8');
  const line = text.split('\n').find((l) => l.startsWith(`${kind}:`));
  return line ? line.slice(kind.length + 1).trim().split(/\s+/).filter(Boolean) : [];
}

// For the interpreter, completion and %%slurm programs.
export const languageFlags = read('language');
// For the interpreter and completion only (e.g. __CLING__).
export const interpreterFlags = read('interpreter');
