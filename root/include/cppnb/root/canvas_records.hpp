// A canvas and what it draws as the records ROOT's streamers write (members by
// name, bases flattened in), for ROOT's JSON (io/json.hpp): what JSROOT draws
// interactively in the notebook and what SaveAs("x.json") writes. Histograms
// and graphs come from file_objects.hpp's records; the graphics classes get
// theirs here. A class missing here makes canvasRecord give null: the caller
// then shows the static picture only, never a canvas with an object left out.
#pragma once

#include "canvas.hpp"
#include "file_objects.hpp"
#include "functions2d.hpp"
#include "gaxis.hpp"
#include "legend.hpp"
#include "multigraph.hpp"
#include "stack.hpp"
#include "stats_box.hpp"

#include <array>
#include <cmath>

namespace cppnb::root {

struct CanvasRecords {
  using Rec = std::shared_ptr<io::Record>;
  // ROOT's bits JSROOT reads: TObject's kCanDelete|kMustCleanup as ROOT sets
  // them on drawn objects, TH1's kNoStats and kNoTitle, the NDC bit of texts,
  // lines and markers, TCanvas's kIsGrayscale.
  static constexpr double kObjectBits = 0x03000008, kNoStats = 0x200, kNoTitle = 0x20000, kNDC = 0x4000, kIsGrayscale = 0x400000;

  static Rec record(const char *cls) {
    auto r = std::make_shared<io::Record>();
    r->className = cls;
    return r;
  }
  static void put(io::Record &r, const char *name, io::Value v) { r.members.emplace_back(name, std::move(v)); }
  static void object(io::Record &r, double bits = kObjectBits) { put(r, "fUniqueID", 0.0), put(r, "fBits", bits); }
  static void named(io::Record &r, const std::string &name, const std::string &title) { put(r, "fName", name), put(r, "fTitle", title); }
  static void line(io::Record &r, const TAttLine &a) {
    put(r, "fLineColor", double(a.GetLineColor())), put(r, "fLineStyle", double(a.GetLineStyle())), put(r, "fLineWidth", double(a.GetLineWidth()));
  }
  static void fill(io::Record &r, const TAttFill &a) { put(r, "fFillColor", double(a.GetFillColor())), put(r, "fFillStyle", double(a.GetFillStyle())); }
  static void marker(io::Record &r, const TAttMarker &a) {
    put(r, "fMarkerColor", double(a.GetMarkerColor())), put(r, "fMarkerStyle", double(a.GetMarkerStyle()));
    put(r, "fMarkerSize", double(a.GetMarkerSize()));
  }
  static void text(io::Record &r, const TAttText &a) {
    put(r, "fTextAngle", a.GetTextAngle()), put(r, "fTextSize", a.GetTextSize()), put(r, "fTextAlign", double(a.GetTextAlign()));
    put(r, "fTextColor", double(a.GetTextColor())), put(r, "fTextFont", double(a.GetTextFont()));
  }
  static Rec list(const std::vector<io::RecordPtr> &items, const std::vector<std::string> &options = {}, const char *cls = "TList") {
    Rec r = record(cls);
    put(*r, "fName", std::string());
    put(*r, "", io::RecordList(items.begin(), items.end()));
    io::Texts opts = options;
    opts.resize(items.size());
    put(*r, "opt", opts);
    return r;
  }
  // A copy of a file record with TObject's members first (files write them
  // as a TObject header, JSON as members) and extra bits.
  static Rec withObject(const io::RecordPtr &from, double bits) {
    Rec r = record(from->className.c_str());
    object(*r, bits);
    for (const auto &m : from->members) r->members.push_back(m);
    return r;
  }

  // ---- histograms, graphs, functions ----

