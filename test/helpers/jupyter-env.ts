// An environment in which Debian's Jupyter tools find the cppnb kernelspec
// (written to a temporary prefix) and keep their state out of the user's home.
import { join } from 'node:path';
import { install } from '../../kernelspec/install.js';
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
