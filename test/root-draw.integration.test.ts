// TTree::Draw in the kernel: expressions and selections compiled in the
// session, filling histograms bin for bin as jsroot's own TTree::Draw fills
// them (or, where jsroot cannot draw the file, as its branch values add up);
// arrays element by element; booked histograms; chains; bad expressions.
import { expect } from 'chai';
import { join } from 'node:path';
import { openFile } from 'jsroot/io';
import { treeDraw } from 'jsroot/tree';
import { packageRoot } from '../interpreter-bridge/paths.js';
import { branchSums, firstValues } from './helpers/jsroot.js';
import { KernelClient, ofType, result, streamText } from './helpers/kernel-client.js';

const data = join(packageRoot, 'test', 'data', 'root-files');
const zmumu = join(data, 'uproot-Zmumu.root');
const nano = join(data, 'nanoAOD_2015_CMS_Open_Data_ttbar.root');

// jsroot's TTree::Draw of expr (JavaScript: Math.sqrt where C++ has sqrt): the bins.
async function jsrootBins(path: string, tree: string, expr: string, cut: string): Promise<number[]> {
  const file = await openFile(path);
  const h = (await treeDraw(await file.readObject(tree), { expr, cut })) as { fArray: ArrayLike<number> };
  return Array.from(h.fArray);
}