  static io::RecordPtr function(const TF1 &f) {
    Rec r = record(f.ClassName());
    object(*r);
    named(*r, f.GetName(), f.GetTitle());
    line(*r, f), fill(*r, f), marker(*r, f);
    int npar = f.GetNpar(), npx = std::max(1, f.GetNpx());
    auto *f2 = dynamic_cast<const TF2 *>(&f);
    put(*r, "fXmin", f.GetXmin()), put(*r, "fXmax", f.GetXmax());
    put(*r, "fNpar", double(npar)), put(*r, "fNdim", f2 ? 2.0 : 1.0), put(*r, "fNpx", double(npx)), put(*r, "fType", 0.0);
    put(*r, "fNpfits", 0.0), put(*r, "fNDF", double(f.GetNDF())), put(*r, "fChisquare", f.GetChisquare());
    put(*r, "fMinimum", -1111.0), put(*r, "fMaximum", -1111.0);
    std::vector<double> errors, params, save;
    std::vector<std::string> names;
    for (int i = 0; i < npar; ++i) errors.push_back(f.GetParError(i)), params.push_back(f.GetParameter(i)), names.push_back(f.GetParName(i));
    put(*r, "fParErrors", errors), put(*r, "fParMin", std::vector<double>(size_t(npar))), put(*r, "fParMax", std::vector<double>(size_t(npar)));
    // The curve as ROOT's TF1::Save keeps it: npx + 1 values, then xmin and
    // xmax (TF2: (npx + 1)(npy + 1) values row by row in y, then xmin, xmax,
    // ymin, ymax, npx, npy). JSROOT draws from them (the session's C++ is not in the browser).
    double a = f.GetXmin(), b = f.GetXmax();
    if (f2) {
      int npy = std::max(1, f2->GetNpy());
      double c = f2->GetYmin(), d = f2->GetYmax();
      for (int j = 0; j <= npy; ++j)
        for (int i = 0; i <= npx; ++i) save.push_back(f.Eval(a + (b - a) * i / npx, c + (d - c) * j / npy));
      for (double v : {a, b, c, d, double(npx), double(npy)}) save.push_back(v);
    } else {
      for (int i = 0; i <= npx; ++i) save.push_back(f.Eval(a + (b - a) * i / npx));
      save.push_back(a), save.push_back(b);
    }
    put(*r, "fSave", save);
    put(*r, "fIntegral", std::vector<double>()), put(*r, "fAlpha", std::vector<double>()), put(*r, "fBeta", std::vector<double>());
    put(*r, "fGamma", std::vector<double>());
    put(*r, "fParent", io::RecordPtr()), put(*r, "fHistogram", io::RecordPtr()), put(*r, "fMethodCall", io::RecordPtr());
    put(*r, "fNormalized", 0.0), put(*r, "fNormIntegral", 0.0), put(*r, "fFunctor", io::RecordPtr()), put(*r, "fFormula", io::RecordPtr());
    Rec p = record("TF1Parameters");
    put(*p, "fParameters", params), put(*p, "fParNames", io::Texts(names));
    put(*r, "fParams", io::RecordPtr(p));
    put(*r, "fComposition", io::RecordPtr());
    if (f2) {
      put(*r, "fYmin", f2->GetYmin()), put(*r, "fYmax", f2->GetYmax()), put(*r, "fNpy", double(f2->GetNpy()));
      put(*r, "fContour", std::vector<double>());
    }
    return r;
  }

  static void functions(io::Record &r, const std::list<TF1> &fs, const std::vector<io::RecordPtr> &more = {}) {
    std::vector<io::RecordPtr> items;
    for (const TF1 &f : fs) items.push_back(function(f));
    items.insert(items.end(), more.begin(), more.end());
    put(r, "fFunctions", io::RecordPtr(list(items)));
  }

  // The stats box a macro placed (SetX1NDC…); one the painter places itself
  // is left to JSROOT, which makes it where ROOT would from the style's
  // fOptStat, and refills it as the user zooms.
  static io::RecordPtr placedStats(const TPaveStats *s) {
    if (!s || !s->fPlaced) return nullptr;
    Rec r = record("TPaveStats");
    pave(*r, *s, s->PlacedCorners(), "brNDC"); // where the static picture has it
    text(*r, *s);
    put(*r, "fLabel", std::string()), put(*r, "fLongest", 0.0), put(*r, "fMargin", double(s->fMargin));
    put(*r, "fLines", io::RecordPtr(textLines(*s)));
    put(*r, "fOptFit", double(s->GetOptFit())), put(*r, "fOptStat", double(s->GetOptStat()));
    put(*r, "fFitFormat", std::string(s->GetFitFormat())), put(*r, "fStatFormat", std::string(s->GetStatFormat()));
    put(*r, "fParent", io::RecordPtr());
    return r;
  }

  static io::RecordPtr histogram(const TH1 &h, bool showsStats) {
    io::RecordPtr file = recordFromObject(h);
    if (!file) return nullptr;
    // Bin labels and ChangeLabel are not written for JSROOT yet: such a
    // histogram stays a static picture rather than show numbers instead.
    for (const TAxis *a : {&h.fXaxis, &h.fYaxis, &h.fZaxis})
      if (a->IsAlphanumeric() || !a->Look().labelChanges.empty()) return nullptr;
    // What a macro added to its list of functions (GetListOfFunctions()->Add),
    // drawn with it; the COLZ palette the painter made is JSROOT's to make.
    std::vector<io::RecordPtr> added;
    for (TObject *o : h.fFunctionList.value) {
      const auto &own = h.fListed.value;
      if (std::find(own.begin(), own.end(), o) != own.end() || o == h.fPalette.value.get()) continue;
      bool unused = true;
      io::RecordPtr one = o->AsPad() ? nullptr : drawnObject(*o, "", 0, 0, unused);
      if (!one) return nullptr;
      added.push_back(one);
    }
    double bits = kObjectBits + (showsStats ? 0 : kNoStats);
    Rec r = withObject(file, bits);
    const TAxis *axes[] = {&h.fXaxis, &h.fYaxis, &h.fZaxis};
    int n = 0;
    for (auto &[name, v] : r->members)
      if (name == "fXaxis" || name == "fYaxis" || name == "fZaxis") v = axis(std::get<io::RecordPtr>(v), *axes[n++]);
    // Members files carry in other places: the contour levels and the buffer.
    put(*r, "fContour", std::vector<double>()), put(*r, "fBuffer", std::vector<double>());
    if (showsStats)
      if (io::RecordPtr stats = placedStats(h.fStatsBox.value.get())) added.insert(added.begin(), stats);
    functions(*r, h.fFunctions, added);
    return r;
  }

