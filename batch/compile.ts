// Builds a job's executable with the clang the interpreter is (LLVM 22), with
// the session's -std, include directories and libraries.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { batchPrecompiled, rootLibraryDir } from '../interpreter-bridge/paths.js';

const run = promisify(execFile);

export interface SessionBuild {
  // -std=… and -I… as the interpreter has them.
  compilerArgs: string[];
  // Libraries loaded with %lib: a path, or libNAME.so for the loader to find.
  libraries: string[];
}

export function compilerCommand(): string {
  if (process.env.CPPNB_CXX) return process.env.CPPNB_CXX;
  return ['/usr/lib/llvm-22/bin/clang++', '/usr/bin/clang++-22'].find((p) => existsSync(p)) ?? 'clang++-22';
}

function linkArgs(libraries: string[]): string[] {
  return libraries.flatMap((lib) => (lib.includes('/') ? [lib, `-Wl,-rpath,${dirname(lib)}`] : [`-l:${lib}`]));
}

export type CompileResult = { ok: true; seconds: number; precompiled: boolean } | { ok: false; diagnostics: string };

// The set-up's precompiled headers for jobs (host/Makefile, batch-STD.pch and
// the object holding their compiled inline functions), when built for this -std.
function precompiled(compilerArgs: string[]): string[] {
  const std = compilerArgs.find((a) => a.startsWith('-std='))?.slice(5);
  const base = batchPrecompiled(std ?? '');
  if (process.env.CPPNB_NO_PCH !== undefined || !existsSync(`${base}.pch`) || !existsSync(`${base}.o`)) return [];
  return ['-include-pch', `${base}.pch`, `${base}.o`];
}

const STALE_PCH = /precompiled header|PCH file|AST file/i;

// Optimised, since tasks are where the time goes. Linked against the shared C++
// runtime, as libcppnb-root (the ROOT file I/O, linked when the program reads
// or writes files) and %lib libraries are: two copies must not meet.
// OpenMP's runtime (cells are compiled with -fopenmp) is linked only when the
// program uses it (--as-needed): then the nodes need libomp too.
export async function compileProgram(source: string, output: string, build: SessionBuild, signal?: AbortSignal): Promise<CompileResult> {
  const pch = precompiled(build.compilerArgs);
  const attempt = async (withPch: boolean): Promise<CompileResult> => {
    const args = [
      ...build.compilerArgs, '-O2', '-fno-color-diagnostics', '-ferror-limit=20', '-Wl,--as-needed',
      '-o', output, source, ...(withPch ? pch : []),
      ...linkArgs(build.libraries), `-L${rootLibraryDir}`, '-lcppnb-root', `-Wl,-rpath,${rootLibraryDir}`,
    ];
    const started = performance.now();
    try {
      await run(compilerCommand(), args, { maxBuffer: 16 << 20, timeout: 600_000, signal });
      return { ok: true, seconds: (performance.now() - started) / 1000, precompiled: withPch };
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { stderr?: string };
      if (signal?.aborted) return { ok: false, diagnostics: 'interrupted while compiling the job' };
      if (e.code === 'ENOENT') return { ok: false, diagnostics: `cannot compile the job: ${compilerCommand()} is not installed (Debian's clang-22)` };
      return { ok: false, diagnostics: (e.stderr || e.message).trim() };
    }
  };
  if (pch.length === 0) return attempt(false);
  const r = await attempt(true);
  // Headers changed since the set-up built it: compile without.
  return !r.ok && STALE_PCH.test(r.diagnostics) ? attempt(false) : r;
}
