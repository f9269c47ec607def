// Where the bridge's parts live, relative to the package root (source or dist).
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
export const hostBinary = process.env.CPPNB_HOST ?? join(packageRoot, 'interpreter-bridge', 'host', 'build', 'cppnb-host');
export const mergerBinary = join(packageRoot, 'interpreter-bridge', 'host', 'build', 'cppnb-merge');
export const bridgeIncludeDir = join(packageRoot, 'interpreter-bridge', 'include');

// The precompiled common headers for a -std, built by the set-up (host/Makefile).
export function precompiledHeader(std: string): string {
  return join(packageRoot, 'interpreter-bridge', 'host', 'build', `pch-${std}.pch`);
}
