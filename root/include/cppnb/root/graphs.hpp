// TGraph (points x, y) and TGraphErrors (with error bars).
#pragma once

#include "functions.hpp"
#include "math_functions.hpp"
#include "histograms.hpp"

#include <cfloat>
#include <list>

namespace cppnb::root {

struct FileRecords; // file_objects.hpp: graphs read from and written to ROOT files

class TGraph : public TNamed, public TAttLine, public TAttFill, public TAttMarker {
public:
  TGraph() : TNamed("Graph", "Graph") {}
  explicit TGraph(int n) : TNamed("Graph", "Graph"), fX(std::max(n, 0), 0.0), fY(std::max(n, 0), 0.0) {}
  template <class T> TGraph(int n, const T *x, const T *y) : TNamed("Graph", "Graph") {
    for (int i = 0; i < n; ++i) fX.push_back(double(x[i])), fY.push_back(double(y[i]));
  }
  // Points y[i] at x = 0, 1, 2, … (ROOT's TGraph(n, y) has no such form; this is for vectors).
  template <class T> TGraph(const std::vector<T> &x, const std::vector<T> &y) : TNamed("Graph", "Graph") {
    size_t n = std::min(x.size(), y.size());
    for (size_t i = 0; i < n; ++i) fX.push_back(double(x[i])), fY.push_back(double(y[i]));
  }
  // Points read from a text file, one per line, by a scanf format of %lg
  // fields (%*lg skips one), as ROOT's; lines that do not match are skipped.
  explicit TGraph(const char *filename, const char *format = "%lg %lg", Option_t * = "") : TNamed("Graph", filename ? filename : "") {
    readColumns(filename, format, [&](const double *v, int n) {
      if (n >= 2) fX.push_back(v[0]), fY.push_back(v[1]);
    });
  }
  // From a function, sampled at its Npx points.
  explicit TGraph(const TF1 *f, Option_t * = "") : TNamed("Graph", f ? f->GetTitle() : "") {
    if (!f) return;
    int n = f->GetNpx();
    for (int i = 0; i <= n; ++i) {
      double x = f->GetXmin() + (f->GetXmax() - f->GetXmin()) * i / n;
      fX.push_back(x), fY.push_back(f->Eval(x));
    }
  }
  const char *ClassName() const override { return "TGraph"; }
  TObject *Clone(const char *newname = "") const override { return renamed(new TGraph(*this), newname); }

  int GetN() const { return int(fX.size()); }
  double *GetX() { return fX.data(); }
  double *GetY() { return fY.data(); }
  const double *GetX() const { return fX.data(); }
  const double *GetY() const { return fY.data(); }
  virtual double *GetEX() { return nullptr; }
  virtual double *GetEY() { return nullptr; }
  double GetPointX(int i) const { return i >= 0 && i < GetN() ? fX[i] : -1; }
  double GetPointY(int i) const { return i >= 0 && i < GetN() ? fY[i] : -1; }
  int GetPoint(int i, double &x, double &y) const {
    if (i < 0 || i >= GetN()) return -1;
    x = fX[i], y = fY[i];
    return i;
  }
  virtual void SetPoint(int i, double x, double y) {
    if (i < 0) return;
    if (i >= GetN()) Set(i + 1);
    fX[i] = x, fY[i] = y;
  }
  virtual void AddPoint(double x, double y) { SetPoint(GetN(), x, y); }
  virtual void Set(int n) {
    fX.resize(std::max(n, 0), 0.0);
    fY.resize(std::max(n, 0), 0.0);
  }
  virtual void RemovePoint(int i) {
    if (i < 0 || i >= GetN()) return;
    fX.erase(fX.begin() + i);
    fY.erase(fY.begin() + i);
  }
  double GetMean(int axis = 1) const { return TMath::Mean(fX.size(), axis == 2 ? fY.data() : fX.data()); }
  double GetRMS(int axis = 1) const {
    const std::vector<double> &v = axis == 2 ? fY : fX;
    if (v.empty()) return 0;
    double m = GetMean(axis), s = 0;
    for (double a : v) s += (a - m) * (a - m);
    return std::sqrt(s / v.size());
  }
  double GetCorrelationFactor() const {
    double mx = GetMean(1), my = GetMean(2), sxy = 0, sx = 0, sy = 0;
    for (size_t i = 0; i < fX.size(); ++i)
      sxy += (fX[i] - mx) * (fY[i] - my), sx += (fX[i] - mx) * (fX[i] - mx), sy += (fY[i] - my) * (fY[i] - my);
    return sx > 0 && sy > 0 ? sxy / std::sqrt(sx * sy) : 0;
  }
  // Linear interpolation between the points (they are taken in x order).
  double Eval(double x) const {
    if (fX.empty()) return 0;
    std::vector<size_t> order(fX.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return fX[a] < fX[b]; });
    if (x <= fX[order.front()]) return fY[order.front()];
    if (x >= fX[order.back()]) return fY[order.back()];
    for (size_t k = 1; k < order.size(); ++k) {
      size_t a = order[k - 1], b = order[k];
      if (x <= fX[b]) return fX[b] == fX[a] ? fY[b] : fY[a] + (fY[b] - fY[a]) * (x - fX[a]) / (fX[b] - fX[a]);
    }
    return fY[order.back()];
  }