describe('TTree::Draw in the kernel (checked against jsroot)', function () {
  this.timeout(180000);
  const k = new KernelClient();

  async function run(code: string) {
    const out = await k.execute(code);
    expect(out.reply.content.status, JSON.stringify(out.reply.content)).to.equal('ok');
    return out;
  }
  // The bins of histogram h, flows included.
  async function binsOf(h: string): Promise<number[]> {
    const { iopub } = await run(`{ auto b = ${h}; for (int i = 0; i < (b->GetNbinsX() + 2) * (b->GetDimension() == 2 ? b->GetNbinsY() + 2 : 1); ++i) std::printf("%g ", b->GetBinContent(i)); }`);
    return streamText(iopub, 'stdout').trim().split(' ').map(Number);
  }

  before(async () => {
    await k.start();
    await run(`#include <TFile.h>\n#include <TTree.h>\n#include <TH2F.h>\nauto f = TFile::Open("${zmumu}");\nauto t = f->Get<TTree>("events");`);
  });
  after(async () => {
    await k.shutdown();
  });

  it('fills and draws a histogram of an expression with a cut, bin for bin as jsroot', async () => {
    const { iopub } = await run('t->Draw("sqrt(px1*px1+py1*py1)>>hpt(50,0,100)", "E1>20")');
    const theirs = await jsrootBins(zmumu, 'events', 'Math.sqrt(px1*px1+py1*py1)>>h(50,0,100)', 'E1>20');
    expect(ofType(iopub, 'display_data').length, 'a canvas is shown').to.equal(1);
    expect(result(iopub)).to.equal(String(theirs.reduce((a, b) => a + b, 0)));
    // Found by name as ROOT finds it, from gDirectory.
    expect(await binsOf('(TH1F *)gDirectory->Get("hpt")')).to.deep.equal(theirs);
  });

  it('draws "y:x" into a TH2F with x the second expression, as ROOT orders them', async () => {
    await run('t->Draw("py1:px1>>h2(10,-50,50,10,-50,50)", "E1>20", "goff");');
    // jsroot's own Draw puts the first expression on x (ROOT's documentation:
    // "e1:e2" draws e1 versus e2, e2 on x): the bins from jsroot's values.
    const v = await firstValues(zmumu, 'events', ['px1', 'py1', 'E1'], 100000);
    const theirs = new Array(12 * 12).fill(0);
    const bin = (x: number) => (x < -50 ? 0 : x >= 50 ? 11 : 1 + Math.floor((x + 50) / 10));
    for (let i = 0; i < v.px1.length; ++i) if (Number(v.E1[i]) > 20) theirs[bin(Number(v.px1[i])) + 12 * bin(Number(v.py1[i]))] += 1;
    expect(await binsOf('t->GetHistogram()')).to.deep.equal(theirs);
    const { iopub } = await run('std::printf("%s %s %d", t->GetHistogram()->GetXaxis()->GetTitle(), t->GetHistogram()->ClassName(), t->GetV1()[0] == t->GetV2()[0]);');
    expect(streamText(iopub, 'stdout')).to.equal('px1 TH2F 0');
  });

  it('makes a TProfile with option prof, or fills a booked one: the mean of y per bin of x, from jsroot\'s values', async () => {
    const v = await firstValues(zmumu, 'events', ['pt1', 'eta1', 'Q1'], 100000);
    const sum = new Array(12).fill(0), n = new Array(12).fill(0);
    const bin = (x: number) => (x < -2.5 ? 0 : x >= 2.5 ? 11 : 1 + Math.floor((x + 2.5) / 0.5));
    for (let i = 0; i < v.pt1.length; ++i)
      if (Number(v.Q1[i]) > 0) (sum[bin(Number(v.eta1[i]))] += Number(v.pt1[i])), (n[bin(Number(v.eta1[i]))] += 1);
    const { iopub } = await run(`TProfile hprof("hprof", "p_{T} against #eta", 10, -2.5, 2.5);
t->Draw("pt1:eta1>>hprof", "Q1>0", "goff");
for (int b = 0; b <= 11; ++b) std::printf("%.10g %g ", hprof.GetBinContent(b), hprof.GetBinEntries(b));`);
    const got = streamText(iopub, 'stdout').trim().split(' ').map(Number);
    for (let b = 0; b <= 11; ++b) {
      expect(got[2 * b + 1], `bin ${b} entries`).to.equal(n[b]);
      expect(got[2 * b], `bin ${b} mean`).to.be.closeTo(n[b] ? sum[b] / n[b] : 0, 1e-8);
    }
    const made = await run('t->Draw("pt1:eta1", "", "profs"); std::printf("%s %d %s", t->GetHistogram()->ClassName(), t->GetHistogram()->GetNbinsX(), ((TProfile *)t->GetHistogram())->GetErrorOption());');
    expect(streamText(made.iopub, 'stdout')).to.equal('TProfile 100 s');
    expect(ofType(made.iopub, 'display_data').length, 'drawn').to.equal(1);
    const wrong = await run('t->Draw("pt1", "", "prof")');
    expect(streamText(wrong.iopub, 'stderr')).to.match(/option prof makes a profile of "y:x"/);
  });

  it('picks round limits for htemp that hold every value, and keeps the rows (GetV1, GetSelectedRows)', async () => {
    const values = (await firstValues(zmumu, 'events', ['px1'], 100000)).px1.map(Number);
    const { iopub } = await run(
      't->Draw("px1", "", "goff"); auto ht = t->GetHistogram(); double s = 0; for (Long64_t i = 0; i < t->GetSelectedRows(); ++i) s += t->GetV1()[i];\n' +
        'std::printf("%s %lld %g %d %.17g %.17g %.10g", ht->GetName(), t->GetSelectedRows(), ht->GetEntries(), ht->GetNbinsX(), ht->GetXaxis()->GetXmin(), ht->GetXaxis()->GetXmax(), s);',
    );
    const [name, rows, entries, nbins, lo, hi, sum] = streamText(iopub, 'stdout').split(' ');
    expect([name, Number(rows), Number(entries), Number(nbins)]).to.deep.equal(['htemp', values.length, values.length, 100]);
    expect(Number(lo)).to.be.at.most(Math.min(...values));
    expect(Number(hi)).to.be.above(Math.max(...values));
    expect(Number(sum)).to.be.closeTo(values.reduce((a, b) => a + b, 0), 1e-6);
  });

  it('loops over arrays element by element, or takes the element given (NanoAOD muons)', async () => {
    const sums = await branchSums(nano, 'Events', ['Muon_pt']);
    const all = await run(
      `auto nano = TFile::Open("${nano}"); auto ev = nano->Get<TTree>("Events");\n` +
        'ev->Draw("Muon_pt", "", "goff"); double s = 0; for (Long64_t i = 0; i < ev->GetSelectedRows(); ++i) s += ev->GetV1()[i];\nstd::printf("%lld %.10g", ev->GetSelectedRows(), s);',
    );
    const [rows, sum] = streamText(all.iopub, 'stdout').split(' ').map(Number);
    expect(rows).to.equal(sums.Muon_pt.count);
    expect(sum).to.be.closeTo(sums.Muon_pt.sum, 1e-3);

    const firsts = (await firstValues(nano, 'Events', ['Muon_pt'], 100000)).Muon_pt as ArrayLike<number>[];
    const leading = firsts.filter((m) => m.length > 0).map((m) => m[0]);
    const first = await run(
      'ev->Draw("Muon_pt[0]", "nMuon>0", "goff"); double s0 = 0; for (Long64_t i = 0; i < ev->GetSelectedRows(); ++i) s0 += ev->GetV1()[i];\nstd::printf("%lld %.10g", ev->GetSelectedRows(), s0);',
    );
    const [rows0, sum0] = streamText(first.iopub, 'stdout').split(' ').map(Number);
    expect(rows0).to.equal(leading.length);
    expect(sum0).to.be.closeTo(leading.reduce((a, b) => a + b, 0), 1e-3);
  });

  it('fills a histogram booked before (">>h" resets it, ">>+h" adds), weights by the selection', async () => {
    const { iopub } = await run(
      'TH1D booked("booked", "mine", 10, -200, 200); booked.Fill(0.);\n' +
        't->Draw("px1>>booked", "", "goff"); double first = booked.GetEntries();\n' +
        't->Draw("px1>>+booked", "2*(E1>20)", "goff");\n' +
        'std::printf("%g %g %s", first, booked.GetSumOfWeights(), booked.GetTitle());',
    );
    const pass = (await jsrootBins(zmumu, 'events', 'px1>>h(10,-200,200)', 'E1>20')).reduce((a, b) => a + b, 0);
    const [first, weights, title] = streamText(iopub, 'stdout').split(' ');
    expect(Number(first)).to.equal(2304);
    expect(Number(weights)).to.equal(2304 + 2 * pass);
    expect(title).to.equal('mine');
  });

  it('compiles anything C++ in the session: its functions, TMath, Entry$, and draws a chain', async () => {
    const { iopub } = await run(
      'double twice(double v) { return 2 * v; }\n' +
        't->Draw("twice(px1) - 2*px1 + TMath::Abs(Entry$ < 10)", "", "goff"); double s = 0; for (Long64_t i = 0; i < t->GetSelectedRows(); ++i) s += t->GetV1()[i];\n' +
        `TChain chain("events"); chain.Add("${zmumu}"); chain.Add("${zmumu}");\n` +
        'std::printf("%g %lld", s, chain.Draw("E1", "", "goff"));',
    );
    expect(streamText(iopub, 'stdout')).to.equal('10 4608');
  });

  it('scans the entries a selection keeps (TTree::Scan), as jsroot\'s values say', async () => {
    const v = await firstValues(zmumu, 'events', ['M', 'Q1', 'Event'], 400);
    const kept = v.M.map((m, i) => [Number(m), Number(v.Q1[i]), Number(v.Event[i]), i]).filter(([m, q]) => m > 100 && q > 0);
    const { iopub } = await run('t->Scan("Event:M", "M > 100 && Q1 > 0", "", 400)');
    const rows = streamText(iopub, 'stdout').split('\n').filter((l) => /^\*\s+\d+ \*/.test(l)).map((l) => l.split('*').map((c) => c.trim()).filter(Boolean).map(Number));
    expect(rows.map((r) => r[0])).to.deep.equal(kept.map((k) => k[3]));
    expect(rows.map((r) => r[1])).to.deep.equal(kept.map((k) => k[2]));
    expect(streamText(iopub, 'stdout')).to.include(`==> ${kept.length} selected entries`);
    const bad = await run('t->Scan("M", "M >")');
    expect(streamText(bad.iopub, 'stderr')).to.match(/Bad numerical expression : "M >"/);
    expect(result(bad.iopub)).to.equal('-1');
  });

  it('says what does not compile, returns -1 and keeps the session', async () => {
    await run('int kept = 42;');
    for (const [expr, says] of [
      ['nosuch*2', "use of undeclared identifier 'nosuch'"],
      ['px1 +', 'expected expression'],
      ['px1:py1:E1', 'one or two expressions'],
    ]) {
      const { iopub } = await run(`t->Draw("${expr}", "")`);
      expect(result(iopub)).to.equal('-1');
      expect(streamText(iopub, 'stderr')).to.include(`Error in <TTreeFormula::Compile>:  Bad numerical expression : "${expr}"`).and.include(says);
    }
    const { iopub } = await run('std::printf("%d %lld", kept, t->Draw("px1", "", "goff"));');
    expect(streamText(iopub, 'stdout')).to.equal('42 2304');
  });
});