  // TAttAxis's bits JSROOT reads: a range set by hand (zoom) and a centred title.
  static constexpr double kAxisRange = 0x800, kCenterTitle = 0x1000;
  static io::RecordPtr axis(const io::RecordPtr &file, const TAxis &a) {
    Rec r = withObject(file, (a.HasUserRange() ? kAxisRange : 0) + (a.GetCenterTitle() ? kCenterTitle : 0));
    put(*r, "fBits2", 0.0), put(*r, "fTimeDisplay", 0.0), put(*r, "fTimeFormat", std::string());
    put(*r, "fLabels", io::RecordPtr()), put(*r, "fModLabs", io::RecordPtr());
    return r;
  }

  // The histogram that holds a graph's or a group's axes, as ROOT keeps it
  // (fHistogram): the frame the static picture draws, its titles and looks.
  static io::RecordPtr frameHistogram(const FrameRequest &f, const char *name) {
    TH1F h(name, "", 100, f.x0, f.x1);
    h.SetDirectory(nullptr);
    h.SetMinimum(f.y0), h.SetMaximum(f.y1);
    h.GetXaxis()->SetTitle(f.xtitle.c_str()), h.GetYaxis()->SetTitle(f.ytitle.c_str());
    static_cast<TAttAxis &>(*h.GetXaxis()) = TAttAxis(f.xlook);
    static_cast<TAttAxis &>(*h.GetYaxis()) = TAttAxis(f.ylook);
    h.TNamed::SetTitle(f.title.c_str());
    return histogram(h, false);
  }

  static io::RecordPtr graph(const TGraph &g, const std::string &opt, int logx, int logy) {
    Rec r = record(g.ClassName());
    object(*r);
    named(*r, g.GetName(), g.GetTitle());
    line(*r, g), fill(*r, g), marker(*r, g);
    functions(*r, g.fFunctions);
    FrameRequest f;
    bool framed = g.FrameFor("a" + opt, logx, logy, f);
    put(*r, "fHistogram", framed ? frameHistogram(f, "Graph") : io::RecordPtr());
    put(*r, "fMaxSize", double(g.fX.size())), put(*r, "fNpoints", double(g.fX.size()));
    put(*r, "fX", g.fX), put(*r, "fY", g.fY);
    put(*r, "fMinimum", g.fMinimum), put(*r, "fMaximum", g.fMaximum);
    if (auto *e = dynamic_cast<const TGraphErrors *>(&g)) put(*r, "fEX", e->fEX), put(*r, "fEY", e->fEY);
    if (auto *e = dynamic_cast<const TGraphAsymmErrors *>(&g)) {
      put(*r, "fEXlow", e->fEXlow), put(*r, "fEXhigh", e->fEXhigh), put(*r, "fEYlow", e->fEYlow), put(*r, "fEYhigh", e->fEYhigh);
    }
    if (auto *c = dynamic_cast<const TCutG *>(&g)) put(*r, "fVarX", c->fVarX), put(*r, "fVarY", c->fVarY), put(*r, "fObjectX", io::RecordPtr()), put(*r, "fObjectY", io::RecordPtr());
    return r;
  }

  // ---- boxes, texts, lines ----

