// The library's classes from the records of a ROOT file: histograms (TH1F,
// TH1D, TH1I, TH1S, TH1C, TH2F, TH2D, TH2I) and graphs (TGraph, TGraphErrors),
// as ROOT 5 and 6 wrote them. A new readable class is one case in
// objectFromRecord and, when it has members of its own, a fill function here.
#pragma once

#include "file.hpp"
#include "graphs.hpp"
#include "histograms2d.hpp"

namespace cppnb::root {

struct RecordReader {
  static void attributes(const io::Record &r, TAttLine &line, TAttFill &fill, TAttMarker &marker) {
    line.SetLineColor(Color_t(r.number("fLineColor", 1)));
    line.SetLineStyle(Style_t(r.number("fLineStyle", 1)));
    line.SetLineWidth(Width_t(r.number("fLineWidth", 1)));
    fill.SetFillColor(Color_t(r.number("fFillColor", 0)));
    fill.SetFillStyle(Style_t(r.number("fFillStyle", 1001)));
    marker.SetMarkerColor(Color_t(r.number("fMarkerColor", 1)));
    marker.SetMarkerStyle(Style_t(r.number("fMarkerStyle", 1)));
    marker.SetMarkerSize(Size_t(r.number("fMarkerSize", 1)));
  }
  static void axis(const io::Record *r, TAxis &a) {
    if (!r) return;
    int n = int(r->number("fNbins", 1));
    const std::vector<double> &edges = r->numbers("fXbins");
    if (int(edges.size()) == n + 1) a.Set(n, edges.data());
    else a.Set(n, r->number("fXmin", 0), r->number("fXmax", 1));
    a.TNamed::SetTitle(r->text("fTitle").c_str());
    int first = int(r->number("fFirst")), last = int(r->number("fLast"));
    if (first > 1 || (last > 0 && last < n)) a.SetRange(first, last);
  }
  static void histogram(const io::Record &r, TH1 &h) {
    h.SetName(r.text("fName").c_str());
    attributes(r, h, h, h);
    axis(r.record("fXaxis"), h.fXaxis);
    axis(r.record("fYaxis"), h.fYaxis);
    axis(r.record("fZaxis"), h.fZaxis);
    h.TNamed::SetTitle(r.text("fTitle").c_str());
    size_t cells = size_t(h.fXaxis.GetNbins() + 2) * (h.GetDimension() == 2 ? size_t(h.fYaxis.GetNbins() + 2) : 1);
    h.fArray = r.numbers("fArray");
    h.fArray.resize(cells, 0);
    h.fSumw2 = r.numbers("fSumw2");
    if (!h.fSumw2.empty()) h.fSumw2.resize(cells, 0);
    h.fEntries = r.number("fEntries");
    h.fS.w = r.number("fTsumw"), h.fS.w2 = r.number("fTsumw2");
    h.fS.wx = r.number("fTsumwx"), h.fS.wx2 = r.number("fTsumwx2");
    h.fS.wy = r.number("fTsumwy"), h.fS.wy2 = r.number("fTsumwy2"), h.fS.wxy = r.number("fTsumwxy");
    h.fStatsFromBins = false;
    h.fMaximum = r.number("fMaximum", -1111);
    h.fMinimum = r.number("fMinimum", -1111);
    h.fOption = r.text("fOption");
  }
  static void graph(const io::Record &r, TGraph &g) {
    g.SetName(r.text("fName").c_str());
    g.SetTitle(r.text("fTitle").c_str());
    attributes(r, g, g, g);
    size_t n = size_t(std::max(0.0, r.number("fNpoints")));
    g.fX = r.numbers("fX"), g.fY = r.numbers("fY");
    g.fX.resize(n, 0), g.fY.resize(n, 0);
  }
  static void graphErrors(const io::Record &r, TGraphErrors &g) {
    graph(r, g);
    g.fEX = r.numbers("fEX"), g.fEY = r.numbers("fEY");
    g.fEX.resize(g.fX.size(), 0), g.fEY.resize(g.fX.size(), 0);
  }
  template <class H> static TObject *make(const io::Record &r) {
    auto *h = new H();
    histogram(r, *h);
    return h;
  }
};

inline TObject *objectFromRecord(const io::Record &r) {
  const std::string &c = r.className;
  if (c == "TH1F") return RecordReader::make<TH1F>(r);
  if (c == "TH1D") return RecordReader::make<TH1D>(r);
  if (c == "TH1I") return RecordReader::make<TH1I>(r);
  if (c == "TH1S") return RecordReader::make<TH1S>(r);
  if (c == "TH1C") return RecordReader::make<TH1C>(r);
  if (c == "TH2F") return RecordReader::make<TH2F>(r);
  if (c == "TH2D") return RecordReader::make<TH2D>(r);
  if (c == "TH2I") return RecordReader::make<TH2I>(r);
  if (c == "TGraph") {
    auto *g = new TGraph();
    RecordReader::graph(r, *g);
    return g;
  }
  if (c == "TGraphErrors") {
    auto *g = new TGraphErrors();
    RecordReader::graphErrors(r, *g);
    return g;
  }
  return nullptr;
}

} // namespace cppnb::root
