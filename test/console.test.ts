// Debian's `jupyter console --kernel cppnb`, fed the README's cells on stdin.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { JUPYTER, jupyterEnv } from './helpers/jupyter-env.js';

describe('jupyter console', function () {
  this.timeout(120000);

  it('runs the README cells and shows their outputs', () => {
    const cells = ['#include <iostream>', 'int x = 41;', 'x + 1', 'std::cout << "x is " << x << std::endl;'];
    const r = spawnSync(JUPYTER, [
      'console', '--kernel', 'cppnb', '--simple-prompt',
      // A cold machine (first run after set-up) can take over the default 1 s to
      // answer the first is_complete; the console then stops asking for good.
      '--ZMQTerminalInteractiveShell.kernel_is_complete_timeout=20',
    ], {
      input: cells.join('\n') + '\n',
      env: jupyterEnv(),
      encoding: 'utf8',
      timeout: 100000,
    });
    const out = r.stdout;
    expect(out, r.stderr).to.match(/cppnb \d+\.\d+\.\d+/);
    expect(out, out + r.stderr).to.match(/Out\[3\]: 42/);
    expect(out).to.match(/x is 41/);
  });
});
