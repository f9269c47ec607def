// The NanoAOD-like file of the I/O benchmarks (bench/rootio.ts, bench/remote-read.ts):
// C++ for a cell that defines writeNano (counters, a dozen counted float
// arrays, scalars) and the readers readOne (one branch) and readAll (every
// branch), each timing itself.
export const NANO_CELL = String.raw`#include <TFile.h>
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

export const ARRAYS = ['Muon_pt', 'Muon_eta', 'Muon_phi', 'Muon_mass', 'Electron_pt', 'Electron_eta', 'Electron_phi', 'Electron_mass', 'Jet_pt', 'Jet_eta', 'Jet_phi', 'Jet_mass'];