  static void pave(io::Record &r, const TPave &p) { pave(r, p, {p.fX1, p.fY1, p.fX2, p.fY2}, p.fOption); }
  // corners: x1, y1, x2, y2 (NDC when the option says so).
  static void pave(io::Record &r, const TPave &p, const std::array<double, 4> &corners, const std::string &option) {
    object(r);
    line(r, p), fill(r, p);
    bool ndc = lower(option).find("ndc") != std::string::npos;
    auto [x1, y1, x2, y2] = corners;
    put(r, "fX1", x1), put(r, "fY1", y1), put(r, "fX2", x2), put(r, "fY2", y2);
    put(r, "fX1NDC", ndc ? x1 : 0.0), put(r, "fY1NDC", ndc ? y1 : 0.0);
    put(r, "fX2NDC", ndc ? x2 : 0.0), put(r, "fY2NDC", ndc ? y2 : 0.0);
    put(r, "fBorderSize", double(p.fBorder)), put(r, "fInit", ndc ? 1.0 : 0.0), put(r, "fShadowColor", 1.0), put(r, "fCornerRadius", 0.0);
    put(r, "fOption", option), put(r, "fName", std::string(p.GetName()));
  }
  static io::RecordPtr textLine(const TText &t) {
    Rec r = record(t.ClassName());
    object(*r, kObjectBits + (t.GetNDC() ? kNDC : 0));
    named(*r, t.GetName(), t.GetTitle());
    text(*r, t);
    put(*r, "fX", t.GetX()), put(*r, "fY", t.GetY());
    if (auto *l = dynamic_cast<const TLatex *>(&t)) line(*r, *l), put(*r, "fLimitFactorSize", 3.0), put(*r, "fOriginSize", 0.04);
    return r;
  }
  static Rec textLines(const TPaveText &p) {
    std::vector<io::RecordPtr> items;
    for (TObject *o : const_cast<TPaveText &>(p).fList) {
      const auto *t = static_cast<const TText *>(o);
      if (std::strcmp(t->GetTitle(), TPaveText::kSeparator) == 0) {
        Rec l = record("TLine");
        object(*l), line(*l, p);
        put(*l, "fX1", 0.0), put(*l, "fY1", 0.0), put(*l, "fX2", 0.0), put(*l, "fY2", 0.0);
        items.push_back(l);
      } else {
        items.push_back(textLine(*t));
      }
    }
    return list(items);
  }
  static io::RecordPtr paveText(const TPaveText &p) {
    Rec r = record(p.ClassName());
    pave(*r, p);
    text(*r, p);
    put(*r, "fLabel", p.fLabel), put(*r, "fLongest", 0.0), put(*r, "fMargin", double(p.fMargin));
    put(*r, "fLines", io::RecordPtr(textLines(p)));
    return r;
  }
  static io::RecordPtr paveLabel(const TPaveLabel &p) {
    Rec r = record("TPaveLabel");
    pave(*r, p);
    text(*r, p);
    put(*r, "fLabel", std::string(p.GetLabel()));
    return r;
  }
  static io::RecordPtr legend(const TLegend &l) {
    Rec r = record("TLegend");
    object(*r);
    line(*r, l), fill(*r, l);
    put(*r, "fX1", l.fX1), put(*r, "fY1", l.fY1), put(*r, "fX2", l.fX2), put(*r, "fY2", l.fY2);
    put(*r, "fX1NDC", l.fX1), put(*r, "fY1NDC", l.fY1), put(*r, "fX2NDC", l.fX2), put(*r, "fY2NDC", l.fY2);
    put(*r, "fBorderSize", double(l.fBorder)), put(*r, "fInit", 1.0), put(*r, "fShadowColor", 1.0), put(*r, "fCornerRadius", 0.0);
    put(*r, "fOption", std::string("brNDC")), put(*r, "fName", std::string("TPave"));
    put(*r, "fTextAngle", 0.0), put(*r, "fTextSize", double(l.fTextSize)), put(*r, "fTextAlign", 12.0), put(*r, "fTextColor", 1.0);
    put(*r, "fTextFont", 42.0);
    put(*r, "fColumnSeparation", 0.0), put(*r, "fEntrySeparation", 0.1), put(*r, "fMargin", double(l.fMargin));
    put(*r, "fNColumns", double(l.fColumns));
    std::vector<io::RecordPtr> entries;
    auto entry = [&](const TObject *obj, const std::string &label, const std::string &option) {
      Rec e = record("TLegendEntry");
      object(*e);
      put(*e, "fTextAngle", 0.0), put(*e, "fTextSize", 0.0), put(*e, "fTextAlign", 0.0), put(*e, "fTextColor", 0.0), put(*e, "fTextFont", 0.0);
      // The entry's symbol takes the looks of its object, as ROOT's TLegendEntry copies them.
      TAttLine ln(1, 1, 1);
      TAttFill fl(0, 0);
      TAttMarker mk(1, 1, 1);
      if (auto *a = dynamic_cast<const TAttLine *>(obj)) ln = *a;
      if (auto *a = dynamic_cast<const TAttFill *>(obj)) fl = *a;
      if (auto *a = dynamic_cast<const TAttMarker *>(obj)) mk = *a;
      line(*e, ln), fill(*e, fl), marker(*e, mk);
      put(*e, "fLabel", label), put(*e, "fObject", io::RecordPtr()), put(*e, "fOption", option);
      entries.push_back(e);
    };
    if (!l.fHeader.empty()) entry(nullptr, l.fHeader, "h");
    for (const TLegendEntry &e : l.Entries()) entry(e.fObject, e.fLabel, e.fOption);
    put(*r, "fPrimitives", io::RecordPtr(list(entries)));
    return r;
  }
  static io::RecordPtr lineRecord(const TLine &l) {
    Rec r = record(l.ClassName());
    object(*r, kObjectBits + (l.fNDC ? kNDC : 0));
    line(*r, l);
    put(*r, "fX1", l.fX1), put(*r, "fY1", l.fY1), put(*r, "fX2", l.fX2), put(*r, "fY2", l.fY2);
    if (auto *a = dynamic_cast<const TArrow *>(&l)) {
      fill(*r, *a);
      put(*r, "fAngle", 60.0), put(*r, "fArrowSize", a->fArrowSize), put(*r, "fOption", a->fOption);
    }
    return r;
  }
  static io::RecordPtr markerRecord(const TMarker &m) {
    Rec r = record("TMarker");
    object(*r, kObjectBits + (m.fNDC ? kNDC : 0));
    marker(*r, m);
    put(*r, "fX", m.fX), put(*r, "fY", m.fY);
    return r;
  }
  static io::RecordPtr ellipse(const TEllipse &e) {
    Rec r = record(e.ClassName());
    object(*r);
    line(*r, e), fill(*r, e);
    put(*r, "fX1", e.fX1), put(*r, "fY1", e.fY1), put(*r, "fR1", e.fR1), put(*r, "fR2", e.fR2);
    put(*r, "fPhimin", e.fPhimin), put(*r, "fPhimax", e.fPhimax), put(*r, "fTheta", e.fTheta);
    return r;
  }

