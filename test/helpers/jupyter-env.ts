// An environment in which Debian's Jupyter tools find the cppnb kernelspec
// (written to a temporary prefix) and keep their state out of the user's home.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { install } from '../../kernelspec/install.js';
import { packageRoot } from '../../interpreter-bridge/paths.js';
import { tempDir } from './temp-dir.js';

export const PYTHON = '/usr/bin/python3';
export const JUPYTER = '/usr/bin/jupyter';

export function jupyterEnv(): NodeJS.ProcessEnv {
  const root = tempDir('jupyter');
  install({ scope: 'prefix', prefix: root });
  return {
    ...process.env,
    JUPYTER_PATH: join(root, 'share', 'jupyter'),
    JUPYTER_DATA_DIR: join(root, 'data'),
    JUPYTER_RUNTIME_DIR: join(root, 'runtime'),
    JUPYTER_CONFIG_DIR: join(root, 'config'),
    IPYTHONDIR: join(root, 'ipython'),
    CPPNB_DATA_DIR: join(root, 'cppnb'),
    CPPNB_TEST_TAG: root,
  };
}

// Runs test/python/NAME with Debian's Python in such an environment; what it
// printed on stdout, parsed as JSON (the scripts print one object of what they saw).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function pythonSeen(name: string): any {
  const r = spawnSync(PYTHON, [join(packageRoot, 'test', 'python', name)], { env: jupyterEnv(), encoding: 'utf8', timeout: 280000 });
  if (r.status !== 0) throw new Error(`${name} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(r.stdout);
}
