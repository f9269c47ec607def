// ROOT file I/O: cppnb writes a NanoAOD-like file (counters, a dozen counted
// float arrays, scalars; ≥ 200 MB of branch data) with zlib, lz4 and zstd,
// then reads it back in a cell with TTreeReader, one branch and every branch.
// In the same run, the references: (a) the raw decompression of the same
// baskets with the same libraries (cppnb_root_read_baskets: the floor for the
// file), and (b) jsroot reading the same branches in this Node process.
// Run: node --import tsx bench/rootio.ts (BENCH_EVENTS to change the size).
// Prints a table; writes bench/results/rootio-<date>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../interpreter-bridge/paths.js';
import { branchSums } from '../test/helpers/jsroot.js';
import { KernelClient, result, streamText } from '../test/helpers/kernel-client.js';
import { tempDir } from '../test/helpers/temp-dir.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_100_000);
const COMPRESSIONS: [number, string][] = [[101, 'zlib 1'], [404, 'lz4 4'], [505, 'zstd 5']];
const ARRAYS = ['Muon_pt', 'Muon_eta', 'Muon_phi', 'Muon_mass', 'Electron_pt', 'Electron_eta', 'Electron_phi', 'Electron_mass', 'Jet_pt', 'Jet_eta', 'Jet_phi', 'Jet_mass'];

const SETUP = String.raw`#include <TFile.h>
#include <TTree.h>
#include <TTreeReader.h>
#include <TTreeReaderArray.h>
#include <TRandom3.h>
#include <chrono>
#include <fstream>
extern "C" double cppnb_root_read_baskets(const char *path, const char *tree, const char *branch, unsigned long long *bytes);
double benchNow() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }
long rssKB() { std::ifstream s("/proc/self/status"); std::string l; while (std::getline(s, l)) if (l.rfind("VmRSS:", 0) == 0) return std::stol(l.substr(6)); return 0; }
const char *kinds[3] = {"Muon", "Electron", "Jet"};
const char *fields[4] = {"pt", "eta", "phi", "mass"};
double writeNano(const char *path, int compression, long events) {
  double t0 = benchNow();
  TFile out(path, "RECREATE", "", compression);
  TTree t("Events", "NanoAOD-like");
  unsigned run = 1, lumi = 0; unsigned long long event = 0; float met_pt, met_phi; bool trigger;
  int n[3]; static float v[3][4][64];
  t.Branch("run", &run, "run/i"); t.Branch("luminosityBlock", &lumi, "luminosityBlock/i"); t.Branch("event", &event, "event/l");
  t.Branch("MET_pt", &met_pt, "MET_pt/F"); t.Branch("MET_phi", &met_phi, "MET_phi/F"); t.Branch("HLT_IsoMu24", &trigger, "HLT_IsoMu24/O");
  for (int k = 0; k < 3; ++k) {
    std::string count = std::string("n") + kinds[k];
    t.Branch(count.c_str(), &n[k], (count + "/I").c_str());
    for (int f = 0; f < 4; ++f) {
      std::string name = std::string(kinds[k]) + "_" + fields[f];
      t.Branch(name.c_str(), v[k][f], (name + "[" + count + "]/F").c_str());
    }
  }
  TRandom3 rng(1);
  const double mean[3] = {2, 1.5, 6};
  for (long i = 0; i < events; ++i) {
    event = i; lumi = i / 1000; met_pt = rng.Exp(30); met_phi = rng.Uniform(-3.14, 3.14); trigger = rng.Uniform() < 0.3;
    for (int k = 0; k < 3; ++k) {
      n[k] = std::min(64, rng.Poisson(mean[k]));
      for (int j = 0; j < n[k]; ++j) v[k][0][j] = rng.Exp(25), v[k][1][j] = rng.Gaus(0, 1.5), v[k][2][j] = rng.Uniform(-3.14, 3.14), v[k][3][j] = 0.1 + rng.Exp(2);
    }
    t.Fill();
  }
  t.Write();
  out.Close();
  return benchNow() - t0;
}
// One branch: the muons' pt.
double readOne(const char *path, double &sum) {
  double t0 = benchNow();
  TFile f(path);
  TTreeReader r("Events", &f);
  TTreeReaderArray<float> pt(r, "Muon_pt");
  sum = 0;
  while (r.Next()) for (float p : pt) sum += p;
  return benchNow() - t0;
}
// Every branch.
double readAll(const char *path, double &sum, long &rssBefore, long &rssPeak) {
  rssBefore = rssKB(); rssPeak = rssBefore;
  double t0 = benchNow();
  TFile f(path);
  TTreeReader r("Events", &f);
  TTreeReaderValue<unsigned> run(r, "run"), lumi(r, "luminosityBlock");
  TTreeReaderValue<unsigned long long> event(r, "event");
  TTreeReaderValue<float> met(r, "MET_pt"), metphi(r, "MET_phi");
  TTreeReaderValue<bool> trig(r, "HLT_IsoMu24");
  TTreeReaderValue<int> n0(r, "nMuon"), n1(r, "nElectron"), n2(r, "nJet");
  std::vector<std::unique_ptr<TTreeReaderArray<float>>> arrays;
  for (int k = 0; k < 3; ++k) for (int fi = 0; fi < 4; ++fi) arrays.emplace_back(new TTreeReaderArray<float>(r, (std::string(kinds[k]) + "_" + fields[fi]).c_str()));
  sum = 0;
  long i = 0;
  while (r.Next()) {
    sum += *run + *lumi + double(*event) + *met + *metphi + *trig + *n0 + *n1 + *n2;
    for (auto &a : arrays) for (float x : *a) sum += x;
    if ((++i & 0x3ffff) == 0) rssPeak = std::max(rssPeak, rssKB());
  }
  return benchNow() - t0;
}`;

