// Debian's `jupyter console --kernel cppnb`, fed the README's cells on stdin.
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
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

// The full prompt_toolkit console in a terminal (tmux), typed into key by key.
describe('jupyter console in a terminal', function () {
  this.timeout(120000);
  const socket = `cppnb-test-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const screen = () => tmux('capture-pane', '-t', 'c', '-p', '-S', '-200');
  // tmux ends a command at an argument's trailing ';' unless it is escaped.
  const type = (text: string) => tmux('send-keys', '-t', 'c', '-l', text.replace(/;$/, '\\;'));
  const key = (name: string) => tmux('send-keys', '-t', 'c', name);
  async function until(re: RegExp, what: string): Promise<string> {
    for (let i = 0; i < 300; i++) {
      const s = screen();
      if (re.test(s)) return s;
      // jupyter_console 6.4 on Python 3.11 sometimes trips over its own event
      // loop ("cannot enter context") and waits for Enter; a user presses it.
      if (/Press ENTER to continue\.\.\.\s*$/.test(s.trimEnd() + ' ')) key('Enter');
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${what} did not appear:\n${screen()}`);
  }
  const count = (re: RegExp) => (screen().match(re) ?? []).length;

  after(() => {
    try {
      tmux('kill-server');
    } catch {
      // already gone
    }
  });

  it('continues an unfinished C++ block, completes on Tab, and shows values', async () => {
    const env = jupyterEnv();
    const vars = ['JUPYTER_PATH', 'JUPYTER_DATA_DIR', 'JUPYTER_RUNTIME_DIR', 'JUPYTER_CONFIG_DIR', 'IPYTHONDIR', 'CPPNB_DATA_DIR'].map((k) => `${k}=${env[k]}`);
    tmux('new-session', '-d', '-s', 'c', '-x', '120', '-y', '50', 'env', ...vars, JUPYTER, 'console', '--kernel', 'cppnb');
    await until(/In \[1\]:/, 'the first prompt');
    await new Promise((r) => setTimeout(r, 500)); // let the console settle before the first key
    // is_complete: the open brace keeps the cell going, the closing one ends it.
    type('int twice(int a) {');
    key('Enter');
    await until(/\.\.\.:/, 'a continuation prompt');
    type('return 2 * a;');
    key('Enter');
    for (let i = 0; i < 100 && count(/\.\.\.:/g) < 2; i++) await new Promise((r) => setTimeout(r, 100));
    type('}');
    key('Enter');
    await until(/In \[2\]:/, 'the second prompt');
    type('twice(21)');
    key('Enter');
    await until(/Out\[2\]: 42/, 'the value of twice(21)');
    type('#include <vector>');
    key('Enter');
    await until(/In \[4\]:/, 'the fourth prompt');
    type('std::vec');
    key('Tab');
    await until(/In \[4\]: std::vector\s*$/m, 'std::vec completed to std::vector');
    type('<int> v{1, 2, 3};');
    key('Enter');
    await until(/In \[5\]:/, 'the fifth prompt');
    type('v.si');
    key('Tab');
    await until(/In \[5\]: v\.size/, 'v.si completed to v.size');
    type('()');
    key('Enter');
    await until(/Out\[5\]: 3/, 'the value of v.size()');
  });
});
