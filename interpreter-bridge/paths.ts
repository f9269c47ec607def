// Where cppnb's parts live, relative to the package root (source or dist): the
// one place for every path the set-up builds (host/Makefile writes them).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = resolve(dir, '..');
    if (up === dir) throw new Error('cppnb: cannot find the package root');
    dir = up;
  }
  return dir;
}

export const packageRoot = findPackageRoot();
const hostDir = join(packageRoot, 'interpreter-bridge', 'host');
const buildDir = join(hostDir, 'build');

export const hostBinary = process.env.CPPNB_HOST ?? join(buildDir, 'cppnb-host');
export const completerBinary = process.env.CPPNB_COMPLETER ?? join(buildDir, 'cppnb-complete');
export const mergerBinary = join(buildDir, 'cppnb-merge');
export const bridgeIncludeDir = join(packageRoot, 'interpreter-bridge', 'include');
// The ROOT-like library's headers (ROOT's header names, cppnb/root/).
export const rootIncludeDir = join(packageRoot, 'root', 'include');
// Its compiled part, libcppnb-root (ROOT file I/O), built by root/Makefile.
export const rootLibraryDir = join(packageRoot, 'root', 'build');
// Headers of other projects' names (xeus's, xtl's base64) searched after the
// system's, so that a real installation comes first.
export const fallbackIncludeDir = join(packageRoot, 'interpreter-bridge', 'include-fallback');
// The flags and standards cells are compiled with (read by the Makefile too).
export const cellFlagsFile = join(hostDir, 'cell-flags');

// The precompiled common headers for a -std, built by the set-up (host/Makefile).
export function precompiledHeader(std: string): string {
  return join(buildDir, `pch-${std}.pch`);
}

// The same headers for %%slurm programs, optimised, and the object holding
// their compiled inline functions (without the extension: .pch and .o).
export function batchPrecompiled(std: string): string {
  return join(buildDir, `batch-${std}`);
}
