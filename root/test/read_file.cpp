// A plain C++ program over ROOT files: the library's headers and libcppnb-root,
// as a user's g++ program would use them. Prints what it read as JSON.
#include <TFile.h>
#include <TH1F.h>
#include <TTreeReader.h>
#include <TTreeReaderArray.h>

#include <cstdio>

int main(int argc, char **argv) {
  if (argc < 3) return 2;
  TFile hists(argv[1]); // uproot-histograms.root
  auto *one = hists.Get<TH1F>("one");
  auto f = TFile::Open(argv[2]); // the NanoAOD file
  if (!one || !f) return 1;
  TTreeReader reader("Events", f);
  TTreeReaderValue<unsigned> nMuon(reader, "nMuon");
  TTreeReaderArray<float> pt(reader, "Muon_pt");
  long muons = 0, events = 0;
  double sumPt = 0;
  while (reader.Next()) {
    ++events;
    muons += *nMuon;
    for (float p : pt) sumPt += p;
  }
  // TTree::Draw compiles its expressions in a notebook session; here it says it cannot.
  long drawn = f->Get<TTree>("Events")->Draw("Muon_pt", "", "goff");
  std::printf("{\"one.entries\": %g, \"one.bin5\": %g, \"events\": %ld, \"muons\": %ld, \"sumPt\": %.9g, \"drawn\": %ld}\n",
              one->GetEntries(), one->GetBinContent(5), events, muons, sumPt, drawn);
  delete f;
}
