// TF2: a function of x and y, from a formula (x, y, the 2D shapes xygaus,
// xyexpo, xylandau, bigaus) or C++ code, as ROOT's; drawn through a
// histogram of its values (CONT by default, COLZ, SURF drawn as a colour map),
// and what 2D histograms need of it: FillRandom and Fit.
#pragma once

#include "histograms2d.hpp"

#include <memory>

namespace cppnb::root {

class TF2 : public TF1 {
public:
  TF2() = default;
  TF2(const char *name, const char *formula, double xmin = 0, double xmax = 1, double ymin = 0, double ymax = 1)
      : TF1(name, formula, xmin, xmax), fYmin(ymin), fYmax(ymax) {
    std::string e = formula ? formula : "";
    if (e == "xygaus" || e == "xylandau") SetParameters(1, 0, 1, 0, 1);
    else if (e == "bigaus") SetParameters(1, 0, 1, 0, 1, 0);
  }
  // C++ code taking (double *x, double *p), as ROOT's.
  template <class F, class = std::enable_if_t<std::is_invocable_v<F &, double *, double *> ||
                                              std::is_invocable_v<F &, const double *, const double *>>>
  TF2(const char *name, F f, double xmin = 0, double xmax = 1, double ymin = 0, double ymax = 1, int npar = 0, int = 2)
      : TF1(name, f, xmin, xmax, npar), fYmin(ymin), fYmax(ymax) {}
  const char *ClassName() const override { return "TF2"; }

  double Eval(double x, double y = 0, double = 0, double = 0) const {
    double v[2] = {x, y};
    return EvalPar(v);
  }
  double operator()(double x, double y = 0, double = 0, double = 0) const { return Eval(x, y); }
  double operator()(const double *x, const double *p = nullptr) const { return EvalPar(x, p); }

  double GetYmin() const { return fYmin; }
  double GetYmax() const { return fYmax; }
  void SetRange(double xmin, double ymin, double xmax, double ymax) {
    TF1::SetRange(xmin, xmax);
    fYmin = ymin, fYmax = ymax;
  }
  void GetRange(double &xmin, double &ymin, double &xmax, double &ymax) const {
    xmin = GetXmin(), xmax = GetXmax(), ymin = fYmin, ymax = fYmax;
  }
  void SetNpy(int n = 30) { fNpy = std::max(4, n); }
  int GetNpy() const { return fNpy; }
  void SetContour(int n = 20, const double * = nullptr) { fContours = n; }

  // ∫∫ over [ax, bx] × [ay, by], by Simpson's rule on a fine grid.
  double Integral(double ax, double bx, double ay, double by, double = 1e-6) const {
    const int n = 200; // even
    double hx = (bx - ax) / n, hy = (by - ay) / n, sum = 0;
    for (int i = 0; i <= n; ++i)
      for (int j = 0; j <= n; ++j) {
        double w = (i == 0 || i == n ? 1 : i % 2 ? 4 : 2) * (j == 0 || j == n ? 1 : j % 2 ? 4 : 2);
        sum += w * Eval(ax + i * hx, ay + j * hy);
      }
    return sum * hx * hy / 9;
  }

  // A point drawn from the function (as a density over its range), as
  // ROOT's: a cell of the fNpx × fNpy grid by its integral, then uniformly in it.
  void GetRandom2(double &x, double &y, TRandom *rng = nullptr) const {
    if (!rng) rng = gRandom;
    buildCells();
    if (fCells.back() <= 0) {
      x = y = 0;
      return;
    }
    double u = rng->Rndm() * fCells.back();
    size_t c = size_t(std::lower_bound(fCells.begin() + 1, fCells.end(), u) - fCells.begin()) - 1;
    int nx = GetNpx(), i = int(c) % nx, j = int(c) / nx;
    double dx = (GetXmax() - GetXmin()) / nx, dy = (fYmax - fYmin) / fNpy;
    x = GetXmin() + (i + rng->Rndm()) * dx;
    y = fYmin + (j + rng->Rndm()) * dy;
  }