  static io::RecordPtr gaxis(const TGaxis &a) {
    Rec r = record("TGaxis");
    object(*r);
    line(*r, a);
    put(*r, "fX1", a.fX1), put(*r, "fY1", a.fY1), put(*r, "fX2", a.fX2), put(*r, "fY2", a.fY2);
    text(*r, a);
    put(*r, "fChopt", a.fOption), put(*r, "fFunctionName", std::string()), put(*r, "fGridLength", 0.0);
    put(*r, "fLabelColor", double(a.fLabelColor)), put(*r, "fLabelFont", 42.0), put(*r, "fLabelOffset", double(a.fLabelOffset));
    put(*r, "fLabelSize", double(a.fLabelSize)), put(*r, "fName", std::string()), put(*r, "fNdiv", double(a.fNdiv));
    put(*r, "fTickSize", double(a.fTickSize)), put(*r, "fTimeFormat", std::string()), put(*r, "fTitle", a.fTitle);
    put(*r, "fTitleOffset", double(a.fTitleOffset)), put(*r, "fTitleSize", double(a.fTitleSize));
    put(*r, "fWmax", a.fWmax), put(*r, "fWmin", a.fWmin);
    return r;
  }

  // ---- groups ----

  static io::RecordPtr multiGraph(const TMultiGraph &m, const std::string &opt, int logx, int logy) {
    Rec r = record("TMultiGraph");
    object(*r);
    named(*r, m.GetName(), m.GetTitle());
    std::vector<io::RecordPtr> graphs;
    std::vector<std::string> options;
    for (const auto &e : m.fGraphs) graphs.push_back(graph(*e.g, "", logx, logy)), options.push_back(e.option);
    put(*r, "fGraphs", io::RecordPtr(list(graphs, options)));
    functions(*r, m.fFunctions);
    FrameRequest f;
    put(*r, "fHistogram", m.FrameFor(opt, logx, logy, f) ? frameHistogram(f, "hframe") : io::RecordPtr());
    put(*r, "fMaximum", m.fMaximum), put(*r, "fMinimum", m.fMinimum);
    return r;
  }
  static io::RecordPtr stack(const THStack &s, const std::string &opt, int logx, int logy) {
    Rec r = record("THStack");
    object(*r);
    named(*r, s.GetName(), s.GetTitle());
    std::vector<io::RecordPtr> hists;
    std::vector<std::string> options;
    for (const auto &e : s.fHists) {
      io::RecordPtr h = histogram(*e.h, false);
      if (!h) return nullptr;
      hists.push_back(h), options.push_back(e.option);
    }
    put(*r, "fHists", io::RecordPtr(list(hists, options)));
    put(*r, "fStack", io::RecordPtr());
    FrameRequest f;
    put(*r, "fHistogram", s.FrameFor(opt, logx, logy, f) ? frameHistogram(f, s.GetName()) : io::RecordPtr());
    put(*r, "fMaximum", s.fMaximum), put(*r, "fMinimum", s.fMinimum);
    return r;
  }

  // ---- pads ----