  void SetTitle(const char *title = "") override {
    std::string t, x, y;
    cppnb::root::splitTitle(title ? title : "", t, &x, &y);
    fTitle = t;
    if (!x.empty()) fXaxis.SetTitle(x.c_str());
    if (!y.empty()) fYaxis.SetTitle(y.c_str());
  }
  TAxis *GetXaxis() { return &fXaxis; }
  TAxis *GetYaxis() { return &fYaxis; }
  const TAxis *GetXaxis() const { return &fXaxis; }
  const TAxis *GetYaxis() const { return &fYaxis; }
  void SetMaximum(double m = -1111) { fMaximum = m; }
  void SetMinimum(double m = -1111) { fMinimum = m; }
  double GetMaximum() const { return fMaximum; }
  double GetMinimum() const { return fMinimum; }
  // ROOT lets a graph's frame be a histogram; here it is the graph's own axes.
  TGraph *GetHistogram() { return this; }

  TFitResultPtr Fit(const char *fname, Option_t *option = "", Option_t * = "", double xmin = 0, double xmax = 0);
  TFitResultPtr Fit(TF1 *f, Option_t *option = "", Option_t * = "", double xmin = 0, double xmax = 0);
  TF1 *GetFunction(const char *name) const { return findFunction(fFunctions, name); }
  const std::list<TF1> &Functions() const { return fFunctions; }
  template <class G> static G *renamed(G *g, const char *newname) {
    if (newname && *newname) g->SetName(newname);
    return g;
  }

  void Print(Option_t * = "") const override {
    for (int i = 0; i < GetN(); ++i) std::printf("x[%d]=%g, y[%d]=%g\n", i, fX[i], i, fY[i]);
  }

