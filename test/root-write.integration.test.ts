// Writing ROOT files in the kernel: histograms and graphs written with ROOT's
// API under every compression, read back by jsroot (ROOT's own JavaScript
// reader, independent of cppnb) and by cppnb; and the misuses ROOT reports.
import { expect } from 'chai';
import { chmodSync, copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { branchSums, firstValues, readObject } from './helpers/jsroot.js';
import { openFile } from 'jsroot/io';
import { KernelClient, ofType, result, streamText } from './helpers/kernel-client.js';
import { expectSameSums, parseSums, SUM_HELPERS } from './helpers/root-sums.js';
import { tempDir } from './helpers/temp-dir.js';

describe('writing ROOT files in the kernel (read back by jsroot)', function () {
  this.timeout(180000);
  const k = new KernelClient();
  const dir = tempDir('root-write');

  before(async () => {
    await k.start();
    const { reply } = await k.execute(`#include <TFile.h>
#include <TProfile.h>
#include <TH1F.h>
#include <TH1D.h>
#include <TH2D.h>
#include <TGraphErrors.h>
#include <TRandom3.h>
TRandom3 rng(7);
TH1D hpt("hpt", "muon p_{T};p_{T} [GeV];muons", 50, 0, 100);
for (int i = 0; i < 4000; ++i) hpt.Fill(rng.Exp(20));
double gx[] = {1, 2, 3, 4}, gy[] = {1.5, 3.9, 6.1, 8.2}, gex[] = {0.1, 0.1, 0.1, 0.1}, gey[] = {0.3, 0.3, 0.4, 0.5};
TGraphErrors line(4, gx, gy, gex, gey);
line.SetName("line");
line.SetTitle("a line;x;y");
std::string bins(const TH1 &h) { std::string s; for (int i = 0; i < h.GetNcells(); ++i) s += std::to_string(h.GetBinContent(i)) + " "; return s; }`);
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    const sums = await k.execute(SUM_HELPERS);
    expect(sums.reply.content.status, JSON.stringify(sums.reply.content)).to.equal('ok');
  });
  after(async () => {
    await k.shutdown();
  });

  for (const [compression, label] of [[101, 'zlib'], [207, 'lzma'], [404, 'lz4'], [505, 'zstd'], [0, 'no compression']] as const) {
    it(`writes histograms and graphs with ${label} (${compression}) that jsroot reads`, async () => {
      const path = join(dir, `results-${compression}.root`);
      const { reply, iopub } = await k.execute(`{
TFile out("${path}", "RECREATE", "", ${compression});
hpt.Write();
TH2D map("map", "a map;x;y", 12, -3, 3, 8, -2, 2);
for (int i = 0; i < 3000; ++i) map.Fill(rng.Gaus(), rng.Gaus());
TH1F sparse("sparse", "variable bins", 3, std::vector<double>{0, 1, 5, 20}.data());
sparse.Fill(0.5), sparse.Fill(3), sparse.Fill(3, 2.5);
line.Write();
out.Write(); // map and sparse: made while out was current
std::printf("MAP %s\\nSPARSE %s\\n", bins(map).c_str(), bins(sparse).c_str());
}`);
      expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
      expect(streamText(iopub, 'stderr')).to.equal('');
      const printed = Object.fromEntries(streamText(iopub, 'stdout').trim().split('\n').map((l) => [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1).trim().split(' ').map(Number)]));

      const file = await openFile(path);
      expect(file.fKeys.map((key: { fName: string; fClassName: string }) => `${key.fClassName} ${key.fName}`).sort()).to.deep.equal(
        ['TGraphErrors line', 'TH1D hpt', 'TH1F sparse', 'TH2D map', 'TList StreamerInfo'],
      );
      const hpt = await readObject(path, 'hpt');
      const mine = await k.execute('bins(hpt)');
      expect(Array.from(hpt.fArray as ArrayLike<number>)).to.deep.equal(JSON.parse(result(mine.iopub) ?? '""').trim().split(' ').map(Number));
      expect(hpt.fEntries).to.equal(4000);
      expect(hpt.fTitle).to.equal('muon p_{T}');
      expect((hpt.fXaxis as { fTitle: string }).fTitle).to.equal('p_{T} [GeV]');
      expect((hpt.fYaxis as { fTitle: string }).fTitle).to.equal('muons');
      const map = await readObject(path, 'map');
      expect(Array.from(map.fArray as ArrayLike<number>)).to.deep.equal(printed.MAP);
      expect((map.fYaxis as { fNbins: number }).fNbins).to.equal(8);
      const sparse = await readObject(path, 'sparse');
      expect(Array.from((sparse.fXaxis as { fXbins: ArrayLike<number> }).fXbins)).to.deep.equal([0, 1, 5, 20]);
      expect(Array.from(sparse.fArray as ArrayLike<number>)).to.deep.equal(printed.SPARSE);
      expect(Array.from(sparse.fSumw2 as ArrayLike<number>)[2]).to.equal(1 + 2.5 * 2.5);
      const graph = await readObject(path, 'line');
      expect(graph._typename).to.equal('TGraphErrors');
      expect(Array.from(graph.fY as ArrayLike<number>)).to.deep.equal([1.5, 3.9, 6.1, 8.2]);
      expect(Array.from(graph.fEY as ArrayLike<number>)).to.deep.equal([0.3, 0.3, 0.4, 0.5]);

      // And cppnb reads what it wrote, as any file.
      const back = await k.execute(`{ TFile in("${path}"); auto h = in.Get<TH1D>("hpt"); auto g = in.Get<TGraphErrors>("line"); std::printf("%d %g %.17g %d", in.GetCompressionSettings(), h->GetEntries(), h->GetMean(), g->GetN()); }`);
      const [settings, entries, mean, points] = streamText(back.iopub, 'stdout').split(' ').map(Number);
      expect([settings, entries, points]).to.deep.equal([compression, 4000, 4]);
      expect(mean).to.be.closeTo(Number(result((await k.execute('hpt.GetMean()')).iopub)), 1e-9);
    });
  }

  for (const compression of [101, 404, 505, 201, 0]) {
    it(`writes a tree (numbers, counted and fixed arrays, a leaf list, std::vector) with compression ${compression} that jsroot reads`, async () => {
      const path = join(dir, `tree-${compression}.root`);
      const { reply, iopub } = await k.execute(`#include <TTree.h>
{
TFile out("${path}", "RECREATE", "", ${compression});
TTree t("events", "written by cppnb");
float x; int n; float pt[16]; double arr[3]; long long id; bool odd; unsigned short small;
struct { double a; int b; } pair;
std::vector<float> jets; std::vector<double> *weights = new std::vector<double>;
t.Branch("x", &x, "x/F");
t.Branch("n", &n, "n/I");
t.Branch("pt", pt, "pt[n]/F");
t.Branch("arr", arr, "arr[3]/D");
t.Branch("id", &id);
t.Branch("odd", &odd);
t.Branch("small", &small, "small/s");
t.Branch("pair", &pair, "a/D:b/I");
t.Branch("jets", &jets);
t.Branch("weights", &weights);
for (int i = 0; i < 30000; ++i) {
  jets.resize(i % 4); for (float &j : jets) j = rng.Exp(30);
  weights->assign(i % 2, 0.5 * i);
  x = rng.Gaus(); n = i % 9; for (int j = 0; j < n; ++j) pt[j] = rng.Exp(10);
  arr[0] = i, arr[1] = -0.5 * i, arr[2] = rng.Uniform(); id = (1LL << 35) + i; odd = i % 2; small = i % 1000;
  pair.a = i / 7.0, pair.b = -i;
  t.Fill();
}
std::printf("%lld\\n", t.GetEntries());
out.Write();
}`);
      expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
      expect(streamText(iopub, 'stderr')).to.equal('');
      expect(streamText(iopub, 'stdout')).to.equal('30000\n');
      const theirs = await branchSums(path, 'events', ['x', 'n', 'pt', 'arr', 'id', 'odd', 'small', 'jets', 'weights']);
      const back = await k.execute(`{ TFile in("${path}"); sumTree(in.Get<TTree>("events")); }`);
      expect(streamText(back.iopub, 'stderr')).to.equal('');
      const ours = parseSums(streamText(back.iopub, 'stdout'));
      expectSameSums(ours, theirs);
      expect(ours['pair.b'].sum).to.equal(-(29999 * 30000) / 2);
      if (compression === 101) { // the leaf list's values as jsroot reads them, once
        const pair = await firstValues(path, 'events', ['pair'], 3);
        expect((pair.pair as { a: number; b: number }[]).map((p) => [p.a, p.b])).to.deep.equal([[0, 0], [1 / 7, -1], [2 / 7, -2]]);
      }
    });
  }

  it('writes a TNtuple filled value by value, as the tutorials do', async () => {
    const path = join(dir, 'ntuple.root');
    const { reply, iopub } = await k.execute(`#include <TNtuple.h>
{ TFile out("${path}", "RECREATE"); TNtuple nt("nt", "px, py and their sum", "px:py:sum");
  for (int i = 0; i < 2000; ++i) { float px = rng.Gaus(), py = rng.Gaus(); nt.Fill(px, py, px + py); }
  std::printf("%d\\n", nt.GetNvar()); nt.Write(); }`);
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    expect(streamText(iopub, 'stdout')).to.equal('3\n');
    const sums = await branchSums(path, 'nt', ['px', 'py', 'sum']);
    expect(sums.px.count).to.equal(2000);
    expect(sums.sum.sum).to.be.closeTo(sums.px.sum + sums.py.sum, 1e-3);
  });

  it('writes C strings (/C) that jsroot and cppnb read back', async () => {
    const path = join(dir, 'strings.root');
    const { reply } = await k.execute(`{ TFile out("${path}", "RECREATE"); TTree t("labels", "strings"); char label[64]; int id;
  t.Branch("id", &id, "id/I"); t.Branch("label", label, "label/C");
  const char *words[] = {"muon", "electron", "", "a longer label than the others"};
  for (id = 0; id < 8; ++id) { std::snprintf(label, sizeof label, "%s", words[id % 4]); t.Fill(); }
  t.Write(); }`);
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    const words = ['muon', 'electron', '', 'a longer label than the others'];
    const theirs = await firstValues(path, 'labels', ['label'], 8);
    expect(theirs.label).to.deep.equal([...words, ...words]);
    const ours = await k.execute(`{ TFile in("${path}"); TTreeReader r("labels", &in); TTreeReaderValue<std::string> l(r, "label"); while (r.Next()) std::printf("%s|", l->c_str()); }`);
    expect(streamText(ours.iopub, 'stdout')).to.equal([...words, ...words].map((w) => `${w}|`).join(''));
  });

  it('writes std::string branches (short, empty, past 255 bytes) that jsroot and cppnb read back', async () => {
    const path = join(dir, 'std-strings.root');
    const words = ['muon', '', 'a label longer than fifteen characters', 'x'.repeat(300)];
    const { reply } = await k.execute(`{ TFile out("${path}", "RECREATE"); TTree t("names", "std::string"); std::string name;
  t.Branch("name", &name);
  const char *words[] = {"muon", "", "a label longer than fifteen characters", "${'x'.repeat(300)}"};
  for (int i = 0; i < 8; ++i) { name = words[i % 4]; t.Fill(); }
  t.Write(); }`);
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    expect((await firstValues(path, 'names', ['name'], 8)).name).to.deep.equal([...words, ...words]);
    // size() and c_str() in one call: the value stays the same object through the entry, as ROOT's.
    const ours = await k.execute(`{ TFile in("${path}"); TTreeReader r("names", &in); TTreeReaderValue<std::string> n(r, "name"); while (r.Next()) std::printf("%zu:%s|", n->size(), n->c_str()); }`);
    expect(streamText(ours.iopub, 'stdout')).to.equal([...words, ...words].map((w) => `${w.length}:${w}|`).join(''));
  });

  it('keeps each Write as a new cycle, and Get gives the newest', async () => {
    const path = join(dir, 'cycles.root');
    const { reply } = await k.execute(`{ TFile out("${path}", "RECREATE"); hpt.Write(); hpt.Fill(50); hpt.Write(); }`);
    expect(reply.content.status).to.equal('ok');
    const file = await openFile(path);
    expect(file.fKeys.filter((key: { fName: string }) => key.fName === 'hpt').map((key: { fCycle: number }) => key.fCycle)).to.deep.equal([1, 2]);
    const back = await k.execute(`{ TFile in("${path}"); std::printf("%g %g", in.Get<TH1D>("hpt")->GetEntries(), in.Get<TH1D>("hpt;1")->GetEntries()); }`);
    expect(streamText(back.iopub, 'stdout')).to.equal('4001 4000');
  });

  it('fills, draws, writes and reads back a TProfile: means and errors of the mean as ROOT computes them', async () => {
    // y = (i % 7) at x = (i % 5) + 0.5, weights 1 and 2 alternating: the sums per bin, computed here.
    const n = 5, sw = Array(n).fill(0), swy = Array(n).fill(0), swy2 = Array(n).fill(0), sw2 = Array(n).fill(0);
    for (let i = 0; i < 700; i++) {
      const b = i % 5, y = i % 7, w = 1 + (i % 2);
      sw[b] += w, swy[b] += w * y, swy2[b] += w * y * y, sw2[b] += w * w;
    }
    const means = swy.map((v, b) => v / sw[b]);
    const errors = means.map((m, b) => Math.sqrt(Math.abs(swy2[b] / sw[b] - m * m)) / Math.sqrt((sw[b] * sw[b]) / sw2[b]));
    const path = join(dir, 'profile.root');
    const { reply, iopub } = await k.execute(`TProfile prof("prof", "a profile;x;mean y", 5, 0, 5);
for (int i = 0; i < 700; ++i) prof.Fill(i % 5 + 0.5, i % 7, 1 + i % 2);
prof.Fill(2.5, 1000, 0); // no weight: counts as an entry only
{ TFile out("${path}", "RECREATE"); prof.Write(); }
for (int b = 1; b <= 5; ++b) std::printf("%.12g %.12g %g|", prof.GetBinContent(b), prof.GetBinError(b), prof.GetBinEntries(b));
prof.Draw();`);
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    const printed = streamText(iopub, 'stdout').split('|').filter(Boolean).map((row) => row.split(' ').map(Number));
    printed.forEach(([mean, error, entries], b) => {
      expect(mean).to.be.closeTo(means[b], 1e-9);
      expect(error).to.be.closeTo(errors[b], 1e-9);
      expect(entries).to.equal(sw[b]);
    });
    // Drawn with error bars by default, as ROOT draws a profile: five more vertical strokes than "hist".
    const strokes = (messages: typeof iopub) =>
      (String((ofType(messages, 'display_data').at(-1)?.content.data as Record<string, unknown> | undefined)?.['image/svg+xml'] ?? '').match(/V/g) ?? []).length;
    const hist = await k.execute('prof.Draw("hist");');
    expect(strokes(iopub) - strokes(hist.iopub)).to.be.at.least(5);
    const theirs = await readObject(path, 'prof');
    expect(theirs._typename).to.equal('TProfile');
    const binEntries = Array.from(theirs.fBinEntries as ArrayLike<number>).slice(1, 6);
    expect(binEntries).to.deep.equal(sw);
    Array.from(theirs.fArray as ArrayLike<number>).slice(1, 6).forEach((v, b) => expect(v / binEntries[b]).to.be.closeTo(means[b], 1e-9));
    const back = await k.execute(`{ TFile in("${path}"); auto p = in.Get<TProfile>("prof"); for (int b = 1; b <= 5; ++b) std::printf("%.12g %.12g|", p->GetBinContent(b), p->GetBinError(b)); std::printf("%g", p->GetEntries()); }`);
    const rows = streamText(back.iopub, 'stdout').split('|');
    rows.slice(0, 5).forEach((row, b) => {
      const [mean, error] = row.split(' ').map(Number);
      expect(mean).to.be.closeTo(means[b], 1e-9);
      expect(error).to.be.closeTo(errors[b], 1e-9);
    });
    expect(rows[5]).to.equal('701');
  });

  it('writes into subdirectories (mkdir, cd, paths), read back by jsroot and cppnb', async () => {
    const path = join(dir, 'dirs.root');
    const { reply, iopub } = await k.execute(`{ TFile out("${path}", "RECREATE");
auto muons = out.mkdir("muons", "muon plots");
muons->cd();
hpt.Write();
auto deep = out.mkdir("a/b/c");
deep->cd();
TTree t("t", "in a/b/c"); float x; t.Branch("x", &x, "x/F");
for (int i = 0; i < 10; ++i) { x = 0.5f * i; t.Fill(); }
t.Write();
out.cd();
line.Write();
std::printf("%s %p %s", deep->GetPath(), (void *)out.mkdir("muons"), out.mkdir("muons", "", true)->GetTitle()); }`);
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    expect(streamText(iopub, 'stdout')).to.equal(`${path}:/a/b/c (nil) muon plots`);
    expect(streamText(iopub, 'stderr')).to.include('Error in <TDirectoryFile::mkdir>: An object with name muons exists already');
    const entries = Number(result((await k.execute('hpt.GetEntries()')).iopub));
    const h = await readObject(path, 'muons/hpt');
    expect(Array.from(h.fArray as ArrayLike<number>).reduce((a, b) => a + b, 0)).to.equal(entries);
    expect((await firstValues(path, 'a/b/c/t', ['x'], 10)).x).to.deep.equal([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5]);
    expect((await readObject(path, 'line'))._typename).to.equal('TGraphErrors');
    const back = await k.execute(`{ TFile in("${path}"); std::printf("%g %lld %s", in.Get<TH1D>("muons/hpt")->GetEntries(), in.Get<TTree>("a/b/c/t")->GetEntries(), in.GetDirectory("muons")->GetTitle()); }`);
    expect(streamText(back.iopub, 'stdout')).to.equal(`${entries} 10 muon plots`);
  });

  it('adds to an existing file with UPDATE (one ROOT wrote, and one cppnb wrote), keeping what it held', async () => {
    const fromRoot = join(dir, 'update-root.root');
    copyFileSync(join(import.meta.dirname, 'data', 'root-files', 'uproot-nesteddirs.root'), fromRoot);
    chmodSync(fromRoot, 0o644);
    const before = await firstValues(fromRoot, 'one/two/tree', ['Int32'], 100);
    const { reply, iopub } = await k.execute(`{ TFile f("${fromRoot}", "UPDATE");
f.GetDirectory("one/two")->cd();
hpt.Write();
f.mkdir("added")->cd();
line.Write();
std::printf("%g", hpt.GetEntries()); }`);
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    expect(streamText(iopub, 'stderr')).to.equal('');
    expect(await firstValues(fromRoot, 'one/two/tree', ['Int32'], 100)).to.deep.equal(before);
    const entries = Number(streamText(iopub, 'stdout'));
    expect((await readObject(fromRoot, 'one/two/hpt')).fEntries).to.equal(entries);
    expect((await readObject(fromRoot, 'added/line'))._typename).to.equal('TGraphErrors');

    const ours = join(dir, 'update-ours.root');
    const twice = await k.execute(`{ TFile a("${ours}", "UPDATE"); hpt.Write(); }
{ TFile b("${ours}", "UPDATE"); std::printf("%d ", b.GetListOfKeys()->GetEntries()); hpt.Write(); }
{ TFile c("${ours}"); std::printf("%d %g", c.GetListOfKeys()->GetEntries(), c.Get<TH1D>("hpt;1")->GetEntries()); }`);
    expect(twice.reply.content.status, JSON.stringify(twice.reply.content)).to.equal('ok');
    expect(streamText(twice.iopub, 'stdout')).to.equal(`1 2 ${entries}`);
    const file = await openFile(ours);
    expect(file.fKeys.filter((key: { fName: string }) => key.fName !== 'StreamerInfo').map((key: { fName: string; fCycle: number }) => `${key.fName};${key.fCycle}`)).to.deep.equal(['hpt;1', 'hpt;2']);
  });

  it('says why an object cannot be written, and keeps the session', async () => {
    const existing = join(dir, 'results-101.root');
    const cases: [string, RegExp][] = [
      ['hpt.Write()', /The current directory \(Rint\) is not associated with a file\. The object \(hpt\) has not been written/],
      [`TFile twice("${existing}", "NEW"); twice.IsZombie()`, /file .*results-101\.root already exists/],
      [`TFile reading("${existing}"); hpt.Write()`, /Directory .*results-101\.root is not writable \(opened for reading\)/],
      [`TFile nowhere("${join(dir, 'no', 'such', 'dir.root')}", "RECREATE"); nowhere.IsZombie()`, /cannot create .*dir\.root: No such file or directory/],
      [`TFile fout("${join(dir, 'f1.root')}", "RECREATE"); TF1 f1("f1", "x*x", 0, 1); f1.Write()`, /cannot write objects of class TF1 yet/],
    ];
    for (const [code, message] of cases) {
      const { reply, iopub } = await k.execute(code);
      expect(reply.content.status, code).to.equal('ok');
      expect(streamText(iopub, 'stderr'), code).to.match(message);
    }
    expect(existsSync(join(dir, 'f1.root'))).to.equal(true);
    expect(result((await k.execute('hpt.GetEntries()')).iopub)).to.equal('4001.0');
  });
});
