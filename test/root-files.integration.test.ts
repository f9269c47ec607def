// Reading ROOT files in the kernel: files written by ROOT 5.32 to 6.22 (and by
// uproot), every compression, the leaf types, histograms, TTreeReader and the
// classic SetBranchAddress loop, each value checked against jsroot (ROOT's own
// JavaScript reader); and bad files, which give errors and keep the session.
import { expect } from 'chai';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../interpreter-bridge/paths.js';
import { branchSums, firstValues, readObject } from './helpers/jsroot.js';
import { executeContent, KernelClient, ofType, result, streamText } from './helpers/kernel-client.js';
import { expectSameSums, parseSums, SUM_HELPERS } from './helpers/root-sums.js';
import { tempDir } from './helpers/temp-dir.js';

const data = join(packageRoot, 'test', 'data', 'root-files');
const file = (name: string) => join(data, name);

describe('ROOT files in the kernel (checked against jsroot)', function () {
  this.timeout(180000);
  const k = new KernelClient();

  before(async () => {
    await k.start();
    const { reply } = await k.execute(SUM_HELPERS);
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
  });
  after(async () => {
    await k.shutdown();
  });

  async function sumsOf(path: string, tree: string) {
    const { reply, iopub } = await k.execute(`{ TFile f("${path}"); sumTree(f.Get<TTree>("${tree}")); }`);
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    expect(streamText(iopub, 'stderr')).to.equal('');
    return parseSums(streamText(iopub, 'stdout'));
  }

  it('opens a file with TFile::Open and shows its keys as a table', async () => {
    const { reply, iopub } = await k.execute(`#include <TFile.h>\n#include <TH1F.h>\nauto f = TFile::Open("${file('uproot-histograms.root')}");\nf`);
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    const [shown] = ofType(iopub, 'execute_result');
    const bundle = shown.content.data as Record<string, string>;
    expect(bundle['text/html']).to.include('<td style="text-align:left">one</td>').and.include('numero uno').and.include('TH1F');
    expect(bundle['text/plain']).to.match(/^TFile .*uproot-histograms\.root:\/ \(5\.4 kB, written by ROOT 6\.08\/\d\d, compression 0\)\n/);
    expect(bundle['text/plain']).to.match(/\nthree\s+TH1F\s+numero tres\s+1\s/);
    const ls = await k.execute('f->ls();');
    expect(streamText(ls.iopub, 'stdout')).to.include('KEY: TH1F\tone;1\tnumero uno');
  });

  it('reads histograms bin by bin as jsroot does, and draws them', async () => {
    for (const name of ['one', 'two', 'three']) {
      const theirs = await readObject(file('uproot-histograms.root'), name);
      const { reply, iopub } = await k.execute(
        `{ auto h = f->Get<TH1F>("${name}"); std::printf("%s %d %g|", h->GetTitle(), h->GetNbinsX(), h->GetEntries()); for (int i = 0; i <= h->GetNbinsX() + 1; ++i) std::printf("%g ", h->GetBinContent(i)); }`,
      );
      expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
      const [head, bins] = streamText(iopub, 'stdout').split('|');
      const axis = theirs.fXaxis as { fNbins: number };
      expect(head).to.equal(`${theirs.fTitle} ${axis.fNbins} ${theirs.fEntries}`);
      expect(bins.trim().split(' ').map(Number)).to.deep.equal(Array.from(theirs.fArray as ArrayLike<number>));
    }
    const drawn = await k.execute('f->Get<TH1F>("one")->Draw();');
    const [svg] = ofType(drawn.iopub, 'display_data');
    expect((svg.content.data as Record<string, string>)['image/svg+xml']).to.include('>numero uno</text>').and.include('>10000</text>');
    const missing = await k.execute('f->Get("nothing") == nullptr');
    expect(result(missing.iopub)).to.equal('true');
  });

  it('reads every compression alike: zlib, lz4 (xxhash-checked), zstd, lzma and none', async () => {
    const theirs = await branchSums(file('uproot-Zmumu.root'), 'events', ['Run', 'Event', 'E1', 'px1', 'Q1', 'M']);
    for (const name of ['uproot-Zmumu.root', 'uproot-Zmumu-lz4.root', 'uproot-Zmumu-zstd.root', 'uproot-Zmumu-lzma.root', 'uproot-Zmumu-uncompressed.root']) {
      const ours = await sumsOf(file(name), 'events');
      expectSameSums(ours, theirs);
    }
  });

  it('reads every basic leaf type, fixed and counted arrays (ROOT 6.08 and 6.20)', async () => {
    const flat = ['Int32', 'Int64', 'UInt32', 'UInt64', 'Float32', 'Float64', 'ArrayInt32', 'ArrayInt64', 'ArrayFloat64', 'N', 'SliceInt32', 'SliceFloat64'];
    expectSameSums(await sumsOf(file('uproot-small-flat-tree.root'), 'tree'), await branchSums(file('uproot-small-flat-tree.root'), 'tree', flat));
    // (jsroot reads char arrays, ai1 and Ai1, as text: they are left out)
    const sample = ['n', 'b', 'ab', 'Ab', 'i1', 'u1', 'au1', 'Au1', 'i2', 'Ai2', 'u2', 'Au2', 'i4', 'Ai4', 'u4', 'Au4', 'i8', 'Ai8', 'u8', 'Au8', 'f4', 'af4', 'Af4', 'f8', 'af8', 'Af8'];
    expectSameSums(await sumsOf(file('uproot-sample-6.20.04-zlib.root'), 'sample'), await branchSums(file('uproot-sample-6.20.04-zlib.root'), 'sample', sample));
  });

  it('reads a ROOT 5.32 file and CMS NanoAOD (baskets kept inside the tree)', async () => {
    const hzz = ['NJet', 'Jet_Px', 'Jet_ID', 'NMuon', 'Muon_Px', 'Muon_Charge', 'MET_px', 'EventWeight'];
    expectSameSums(await sumsOf(file('uproot-HZZ.root'), 'events'), await branchSums(file('uproot-HZZ.root'), 'events', hzz));
    const nano = ['nMuon', 'Muon_pt', 'Muon_eta', 'Muon_charge', 'Muon_tightId', 'nJet', 'Jet_pt', 'Jet_btagCSVV2', 'run', 'event', 'MET_pt'];
    expectSameSums(await sumsOf(file('nanoAOD_2015_CMS_Open_Data_ttbar.root'), 'Events'), await branchSums(file('nanoAOD_2015_CMS_Open_Data_ttbar.root'), 'Events', nano));
  });

  it('reads C strings, std::string, leaf lists and std::vector', async () => {
    const types = await firstValues(file('uproot-Zmumu.root'), 'events', ['Type'], 5);
    const s = await k.execute(`{ TFile z("${file('uproot-Zmumu.root')}"); TTreeReader r("events", &z); TTreeReaderValue<std::string> t(r, "Type"); for (int i = 0; i < 5 && r.Next(); ++i) std::printf("%s,", t->c_str()); }`);
    expect(streamText(s.iopub, 'stdout')).to.equal(types.Type.map((t) => `${t},`).join(''));

    const leaflist = (await firstValues(file('uproot-leaflist.root'), 'tree', ['leaflist'], 5)).leaflist as { x: number; y: number; z: number }[];
    const ll = await k.execute(`{ TFile l("${file('uproot-leaflist.root')}"); TTreeReader r("tree", &l); TTreeReaderValue<double> x(r, "leaflist.x"); TTreeReaderValue<int> y(r, "leaflist.y"); TTreeReaderValue<char> z(r, "leaflist.z"); while (r.Next()) std::printf("%g %d %d,", *x, *y, int(*z)); }`);
    expect(streamText(ll.iopub, 'stdout')).to.equal(leaflist.map((e) => `${e.x} ${e.y} ${Number(e.z)},`).join(''));

    const stl = await firstValues(file('uproot-stl_containers.root'), 'tree', ['vector_int32', 'string'], 5);
    const v = await k.execute(`{ TFile c("${file('uproot-stl_containers.root')}"); TTreeReader r("tree", &c); TTreeReaderValue<std::vector<int>> v(r, "vector_int32"); TTreeReaderValue<std::string> s(r, "string"); while (r.Next()) { std::printf("%s:", s->c_str()); for (int x : *v) std::printf("%d ", x); std::printf(","); } }`);
    expect(streamText(v.iopub, 'stderr')).to.equal('');
    expect(streamText(v.iopub, 'stdout')).to.equal(stl.string.map((str, i) => `${str}:${Array.from(stl.vector_int32[i] as ArrayLike<number>).map((x) => `${x} `).join('')},`).join(''));
  });

  it('reads vector<vector<T>>, vector<string>, TString and set<T>, by TTreeReaderValue and SetBranchAddress, and refuses the wrong shape', async () => {
    const stl = await firstValues(file('uproot-stl_containers.root'), 'tree', ['vector_vector_int32', 'vector_string', 'vector_tstring', 'tstring', 'set_int32'], 5);
    const list = (x: unknown) => Array.from(Object.values(x as Record<string, number>));
    const expected = stl.tstring
      .map((t, i) => `${t}|${(stl.vector_vector_int32[i] as unknown[]).map((v) => `[${list(v).join(' ')}]`).join('')}|${(stl.vector_string[i] as string[]).join(' ')}|${(stl.vector_tstring[i] as string[]).join(' ')}|${list(stl.set_int32[i]).join(' ')}\n`)
      .join('');
    const { reply, iopub } = await k.execute(`{ TFile c("${file('uproot-stl_containers.root')}"); TTreeReader r("tree", &c);
TTreeReaderValue<std::vector<std::vector<int>>> vv(r, "vector_vector_int32");
TTreeReaderValue<std::vector<std::string>> vs(r, "vector_string");
TTreeReaderValue<std::vector<TString>> vt(r, "vector_tstring");
TTreeReaderValue<TString> ts(r, "tstring");
TTreeReaderValue<std::set<int>> si(r, "set_int32");
while (r.Next()) {
  std::printf("%s|", ts->Data());
  for (auto &v : *vv) { std::printf("["); for (size_t j = 0; j < v.size(); ++j) std::printf(j ? " %d" : "%d", v[j]); std::printf("]"); }
  std::printf("|");
  for (size_t j = 0; j < vs->size(); ++j) std::printf(j ? " %s" : "%s", (*vs)[j].c_str());
  std::printf("|");
  for (size_t j = 0; j < vt->size(); ++j) std::printf(j ? " %s" : "%s", (*vt)[j].Data());
  std::printf("|");
  bool first = true;
  for (int x : *si) std::printf(first ? "%d" : " %d", x), first = false;
  std::printf("\\n");
} }`);
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    expect(streamText(iopub, 'stderr')).to.equal('');
    expect(streamText(iopub, 'stdout')).to.equal(expected);

    const classic = await k.execute(`{ TFile c("${file('uproot-stl_containers.root')}"); auto t = c.Get<TTree>("tree");
std::vector<std::vector<int>> *vv = nullptr; std::vector<std::string> *vs = nullptr; TString *ts = nullptr;
t->SetBranchAddress("vector_vector_int32", &vv); t->SetBranchAddress("vector_string", &vs); t->SetBranchAddress("tstring", &ts);
t->GetEntry(3);
std::printf("%zu %zu %s %s\\n", vv->size(), (*vv)[3].size(), (*vs)[2].c_str(), ts->Data());
std::vector<int> *flat = nullptr;
std::printf("%d\\n", t->SetBranchAddress("vector_vector_int32", &flat));
TTreeReader r("tree", &c); TTreeReaderValue<std::vector<std::vector<int>>> wrong(r, "vector_int32"); r.Next(); }`);
    expect(classic.reply.content.status, JSON.stringify(classic.reply.content)).to.equal('ok');
    const fourth = stl.vector_vector_int32[3] as unknown[];
    expect(streamText(classic.iopub, 'stdout')).to.equal(`${fourth.length} ${list(fourth[3]).length} ${(stl.vector_string[3] as string[])[2]} ${stl.tstring[3]}\n-2\n`);
    const errors = streamText(classic.iopub, 'stderr');
    expect(errors).to.include('The pointer type given "int" does not correspond to the type needed "vector<vector<int> >" by the branch: vector_vector_int32');
    expect(errors).to.include('The branch vector_int32 contains data of type vector<int>. It cannot be accessed by a TTreeReaderValue<vector<vector<int> >>');
  });

  it('follows nested directories, paths and cycles', async () => {
    const { reply, iopub } = await k.execute(`{ TFile d("${file('uproot-nesteddirs.root')}"); auto t = d.Get<TTree>("one/two/tree"); auto dir = d.GetDirectory("one"); std::printf("%s %lld %s %s", t ? t->GetName() : "none", t ? t->GetEntries() : -1, dir ? dir->GetPath() : "none", d.Get<TTree>("three/tree;1") ? "cycle" : "no"); }`);
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    expect(streamText(iopub, 'stdout')).to.match(/^tree \d+ .*uproot-nesteddirs\.root:\/one cycle$/);
  });

  it('runs the classic SetBranchAddress loop, Print and Scan as ROOT lays them out', async () => {
    const theirs = await branchSums(file('uproot-HZZ.root'), 'events', ['NMuon', 'Muon_Px']);
    const { reply, iopub } = await k.execute(`TFile hzz("${file('uproot-HZZ.root')}");
TTree *events = nullptr;
hzz.GetObject("events", events);
int nmuon = 0;
float px[64];
events->SetBranchAddress("NMuon", &nmuon);
events->SetBranchAddress("Muon_Px", px);
double total = 0; long muons = 0;
for (Long64_t i = 0; i < events->GetEntries(); ++i) { events->GetEntry(i); muons += nmuon; for (int j = 0; j < nmuon; ++j) total += px[j]; }
std::printf("%ld %.17g\\n", muons, total);`);
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    const [muons, total] = streamText(iopub, 'stdout').trim().split(' ').map(Number);
    expect(muons).to.equal(theirs.NMuon.sum);
    expect(total).to.be.closeTo(theirs.Muon_Px.sum, 1e-6 * Math.abs(theirs.Muon_Px.sum));
    const mismatch = await k.execute('double wrong; events->SetBranchAddress("NMuon", &wrong)');
    expect(result(mismatch.iopub)).to.equal('-2');
    expect(streamText(mismatch.iopub, 'stderr')).to.include('The pointer type given "double" does not correspond to the type needed "int" by the branch: NMuon');
    const print = await k.execute('events->Print();');
    expect(streamText(print.iopub, 'stdout')).to.match(/^\*+\n\*Tree    :events    : /).and.include('*Entries :     2421 :').and.include('*Br    0 :NJet      : NJet/I');
    const scan = await k.execute('events->Scan("NJet:MET_px", "", "", 2);');
    expect(streamText(scan.iopub, 'stdout')).to.match(/\*\s+Row\s+\*\s+NJet \*\s+MET_px \*/).and.include('==> 2 selected entries');
    const table = await k.execute('events');
    const plain = (ofType(table.iopub, 'execute_result')[0].content.data as Record<string, string>)['text/plain'];
    expect(plain).to.match(/^TTree events "": 2421 entries, 51 branches\n/).and.match(/\nJet_Px\s+float\[NJet\]\s+2421\s/);
  });

  it('reads a TChain over files given by a wildcard, with TTreeReader and with GetEntry', async () => {
    let entries = 0;
    let sum = 0;
    for (const name of ['uproot-Zmumu.root', 'uproot-Zmumu-lz4.root', 'uproot-Zmumu-lzma.root', 'uproot-Zmumu-uncompressed.root', 'uproot-Zmumu-zstd.root']) {
      const s = await branchSums(file(name), 'events', ['M']);
      entries += s.M.count;
      sum += s.M.sum;
    }
    const { reply, iopub } = await k.execute(`#include <TChain.h>
TChain chain("events");
int added = chain.Add("${join(data, 'uproot-Zmumu*.root')}");
TTreeReader cr(&chain);
TTreeReaderValue<double> cm(cr, "M");
double csum = 0; long cn = 0;
while (cr.Next()) csum += *cm, ++cn;
double m2; chain.SetBranchAddress("M", &m2);
double csum2 = 0;
for (Long64_t i = 0; i < chain.GetEntries(); ++i) { chain.GetEntry(i); csum2 += m2; }
std::printf("%d %lld %ld %.17g %.17g %d\\n", added, chain.GetEntries(), cn, csum, csum2, chain.GetTreeNumber());`);
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    const [added, total, read, readerSum, classicSum, last] = streamText(iopub, 'stdout').trim().split(' ').map(Number);
    expect([added, total, read, last]).to.deep.equal([5, entries, entries, 4]);
    expect(readerSum).to.be.closeTo(sum, 1e-9 * sum);
    expect(classicSum).to.be.closeTo(sum, 1e-9 * sum);
    const missing = await k.execute('TChain nochain("events"); nochain.Add("/nonexistent/*.root")');
    expect(result(missing.iopub)).to.equal('0');
    expect(streamText(missing.iopub, 'stderr')).to.include('Warning in <TChain::Add>: no file matches /nonexistent/*.root');
  });

  it('shows the progress of a loop that runs longer than two seconds, in one display updated in place', async () => {
    const quick = await k.execute(`{ TFile z("${file('uproot-Zmumu.root')}"); TTreeReader r("events", &z); TTreeReaderValue<double> m(r, "M"); while (r.Next()) *m; }`);
    expect(ofType(quick.iopub, 'display_data'), 'a quick loop shows nothing').to.have.length(0);
    const { reply, iopub } = await k.execute(`#include <unistd.h>
{ TFile z("${file('uproot-Zmumu.root')}"); TTreeReader r("events", &z); TTreeReaderValue<double> m(r, "M"); double s = 0; while (r.Next()) { s += *m; usleep(1200); } }`);
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    const shown = ofType(iopub, 'display_data');
    expect(shown).to.have.length(1);
    const id = (shown[0].content.transient as { display_id: string }).display_id;
    expect((shown[0].content.data as Record<string, string>)['text/plain']).to.match(/^reading [\d,]+ of 2,304 entries \(\d+%\), [\d.]+ MB\/s, \d+ s left$/);
    const updates = ofType(iopub, 'update_display_data');
    expect(updates.length).to.be.greaterThan(0);
    expect(updates.every((u) => (u.content.transient as { display_id: string }).display_id === id)).to.equal(true);
    expect((updates[updates.length - 1].content.data as Record<string, string>)['text/plain']).to.match(/^read 2,304 of 2,304 entries, [\d.]+ MB\/s in [\d.]+ s$/);
  });

  it('says where an interrupted loop stopped, in its progress display', async () => {
    const id = await k.send('shell', 'execute_request', executeContent(`{ TFile z("${file('uproot-Zmumu.root')}"); TTreeReader r("events", &z); TTreeReaderValue<double> m(r, "M"); double s = 0; while (r.Next()) { s += *m; auto t0 = std::chrono::steady_clock::now(); while (std::chrono::steady_clock::now() - t0 < std::chrono::microseconds(1500)) {} } }`));
    const shown = await k.waitIopub(id, (m) => m.header.msg_type === 'display_data', 20000);
    await k.request('control', 'interrupt_request', {});
    const reply = await k.waitReply(id, 30000);
    await k.waitIdle(id);
    expect(reply.content).to.include({ status: 'error', ename: 'Interrupted' });
    const displayId = (shown.content.transient as { display_id: string }).display_id;
    const updates = ofType(k.iopubFor(id), 'update_display_data').filter((u) => (u.content.transient as { display_id: string }).display_id === displayId);
    expect((updates.at(-1)?.content.data as Record<string, string>)['text/plain']).to.match(/^stopped after [\d,]+ of 2,304 entries \(\d+%\), [\d.]+ MB\/s in [\d.]+ s$/);
  });

  it('says what is wrong with bad files and keeps the session', async () => {
    const dir = tempDir('root-files');
    const truncated = join(dir, 'truncated.root');
    writeFileSync(truncated, readFileSync(file('uproot-Zmumu.root')).subarray(0, 50000));
    const text = join(dir, 'notes.root');
    writeFileSync(text, 'these are notes, not a ROOT file\n');
    // A basket whose compressed bytes were overwritten: zlib refuses it.
    const damaged = join(dir, 'damaged.root');
    copyFileSync(file('uproot-Zmumu.root'), damaged);
    const bytes = readFileSync(damaged);
    const { reply: seekReply, iopub: seekOut } = await k.execute(`{ TFile z("${damaged}"); std::printf("%lld", (long long)z.Get<TTree>("events")->GetBranch("px1")->GetTotBytes()); }`);
    expect(seekReply.content.status).to.equal('ok');
    expect(Number(streamText(seekOut, 'stdout'))).to.be.greaterThan(0);
    const theirs = await readObject(file('uproot-Zmumu.root'), 'events');
    const px1 = (theirs.fBranches as { arr: { fName: string; fBasketSeek: number[] }[] }).arr.find((b) => b.fName === 'px1')!;
    const seek = Number(px1.fBasketSeek[0]);
    bytes.fill(0x55, seek + 100, seek + 400);
    writeFileSync(damaged, bytes);

    const cases: [string, RegExp][] = [
      [`auto nofile = TFile::Open("${join(dir, 'missing.root')}"); nofile`, /Error in <TFile::TFile>: file .*missing\.root does not exist/],
      [`TFile notroot("${text}"); notroot.IsZombie()`, /notes\.root is not a ROOT file/],
      [`TFile cut("${truncated}"); cut.IsZombie()`, /truncated\.root is truncated: its header says \d+ bytes, the file has 50000/],
      [`TTreeReader wrongkind("one", f); wrongkind.Next()`, /The object "one" in .*uproot-histograms\.root:\/ is a TH1F, not a TTree/],
      [`TTreeReader nokey("events", f); nokey.Next()`, /There is no tree called "events"/],
    ];
    for (const [code, message] of cases) {
      const { reply, iopub } = await k.execute(code);
      expect(reply.content.status, code).to.equal('ok');
      expect(streamText(iopub, 'stderr'), code).to.match(message);
    }
    const types = await k.execute(`TFile zz("${file('uproot-Zmumu.root')}"); TTreeReader rz("events", &zz); TTreeReaderValue<float> wrongType(rz, "px1"); rz.Next()`);
    expect(streamText(types.iopub, 'stderr')).to.include('The branch px1 contains data of type double. It cannot be accessed by a TTreeReaderValue<float>');
    expect(result(types.iopub)).to.equal('false');

    const broken = await k.execute(`TFile dmg("${damaged}"); TTreeReader rd("events", &dmg); TTreeReaderValue<double> dpx(rd, "px1"); double dsum = 0; while (rd.Next()) dsum += *dpx;`);
    expect(broken.reply.content.status).to.equal('error');
    expect(String(broken.reply.content.evalue)).to.match(/damaged\.root: branch px1, basket 0: cannot decompress: zlib/);
    const after = await k.execute('f->GetListOfKeys()->GetEntries()');
    expect(result(after.iopub), 'the session and its open file are intact').to.equal('3');
  });
});