  inline bool FrameFor(const std::string &opt, bool logx, bool logy, cppnb::root::FrameRequest &f) const override;
  inline void Paint(cppnb::root::Painter &painter, const std::string &opt) const override;
  // A fitted graph's box of fit results when gStyle's OptFit asks for it (ROOT's TGraphPainter).
  inline bool PaintStats(cppnb::root::Painter &painter, const std::string &opt) const override;
  bool ClearsPad(const std::string &option) const override { return cppnb::root::optionLetters(option).find('a') != std::string::npos; }
  // Error bars, for TGraphErrors: {low, high} in x and y.
  virtual double ErrorXlow(int) const { return 0; }
  virtual double ErrorXhigh(int) const { return 0; }
  virtual double ErrorYlow(int) const { return 0; }
  virtual double ErrorYhigh(int) const { return 0; }
  virtual bool HasErrors() const { return false; }
  // y ← f(x, y) at every point (a TF1 of x, or a TF2 of x and y); the error
  // classes carry their y errors through f too.
  virtual void Apply(TF1 *f) {
    if (!f) return;
    for (int i = 0; i < GetN(); ++i) fY[size_t(i)] = f->Eval(fX[size_t(i)], fY[size_t(i)]);
    cppnb::root::touched(this);
  }
  // ROOT's TGraph getters of errors: -1 for a graph without them (the
  // error classes have their own, with the same meaning).
  double GetErrorXlow(int i) const { return validError(i) ? ErrorXlow(i) : -1; }
  double GetErrorXhigh(int i) const { return validError(i) ? ErrorXhigh(i) : -1; }
  double GetErrorYlow(int i) const { return validError(i) ? ErrorYlow(i) : -1; }
  double GetErrorYhigh(int i) const { return validError(i) ? ErrorYhigh(i) : -1; }
  bool validError(int i) const { return HasErrors() && i >= 0 && i < GetN(); }

  // Points, axes and looks; not the fitted functions.
  template <class Buffer> void Streamer(Buffer &b) {
    TNamed::Streamer(b), TAttLine::Streamer(b), TAttFill::Streamer(b), TAttMarker::Streamer(b);
    fXaxis.Streamer(b), fYaxis.Streamer(b);
    b(fX, fY, fMaximum, fMinimum);
  }
  // How outputs of batch tasks merge: the points of one after the other's, as TGraph::Merge does.
  friend bool cppnb_merge(TGraph &into, const TGraph &from) {
    into.appendPoints(from);
    return true;
  }

  friend struct FileRecords;
  friend struct CanvasRecords;

protected:
  virtual void appendPoints(const TGraph &from) {
    fX.insert(fX.end(), from.fX.begin(), from.fX.end());
    fY.insert(fY.end(), from.fY.begin(), from.fY.end());
  }
  template <class Row> static void readColumns(const char *filename, const char *format, Row row) {
    std::FILE *in = filename ? std::fopen(filename, "r") : nullptr;
    if (!in) {
      std::fprintf(stderr, "Error in <TGraph::TGraph>: Cannot open file: %s, TGraph is Zombie\n", filename ? filename : "");
      return;
    }
    char line[4096];
    double v[4] = {0, 0, 0, 0};
    while (std::fgets(line, sizeof line, in)) {
      int n = std::sscanf(line, format ? format : "%lg %lg", &v[0], &v[1], &v[2], &v[3]);
      if (n > 0) row(v, n);
    }
    std::fclose(in);
  }
  std::vector<double> fX, fY;
  TAxis fXaxis{'x'}, fYaxis{'y'};
  double fMaximum = -1111, fMinimum = -1111;
  std::list<TF1> fFunctions;
};

class TGraphErrors : public TGraph {
public:
  TGraphErrors() = default;
  explicit TGraphErrors(int n) : TGraph(n), fEX(std::max(n, 0), 0.0), fEY(std::max(n, 0), 0.0) {}
  // ex, ey take T from x and y, so that nullptr works for either (ROOT's "no errors in x").
  template <class T>
  TGraphErrors(int n, const T *x, const T *y, const typename std::enable_if<true, T>::type *ex = nullptr,
               const typename std::enable_if<true, T>::type *ey = nullptr)
      : TGraph(n, x, y) {
    for (int i = 0; i < n; ++i) fEX.push_back(ex ? double(ex[i]) : 0.0), fEY.push_back(ey ? double(ey[i]) : 0.0);
  }
  // From a text file: "%lg %lg %lg" is x y ey, "%lg %lg %lg %lg" x y ex ey.
  explicit TGraphErrors(const char *filename, const char *format = "%lg %lg %lg %lg", Option_t * = "") {
    SetTitle(filename ? filename : "");
    readColumns(filename, format, [&](const double *v, int n) {
      if (n < 2) return;
      fX.push_back(v[0]), fY.push_back(v[1]);
      fEX.push_back(n >= 4 ? v[2] : 0.0), fEY.push_back(n >= 4 ? v[3] : n == 3 ? v[2] : 0.0);
    });
  }
  template <class T>
  TGraphErrors(const std::vector<T> &x, const std::vector<T> &y, const std::vector<T> &ex, const std::vector<T> &ey)
      : TGraph(x, y) {
    for (int i = 0; i < GetN(); ++i)
      fEX.push_back(i < int(ex.size()) ? double(ex[i]) : 0.0), fEY.push_back(i < int(ey.size()) ? double(ey[i]) : 0.0);
  }
  const char *ClassName() const override { return "TGraphErrors"; }
  TObject *Clone(const char *newname = "") const override { return renamed(new TGraphErrors(*this), newname); }

