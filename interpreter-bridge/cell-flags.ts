// How cells are compiled — the C++ standards a kernel may use, and the flags
// besides -std and -I — from the one file the host's Makefile reads too
// (host/cell-flags): the precompiled headers are built with them, and a header
// built with other flags would not load.
import { readFileSync } from 'node:fs';
import { bridgeIncludeDir, cellFlagsFile, fallbackIncludeDir, rootIncludeDir } from './paths.js';

const lines = readFileSync(cellFlagsFile, 'utf8').split('\n');

function words(key: string): string[] {
  const line = lines.find((l) => l.startsWith(`${key}:`));
  return line ? line.slice(key.length + 1).trim().split(/\s+/).filter(Boolean) : [];
}

// A -std value: one of STANDARDS.
export type CppStandard = string;
export const STANDARDS: readonly CppStandard[] = words('standards');
export const DEFAULT_STANDARD: CppStandard = words('default-standard')[0];

// For the interpreter, completion and %%slurm programs.
export const languageFlags = words('language');
// For the interpreter and completion only (e.g. __CLING__).
export const interpreterFlags = words('interpreter');

// What a session's cells compile with: in the interpreter and completion, or
// (forInterpreter false) in a %%slurm program.
export function compilerArgs(std: CppStandard, includeDirs: readonly string[], forInterpreter = true): string[] {
  return [
    `-std=${std}`, ...languageFlags, ...(forInterpreter ? interpreterFlags : []),
    `-I${bridgeIncludeDir}`, `-I${rootIncludeDir}`, ...includeDirs.map((d) => `-I${d}`), '-idirafter', fallbackIncludeDir,
  ];
}
