// cppnb's ROOT-like library on its own: root/test/root_library.cpp built with
// plain g++ (no kernel), its numbers and its SVG pictures checked.
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../interpreter-bridge/paths.js';
import { branchSums, readObject } from './helpers/jsroot.js';
import { tempDir } from './helpers/temp-dir.js';

const include = join(packageRoot, 'interpreter-bridge', 'include');
const rootInclude = join(packageRoot, 'root', 'include');
const rootLibrary = join(packageRoot, 'root', 'build');
const rootFile = (name: string) => join(packageRoot, 'test', 'data', 'root-files', name);

const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

// The texts an SVG shows, in order.
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('ROOT-like library (plain g++, no kernel)', function () {
  this.timeout(120000);
  const dir = tempDir('root');
  let r: Record<string, number | string> = {};
  let stderr = '';
  const svg = (name: string) => readFileSync(join(dir, `${name}.svg`), 'utf8');

  before(() => {
    const exe = join(dir, 'root_library');
    execFileSync('g++', ['-std=c++17', '-Wall', '-Werror', '-I', include, '-I', rootInclude, join(packageRoot, 'root', 'test', 'root_library.cpp'), '-o', exe]);
    const run = spawnSync(exe, [dir], { encoding: 'utf8' });
    expect(run.status, run.stderr).to.equal(0);
    stderr = run.stderr;
    r = JSON.parse(run.stdout.trim().split('\n').pop()!);
  });

  it('keeps ROOT\'s histogram statistics and binning', () => {
    expect(r['hist.entries']).to.equal(61); // the underflow fill counts as an entry ...
    expect(r['hist.integral']).to.equal(60); // ... but not in the integral
    expect(r['hist.mean']).to.be.closeTo(10.6667, 1e-4);
    expect(r['hist.maxbin']).to.equal(5);
    expect(r['hist.bin7']).to.equal(2);
    expect(r['hist.findbin']).to.equal(8);
    expect(r['hist.error']).to.be.closeTo(Math.sqrt(5), 1e-9);
    expect(r['weighted.error']).to.be.closeTo(Math.sqrt(13), 1e-9);
  });

  it('fits recover what was generated (gaus, pol1, expo), with ROOT\'s χ²', () => {
    expect(r['fit.mean']).to.be.closeTo(1.5, 0.01);
    expect(r['fit.sigma']).to.be.closeTo(0.8, 0.01);
    expect(r['fit.mean_error']).to.be.closeTo(0.8 / Math.sqrt(100000), 0.0005);
    expect(r['fit.chi2_per_ndf']).to.be.within(0.5, 1.6);
    expect(r['pol1.p0']).to.be.closeTo(-2, 1e-6);
    expect(r['pol1.p1']).to.be.closeTo(3, 1e-6);
    expect(r['pol1.status']).to.equal(0);
    expect(r['expo.slope']).to.be.closeTo(-0.8, 0.02);
  });

  it('reads TFormula expressions and C++ functions, and names a bad formula', () => {
    expect(r['formula.sinc1']).to.be.closeTo(Math.sin(1), 1e-9);
    expect(r['formula.npar']).to.equal(5);
    expect(r['formula.parname1']).to.equal('Mean');
    expect(r['formula.code']).to.equal(18);
    expect(r['formula.integral']).to.be.closeTo(1.5584, 1e-3);
    expect(r['formula.bad']).to.match(/cannot read the formula "sin\(x": '\)' expected/);
  });

  it('draws reproducible random numbers with the right moments', () => {
    expect(r['random.same']).to.equal(1);
    expect(r['random.gaus_mean']).to.be.closeTo(2, 0.03);
    expect(r['random.gaus_sd']).to.be.closeTo(3, 0.03);
    expect(r['random.poisson_mean']).to.be.closeTo(3.5, 0.03);
    expect(r['tmath.prob']).to.be.closeTo(0.44049, 1e-4);
    expect(r['tmath.gaus']).to.be.closeTo(0.398942 * Math.exp(-0.5), 1e-6);
  });

  it('draws a histogram as one outline of its bins, with title, axis titles, labels and stats box', () => {
    const s = svg('hist');
    const outline = [...s.matchAll(/<polyline[^>]*points="([^"]*)"/g)].map((m) => m[1].trim().split(' ').length);
    expect(outline).to.include(2 * 20 + 2); // down at each end, two corners per bin
    expect(count(s, /<polygon/g), 'the fill').to.equal(1);
    const t = texts(s);
    expect(t).to.include.members(['Twenty bins', 'x title', 'y title', 'h', 'Entries', '61', 'Mean', '10.67', 'Std Dev']);
    expect(t).to.include.members(['0', '10', '20']);
  });

  it('draws error bars for each filled bin', () => {
    const s = svg('errors');
    const d = s.match(/<path d="([^"]*)"[^>]*stroke="#000099"/)![1];
    expect(count(d, /V/g), 'vertical error bars').to.equal(10);
  });

  it('draws a colour map cell by cell, with its palette axis', () => {
    const s = svg('colz');
    const crisp = s.slice(s.indexOf('shape-rendering="crispEdges"'), s.indexOf('</g>', s.indexOf('shape-rendering')));
    expect(count(crisp, /<rect/g)).to.equal(100);
    expect(texts(s)).to.include.members(['map', 'x', 'y', 'z']);
    expect(r['colz.px5']).to.equal(95);
  });

  it('divides a canvas into pads, with log axes, legends and colours by RGB', () => {
    const s = svg('divided');
    expect(count(s, /<svg x=/g), 'two pads').to.equal(2);
    const t = texts(s);
    expect(t).to.include.members(['decades', '10', '100', '1000', '10\u2074', 'measured', 'sin(x)/x']);
    expect(s).to.include('stroke="#00aa00"');
    expect(stderr).to.match(/TCanvas::SaveAs: cannot write .*divided\.png: writing png files needs libcppnb-root/);
  });

  it('writes well-formed SVG with ids unique across pictures', () => {
    const ids: string[] = [];
    for (const name of ['hist', 'errors', 'colz', 'divided']) {
      const s = svg(name);
      const check = spawnSync('/usr/bin/python3', ['-c', 'import sys, xml.dom.minidom; xml.dom.minidom.parseString(sys.stdin.buffer.read())'], { input: s });
      expect(check.status, `${name}.svg: ${check.stderr}`).to.equal(0);
      ids.push(...[...s.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    }
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it('reads ROOT files in a g++ program linked with libcppnb-root (values as jsroot reads them)', async () => {
    const exe = join(dir, 'read_file');
    execFileSync('g++', ['-std=c++17', '-O2', '-Wall', '-Werror', '-I', include, '-I', rootInclude, join(packageRoot, 'root', 'test', 'read_file.cpp'),
      '-o', exe, '-L', rootLibrary, '-lcppnb-root', `-Wl,-rpath,${rootLibrary}`]);
    const nano = rootFile('nanoAOD_2015_CMS_Open_Data_ttbar.root');
    const run = spawnSync(exe, [rootFile('uproot-histograms.root'), nano], { encoding: 'utf8' });
    expect(run.status, run.stderr).to.equal(0);
    const got = JSON.parse(run.stdout);
    const one = await readObject(rootFile('uproot-histograms.root'), 'one');
    const sums = await branchSums(nano, 'Events', ['nMuon', 'Muon_pt']);
    expect(got['one.entries']).to.equal(one.fEntries);
    expect(got['one.bin5']).to.equal((one.fArray as ArrayLike<number>)[5]);
    expect(got.events).to.equal(sums.nMuon.count);
    expect(got.muons).to.equal(sums.nMuon.sum);
    expect(got.sumPt).to.be.closeTo(sums.Muon_pt.sum, 1e-6 * sums.Muon_pt.sum);
    expect(got.drawn).to.equal(-1);
    expect(run.stderr).to.include('Bad numerical expression : "Muon_pt"').and.include('no interpreter');
  });
});