  double *GetEX() override { return fEX.data(); }
  double *GetEY() override { return fEY.data(); }
  double GetErrorX(int i) const { return i >= 0 && i < int(fEX.size()) ? fEX[i] : -1; }
  double GetErrorY(int i) const { return i >= 0 && i < int(fEY.size()) ? fEY[i] : -1; }
  void Apply(TF1 *f) override {
    if (!f) return;
    for (int i = 0; i < GetN(); ++i) {
      double x = GetX()[i], y = GetY()[i], fy = f->Eval(x, y);
      fEY[size_t(i)] = std::fabs(f->Eval(x, y + fEY[size_t(i)]) - fy);
      GetY()[i] = fy;
    }
    cppnb::root::touched(this);
  }
  void SetPointError(int i, double ex, double ey) {
    if (i < 0) return;
    if (i >= GetN()) Set(i + 1);
    fEX[i] = ex, fEY[i] = ey;
  }
  void SetPoint(int i, double x, double y) override {
    TGraph::SetPoint(i, x, y);
    fEX.resize(GetN(), 0.0), fEY.resize(GetN(), 0.0);
  }
  void Set(int n) override {
    TGraph::Set(n);
    fEX.resize(GetN(), 0.0), fEY.resize(GetN(), 0.0);
  }
  void RemovePoint(int i) override {
    if (i < 0 || i >= GetN()) return;
    TGraph::RemovePoint(i);
    fEX.erase(fEX.begin() + i), fEY.erase(fEY.begin() + i);
  }
  double ErrorXlow(int i) const override { return fEX[i]; }
  double ErrorXhigh(int i) const override { return fEX[i]; }
  double ErrorYlow(int i) const override { return fEY[i]; }
  double ErrorYhigh(int i) const override { return fEY[i]; }
  bool HasErrors() const override { return true; }

  template <class Buffer> void Streamer(Buffer &b) {
    TGraph::Streamer(b);
    b(fEX, fEY);
  }

  friend struct FileRecords;
  friend struct CanvasRecords;

protected:
  // A plain TGraph's points come with zero errors.
  void appendPoints(const TGraph &from) override {
    auto *e = dynamic_cast<const TGraphErrors *>(&from);
    for (int i = 0; i < from.GetN(); ++i) fEX.push_back(e ? e->fEX[i] : 0.0), fEY.push_back(e ? e->fEY[i] : 0.0);
    TGraph::appendPoints(from);
  }

private:
  std::vector<double> fEX, fEY;
};

