// The library's classes from the records of a ROOT file, and back: histograms
// (TH1F, TH1D, TH1I, TH1S, TH1C, TH2F, TH2D, TH2I) and graphs (TGraph,
// TGraphErrors), as ROOT 5 and 6 wrote them and as ROOT 6 reads them. A new
// class is one case in objectFromRecord and recordFromObject and, when it has
// members of its own, a function each way here (and its description in
// root/src/io/class_infos.cpp to be written).
#pragma once

#include "file.hpp"
#include "graphs.hpp"
#include "histograms2d.hpp"

namespace cppnb::root {

struct FileRecords {
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
    // TAttAxis: how the axis is drawn.
    AxisLook l;
    l.ndivisions = int(r->number("fNdivisions", l.ndivisions));
    l.axisColor = Color_t(r->number("fAxisColor", l.axisColor)), l.labelColor = Color_t(r->number("fLabelColor", l.labelColor));
    l.labelFont = Style_t(r->number("fLabelFont", l.labelFont)), l.labelOffset = float(r->number("fLabelOffset", l.labelOffset));
    l.labelSize = float(r->number("fLabelSize", l.labelSize)), l.tickLength = float(r->number("fTickLength", l.tickLength));
    l.titleOffset = float(r->number("fTitleOffset", l.titleOffset)), l.titleSize = float(r->number("fTitleSize", l.titleSize));
    l.titleColor = Color_t(r->number("fTitleColor", l.titleColor)), l.titleFont = Style_t(r->number("fTitleFont", l.titleFont));
    static_cast<TAttAxis &>(a) = TAttAxis(l);
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
  static void profile(const io::Record &r, TProfile &p) {
    histogram(r, p); // fArray: Σw·y, fSumw2: Σw·y² in ROOT's profile
    p.fYmin = r.number("fYmin"), p.fYmax = r.number("fYmax");
    p.fErrorMode = TProfile::errorModeOption(int(r.number("fErrorMode")));
    p.setSums(r.numbers("fArray"), r.numbers("fSumw2"), r.numbers("fBinEntries"), r.numbers("fBinSumw2"));
  }
  static io::RecordPtr profileRecord(const TProfile &p) {
    Rec r = std::make_shared<io::Record>(*histogramRecord(p));
    auto replace = [&](const char *name, io::Value v) {
      for (auto &m : r->members)
        if (m.first == name) m.second = v;
    };
    replace("fArray", p.fSumWY), replace("fSumw2", p.fSumWY2);
    TH1::Sums st = p.sums();
    put(*r, "fBinEntries", p.fBinEntries);
    put(*r, "fErrorMode", double(p.errorModeNumber()));
    put(*r, "fYmin", p.fYmin), put(*r, "fYmax", p.fYmax);
    put(*r, "fTsumwy", st.wy), put(*r, "fTsumwy2", st.wy2);
    put(*r, "fBinSumw2", p.fBinSumw2);
    return r;
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
  // ---- to records, for writing ----
  using Rec = std::shared_ptr<io::Record>;
  static Rec record(const char *cls) {
    auto r = std::make_shared<io::Record>();
    r->className = cls;
    return r;
  }
  static void put(io::Record &r, const char *name, io::Value v) { r.members.emplace_back(name, std::move(v)); }
  static void putAttributes(io::Record &r, const TNamed &n, const TAttLine &line, const TAttFill &fill, const TAttMarker &marker) {
    put(r, "fName", std::string(n.GetName()));
    put(r, "fTitle", std::string(n.TNamed::GetTitle()));
    put(r, "fLineColor", double(line.GetLineColor())), put(r, "fLineStyle", double(line.GetLineStyle()));
    put(r, "fLineWidth", double(line.GetLineWidth()));
    put(r, "fFillColor", double(fill.GetFillColor())), put(r, "fFillStyle", double(fill.GetFillStyle()));
    put(r, "fMarkerColor", double(marker.GetMarkerColor())), put(r, "fMarkerStyle", double(marker.GetMarkerStyle()));
    put(r, "fMarkerSize", double(marker.GetMarkerSize()));
  }
  static Rec axisRecord(const TAxis &a, const char *name) {
    Rec r = record("TAxis");
    put(*r, "fName", std::string(name));
    put(*r, "fTitle", std::string(a.GetTitle()));
    const AxisLook &l = a.Look();
    put(*r, "fNdivisions", double(l.ndivisions)), put(*r, "fAxisColor", double(l.axisColor)), put(*r, "fLabelColor", double(l.labelColor));
    put(*r, "fLabelFont", double(l.labelFont)), put(*r, "fLabelOffset", double(l.labelOffset)), put(*r, "fLabelSize", double(l.labelSize));
    put(*r, "fTickLength", double(l.tickLength)), put(*r, "fTitleOffset", double(l.titleOffset)), put(*r, "fTitleSize", double(l.titleSize));
    put(*r, "fTitleColor", double(l.titleColor)), put(*r, "fTitleFont", double(l.titleFont));
    put(*r, "fNbins", double(a.GetNbins())), put(*r, "fXmin", a.GetXmin()), put(*r, "fXmax", a.GetXmax());
    std::vector<double> edges;
    if (a.IsVariableBinSize())
      for (int i = 1; i <= a.GetNbins() + 1; ++i) edges.push_back(a.GetBinLowEdge(i));
    put(*r, "fXbins", edges);
    put(*r, "fFirst", a.HasUserRange() ? double(a.GetFirst()) : 0.0);
    put(*r, "fLast", a.HasUserRange() ? double(a.GetLast()) : 0.0);
    return r;
  }
  static io::RecordPtr histogramRecord(const TH1 &h) {
    Rec r = record(h.ClassName());
    putAttributes(*r, h, h, h, h);
    put(*r, "fNcells", double(h.fArray.size()));
    put(*r, "fXaxis", io::RecordPtr(axisRecord(h.fXaxis, "xaxis")));
    put(*r, "fYaxis", io::RecordPtr(axisRecord(h.fYaxis, "yaxis")));
    put(*r, "fZaxis", io::RecordPtr(axisRecord(h.fZaxis, "zaxis")));
    put(*r, "fBarOffset", 0.0), put(*r, "fBarWidth", 1000.0);
    TH1::Sums st = h.sums();
    put(*r, "fEntries", h.fEntries);
    put(*r, "fTsumw", st.w), put(*r, "fTsumw2", st.w2), put(*r, "fTsumwx", st.wx), put(*r, "fTsumwx2", st.wx2);
    put(*r, "fMaximum", h.fMaximum), put(*r, "fMinimum", h.fMinimum), put(*r, "fNormFactor", 0.0);
    put(*r, "fSumw2", h.fSumw2);
    put(*r, "fOption", h.fOption);
    put(*r, "fBufferSize", 0.0);
    put(*r, "fBinStatErrOpt", 0.0), put(*r, "fStatOverflows", 2.0); // kNormal, kNeutral
    if (h.GetDimension() == 2) {
      put(*r, "fScalefactor", 1.0);
      put(*r, "fTsumwy", st.wy), put(*r, "fTsumwy2", st.wy2), put(*r, "fTsumwxy", st.wxy);
    }
    put(*r, "fArray", h.fArray);
    return r;
  }
  static io::RecordPtr graphRecord(const TGraph &g, const char *cls) {
    Rec r = record(cls);
    putAttributes(*r, g, g, g, g);
    put(*r, "fNpoints", double(g.fX.size()));
    put(*r, "fX", g.fX), put(*r, "fY", g.fY);
    put(*r, "fMinimum", g.GetMinimum()), put(*r, "fMaximum", g.GetMaximum());
    if (auto *e = dynamic_cast<const TGraphErrors *>(&g)) put(*r, "fEX", e->fEX), put(*r, "fEY", e->fEY);
    return r;
  }

  template <class H> static TObject *make(const io::Record &r) {
    auto *h = new H();
    histogram(r, *h);
    return h;
  }
};

// An object as the record its file holds, or null when cppnb cannot write its class.
inline io::RecordPtr recordFromObject(const TObject &obj) {
  if (auto *g = dynamic_cast<const TGraph *>(&obj)) return FileRecords::graphRecord(*g, obj.ClassName());
  std::string c = obj.ClassName();
  if (auto *p = dynamic_cast<const TProfile *>(&obj)) return FileRecords::profileRecord(*p);
  if (auto *h = dynamic_cast<const TH1 *>(&obj))
    if (c == "TH1F" || c == "TH1D" || c == "TH1I" || c == "TH1S" || c == "TH1C" || c == "TH2F" || c == "TH2D" || c == "TH2I")
      return FileRecords::histogramRecord(*h);
  return nullptr;
}

inline TObject *objectFromRecord(const io::Record &r) {
  const std::string &c = r.className;
  if (c == "TH1F") return FileRecords::make<TH1F>(r);
  if (c == "TH1D") return FileRecords::make<TH1D>(r);
  if (c == "TH1I") return FileRecords::make<TH1I>(r);
  if (c == "TH1S") return FileRecords::make<TH1S>(r);
  if (c == "TH1C") return FileRecords::make<TH1C>(r);
  if (c == "TH2F") return FileRecords::make<TH2F>(r);
  if (c == "TH2D") return FileRecords::make<TH2D>(r);
  if (c == "TH2I") return FileRecords::make<TH2I>(r);
  if (c == "TProfile") {
    auto *p = new TProfile();
    FileRecords::profile(r, *p);
    return p;
  }
  if (c == "TGraph") {
    auto *g = new TGraph();
    FileRecords::graph(r, *g);
    return g;
  }
  if (c == "TGraphErrors") {
    auto *g = new TGraphErrors();
    FileRecords::graphErrors(r, *g);
    return g;
  }
  return nullptr;
}

// The I/O library's writer (libcppnb-root): weak, so that a program that only
// draws need not link it.
extern "C" __attribute__((weak)) int cppnb_root_write_record(const io::Record *record, const char *name, const char *title);

inline int TObject::Write(const char *name, int, int) const {
  io::RecordPtr r = recordFromObject(*this);
  if (!r) {
    std::fprintf(stderr, "Error in <TObject::Write>: cppnb cannot write objects of class %s yet\n", ClassName());
    return 0;
  }
  if (!cppnb_root_write_record) {
    std::fprintf(stderr, "Error in <TObject::Write>: writing ROOT files needs libcppnb-root (-L root/build -lcppnb-root)\n");
    return 0;
  }
  return cppnb_root_write_record(r.get(), name && *name ? name : GetName(), GetTitle());
}

} // namespace cppnb::root