  bool FrameFor(const std::string &opt, bool logx, bool logy, FrameRequest &f) const override {
    return histogram().FrameFor(drawOption(opt), logx, logy, f);
  }
  void Paint(Painter &painter, const std::string &opt) const override { histogram().Paint(painter, drawOption(opt)); }
  // The histogram of its values it is drawn as (GetNpx() × GetNpy() bins).
  TH1 *GetHistogram() const { return &histogram(); }

private:
  static std::string drawOption(const std::string &opt) {
    std::string o = lower(opt);
    for (size_t at; (at = o.find("same")) != std::string::npos;) o.erase(at, 4);
    return o.find_first_not_of(' ') == std::string::npos ? "cont" : o;
  }
  TH2D &histogram() const {
    int nx = std::min(GetNpx(), 200);
    std::unique_ptr<TH2D> &fHistogram = fDrawn.h;
    if (!fHistogram || fHistogram->GetNbinsX() != nx || fHistogram->GetNbinsY() != fNpy || fHistogram->GetXaxis()->GetXmin() != GetXmin() ||
        fHistogram->GetXaxis()->GetXmax() != GetXmax() || fHistogram->GetYaxis()->GetXmin() != fYmin || fHistogram->GetYaxis()->GetXmax() != fYmax) {
      bool add = TH1::AddDirectoryStatus();
      TH1::AddDirectory(false); // the function's own, never written with a file
      fHistogram = std::make_unique<TH2D>("", GetTitle(), nx, GetXmin(), GetXmax(), fNpy, fYmin, fYmax);
      TH1::AddDirectory(add);
      fHistogram->SetStats(false);
      fHistogram->SetLineColor(GetLineColor());
    }
    for (int i = 1; i <= nx; ++i)
      for (int j = 1; j <= fNpy; ++j)
        fHistogram->SetBinContent(i, j, Eval(fHistogram->GetXaxis()->GetBinCenter(i), fHistogram->GetYaxis()->GetBinCenter(j)));
    fHistogram->SetEntries(0);
    if (fContours > 0) fHistogram->SetContour(fContours);
    return *fHistogram;
  }
  void buildCells() const {
    int nx = GetNpx();
    double dx = (GetXmax() - GetXmin()) / nx, dy = (fYmax - fYmin) / fNpy;
    fCells.assign(size_t(nx) * size_t(fNpy) + 1, 0.0);
    for (int j = 0; j < fNpy; ++j)
      for (int i = 0; i < nx; ++i) {
        double v = Eval(GetXmin() + (i + 0.5) * dx, fYmin + (j + 0.5) * dy);
        size_t c = size_t(j) * size_t(nx) + size_t(i);
        fCells[c + 1] = fCells[c] + std::max(0.0, v);
      }
  }

  double fYmin = 0, fYmax = 1;
  int fNpy = 30, fContours = 0;
  // What it is drawn as: made again when the bins or the range change; a
  // copy of the function makes its own.
  struct DrawnHistogram {
    std::unique_ptr<TH2D> h;
    DrawnHistogram() = default;
    DrawnHistogram(const DrawnHistogram &) {}
    DrawnHistogram &operator=(const DrawnHistogram &) { return *this; }
  };
  mutable DrawnHistogram fDrawn;
  mutable std::vector<double> fCells;
};

// A 2D histogram filled from a TF2 (by name), fitted with one (χ² over the
// bins with contents, as ROOT's default).
inline void TH2::FillRandom(const char *fname, int n, TRandom *rng) {
  const TF2 *f = dynamic_cast<const TF2 *>(userFunction(fname));
  if (!f) {
    std::fprintf(stderr, "Error in <TH2::FillRandom>: Unknown function: %s (a TF2 by its name)\n", fname ? fname : "");
    return;
  }
  FillRandom(f, n, rng);
}
inline void TH2::FillRandom(const TF1 *f, int n, TRandom *rng) {
  auto *f2 = dynamic_cast<const TF2 *>(f);
  if (!f2) {
    std::fprintf(stderr, "Error in <TH2::FillRandom>: %s is not a TF2\n", f ? f->GetName() : "(null)");
    return;
  }
  // Over the histogram's range, as ROOT's: the function as seen in its bins.
  TF2 over(*f2);
  over.SetRange(fXaxis.GetXmin(), fYaxis.GetXmin(), fXaxis.GetXmax(), fYaxis.GetXmax());
  for (int i = 0; i < n; ++i) {
    double x, y;
    over.GetRandom2(x, y, rng);
    Fill(x, y);
  }
}

inline TFitResultPtr TH2::Fit(const char *fname, Option_t *option, Option_t *goption, double xmin, double xmax) {
  TF2 *f = dynamic_cast<TF2 *>(userFunction(fname));
  if (!f) {
    std::fprintf(stderr, "Error in <TH2::Fit>: Unknown function: %s (a TF2 by its name)\n", fname ? fname : "");
    return TFitResultPtr(-1);
  }
  return Fit(f, option, goption, xmin, xmax);
}

inline TFitResultPtr TH2::Fit(TF1 *f1, Option_t *option, Option_t *goption, double, double) {
  TF2 *f = dynamic_cast<TF2 *>(f1);
  if (!f) {
    std::fprintf(stderr, "Error in <TH2::Fit>: function %s is not a TF2\n", f1 ? f1->GetName() : "(null)");
    return TFitResultPtr(-1);
  }
  FitRequest how = FitRequest::forHistogram(option);
  const FitOptions &o = how.options;
  // The bins fitted, each a point; the fitter sees their index.
  auto xs = std::make_shared<std::vector<double>>(), ys = std::make_shared<std::vector<double>>();
  std::vector<FitPoint> pts;
  for (int by = 1; by <= GetNbinsY(); ++by)
    for (int bx = 1; bx <= GetNbinsX(); ++bx) {
      double x = fXaxis.GetBinCenter(bx), y = fYaxis.GetBinCenter(by);
      if (o.range && (x < f->GetXmin() || x > f->GetXmax() || y < f->GetYmin() || y > f->GetYmax())) continue;
      int bin = GetBin(bx, by);
      double e = how.binError(GetBinError(bin));
      if (e <= 0) continue;
      pts.push_back({double(xs->size()), fArray[size_t(bin)], e});
      xs->push_back(x), ys->push_back(y);
    }
  TFitResultPtr r = fitWithCoordinates(*f, pts, [xs, ys](double i, double *v) { v[0] = (*xs)[size_t(i)], v[1] = (*ys)[size_t(i)]; }, how);
  // ROOT draws what it fitted, unless told not to ("0", "N").
  if (!o.noDraw && !o.noStore) Draw(goption ? goption : "");
  return r;
}

} // namespace cppnb::root