async function number(k: KernelClient, code: string): Promise<number> {
  const r = await k.execute(code);
  if (r.reply.content.status !== 'ok') throw new Error(`${code}: ${JSON.stringify(r.reply.content)}`);
  return Number(result(r.iopub));
}

async function main() {
  const dir = tempDir('bench-rootio');
  const k = new KernelClient();
  await k.start();
  const setup = await k.execute(SETUP);
  if (setup.reply.content.status !== 'ok') throw new Error(JSON.stringify(setup.reply.content));
  const rows: Record<string, number | string>[] = [];
  for (const [compression, label] of COMPRESSIONS) {
    const path = join(dir, `nano-${compression}.root`);
    const writeSeconds = await number(k, `writeNano("${path}", ${compression}, ${EVENTS})`);
    const size = await number(k, `TFile("${path}").GetSize()`);
    // (a) the floor: the same baskets read and decompressed, nothing converted.
    const rawOne = await k.execute(`{ unsigned long long b; double s = cppnb_root_read_baskets("${path}", "Events", "Muon_pt", &b); std::printf("%.6f %llu", s, b); }`);
    const [rawOneS, oneBytes] = streamText(rawOne.iopub, 'stdout').split(' ').map(Number);
    const rawAll = await k.execute(`{ unsigned long long b; double s = cppnb_root_read_baskets("${path}", "Events", "", &b); std::printf("%.6f %llu", s, b); }`);
    const [rawAllS, allBytes] = streamText(rawAll.iopub, 'stdout').split(' ').map(Number);
    const one = await k.execute(`{ double s; double t = readOne("${path}", s); std::printf("%.6f %.9g", t, s); }`);
    const [oneS, oneSum] = streamText(one.iopub, 'stdout').split(' ').map(Number);
    const all = await k.execute(`{ double s; long before, peak; double t = readAll("${path}", s, before, peak); std::printf("%.6f %.9g %ld %ld", t, s, before, peak); }`);
    const [allS, , rssBefore, rssPeak] = streamText(all.iopub, 'stdout').split(' ').map(Number);
    // (b) jsroot, the same branches, in this process.
    let t = performance.now();
    const js = await branchSums(path, 'Events', ['Muon_pt']);
    const jsOneS = (performance.now() - t) / 1000;
    if (Math.abs(js.Muon_pt.sum - oneSum) > 1e-6 * Math.abs(oneSum)) throw new Error(`jsroot and cppnb disagree: ${js.Muon_pt.sum} vs ${oneSum}`);
    let jsAllS = NaN;
    if (compression === 505) {
      t = performance.now();
      await branchSums(path, 'Events', ['run', 'luminosityBlock', 'event', 'MET_pt', 'MET_phi', 'HLT_IsoMu24', 'nMuon', 'nElectron', 'nJet', ...ARRAYS]);
      jsAllS = (performance.now() - t) / 1000;
    }
    const mbs = (bytes: number, s: number) => bytes / 1e6 / s;
    rows.push({
      compression: label, events: EVENTS, fileMB: +(size / 1e6).toFixed(1), writeS: +writeSeconds.toFixed(2),
      branchDataMB: +(allBytes / 1e6).toFixed(1),
      oneRawMBs: +mbs(oneBytes, rawOneS).toFixed(0), oneReaderMBs: +mbs(oneBytes, oneS).toFixed(0), oneVsRaw: +(rawOneS / oneS).toFixed(2),
      oneJsrootMBs: +mbs(oneBytes, jsOneS).toFixed(1), oneVsJsroot: +(jsOneS / oneS).toFixed(1),
      allRawMBs: +mbs(allBytes, rawAllS).toFixed(0), allReaderMBs: +mbs(allBytes, allS).toFixed(0), allVsRaw: +(rawAllS / allS).toFixed(2),
      allEventsPerS: Math.round(EVENTS / allS),
      allVsJsroot: Number.isNaN(jsAllS) ? '-' : +(jsAllS / allS).toFixed(1),
      rssGrowthMB: +((rssPeak - rssBefore) / 1024).toFixed(1),
    });
    console.log(JSON.stringify(rows[rows.length - 1]));
  }
  await k.shutdown();
  console.table(rows);
  const out = join(packageRoot, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `rootio-${new Date().toISOString().slice(0, 10)}.json`), JSON.stringify({ events: EVENTS, rows }, null, 2));
  process.exit(0);
}

await main();
