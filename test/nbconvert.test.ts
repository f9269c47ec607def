// Executes the examples with Debian's nbconvert (nbclient) and checks their outputs.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../interpreter-bridge/paths.js';
import { JUPYTER, jupyterEnv } from './helpers/jupyter-env.js';
import { slurmEnv, startCluster, stopCluster } from './helpers/slurm-cluster.js';
import { tempDir } from './helpers/temp-dir.js';

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
}

function joined(v: string | string[] | undefined): string {
  return Array.isArray(v) ? v.join('') : (v ?? '');
}

// Runs a copy of examples/ (data, images), so what a notebook saves stays out of the repository.
const examples = tempDir('examples');
cpSync(join(packageRoot, 'examples'), examples, { recursive: true });

function execute(notebook: string, env: Record<string, string> = {}): Output[][] {
  const out = tempDir('nbconvert');
  const r = spawnSync(JUPYTER, ['nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.timeout=120', '--output-dir', out, '--output', 'executed', join(examples, notebook)], {
    env: { ...jupyterEnv(), ...env },
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

  const kinds = (outputs: Output[]) => outputs.map((o) => o.output_type);
  const data = (o: Output, mime: string) => joined(o.data?.[mime] as string | string[] | undefined);

  it('runs examples/display.ipynb: every builder, updates, clear_output and a mime_bundle_repr', () => {
    const cells = execute('display.ipynb');
    expect(data(cells[1][0], 'text/html')).to.equal('<b>bold</b> and <i>italic</i> HTML');
    expect(kinds(cells[2])).to.deep.equal(['execute_result']);
    expect(data(cells[2][0], 'text/markdown')).to.match(/^## A Markdown heading/);
    expect(data(cells[3][0], 'text/latex')).to.equal('$$E = mc^2$$');
    expect(data(cells[4][0], 'image/svg+xml')).to.match(/^<svg/);
    expect(cells[5][0].data?.['application/json']).to.deep.equal({ detector: 'CMS', runs: [1, 2, 3] });
    expect(data(cells[6][0], 'image/png')).to.equal(readFileSync(join(packageRoot, 'examples', 'images', 'cppnb-logo.png')).toString('base64'));
    expect((cells[6][0] as { metadata?: unknown }).metadata).to.deep.equal({ 'image/png': { width: 48 } });
    expect(kinds(cells[7])).to.deep.equal(['display_data']);
    expect(data(cells[7][0], 'text/html')).to.include('100%'); // updated in place
    expect(cells[8]).to.have.length(1);
    expect(joined(cells[8][0].text)).to.equal('only this line stays\n');
    expect(data(cells[10][0], 'text/html')).to.include('<td>muon</td>');
    expect(data(cells[11][0], 'text/csv')).to.equal('name,mass\nelectron,0.511\n');
  });

  it('runs examples/histograms.ipynb: a fit, contours, a graph with legend, a divided canvas', () => {
    const cells = execute('histograms.ipynb');
    expect(kinds(cells[1])).to.deep.equal(['stream', 'display_data']);
    expect(joined(cells[1][0].text)).to.match(/Minimizer is/).and.match(/Sigma\s+=/);
    expect(Number(data(cells[2][0], 'text/plain'))).to.be.closeTo(1, 0.05);
    for (const i of [3, 4, 5]) {
      expect(kinds(cells[i]), `cell ${i}`).to.deep.equal(['display_data']);
      expect(data(cells[i][0], 'image/svg+xml')).to.match(/^<svg xmlns/);
    }
    expect(data(cells[3][0], 'image/svg+xml')).to.include('>Option Z example</text>');
    expect(data(cells[4][0], 'image/svg+xml')).to.include('>measurements</text>').and.include('>straight line</text>');
    expect(data(cells[5][0], 'image/svg+xml').match(/<svg x=/g)).to.have.length(4);
  });

  it('runs examples/rootfile.ipynb: a ROOT file\'s keys and tree as tables, events selected, a mass peak fitted, TTree::Draw', () => {
    const cells = execute('rootfile.ipynb');
    expect(data(cells[0][0], 'text/html')).to.include('<td style="text-align:left">events</td>').and.include('TTree');
    expect(data(cells[0][0], 'text/plain')).to.match(/^TFile data\/root-files\/uproot-Zmumu\.root:\/ /);
    expect(data(cells[1][0], 'text/plain')).to.match(/^TTree events "Z -> mumu events": 2304 entries, 20 branches\n/);
    expect(Number(data(cells[2][0], 'text/plain'))).to.be.within(1500, 2304);
    expect(data(cells[3][0], 'image/svg+xml')).to.match(/^<svg xmlns/);
    expect(joined(cells[4][0].text)).to.match(/^Z mass from the fit: 9[01]\.\d\d GeV\n$/);
    expect(data(cells[5][0], 'image/svg+xml')).to.include('>M</text>'); // TTree::Draw, the axis titled by the expression
    expect(data(cells[6][0], 'text/plain')).to.equal(data(cells[2][0], 'text/plain') + '.0'); // the histogram written, read back
    expect(existsSync(join(examples, 'zmass.root'))).to.equal(true);
  });

  it('runs examples/analysis.ipynb: a CSV read in C++, a plot, the plot saved, and %%bash steps', () => {
    const cells = execute('analysis.ipynb');
    expect(joined(cells[0][0].text)).to.match(/^# SAMPLE DATA/);
    expect(data(cells[1][0], 'text/plain')).to.equal('19');
    expect(joined(cells[2][0].text)).to.match(/^2005 {2}2\.17 screens\/cinema/);
    expect(data(cells[3][0], 'image/svg+xml')).to.include('>Screens per cinema</text>').and.include('>2020</text>');
    expect(joined(cells[4][0].text)).to.equal('Info in <TCanvas::Print>: SVG file cinemas_per_year.svg has been created\n');
    expect(joined(cells[5][0].text)).to.match(/^cinemas_per_year\.svg\n<svg/);
    expect(existsSync(join(examples, 'cinemas_per_year.svg'))).to.equal(true);
    expect(existsSync(join(packageRoot, 'examples', 'cinemas_per_year.svg'))).to.equal(false);
  });

  it('runs examples/batch.ipynb on a real Slurm cluster: files split over 4 tasks, the merged histogram fitted and drawn', async () => {
    await startCluster();
    try {
      const batchDir = tempDir('batch-nb');
      const cells = execute('batch.ipynb', { ...slurmEnv(), CPPNB_BATCH_DIR: batchDir, CPPNB_BATCH_POLL_MS: '300' });
      expect(kinds(cells[2])).to.deep.equal(['display_data', 'stream']);
      expect(data(cells[2][0], 'text/plain')).to.match(/^energies \(Slurm job \d+\) 4 tasks: 0 pending, 0 running, 4 done, 0 failed/);
      expect(joined(cells[2][1].text)).to.match(/^energies: merged the outputs of 4 tasks in [\d.]+ s; defined energy \(cppnb::root::TH1D\), events \(long\)\.\n$/);
      expect(data(cells[3][0], 'text/plain')).to.equal('4800');
      expect(data(cells[4][0], 'image/svg+xml')).to.include('Reconstructed energy (sample data)');
      expect(Number(data(cells[5][0], 'text/plain'))).to.be.closeTo(91.2, 0.5);
      expect(joined(cells[6][0].text)).to.match(/==> task 0 stdout .*<==\ntask 0 read 2 files, 1200 events\n/);
    } finally {
      stopCluster();
    }
  });
});
