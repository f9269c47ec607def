// Executes the examples with Debian's nbconvert (nbclient) and checks their outputs.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../interpreter-bridge/paths.js';
import { JUPYTER, jupyterEnv } from './helpers/jupyter-env.js';

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
}

function joined(v: string | string[] | undefined): string {
  return Array.isArray(v) ? v.join('') : (v ?? '');
}

function execute(notebook: string): Output[][] {
  const out = mkdtempSync(join(tmpdir(), 'cppnb-nbconvert-'));
  const r = spawnSync(JUPYTER, ['nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.timeout=120', '--output-dir', out, '--output', 'executed', join(packageRoot, 'examples', notebook)], {
    env: jupyterEnv(),
    encoding: 'utf8',
    timeout: 180000,
  });
  expect(r.status, `${r.stdout}\n${r.stderr}`).to.equal(0);
  const nb = JSON.parse(readFileSync(join(out, 'executed.ipynb'), 'utf8')) as { cells: { cell_type: string; outputs?: Output[] }[] };
  return nb.cells.filter((c) => c.cell_type === 'code').map((c) => c.outputs ?? []);
}

describe('nbconvert --execute of the examples', function () {
  this.timeout(200000);

  it('runs examples/hello.ipynb with the expected outputs', () => {
    const cells = execute('hello.ipynb');
    expect(cells[0]).to.deep.equal([]);
    expect(joined(cells[1][0].data?.['text/plain'])).to.equal('42');
    expect(cells[2][0]).to.deep.include({ output_type: 'stream', name: 'stdout' });
    expect(joined(cells[2][0].text)).to.equal('x is 41\n');
    expect(joined(cells[3][0].data?.['text/plain'])).to.equal('2.3333333333333335');
    expect(joined(cells[4][0].data?.['text/plain'])).to.equal('15.0');
    expect(cells[5].map((o) => o.output_type)).to.deep.equal(['stream', 'execute_result']);
    expect(joined(cells[5][0].text)).to.equal('a warning on stderr\n');
    expect(joined(cells[5][1].data?.['text/plain'])).to.equal('{ 10.0, 20.0 }');
  });
});
