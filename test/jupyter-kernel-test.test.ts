// Debian's jupyter_kernel_test (0.4.5) against the real kernel, started by jupyter_client.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../interpreter-bridge/paths.js';
import { jupyterEnv, PYTHON } from './helpers/jupyter-env.js';

describe('jupyter_kernel_test conformance', function () {
  this.timeout(300000);

  it('passes kernel_info, stdout, stderr, error, execute_result, is_complete, completion, history, inspect, display_data and clear_output', () => {
    const r = spawnSync(PYTHON, ['-m', 'pytest', '-v', '-p', 'no:cacheprovider', join(packageRoot, 'test', 'python', 'test_cppnb_kernel.py')], {
      env: jupyterEnv(),
      encoding: 'utf8',
      timeout: 280000,
    });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.status, out).to.equal(0);
    for (const t of ['kernel_info', 'execute_stdout', 'execute_stderr', 'error', 'execute_result', 'is_complete', 'completion', 'history', 'inspect', 'display_data', 'clear_output']) {
      expect(out, out).to.match(new RegExp(`test_${t} PASSED`));
    }
  });
});