// TGraphAsymmErrors: a graph with errors that differ below and above each
// point (efficiencies, limits), as ROOT's.
class TGraphAsymmErrors : public TGraph {
public:
  friend struct CanvasRecords;
  TGraphAsymmErrors() = default;
  explicit TGraphAsymmErrors(int n) : TGraph(n) { resizeErrors(); }
  // Errors take T from x and y, so that nullptr works for any of them (no error).
  template <class T>
  TGraphAsymmErrors(int n, const T *x, const T *y, const typename std::enable_if<true, T>::type *exl = nullptr,
                    const typename std::enable_if<true, T>::type *exh = nullptr, const typename std::enable_if<true, T>::type *eyl = nullptr,
                    const typename std::enable_if<true, T>::type *eyh = nullptr)
      : TGraph(n, x, y) {
    for (int i = 0; i < n; ++i) {
      fEXlow.push_back(exl ? double(exl[i]) : 0.0), fEXhigh.push_back(exh ? double(exh[i]) : 0.0);
      fEYlow.push_back(eyl ? double(eyl[i]) : 0.0), fEYhigh.push_back(eyh ? double(eyh[i]) : 0.0);
    }
  }
  template <class T>
  TGraphAsymmErrors(const std::vector<T> &x, const std::vector<T> &y, const std::vector<T> &exl, const std::vector<T> &exh,
                    const std::vector<T> &eyl, const std::vector<T> &eyh)
      : TGraph(x, y) {
    auto at = [](const std::vector<T> &v, int i) { return i < int(v.size()) ? double(v[size_t(i)]) : 0.0; };
    for (int i = 0; i < GetN(); ++i)
      fEXlow.push_back(at(exl, i)), fEXhigh.push_back(at(exh, i)), fEYlow.push_back(at(eyl, i)), fEYhigh.push_back(at(eyh, i));
  }
  const char *ClassName() const override { return "TGraphAsymmErrors"; }
  TObject *Clone(const char *newname = "") const override { return renamed(new TGraphAsymmErrors(*this), newname); }

  double *GetEXlow() { return fEXlow.data(); }
  double *GetEXhigh() { return fEXhigh.data(); }
  double *GetEYlow() { return fEYlow.data(); }
  double *GetEYhigh() { return fEYhigh.data(); }
  double GetErrorXlow(int i) const { return i >= 0 && i < GetN() ? fEXlow[size_t(i)] : -1; }
  double GetErrorXhigh(int i) const { return i >= 0 && i < GetN() ? fEXhigh[size_t(i)] : -1; }
  double GetErrorYlow(int i) const { return i >= 0 && i < GetN() ? fEYlow[size_t(i)] : -1; }
  double GetErrorYhigh(int i) const { return i >= 0 && i < GetN() ? fEYhigh[size_t(i)] : -1; }
  // ROOT's: the mean of the two sides, in quadrature.
  double GetErrorX(int i) const { return i >= 0 && i < GetN() ? std::sqrt(0.5 * (sq(fEXlow[size_t(i)]) + sq(fEXhigh[size_t(i)]))) : -1; }
  double GetErrorY(int i) const { return i >= 0 && i < GetN() ? std::sqrt(0.5 * (sq(fEYlow[size_t(i)]) + sq(fEYhigh[size_t(i)]))) : -1; }
  void Apply(TF1 *f) override {
    if (!f) return;
    for (int i = 0; i < GetN(); ++i) {
      double x = GetX()[i], y = GetY()[i], fy = f->Eval(x, y);
      double low = fy - f->Eval(x, y - fEYlow[size_t(i)]), high = f->Eval(x, y + fEYhigh[size_t(i)]) - fy;
      if (low < 0 && high < 0) std::swap(low, high); // a falling f turns the bars over
      fEYlow[size_t(i)] = std::fabs(low), fEYhigh[size_t(i)] = std::fabs(high);
      GetY()[i] = fy;
    }
    cppnb::root::touched(this);
  }
  void SetPointError(int i, double exl, double exh, double eyl, double eyh) {
    if (i < 0) return;
    if (i >= GetN()) Set(i + 1);
    fEXlow[size_t(i)] = exl, fEXhigh[size_t(i)] = exh, fEYlow[size_t(i)] = eyl, fEYhigh[size_t(i)] = eyh;
  }
  void SetPointEXlow(int i, double e) { setOne(fEXlow, i, e); }
  void SetPointEXhigh(int i, double e) { setOne(fEXhigh, i, e); }
  void SetPointEYlow(int i, double e) { setOne(fEYlow, i, e); }
  void SetPointEYhigh(int i, double e) { setOne(fEYhigh, i, e); }
  void SetPoint(int i, double x, double y) override {
    TGraph::SetPoint(i, x, y);
    resizeErrors();
  }
  void Set(int n) override {
    TGraph::Set(n);
    resizeErrors();
  }
  void RemovePoint(int i) override {
    if (i < 0 || i >= GetN()) return;
    TGraph::RemovePoint(i);
    for (auto *v : {&fEXlow, &fEXhigh, &fEYlow, &fEYhigh}) v->erase(v->begin() + i);
  }
  double ErrorXlow(int i) const override { return fEXlow[size_t(i)]; }
  double ErrorXhigh(int i) const override { return fEXhigh[size_t(i)]; }
  double ErrorYlow(int i) const override { return fEYlow[size_t(i)]; }
  double ErrorYhigh(int i) const override { return fEYhigh[size_t(i)]; }
  bool HasErrors() const override { return true; }

