// Writes the "cppnb" kernelspec: kernel.json with absolute paths, and the logos.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { packageRoot } from '../interpreter-bridge/paths.js';
import { JSROOT_DIR } from '../interpreter-bridge/root-canvas.js';
import { DEFAULT_STANDARD, type CppStandard } from '../interpreter-bridge/cell-flags.js';
import type { Flavour } from '../interpreter-bridge/flavour.js';

export interface InstallOptions {
  scope: 'user' | 'sys-prefix' | 'system' | 'prefix';
  prefix?: string;
  name?: string;
  std?: CppStandard;
  flavour?: Flavour;
}

export function displayName(std: CppStandard, flavour: Flavour = 'root'): string {
  return flavour === 'plain' ? `${std.toUpperCase()} (cppnb, plain C++)` : `${std.toUpperCase()} (cppnb)`;
}

// name: the kernelspec's, for the kernel to find its own files (JSROOT) on the server.
export function kernelJson(std: CppStandard, flavour: Flavour = 'root', name = 'cppnb'): Record<string, unknown> {
  return {
    argv: [process.execPath, join(packageRoot, 'bin', 'cppnb.js'), 'kernel', '-f', '{connection_file}', '--std', std,
      ...(flavour === 'plain' ? ['--plain'] : []), '--kernelspec', name],
    display_name: displayName(std, flavour),
    language: 'c++',
    interrupt_mode: 'message',
    metadata: { debugger: false },
  };
}

// Writes a kernelspec directory (usable by `jupyter kernelspec install` too),
// named as the directory is.
export function writeKernelspec(dir: string, std: CppStandard, flavour: Flavour = 'root'): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'kernel.json'), JSON.stringify(kernelJson(std, flavour, basename(dir)), null, 2) + '\n');
  for (const size of ['32x32', '64x64']) {
    copyFileSync(join(packageRoot, 'kernelspec', `logo-${size}.png`), join(dir, `logo-${size}.png`));
  }
  copyJsroot(join(dir, JSROOT_DIR));
}

// JSROOT's ES modules, fonts and licence, which the server then serves to the
// notebook's canvases (interpreter-bridge/root-canvas.ts); copied, not linked,
// so that the kernelspec works wherever it is copied (a container image).
// Skipped when that version is there already.
function copyJsroot(to: string): void {
  // jsroot's main is build/jsroot.js (its package.json is not exported).
  const from = dirname(dirname(createRequire(join(packageRoot, 'package.json')).resolve('jsroot')));
  const version = (dir: string) => {
    try {
      return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return null;
    }
  };
  if (existsSync(join(to, 'modules')) && version(to) === version(from)) return;
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  // fonts/: what JSROOT loads for Symbol text and its own PDF export.
  for (const dir of ['modules', 'fonts']) cpSync(join(from, dir), join(to, dir), { recursive: true });
  for (const file of ['LICENSE', 'package.json']) copyFileSync(join(from, file), join(to, file));
}

function jupyterDataDir(): string {
  if (process.env.JUPYTER_DATA_DIR) return process.env.JUPYTER_DATA_DIR;
  return join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'jupyter');
}

// sys.prefix of the Python that runs Jupyter (Debian's /usr/bin/python3 first).
function pythonSysPrefix(): string {
  for (const py of ['/usr/bin/python3', 'python3']) {
    try {
      return execFileSync(py, ['-c', 'import sys; print(sys.prefix)'], { encoding: 'utf8' }).trim();
    } catch {
      // try the next one
    }
  }
  throw new Error('--sys-prefix: no python3 found to ask for sys.prefix');
}

export function kernelsDir(options: InstallOptions): string {
  switch (options.scope) {
    case 'user':
      return join(jupyterDataDir(), 'kernels');
    case 'sys-prefix':
      return join(pythonSysPrefix(), 'share', 'jupyter', 'kernels');
    case 'prefix':
      if (!options.prefix) throw new Error('--prefix needs a directory');
      return join(options.prefix, 'share', 'jupyter', 'kernels');
    default:
      return '/usr/local/share/jupyter/kernels';
  }
}

export function install(options: InstallOptions): string {
  const name = options.name ?? 'cppnb';
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`invalid kernel name "${name}" (letters, digits, . _ - only)`);
  const dir = join(kernelsDir(options), name);
  writeKernelspec(dir, options.std ?? DEFAULT_STANDARD, options.flavour);
  return dir;
}