  // One drawn object, or null when cppnb cannot describe its class to JSROOT.
  static io::RecordPtr drawn(const TObject &obj, const std::string &opt, const TVirtualPad &pad, const TVirtualPad &root, bool &statsClaimed) {
    if (auto *sub = obj.AsPad()) return padRecord(*sub, root);
    return drawnObject(obj, opt, pad.GetLogx(), pad.GetLogy(), statsClaimed);
  }
  static io::RecordPtr drawnObject(const TObject &obj, const std::string &opt, int logx, int logy, bool &statsClaimed) {
    if (auto *a = dynamic_cast<const TGaxis *>(&obj)) return gaxis(*a);
    if (auto *s = dynamic_cast<const TPaveStats *>(&obj)) return s->fPlaced ? placedStats(s) : paveText(*s);
    if (auto *p = dynamic_cast<const TPaveText *>(&obj)) return paveText(*p);
    if (auto *p = dynamic_cast<const TPaveLabel *>(&obj)) return paveLabel(*p);
    if (auto *l = dynamic_cast<const TLegend *>(&obj)) return legend(*l);
    if (auto *t = dynamic_cast<const TText *>(&obj)) return textLine(*t);
    if (auto *l = dynamic_cast<const TLine *>(&obj)) return lineRecord(*l);
    if (auto *m = dynamic_cast<const TMarker *>(&obj)) return markerRecord(*m);
    if (auto *e = dynamic_cast<const TEllipse *>(&obj)) return ellipse(*e);
    if (auto *g = dynamic_cast<const TMultiGraph *>(&obj)) return multiGraph(*g, opt, logx, logy);
    if (auto *s = dynamic_cast<const THStack *>(&obj)) return stack(*s, opt, logx, logy);
    if (auto *g = dynamic_cast<const TGraph *>(&obj)) {
      std::string c = g->ClassName();
      if (c != "TGraph" && c != "TGraphErrors" && c != "TGraphAsymmErrors" && c != "TCutG") return nullptr;
      return graph(*g, opt, logx, logy);
    }
    if (auto *h = dynamic_cast<const TH1 *>(&obj)) {
      // The pad's stats box belongs to the first histogram drawn without
      // "same" (and to every "sames" one), as the static picture has it.
      bool same = has(opt, "same"), sames = has(opt, "sames");
      bool shows = h->GetStats() && h->fStatsBox.value && (sames || (!same && !statsClaimed));
      if (!same) statsClaimed = true;
      return histogram(*h, shows);
    }
    if (auto *f = dynamic_cast<const TF1 *>(&obj)) {
      std::string c = f->ClassName();
      if (c != "TF1" && c != "TF2") return nullptr; // TF3, TF12: not yet
      return function(*f);
    }
    return nullptr;
  }

  // Where a pad's frame lies in the pad's own coordinates (log10 on log axes,
  // as ROOT's): its frame f when framed, else its Range.
  static void padCoordinates(const TVirtualPad &pad, bool framed, const FrameRequest &f, const std::array<double, 4> &where,
                             const TVirtualPad &root, io::Record &r) {
    double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
    if (framed) x0 = f.x0, x1 = f.x1, y0 = f.y0, y1 = f.y1;
    else if (pad.HasRange()) pad.GetRange(x0, y0, x1, y1);
    auto axis = [](double a, double b, bool log) {
      if (log && a > 0 && b > 0) a = std::log10(a), b = std::log10(b);
      return std::pair<double, double>{a, b};
    };
    auto [ux0, ux1] = axis(x0, x1, framed && pad.GetLogx());
    auto [uy0, uy1] = axis(y0, y1, framed && pad.GetLogy());
    double l = pad.GetLeftMargin(), rt = pad.GetRightMargin(), b = pad.GetBottomMargin(), t = pad.GetTopMargin();
    double wx = framed ? (ux1 - ux0) / std::max(1e-9, 1 - l - rt) : ux1 - ux0;
    double wy = framed ? (uy1 - uy0) / std::max(1e-9, 1 - b - t) : uy1 - uy0;
    double px1 = framed ? ux0 - wx * l : ux0, py1 = framed ? uy0 - wy * b : uy0;
    double px2 = framed ? ux1 + wx * rt : ux1, py2 = framed ? uy1 + wy * t : uy1;
    put(r, "fX1", px1), put(r, "fY1", py1), put(r, "fX2", px2), put(r, "fY2", py2);
    pixelConversions(pad, where, root, r, px1, py1, px2, py2);
    put(r, "fUxmin", ux0), put(r, "fUymin", uy0), put(r, "fUxmax", ux1), put(r, "fUymax", uy1);
  }

  // Where pad lies in root (the pad the JSON is of: its canvas, or a pad
  // shown on its own), 0-1 from the bottom left: x, y, width, height.
  static std::array<double, 4> inRoot(const TVirtualPad &pad, const TVirtualPad &root) {
    double ax = 0, ay = 0, aw = 1, ah = 1;
    for (const TVirtualPad *p = &pad; p && p != &root && p->GetMother(); p = p->GetMother()) {
      double w = p->fXup - p->fXlow, h = p->fYup - p->fYlow;
      ax = p->fXlow + ax * w, ay = p->fYlow + ay * h, aw *= w, ah *= h;
    }
    return {ax, ay, aw, ah};
  }