  // pass / total bin by bin, with ROOT's default Clopper-Pearson 68.3% intervals
  // ("cp"); "n" for the normal approximation. Empty total bins are left out.
  void Divide(const TH1 *pass, const TH1 *total, Option_t *option = "cp") {
    if (!pass || !total || pass->GetNbinsX() != total->GetNbinsX()) {
      std::fprintf(stderr, "Error in <TGraphAsymmErrors::Divide>: histograms are not consistent\n");
      return;
    }
    std::string o = lower(option ? option : "");
    Set(0);
    if (o.find("pois") != std::string::npos) return divideMeans(pass, total);
    for (int b = 1; b <= total->GetNbinsX(); ++b) {
      double n = total->GetBinContent(b), k = pass->GetBinContent(b);
      if (n <= 0) continue;
      double eff = k / n, lo, hi;
      if (o.find('n') != std::string::npos) {
        double e = std::sqrt(eff * (1 - eff) / n);
        lo = std::max(0.0, eff - e), hi = std::min(1.0, eff + e);
      } else {
        lo = clopperPearson(n, k, 0.682689492137, false), hi = clopperPearson(n, k, 0.682689492137, true);
      }
      int i = GetN();
      SetPoint(i, total->GetBinCenter(b), eff);
      double half = total->GetBinWidth(b) / 2;
      SetPointError(i, half, half, eff - lo, hi - eff);
    }
  }
  void BayesDivide(const TH1 *pass, const TH1 *total, Option_t * = "") { Divide(pass, total, "cp"); }

private:
  // Divide's "pois": the ratio of two Poisson means, n1 / n2. For counts, the
  // interval of n1 / (n1 + n2) (Clopper-Pearson, 68.3%) turned into one of the
  // ratio, as ROOT's; for weighted or scaled contents, both bins' errors
  // propagated (symmetric).
  void divideMeans(const TH1 *h1, const TH1 *h2) {
    for (int b = 1; b <= h2->GetNbinsX(); ++b) {
      double n1 = h1->GetBinContent(b), n2 = h2->GetBinContent(b);
      if (n2 <= 0 || n1 < 0) continue;
      double r = n1 / n2, lo, hi;
      bool counts = n1 == std::floor(n1) && n2 == std::floor(n2) && std::fabs(h1->GetBinError(b) - std::sqrt(n1)) < 1e-9 &&
                    std::fabs(h2->GetBinError(b) - std::sqrt(n2)) < 1e-9;
      if (counts) {
        double n = n1 + n2;
        double pLo = clopperPearson(n, n1, 0.682689492137, false), pHi = clopperPearson(n, n1, 0.682689492137, true);
        lo = pLo / (1 - pLo), hi = pHi < 1 ? pHi / (1 - pHi) : TMath::Infinity();
      } else {
        double e1 = h1->GetBinError(b) / n2, e2 = n1 * h2->GetBinError(b) / (n2 * n2), e = std::sqrt(e1 * e1 + e2 * e2);
        lo = r - e, hi = r + e;
      }
      int i = GetN();
      SetPoint(i, h2->GetBinCenter(b), r);
      double half = h2->GetBinWidth(b) / 2;
      SetPointError(i, half, half, r - lo, hi - r);
    }
  }

public:

