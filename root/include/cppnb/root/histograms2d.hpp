// Two-dimensional histograms: TH2 (TH2D, TH2F, TH2I), on TH1's bins, statistics
// and arithmetic, with their projections.
#pragma once

#include "histograms.hpp"

namespace cppnb::root {

class TProfile;

class TH2 : public TH1 {
public:
  TH2() = default;
  TH2(const char *name, const char *title, int nx, double xlow, double xup, int ny, double ylow, double yup) {
    SetName(name);
    TAttLine::operator=(TAttLine(gStyle->GetHistLineColor(), 1, gStyle->GetHistLineWidth()));
    fXaxis.Set(nx, xlow, xup);
    fYaxis.Set(ny, ylow, yup);
    init(title);
  }
  TH2(const char *name, const char *title, int nx, const double *xedges, int ny, const double *yedges) {
    SetName(name);
    TAttLine::operator=(TAttLine(gStyle->GetHistLineColor(), 1, gStyle->GetHistLineWidth()));
    fXaxis.Set(nx, xedges);
    fYaxis.Set(ny, yedges);
    init(title);
  }
  const char *ClassName() const override { return "TH2"; }
  int GetDimension() const override { return 2; }
  TH1 *Clone(const char *newname = "") const override { return cloneRenamed(*this, newname); }

  // Two numbers are x and y here, as in ROOT (TH1's Fill(x, w) does not apply).
  int Fill(double x, double y) override { return Fill(x, y, 1.0); }
  int Fill(double x) override {
    std::fprintf(stderr, "Error in <%s::Fill>: Invalid signature - do nothing (a 2D histogram needs x and y)\n", ClassName());
    (void)x;
    return -1;
  }
  virtual int Fill(double x, double y, double w) {
    int bx = fXaxis.FindBin(x), by = fYaxis.FindBin(y);
    int bin = GetBin(bx, by);
    addToBin(bin, w);
    if (bx >= 1 && bx <= GetNbinsX() && by >= 1 && by <= GetNbinsY()) addStats(w, x, y);
    return bin;
  }
  // Labelled bins on either axis (TH1::Fill(name, w) for x alone).
  int Fill(const char *namex, const char *namey, double w = 1) {
    int bx = labelledBin(fXaxis, namex), by = labelledBin(fYaxis, namey);
    return bx < 0 || by < 0 ? -1 : Fill(fXaxis.GetBinCenter(bx), fYaxis.GetBinCenter(by), w);
  }
  int Fill(const char *namex, double y, double w) {
    int bx = labelledBin(fXaxis, namex);
    return bx < 0 ? -1 : Fill(fXaxis.GetBinCenter(bx), y, w);
  }
  int Fill(double x, const char *namey, double w) {
    int by = labelledBin(fYaxis, namey);
    return by < 0 ? -1 : Fill(x, fYaxis.GetBinCenter(by), w);
  }
  double GetCorrelationFactor() const {
    Sums s = sums();
    if (s.w == 0) return 0;
    double mx = s.wx / s.w, my = s.wy / s.w;
    double sx = std::sqrt(std::fmax(0.0, s.wx2 / s.w - mx * mx)), sy = std::sqrt(std::fmax(0.0, s.wy2 / s.w - my * my));
    return sx > 0 && sy > 0 ? (s.wxy / s.w - mx * my) / (sx * sy) : 0;
  }
  double GetCovariance() const {
    Sums s = sums();
    return s.w == 0 ? 0 : s.wxy / s.w - (s.wx / s.w) * (s.wy / s.w);
  }
  // From a TF2 (functions2d.hpp), by its name or itself.
  inline void FillRandom(const char *fname, int n = 5000, TRandom *rng = nullptr);
  inline void FillRandom(const TF1 *f, int n = 5000, TRandom *rng = nullptr);
  inline TFitResultPtr Fit(const char *fname, Option_t *option = "", Option_t *goption = "", double xmin = 0, double xmax = 0);
  inline TFitResultPtr Fit(TF1 *f, Option_t *option = "", Option_t *goption = "", double xmin = 0, double xmax = 0);
  TH1D *ProjectionX(const char *name = "_px", int firstybin = 0, int lastybin = -1) const { return project(name, true, firstybin, lastybin); }
  TH1D *ProjectionY(const char *name = "_py", int firstxbin = 0, int lastxbin = -1) const { return project(name, false, firstxbin, lastxbin); }
  // The mean of y in each x bin (and of x in each y bin), from the bins' centres (profile.hpp).
  inline TProfile *ProfileX(const char *name = "_pfx", int firstybin = 1, int lastybin = -1, Option_t *option = "") const;
  inline TProfile *ProfileY(const char *name = "_pfy", int firstxbin = 1, int lastxbin = -1, Option_t *option = "") const;

  inline bool FrameFor(const std::string &opt, bool logx, bool logy, cppnb::root::FrameRequest &f) const override;
  inline void Paint(cppnb::root::Painter &painter, const std::string &opt) const override;

private:
  TH1D *project(const char *name, bool onX, int first, int last) const;
  inline TProfile *profileAlong(bool onX, const char *name, int first, int last, Option_t *option) const;
};

#define CPPNB_TH2_KIND(Name)                                                                                 \
  class Name : public TH2 {                                                                                   \
  public:                                                                                                     \
    Name() = default;                                                                                         \
    Name(const char *name, const char *title, int nx, double xlow, double xup, int ny, double ylow, double yup) \
        : TH2(name, title, nx, xlow, xup, ny, ylow, yup) {}                                                   \
    Name(const char *name, const char *title, int nx, const double *xedges, int ny, const double *yedges)     \
        : TH2(name, title, nx, xedges, ny, yedges) {}                                                         \
    const char *ClassName() const override { return #Name; }                                                  \
    TH1 *Clone(const char *newname = "") const override { return cloneRenamed(*this, newname); } \
  };
CPPNB_TH2_KIND(TH2D)
CPPNB_TH2_KIND(TH2F)
CPPNB_TH2_KIND(TH2I)
#undef CPPNB_TH2_KIND

inline TH1D *TH2::project(const char *name, bool onX, int first, int last) const {
  const TAxis &along = onX ? fXaxis : fYaxis;
  const TAxis &across = onX ? fYaxis : fXaxis;
  if (last < first) first = 0, last = across.GetNbins() + 1;
  std::string n = name ? name : "";
  if (n == "_px" || n == "_py") n = fName + n;
  TH1D *h = new TH1D(n.c_str(), fTitle.c_str(), along.GetNbins(), along.GetXmin(), along.GetXmax());
  h->GetXaxis()->SetTitle(along.GetTitle());
  for (int a = 0; a <= along.GetNbins() + 1; ++a) {
    double s = 0, e2 = 0;
    for (int c = first; c <= last; ++c) {
      int bin = onX ? GetBin(a, c) : GetBin(c, a);
      s += fArray[bin];
      e2 += binErrorSquared(bin);
    }
    h->SetBinContent(a, s);
    h->SetBinError(a, std::sqrt(e2));
  }
  h->SetEntries(fEntries);
  return h;
}

} // namespace cppnb::root
