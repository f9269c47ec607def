// Header names for `#include <…>` completion: what the interpreter would find
// on its include path (ours, the user's %include directories, the C++ and C
// system headers), listed from the directories themselves.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// The newest version directory under dir (e.g. /usr/include/c++/12).
function newest(dir: string): string | null {
  try {
    const versions = readdirSync(dir).filter((v) => /^\d+(\.\d+)*$/.test(v));
    versions.sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
    return versions.length ? join(dir, versions[0]) : null;
  } catch {
    return null;
  }
}

let systemDirs: string[] | null = null;

// The directories clang searches for <…> besides ours, in its order.
export function systemIncludeDirs(): string[] {
  if (systemDirs) return systemDirs;
  const clangResource = newest('/usr/lib/llvm-22/lib/clang');
  // Debian's multiarch directories (sys/types.h lives there).
  const multiarch = process.arch === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
  const cxx = newest('/usr/include/c++');
  systemDirs = [
    cxx,
    cxx && join('/usr/include', multiarch, 'c++', cxx.split('/').pop()!),
    clangResource && join(clangResource, 'include'),
    join('/usr/include', multiarch),
    '/usr/include',
  ].filter(
    (d): d is string => d !== null && existsSync(d),
  );
  return systemDirs;
}

// Headers and directories (ending in '/') that continue `partial`, which may
// hold a directory part ("sys/ty" → "sys/types.h").
export function completeHeaderName(partial: string, searchPath: string[]): string[] {
  const slash = partial.lastIndexOf('/');
  const dirPart = slash >= 0 ? partial.slice(0, slash + 1) : '';
  const base = partial.slice(dirPart.length);
  const found = new Set<string>();
  for (const root of searchPath) {
    let names: string[];
    try {
      names = readdirSync(join(root, dirPart));
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.startsWith(base) || name.startsWith('.') || name.startsWith('_')) continue;
      let isDir = false;
      try {
        isDir = statSync(join(root, dirPart, name)).isDirectory();
      } catch {
        continue;
      }
      // Standard headers have no extension; others end in .h, .hh, .hpp or .hxx.
      if (!isDir && name.includes('.') && !/\.(h|hh|hpp|hxx)$/.test(name)) continue;
      found.add(dirPart + name + (isDir ? '/' : ''));
    }
  }
  return [...found].sort();
}