  template <class Buffer> void Streamer(Buffer &b) {
    TGraph::Streamer(b);
    b(fEXlow, fEXhigh, fEYlow, fEYhigh);
  }

protected:
  void appendPoints(const TGraph &from) override {
    for (int i = 0; i < from.GetN(); ++i)
      fEXlow.push_back(from.ErrorXlow(i)), fEXhigh.push_back(from.ErrorXhigh(i)), fEYlow.push_back(from.ErrorYlow(i)),
          fEYhigh.push_back(from.ErrorYhigh(i));
    TGraph::appendPoints(from);
  }

private:
  static double sq(double v) { return v * v; }
  void resizeErrors() {
    for (auto *v : {&fEXlow, &fEXhigh, &fEYlow, &fEYhigh}) v->resize(size_t(GetN()), 0.0);
  }
  void setOne(std::vector<double> &v, int i, double e) {
    if (i < 0) return;
    if (i >= GetN()) Set(i + 1);
    v[size_t(i)] = e;
  }
  // TEfficiency::ClopperPearson: the exact binomial bound at this confidence.
  static double clopperPearson(double total, double passed, double level, bool upper) {
    double alpha = (1 - level) / 2;
    if (upper) return passed >= total ? 1.0 : betaQuantile(1 - alpha, passed + 1, total - passed);
    return passed <= 0 ? 0.0 : betaQuantile(alpha, passed, total - passed + 1);
  }
  static double betaQuantile(double p, double a, double b) { return Math::beta_quantile(p, a, b); }
  std::vector<double> fEXlow, fEXhigh, fEYlow, fEYhigh;
};

// TCutG: a closed polygon in (x, y) that selects points and 2D bins, as
// ROOT's graphical cut; found by its name in a draw option ("col [cut]").
class TCutG : public TGraph {
public:
  friend struct CanvasRecords;
  TCutG() = default;
  explicit TCutG(const char *name, int n = 0) : TGraph(n) { named(name); }
  template <class T> TCutG(const char *name, int n, const T *x, const T *y) : TGraph(n, x, y) { named(name); }
  TCutG(const TCutG &other) : TGraph(other), fVarX(other.fVarX), fVarY(other.fVarY) {}
  ~TCutG() override { forget(); }
  const char *ClassName() const override { return "TCutG"; }
  TObject *Clone(const char *newname = "") const override { return renamed(new TCutG(*this), newname); }
  void SetName(const char *name) override {
    forget();
    named(name);
  }

  // Whether (x, y) is inside the polygon (its last point joined to the first): 1 or 0.
  int IsInside(double x, double y) const {
    int n = GetN();
    bool inside = false;
    for (int i = 0, j = n - 1; i < n; j = i++) {
      double xi = fX[size_t(i)], yi = fY[size_t(i)], xj = fX[size_t(j)], yj = fY[size_t(j)];
      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
    }
    return inside ? 1 : 0;
  }
  // The polygon's area (positive).
  double Area() const {
    double a = 0;
    int n = GetN();
    for (int i = 0, j = n - 1; i < n; j = i++) a += (fX[size_t(j)] + fX[size_t(i)]) * (fY[size_t(j)] - fY[size_t(i)]);
    return std::fabs(a) / 2;
  }
  // The sum of the bins of h whose centres are inside.
  double IntegralHist(const TH1 *h, Option_t * = "") const {
    double sum = 0;
    for (int by = 1; by <= h->GetNbinsY(); ++by)
      for (int bx = 1; bx <= h->GetNbinsX(); ++bx)
        if (IsInside(h->GetXaxis()->GetBinCenter(bx), h->GetYaxis()->GetBinCenter(by))) sum += h->GetBinContent(h->GetBin(bx, by));
    return sum;
  }
  void SetVarX(const char *v) { fVarX = v ? v : ""; }
  void SetVarY(const char *v) { fVarY = v ? v : ""; }
  const char *GetVarX() const { return fVarX.c_str(); }
  const char *GetVarY() const { return fVarY.c_str(); }