  // ROOT's pad-to-pixel factors (pixel = k + x * factor; Abs: from the
  // root's corner), as TPad streams them.
  // where: the pad in root (inRoot).
  static void pixelConversions(const TVirtualPad &pad, const std::array<double, 4> &where, const TVirtualPad &root, io::Record &r,
                               double x1, double y1, double x2, double y2) {
    double cw = root.PixelWidth(), ch = root.PixelHeight();
    double w = pad.PixelWidth(), h = pad.PixelHeight();
    double left = where[0] * cw, top = ch - where[1] * ch - h; // the pad's corner in the canvas, pixels from the top left
    double xf = w / (x2 - x1 != 0 ? x2 - x1 : 1), yf = -h / (y2 - y1 != 0 ? y2 - y1 : 1);
    put(r, "fXtoAbsPixelk", left - x1 * xf), put(r, "fXtoPixelk", -x1 * xf), put(r, "fXtoPixel", xf);
    put(r, "fYtoAbsPixelk", top - y2 * yf), put(r, "fYtoPixelk", -y2 * yf), put(r, "fYtoPixel", yf);
    put(r, "fUtoAbsPixelk", left), put(r, "fUtoPixelk", 0.0), put(r, "fUtoPixel", w);
    put(r, "fVtoAbsPixelk", top + h), put(r, "fVtoPixelk", h), put(r, "fVtoPixel", -h);
    put(r, "fAbsPixeltoXk", x1 - left / xf), put(r, "fPixeltoXk", x1), put(r, "fPixeltoX", 1 / xf);
    put(r, "fAbsPixeltoYk", y2 - top / yf), put(r, "fPixeltoYk", y2), put(r, "fPixeltoY", 1 / yf);
  }

  static io::RecordPtr frame(const TVirtualPad &pad, const FrameRequest &f) {
    Rec r = record("TFrame");
    object(*r);
    put(*r, "fLineColor", 1.0), put(*r, "fLineStyle", 1.0), put(*r, "fLineWidth", 1.0);
    put(*r, "fFillColor", double(pad.fFrameFill)), put(*r, "fFillStyle", 1001.0);
    put(*r, "fX1", f.x0), put(*r, "fY1", f.y0), put(*r, "fX2", f.x1), put(*r, "fY2", f.y1);
    put(*r, "fBorderSize", 1.0), put(*r, "fBorderMode", 0.0);
    return r;
  }

  // The style the static picture was drawn with, as JSROOT takes it from a
  // pad's primitives (ROOT's web canvas sends it the same way).
  static io::RecordPtr style() {
    Rec r = record("TStyle");
    object(*r);
    named(*r, "Modern", "cppnb");
    put(*r, "fOptStat", double(gStyle->GetOptStat() == 1 ? 1111 : gStyle->GetOptStat()));
    put(*r, "fOptFit", double(gStyle->GetOptFit())), put(*r, "fOptTitle", double(gStyle->GetOptTitle()));
    put(*r, "fStatFormat", std::string("6.4g")), put(*r, "fFitFormat", std::string("5.4g"));
    return r;
  }