  // The cut of that name alive in the session, or null.
  static const TCutG *find(const std::string &name) {
    for (auto it = cuts().rbegin(); it != cuts().rend(); ++it)
      if (name == (*it)->GetName()) return *it;
    return nullptr;
  }

private:
  static std::vector<const TCutG *> &cuts() {
    static std::vector<const TCutG *> all;
    return all;
  }
  void named(const char *name) {
    TGraph::SetName(name);
    cuts().push_back(this);
  }
  void forget() { cuts().erase(std::remove(cuts().begin(), cuts().end(), this), cuts().end()); }
  std::string fVarX, fVarY;
};

inline TFitResultPtr TGraph::Fit(const char *fname, Option_t *option, Option_t *goption, double xmin, double xmax) {
  if (TF1 *f = userFunction(fname)) return Fit(f, option, goption, xmin, xmax);
  double lo = fX.empty() ? 0 : *std::min_element(fX.begin(), fX.end());
  double hi = fX.empty() ? 1 : *std::max_element(fX.begin(), fX.end());
  TF1 f(fname, fname, lo, hi);
  return Fit(&f, option, goption, xmin, xmax);
}

inline TFitResultPtr TGraph::Fit(TF1 *f, Option_t *option, Option_t *, double xmin, double xmax) {
  if (!f) throw std::invalid_argument("TGraph::Fit: no function to fit");
  cppnb::root::FitRequest how;
  how.options = cppnb::root::FitOptions::parse(option, true);
  const cppnb::root::FitOptions &o = how.options;
  double lo = -DBL_MAX, hi = DBL_MAX;
  if (xmin < xmax) lo = xmin, hi = xmax;
  else if (o.range) lo = f->GetXmin(), hi = f->GetXmax();
  // As ROOT: the y errors weigh the points, the x errors through the
  // function's slope (effective variance; "EX0" leaves them out), asymmetric
  // errors by the side the function passes; a graph without errors (or "W")
  // weighs all points alike and scales the parameters' errors by √(χ²/ndf).
  bool useErrors = HasErrors() && !o.unitWeights;
  how.method = useErrors && !o.noXErrors ? cppnb::root::FitMethod::EffectiveVariance : cppnb::root::FitMethod::LeastSquares;
  how.normalizeErrors = !useErrors;
  std::vector<cppnb::root::FitPoint> pts;
  for (int i = 0; i < GetN(); ++i) {
    if (fX[i] < lo || fX[i] > hi) continue;
    cppnb::root::FitPoint pt{fX[i], fY[i], 1};
    if (useErrors) {
      pt.eyl = ErrorYlow(i), pt.eyh = ErrorYhigh(i);
      pt.sigma = (pt.eyl + pt.eyh) / 2;
      if (!o.noXErrors) pt.exl = ErrorXlow(i), pt.exh = ErrorXhigh(i);
      // ROOT leaves out points whose errors are all zero.
      if (pt.sigma <= 0 && pt.exl <= 0 && pt.exh <= 0) continue;
      if (pt.sigma <= 0) pt.sigma = 1, pt.eyl = pt.eyh = 0;
    }
    pts.push_back(pt);
  }
  TFitResultPtr r = cppnb::root::fitPoints(*f, pts, how);
  TF1 fitted(*f);
  if (!pts.empty()) {
    double a = pts.front().x, b = pts.front().x;
    for (auto &p : pts) a = std::min(a, p.x), b = std::max(b, p.x);
    fitted.SetRange(a, b);
  }
  fFunctions.clear();
  fFunctions.push_back(fitted);
  cppnb::root::touched(this);
  return r;
}

} // namespace cppnb::root