  // The root pad (what is shown or saved) is written as a TCanvas of its own size.
  static io::RecordPtr padRecord(const TVirtualPad &pad, const TVirtualPad &root) {
    bool top = &pad == &root;
    Rec r = record(top ? "TCanvas" : "TPad");
    const TCanvas *canvas = pad.GetCanvas();
    object(*r, kObjectBits + (top && canvas && canvas->IsGrayscale() ? kIsGrayscale : 0));
    line(*r, TAttLine(1, 1, 1)), fill(*r, pad);
    put(*r, "fLeftMargin", double(pad.GetLeftMargin())), put(*r, "fRightMargin", double(pad.GetRightMargin()));
    put(*r, "fBottomMargin", double(pad.GetBottomMargin())), put(*r, "fTopMargin", double(pad.GetTopMargin()));
    put(*r, "fXfile", 2.0), put(*r, "fYfile", 2.0), put(*r, "fAfile", 1.0), put(*r, "fXstat", 0.99), put(*r, "fYstat", 0.99), put(*r, "fAstat", 2.0);
    put(*r, "fFrameFillColor", double(pad.fFrameFill)), put(*r, "fFrameFillStyle", 1001.0), put(*r, "fFrameLineColor", 1.0);
    put(*r, "fFrameLineWidth", 1.0), put(*r, "fFrameLineStyle", 1.0), put(*r, "fFrameBorderSize", 1.0), put(*r, "fFrameBorderMode", 0.0);
    // The frame the objects set up (one search of them), and where the pad
    // is in its mother (0-1 from the bottom left) and in the root.
    FrameRequest f;
    bool framed = pad.findFrame(f);
    std::array<double, 4> where = inRoot(pad, root);
    padCoordinates(pad, framed, f, where, root, *r);
    auto [ax, ay, aw, ah] = where;
    put(*r, "fXlowNDC", top ? 0.0 : pad.fXlow), put(*r, "fYlowNDC", top ? 0.0 : pad.fYlow);
    put(*r, "fXUpNDC", top ? 1.0 : pad.fXup), put(*r, "fYUpNDC", top ? 1.0 : pad.fYup);
    put(*r, "fWNDC", top ? 1.0 : pad.fXup - pad.fXlow), put(*r, "fHNDC", top ? 1.0 : pad.fYup - pad.fYlow);
    put(*r, "fAbsXlowNDC", ax), put(*r, "fAbsYlowNDC", ay), put(*r, "fAbsWNDC", aw), put(*r, "fAbsHNDC", ah);
    put(*r, "fTheta", pad.GetTheta()), put(*r, "fPhi", pad.GetPhi()), put(*r, "fAspectRatio", 0.0), put(*r, "fNumber", double(pad.GetNumber()));
    put(*r, "fLogx", double(pad.GetLogx())), put(*r, "fLogy", double(pad.GetLogy())), put(*r, "fLogz", double(pad.GetLogz()));
    put(*r, "fTickx", double(pad.fTickx)), put(*r, "fTicky", double(pad.fTicky));
    put(*r, "fPadPaint", 0.0), put(*r, "fCrosshair", 0.0), put(*r, "fCrosshairPos", 0.0), put(*r, "fBorderSize", 2.0), put(*r, "fBorderMode", 0.0);
    put(*r, "fModified", 0.0), put(*r, "fGridx", pad.GetGridx() ? 1.0 : 0.0), put(*r, "fGridy", pad.GetGridy() ? 1.0 : 0.0);
    put(*r, "fAbsCoord", 0.0), put(*r, "fEditable", 1.0), put(*r, "fFixedAspectRatio", 0.0);

    // What the pad draws: the style (top pad), its frame when it has one, its
    // sub-pads (Divide), then its objects in the order they were drawn.
    std::vector<io::RecordPtr> items;
    std::vector<std::string> options;
    if (top) items.push_back(style()), options.push_back("");
    if (framed) items.push_back(frame(pad, f)), options.push_back("");
    for (const auto &sub : pad.fSubpads) {
      io::RecordPtr s = padRecord(*sub, root);
      if (!s) return nullptr;
      items.push_back(s), options.push_back("");
    }
    bool statsClaimed = false;
    for (const auto &[obj, opt] : pad.fPrimitives) {
      io::RecordPtr o = drawn(*obj, opt, pad, root, statsClaimed);
      if (!o) return nullptr;
      items.push_back(o), options.push_back(opt);
    }
    put(*r, "fPrimitives", io::RecordPtr(list(items, options)));
    put(*r, "fExecs", io::RecordPtr());
    named(*r, pad.GetName(), pad.GetTitle());
    put(*r, "fNumPaletteColor", 0.0), put(*r, "fNextPaletteColor", 0.0);
    if (top) {
      double cw = std::max(1.0, std::round(pad.PixelWidth())), ch = std::max(1.0, std::round(pad.PixelHeight()));
      put(*r, "fDISPLAY", std::string("$DISPLAY")), put(*r, "fDoubleBuffer", 0.0), put(*r, "fRetained", 1.0);
      put(*r, "fXsizeUser", 0.0), put(*r, "fYsizeUser", 0.0), put(*r, "fXsizeReal", 20.0), put(*r, "fYsizeReal", 20.0 * ch / cw);
      put(*r, "fWindowTopX", 0.0), put(*r, "fWindowTopY", 0.0);
      put(*r, "fWindowWidth", cw), put(*r, "fWindowHeight", ch);
      put(*r, "fCw", cw), put(*r, "fCh", ch);
      Rec att = record("TAttCanvas");
      put(*att, "fXBetween", 2.0), put(*att, "fYBetween", 2.0), put(*att, "fTitleFromTop", 1.2), put(*att, "fXdate", 0.2);
      put(*att, "fYdate", 0.3), put(*att, "fAdate", 1.0);
      put(*r, "fCatt", io::RecordPtr(att));
      put(*r, "kMoveOpaque", 1.0), put(*r, "kResizeOpaque", 1.0), put(*r, "fHighLightColor", 2.0), put(*r, "fBatch", 1.0);
      put(*r, "kShowEventStatus", 0.0), put(*r, "kAutoExec", 1.0), put(*r, "kMenuBar", 1.0);
    }
    return r;
  }
};

// The pad as a record for ROOT's JSON, or null when it draws an object whose
// class cppnb cannot describe yet.
inline io::RecordPtr canvasRecord(const TVirtualPad &pad) { return CanvasRecords::padRecord(pad, pad); }

} // namespace cppnb::root
