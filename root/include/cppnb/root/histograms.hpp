// One-dimensional histograms: TH1 (TH1D, TH1F, TH1I, TH1S, TH1C), with ROOT's
// binning (bin 0 underflow, nbins+1 overflow), statistics, fits and
// arithmetic; the base of the 2D ones (histograms2d.hpp). Its size is ROOT's
// TH1 interface, which macros use nearly whole.
#pragma once

#include "collections.hpp"
#include "functions.hpp"

#include <algorithm>
#include <cfloat>
#include <cstring>
#include <list>
#include <ostream>

namespace cppnb::root {

class TH1;
struct FileRecords; // file_objects.hpp: histograms read from and written to ROOT files
// A copy of h (of its own class), renamed when newname is given: every Clone.
template <class H> TH1 *cloneRenamed(const H &h, const char *newname) {
  H *copy = new H(h);
  if (newname && *newname) copy->SetName(newname);
  return copy;
}

class TPaveStats; // stats_box.hpp

// A member that a copy of its object does not share: it starts empty.
template <class T> struct NotCopied {
  T value{};
  NotCopied() = default;
  NotCopied(const NotCopied &) {}
  NotCopied &operator=(const NotCopied &) { return *this; }
};

class TH1 : public TNamed, public TAttLine, public TAttFill, public TAttMarker {
public:
  TH1() = default;
  TH1(const char *name, const char *title, int nbins, double xlow, double xup)
      : TNamed(name, ""), TAttLine(gStyle->GetHistLineColor(), 1, gStyle->GetHistLineWidth()) {
    fXaxis.Set(nbins, xlow, xup);
    init(title);
  }
  TH1(const char *name, const char *title, int nbins, const double *edges)
      : TNamed(name, ""), TAttLine(gStyle->GetHistLineColor(), 1, gStyle->GetHistLineWidth()) {
    fXaxis.Set(nbins, edges);
    init(title);
  }
  TH1(const char *name, const char *title, int nbins, const float *edges)
      : TH1(name, title, nbins, std::vector<double>(edges, edges + nbins + 1).data()) {}
  TH1(const TH1 &) = default;
  TH1 &operator=(const TH1 &) = default;
  ~TH1() override { forgetInMemory(this); }

  const char *ClassName() const override { return "TH1"; }
  virtual int GetDimension() const { return 1; }
  TH1 *Clone(const char *newname = "") const override { return cloneRenamed(*this, newname); }

  // ---- filling ----
  virtual int Fill(double x) { return Fill(x, 1.0); }
  virtual int Fill(double x, double w) {
    int bin = fXaxis.FindBin(x);
    addToBin(bin, w);
    if (bin >= 1 && bin <= fXaxis.GetNbins()) addStats(w, x, 0);
    return bin;
  }
  // ---- labelled bins ----
  enum EAxes : unsigned { kNoAxis = 0, kXaxis = 1, kYaxis = 2, kZaxis = 4, kAllAxes = 7 };
  // Which axes get more bins when a new label arrives and every bin has one
  // (ROOT doubles them); returns the previous setting.
  unsigned SetCanExtend(unsigned axes) {
    unsigned before = CanExtendAllAxes();
    fXaxis.SetCanExtend(axes & kXaxis), fYaxis.SetCanExtend(axes & kYaxis), fZaxis.SetCanExtend(axes & kZaxis);
    return before;
  }
  unsigned CanExtendAllAxes() const {
    return (fXaxis.CanExtend() ? unsigned(kXaxis) : 0u) | (fYaxis.CanExtend() ? unsigned(kYaxis) : 0u) | (fZaxis.CanExtend() ? unsigned(kZaxis) : 0u);
  }
  // Adds w to the bin labelled name (the next free bin takes a new label).
  int Fill(const char *name, double w = 1) {
    int b = labelledBin(fXaxis, name);
    if (b < 0) return -1;
    return Fill(fXaxis.GetBinCenter(b), w);
  }
  // Fewer bins: as many as have labels (ROOT's LabelsDeflate).
  void LabelsDeflate(Option_t *axis = "X") {
    std::string a = cppnb::root::lower(axis ? axis : "x");
    TAxis &ax = a.find('y') != std::string::npos ? fYaxis : fXaxis;
    int used = 0;
    for (size_t i = 0; i < ax.Labels().size(); ++i)
      if (!ax.Labels()[i].empty()) used = int(i + 1);
    if (used > 0 && used < ax.GetNbins()) resizeAxis(ax, used);
  }
  // "a" sorts the bins by label, ">" and "<" by decreasing or increasing
  // content (1D), "h" "v" "u" "d" set the labels' direction.
  void LabelsOption(Option_t *option = "h", Option_t *axis = "X") {
    std::string o = option ? option : "", a = cppnb::root::lower(axis ? axis : "x");
    TAxis &ax = a.find('y') != std::string::npos ? fYaxis : fXaxis;
    ax.LabelsOption(o.c_str());
    if (o.find_first_of("a<>") == std::string::npos || GetDimension() != 1 || &ax != &fXaxis) return;
    int n = fXaxis.GetNbins();
    std::vector<int> order(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) order[size_t(i)] = i + 1;
    if (o.find('a') != std::string::npos)
      std::sort(order.begin(), order.end(), [&](int i, int j) {
        int c = std::strcmp(fXaxis.GetBinLabel(i), fXaxis.GetBinLabel(j));
        return c != 0 ? c < 0 : i < j;
      });
    else if (o.find('>') != std::string::npos)
      std::sort(order.begin(), order.end(), [&](int i, int j) { return fArray[size_t(i)] != fArray[size_t(j)] ? fArray[size_t(i)] > fArray[size_t(j)] : i < j; });
    else
      std::sort(order.begin(), order.end(), [&](int i, int j) { return fArray[size_t(i)] != fArray[size_t(j)] ? fArray[size_t(i)] < fArray[size_t(j)] : i < j; });
    std::vector<double> contents = fArray, errors = fSumw2;
    std::vector<std::string> labels = fXaxis.Labels();
    labels.resize(size_t(n));
    for (int k = 0; k < n; ++k) {
      int from = order[size_t(k)];
      fArray[size_t(k + 1)] = contents[size_t(from)];
      if (!errors.empty()) fSumw2[size_t(k + 1)] = errors[size_t(from)];
      fXaxis.SetBinLabel(k + 1, labels[size_t(from - 1)].c_str());
    }
  }
  void FillN(int n, const double *x, const double *w, int stride = 1) {
    for (int i = 0; i < n; i += stride) Fill(x[i], w ? w[i] : 1.0);
  }
  // n entries drawn from the function called fname: a TF1 of that name, else
  // a formula ("gaus", "expo", "x*x"…), over the histogram's range.
  void FillRandom(const char *fname, int n = 5000, TRandom *rng = nullptr);
  void FillRandom(const TF1 *f, int n = 5000, TRandom *rng = nullptr) { fillRandomFrom(*f, n, rng); }
  void FillRandom(const TH1 *source, int n = 5000, TRandom *rng = nullptr);

  // ---- bins ----
  int GetNbinsX() const { return fXaxis.GetNbins(); }
  int GetNbinsY() const { return fYaxis.GetNbins(); }
  int GetNbinsZ() const { return 1; }
  int GetNcells() const { return int(fArray.size()); }
  virtual int GetBin(int binx, int biny = 0, int = 0) const {
    return GetDimension() == 1 ? binx : binx + (fXaxis.GetNbins() + 2) * biny;
  }
  int FindBin(double x, double y = 0, double = 0) const {
    return GetDimension() == 1 ? fXaxis.FindBin(x) : GetBin(fXaxis.FindBin(x), fYaxis.FindBin(y));
  }
  int FindFixBin(double x, double y = 0, double z = 0) const { return FindBin(x, y, z); }
  double GetBinContent(int bin) const { return bin >= 0 && bin < int(fArray.size()) ? fArray[bin] : 0; }
  double GetBinContent(int binx, int biny) const { return GetBinContent(GetBin(binx, biny)); }
  void SetBinContent(int bin, double content) {
    if (bin < 0 || bin >= int(fArray.size())) return;
    fArray[bin] = content;
    ++fEntries;
    fStatsFromBins = true;
  }
  void SetBinContent(int binx, int biny, double content) { SetBinContent(GetBin(binx, biny), content); }
  void AddBinContent(int bin, double w = 1) {
    if (bin < 0 || bin >= int(fArray.size())) return;
    fArray[bin] += w;
    fStatsFromBins = true;
  }
  double GetBinError(int bin) const {
    if (bin < 0 || bin >= int(fArray.size())) return 0;
    return fSumw2.empty() ? std::sqrt(std::fabs(fArray[bin])) : std::sqrt(fSumw2[bin]);
  }
  double GetBinError(int binx, int biny) const { return GetBinError(GetBin(binx, biny)); }
  void SetBinError(int bin, double error) {
    if (bin < 0 || bin >= int(fArray.size())) return;
    Sumw2();
    fSumw2[bin] = error * error;
  }
  void SetBinError(int binx, int biny, double error) { SetBinError(GetBin(binx, biny), error); }
  double GetBinCenter(int bin) const { return fXaxis.GetBinCenter(bin); }
  double GetBinLowEdge(int bin) const { return fXaxis.GetBinLowEdge(bin); }
  double GetBinWidth(int bin) const { return fXaxis.GetBinWidth(bin); }
  TAxis *GetXaxis() { return &fXaxis; }
  TAxis *GetYaxis() { return &fYaxis; }
  TAxis *GetZaxis() { return &fZaxis; }
  const TAxis *GetXaxis() const { return &fXaxis; }
  const TAxis *GetYaxis() const { return &fYaxis; }
  const TAxis *GetZaxis() const { return &fZaxis; }

  // Errors from the sum of squared weights (automatic after weighted fills and Scale).
  void Sumw2(bool on = true) {
    if (!on) {
      fSumw2.clear();
      return;
    }
    if (!fSumw2.empty()) return;
    fSumw2.resize(fArray.size());
    for (size_t i = 0; i < fArray.size(); ++i) fSumw2[i] = std::fabs(fArray[i]);
  }
  int GetSumw2N() const { return int(fSumw2.size()); }

  // ---- statistics (in-range entries, as ROOT) ----
  double GetEntries() const { return fEntries; }
  void SetEntries(double n) { fEntries = n; }
  double GetSumOfWeights() const { return Integral(); }
  virtual double GetMean(int axis = 1) const {
    Sums s = sums();
    if (s.w == 0) return 0;
    return (axis == 2 ? s.wy : s.wx) / s.w;
  }
  virtual double GetStdDev(int axis = 1) const {
    Sums s = sums();
    if (s.w == 0) return 0;
    double m = (axis == 2 ? s.wy : s.wx) / s.w;
    return std::sqrt(std::fmax(0.0, (axis == 2 ? s.wy2 : s.wx2) / s.w - m * m));
  }
  double GetRMS(int axis = 1) const { return GetStdDev(axis); }
  // The third and fourth standardised moments (kurtosis less 3), from the bins' centres.
  double GetSkewness(int axis = 1) const { return standardMoment(axis, 3); }
  double GetKurtosis(int axis = 1) const { return standardMoment(axis, 4) - 3; }
  double standardMoment(int axis, int k) const {
    double m = GetMean(axis), s = GetStdDev(axis), w = 0, sum = 0;
    if (s <= 0) return 0;
    const TAxis &along = axis == 2 ? fYaxis : fXaxis;
    int nx = fXaxis.GetNbins(), ny = GetDimension() == 2 ? fYaxis.GetNbins() : 1;
    for (int bx = 1; bx <= nx; ++bx)
      for (int by = 1; by <= ny; ++by) {
        double c = GetDimension() == 2 ? fArray[size_t(GetBin(bx, by))] : fArray[size_t(bx)];
        double x = along.GetBinCenter(axis == 2 ? by : bx);
        w += c, sum += c * std::pow((x - m) / s, k);
      }
    return w > 0 ? sum / w : 0;
  }
  double GetMeanError(int axis = 1) const {
    double n = effectiveEntries();
    return n > 0 ? GetStdDev(axis) / std::sqrt(n) : 0;
  }
  double GetStdDevError(int axis = 1) const {
    double n = effectiveEntries();
    return n > 0 ? GetStdDev(axis) / std::sqrt(2 * n) : 0;
  }
  double GetRMSError(int axis = 1) const { return GetStdDevError(axis); }
  double GetEffectiveEntries() const { return effectiveEntries(); }

  double GetMaximum(double maxval = DBL_MAX) const {
    if (fMaximum != -1111) return fMaximum;
    double m = -DBL_MAX;
    forEachBin([&](int bin) {
      if (fArray[bin] > m && fArray[bin] < maxval) m = fArray[bin];
    });
    return m;
  }
  double GetMinimum(double minval = -DBL_MAX) const {
    if (fMinimum != -1111) return fMinimum;
    double m = DBL_MAX;
    forEachBin([&](int bin) {
      if (fArray[bin] < m && fArray[bin] > minval) m = fArray[bin];
    });
    return m;
  }
  int GetMaximumBin() const {
    int best = 1;
    double m = -DBL_MAX;
    forEachBin([&](int bin) {
      if (fArray[bin] > m) m = fArray[bin], best = bin;
    });
    return best;
  }
  int GetMinimumBin() const {
    int best = 1;
    double m = DBL_MAX;
    forEachBin([&](int bin) {
      if (fArray[bin] < m) m = fArray[bin], best = bin;
    });
    return best;
  }
  void SetMaximum(double m = -1111) { fMaximum = m; }
  double GetMaximumStored() const { return fMaximum; }
  double GetMinimumStored() const { return fMinimum; }
  void SetMinimum(double m = -1111) { fMinimum = m; }
  bool HasMaximum() const { return fMaximum != -1111; }
  bool HasMinimum() const { return fMinimum != -1111; }

  // Sum of the bins (not under/overflow); "width": times each bin's width.
  double Integral(Option_t *option = "") const { return Integral(1, GetNbinsX(), option); }
  double Integral(int binx1, int binx2, Option_t *option = "") const {
    bool width = cppnb::root::has(option ? option : "", "width");
    double s = 0;
    if (GetDimension() == 1) {
      for (int b = std::max(0, binx1); b <= std::min(binx2, GetNbinsX() + 1); ++b)
        s += fArray[b] * (width ? fXaxis.GetBinWidth(b) : 1);
      return s;
    }
    for (int by = 1; by <= GetNbinsY(); ++by)
      for (int bx = std::max(0, binx1); bx <= std::min(binx2, GetNbinsX() + 1); ++bx)
        s += fArray[GetBin(bx, by)] * (width ? fXaxis.GetBinWidth(bx) * fYaxis.GetBinWidth(by) : 1);
    return s;
  }

  // ---- arithmetic ----
  void Scale(double c = 1, Option_t *option = "") {
    bool width = cppnb::root::has(option ? option : "", "width");
    if (c != 1) Sumw2();
    for (size_t i = 0; i < fArray.size(); ++i) {
      double f = c;
      if (width && GetDimension() == 1) f /= fXaxis.GetBinWidth(int(i));
      fArray[i] *= f;
      if (!fSumw2.empty()) fSumw2[i] *= f * f;
    }
    if (width) fStatsFromBins = true;
    fS.w *= c, fS.w2 *= c * c, fS.wx *= c, fS.wx2 *= c, fS.wy *= c, fS.wy2 *= c, fS.wxy *= c;
  }
  bool Add(const TH1 *h, double c = 1) {
    if (!compatible(h, "Add")) return false;
    if (!h->fSumw2.empty() || c != 1) Sumw2();
    for (size_t i = 0; i < fArray.size(); ++i) {
      fArray[i] += c * h->fArray[i];
      if (!fSumw2.empty()) fSumw2[i] += c * c * h->binErrorSquared(int(i));
    }
    fEntries += h->fEntries;
    Sums o = h->sums();
    fS.w += c * o.w, fS.w2 += c * c * o.w2, fS.wx += c * o.wx, fS.wx2 += c * o.wx2, fS.wy += c * o.wy,
        fS.wy2 += c * o.wy2, fS.wxy += c * o.wxy;
    return true;
  }
  bool Add(const TH1 *h1, const TH1 *h2, double c1 = 1, double c2 = 1) {
    if (!compatible(h1, "Add") || !compatible(h2, "Add")) return false;
    TH1 copy(*h1);
    Reset();
    fStatsFromBins = false;
    Add(&copy, c1);
    return Add(h2, c2);
  }
  bool Multiply(const TH1 *h) { return binWise(h, "Multiply", [](double a, double b) { return a * b; }); }
  bool Divide(const TH1 *h) { return binWise(h, "Divide", [](double a, double b) { return b != 0 ? a / b : 0; }); }
  void Reset(Option_t * = "") {
    std::fill(fArray.begin(), fArray.end(), 0);
    if (!fSumw2.empty()) std::fill(fSumw2.begin(), fSumw2.end(), 0);
    fEntries = 0;
    fS = {};
    fStatsFromBins = false;
  }
  // A new histogram of the running sum of the bins (from the right when not forward).
  // The normalised cumulative sum of the bins: [0] is 0, [i] the fraction
  // of the contents in bins 1…i (ROOT's fIntegral, nbins + 2 numbers).
  double *GetIntegral() const {
    int n = GetNbinsX();
    fIntegral.value.assign(size_t(n + 2), 0.0);
    for (int b = 1; b <= n; ++b) fIntegral.value[size_t(b)] = fIntegral.value[size_t(b - 1)] + fArray[size_t(b)];
    double total = fIntegral.value[size_t(n)];
    if (total != 0)
      for (int b = 1; b <= n; ++b) fIntegral.value[size_t(b)] /= total;
    fIntegral.value[size_t(n + 1)] = total;
    return fIntegral.value.data();
  }
  TH1 *GetCumulative(bool forward = true, const char *suffix = "_cumulative") const {
    TH1 *c = Clone((fName + (suffix ? suffix : "")).c_str());
    double sum = 0;
    int n = GetNbinsX();
    for (int k = 1; k <= n; ++k) {
      int b = forward ? k : n + 1 - k;
      sum += fArray[size_t(b)];
      c->fArray[size_t(b)] = sum;
    }
    c->fSumw2.clear();
    return c;
  }
  // The x below which each fraction probs[i] of the entries lies (a linear
  // interpolation inside the bin), as ROOT's; probs null: n equal steps.
  int GetQuantiles(int n, double *xq, const double *probs = nullptr) const {
    int nb = GetNbinsX();
    std::vector<double> cum(size_t(nb) + 1, 0.0);
    for (int b = 1; b <= nb; ++b) cum[size_t(b)] = cum[size_t(b) - 1] + fArray[size_t(b)];
    if (cum.back() <= 0) return 0;
    for (int i = 0; i < n; ++i) {
      double p = probs ? probs[i] : (n > 1 ? double(i + 1) / n : 0.5), want = p * cum.back();
      int b = int(std::lower_bound(cum.begin() + 1, cum.end(), want) - cum.begin());
      b = std::clamp(b, 1, nb);
      double inBin = fArray[size_t(b)], frac = inBin > 0 ? (want - cum[size_t(b) - 1]) / inBin : 0;
      xq[i] = fXaxis.GetBinLowEdge(b) + frac * fXaxis.GetBinWidth(b);
    }
    return n;
  }
  // Merges ngroup neighbouring bins into one, or (xbins given) into the
  // ngroup bins whose edges xbins holds. As ROOT: with a new name, into a new
  // histogram, the original left as it was; without one, in place.
  TH1 *Rebin(int ngroup = 2, const char *newname = "", const double *xbins = nullptr) {
    if (newname && *newname) {
      TH1 *copy = Clone(newname);
      copy->Rebin(ngroup, "", xbins);
      return copy;
    }
    if (GetDimension() != 1) return this;
    if (xbins) return rebinInto(ngroup, xbins);
    if (ngroup < 2) return this;
    int n = GetNbinsX() / ngroup;
    if (n < 1) return this;
    std::vector<double> edges(n + 1);
    for (int i = 0; i <= n; ++i) edges[i] = fXaxis.GetBinLowEdge(1 + i * ngroup);
    std::vector<double> a(n + 2, 0), e(fSumw2.empty() ? 0 : n + 2, 0);
    a[0] = fArray[0];
    a[n + 1] = fArray.back();
    for (int b = 1; b <= GetNbinsX(); ++b) {
      int nb = (b - 1) / ngroup + 1;
      if (nb > n) nb = n + 1; // leftover bins go to the overflow, as ROOT
      a[nb] += fArray[b];
      if (!e.empty()) e[nb] += fSumw2[b];
    }
    fXaxis.Set(n, edges.data());
    fArray = a;
    fSumw2 = e;
    return this;
  }
  // Each bin's content into the new bin holding its centre (ROOT's edges
  // should fall on old edges; flows stay flows).
  TH1 *rebinInto(int nbins, const double *edges) {
    if (nbins < 1) return this;
    TAxis axis;
    axis.Set(nbins, edges);
    std::vector<double> a(size_t(nbins) + 2, 0), e(fSumw2.empty() ? 0 : size_t(nbins) + 2, 0);
    for (int b = 0; b <= GetNbinsX() + 1; ++b) {
      int nb = b == 0 ? 0 : b == GetNbinsX() + 1 ? nbins + 1 : axis.FindBin(fXaxis.GetBinCenter(b));
      a[size_t(nb)] += fArray[size_t(b)];
      if (!e.empty()) e[size_t(nb)] += fSumw2[size_t(b)];
    }
    fXaxis.Set(nbins, edges);
    fArray = a;
    fSumw2 = e;
    return this;
  }
  TH1 *DrawCopy(Option_t *option = "", const char *suffix = "_copy") const {
    TH1 *h = Clone((fName + suffix).c_str());
    h->Draw(option);
    return h;
  }
  TH1 *DrawNormalized(Option_t *option = "", double norm = 1) const {
    double sum = Integral();
    if (sum == 0) {
      std::fprintf(stderr, "Error in <TH1::DrawNormalized>: Sum of weights is null. Cannot normalize histogram: %s\n", GetName());
      return nullptr;
    }
    TH1 *h = Clone((fName + "_norm").c_str());
    h->Scale(norm / sum);
    h->Draw(option);
    return h;
  }

  // ---- look ----
  void SetTitle(const char *title = "") override {
    std::string t, x, y, z;
    cppnb::root::splitTitle(title ? title : "", t, &x, &y, &z);
    fTitle = t;
    if (!x.empty()) fXaxis.SetTitle(x.c_str());
    if (!y.empty()) fYaxis.SetTitle(y.c_str());
    if (!z.empty()) fZaxis.SetTitle(z.c_str());
  }
  void SetXTitle(const char *t) { fXaxis.SetTitle(t); }
  void SetYTitle(const char *t) { fYaxis.SetTitle(t); }
  void SetZTitle(const char *t) { fZaxis.SetTitle(t); }
  void SetStats(bool stats = true) { fShowStats = stats; }
  // ROOT's interactive highlighting of bins under the mouse: kept; a
  // notebook's picture has no mouse (JSROOT's canvases will).
  void SetHighlight(bool set = true) { fHighlight = set; }
  bool IsHighlight() const { return fHighlight; }
  bool GetStats() const { return fShowStats; }
  void SetOption(Option_t *option = "") { fOption = option ? option : ""; }
  const char *GetOption() const { return fOption.c_str(); }
  // The axes' look, for the axes named in axis ("X", "Y", "Z", "XYZ"…).
  void SetNdivisions(int n = 510, Option_t *axis = "X") { forAxes(axis, [&](TAxis &a) { a.SetNdivisions(n); }); }
  void SetLabelSize(float size = 0.02f, Option_t *axis = "X") { forAxes(axis, [&](TAxis &a) { a.SetLabelSize(size); }); }
  void SetLabelOffset(float offset = 0.005f, Option_t *axis = "X") { forAxes(axis, [&](TAxis &a) { a.SetLabelOffset(offset); }); }
  void SetLabelFont(Style_t font = 62, Option_t *axis = "X") { forAxes(axis, [&](TAxis &a) { a.SetLabelFont(font); }); }
  void SetLabelColor(Color_t color = 1, Option_t *axis = "X") { forAxes(axis, [&](TAxis &a) { a.SetLabelColor(color); }); }
  void SetTitleSize(float size = 0.02f, Option_t *axis = "X") { forAxes(axis, [&](TAxis &a) { a.SetTitleSize(size); }); }
  void SetTitleOffset(float offset = 1, Option_t *axis = "X") { forAxes(axis, [&](TAxis &a) { a.SetTitleOffset(offset); }); }
  void SetTitleFont(Style_t font = 62, Option_t *axis = "X") { forAxes(axis, [&](TAxis &a) { a.SetTitleFont(font); }); }
  void SetTickLength(float length = 0.02f, Option_t *axis = "X") { forAxes(axis, [&](TAxis &a) { a.SetTickLength(length); }); }
  void SetAxisColor(Color_t color = 1, Option_t *axis = "X") { forAxes(axis, [&](TAxis &a) { a.SetAxisColor(color); }); }
  void SetBarWidth(float) {}
  void SetBarOffset(float) {}
  void SetContour(int n, const double * = nullptr) { fContours = n; }
  int GetContour() const { return fContours > 0 ? fContours : gStyle->GetNumberContours(); }

  // ---- fitting ----
  TFitResultPtr Fit(const char *fname, Option_t *option = "", Option_t *goption = "", double xmin = 0, double xmax = 0);
  TFitResultPtr Fit(TF1 *f, Option_t *option = "", Option_t *goption = "", double xmin = 0, double xmax = 0);
  // Velleman's 353QH-twice smoother, ntimes over (with "R") the axis's range (hist_smooth.hpp).
  inline void Smooth(int ntimes = 1, Option_t *option = "");
  static inline void SmoothArray(int n, double *xx, int ntimes = 1);
  // Comparisons with another histogram of the same bins (hist_tests.hpp).
  inline double Chi2Test(const TH1 *h2, Option_t *option = "UU", double *res = nullptr) const;
  inline double Chi2TestX(const TH1 *h2, double &chi2, int &ndf, int &igood, Option_t *option = "UU", double *res = nullptr) const;
  inline double KolmogorovTest(const TH1 *h2, Option_t *option = "") const;
  inline double AndersonDarlingTest(const TH1 *h2, Option_t *option = "") const;
  inline double AndersonDarlingTest(const TH1 *h2, double &advalue) const;
  TF1 *GetFunction(const char *name) const { return findFunction(fFunctions, name); }
  // ROOT's list of functions: the fitted functions, the stats box once the
  // histogram was painted or its pad updated, and what a macro added (drawn
  // with the histogram). Defined with the stats box (paint_histograms.hpp).
  inline TList *GetListOfFunctions() const;
  inline TObject *FindObject(const char *name) const override;
  inline void PadUpdated(const std::string &option) override;
  // COLZ's palette as an object in the list of functions (palette_axis.hpp), made once.
  inline void ensurePalette() const;
  const std::list<TF1> &Functions() const { return fFunctions; }

  void Print(Option_t * = "") const override {
    std::printf("TH1.Print Name  = %s, Entries= %d, Total sum= %g\n", GetName(), int(fEntries), Integral());
  }

  inline bool FrameFor(const std::string &opt, bool logx, bool logy, cppnb::root::FrameRequest &f) const override;
  inline void Paint(cppnb::root::Painter &painter, const std::string &opt) const override;
  inline bool PaintStats(cppnb::root::Painter &painter, const std::string &opt) const override;
  // The draw option used when none is given.
  std::string EffectiveOption(const std::string &opt) const;

  // Contents, statistics, axes and looks; not the fitted functions.
  template <class Buffer> void Streamer(Buffer &b) {
    TNamed::Streamer(b), TAttLine::Streamer(b), TAttFill::Streamer(b), TAttMarker::Streamer(b);
    fXaxis.Streamer(b), fYaxis.Streamer(b), fZaxis.Streamer(b);
    b(fArray, fSumw2, fEntries, fS.w, fS.w2, fS.wx, fS.wx2, fS.wy, fS.wy2, fS.wxy);
    b(fStatsFromBins, fMaximum, fMinimum, fShowStats, fOption, fContours);
  }
  // Whether histograms made from now on belong to the current directory (a
  // file open for writing: TFile::Write writes them), as in ROOT.
  static void AddDirectory(bool add = true) { addDirectory() = add; }
  static bool AddDirectoryStatus() { return addDirectory(); }
  // The directory the histogram belongs to (a file being written: its Write
  // writes it); nullptr: none.
  void SetDirectory(TDirectory *dir) {
    if (cppnb_root_object_deleted) cppnb_root_object_deleted(this);
    if (dir && cppnb_root_object_attach) cppnb_root_object_attach(this, dir);
  }

  // How outputs of batch tasks merge: bin by bin, as hadd does.
  friend bool cppnb_merge(TH1 &into, const TH1 &from) { return into.Add(&from); }
  friend struct FileRecords;
  friend struct CanvasRecords;

protected:
  TAxis fXaxis{'x'}, fYaxis{'y'}, fZaxis{'z'};
  mutable NotCopied<std::shared_ptr<TPaveStats>> fStatsBox;
  mutable NotCopied<std::unique_ptr<TObject>> fPalette; // the COLZ palette the painter made
  mutable NotCopied<std::vector<double>> fIntegral;
  bool fHighlight = false;
  mutable NotCopied<TList> fFunctionList;                  // what GetListOfFunctions handed out
  mutable NotCopied<std::vector<const TObject *>> fListed; // which of its entries are the histogram's own
  // The stats box's lines from the histogram as it is now (gStyle's OptStat
  // and OptFit); no box when both show nothing.
  inline void refreshStats() const;
  template <class F> void forAxes(Option_t *axes, F set) {
    std::string a = cppnb::root::lower(axes ? axes : "x");
    if (a.find('x') != std::string::npos) set(fXaxis);
    if (a.find('y') != std::string::npos) set(fYaxis);
    if (a.find('z') != std::string::npos) set(fZaxis);
  }
  std::vector<double> fArray, fSumw2;
  double fEntries = 0;
  struct Sums {
    double w = 0, w2 = 0, wx = 0, wx2 = 0, wy = 0, wy2 = 0, wxy = 0;
  } fS;
  bool fStatsFromBins = false;
  double fMaximum = -1111, fMinimum = -1111;
  bool fShowStats = true;
  std::string fOption;
  int fContours = 0;
  std::list<TF1> fFunctions;

  static bool &addDirectory() {
    static bool add = true;
    return add;
  }
  // The histograms booked by name and alive, newest last: what ROOT finds in
  // memory by name (TTree::Draw("x>>h") fills the h booked before).
  static std::vector<TH1 *> &inMemory() {
    static std::vector<TH1 *> all;
    return all;
  }
  static void forgetInMemory(const TH1 *h) {
    auto &all = inMemory();
    all.erase(std::remove(all.begin(), all.end(), h), all.end());
  }
  friend TH1 *findHistogramInMemory(const char *name);
  void init(const char *title) {
    SetTitle(title);
    inMemory().push_back(this);
    if (AddDirectoryStatus() && cppnb_root_object_created) cppnb_root_object_created(this);
    fArray.assign(size_t(fXaxis.GetNbins() + 2) * (GetDimension() == 2 ? size_t(fYaxis.GetNbins() + 2) : 1), 0);
  }
  // The bin of label name on axis ax: its own, else the first without a label
  // (which takes it), else a new one when the axis can extend (its bins
  // doubled, as ROOT's); -1 when there is no room.
  int labelledBin(TAxis &ax, const char *name) {
    int b = ax.FindFixBin(name);
    if (b > 0) return b;
    int n = ax.GetNbins();
    for (int i = 1; i <= n; ++i)
      if (!*ax.GetBinLabel(i)) {
        ax.SetBinLabel(i, name);
        return i;
      }
    if (!ax.CanExtend()) {
      std::fprintf(stderr, "Error in <%s::Fill>: bin label %s not found and the axis cannot extend (SetCanExtend)\n", ClassName(), name ? name : "");
      return -1;
    }
    resizeAxis(ax, 2 * n);
    ax.SetBinLabel(n + 1, name);
    return n + 1;
  }
  // Gives axis ax (of equal bins) nbins bins of the same width from its low
  // edge, each bin keeping its contents; bins beyond the new ones are dropped.
  void resizeAxis(TAxis &ax, int nbins) {
    int nx = fXaxis.GetNbins(), ny = GetDimension() == 2 ? fYaxis.GetNbins() : 0;
    double width = ax.GetBinWidth(1);
    std::vector<std::string> labels = ax.Labels();
    std::vector<double> contents = fArray, errors = fSumw2;
    auto index = [](int bx, int by, int nxOf) { return size_t(bx) + size_t(nxOf + 2) * size_t(by); };
    int nx2 = &ax == &fXaxis ? nbins : nx, ny2 = &ax == &fYaxis ? nbins : ny;
    TAxis saved = ax;
    ax.Set(nbins, saved.GetXmin(), saved.GetXmin() + width * nbins);
    labels.resize(size_t(nbins));
    for (int i = 1; i <= nbins; ++i) ax.SetBinLabel(i, labels[size_t(i - 1)].c_str());
    fArray.assign(size_t(nx2 + 2) * size_t(GetDimension() == 2 ? ny2 + 2 : 1), 0);
    if (!errors.empty()) fSumw2.assign(fArray.size(), 0);
    for (int by = 0; by <= (GetDimension() == 2 ? ny + 1 : 0); ++by)
      for (int bx = 0; bx <= nx + 1; ++bx) {
        int tx = bx == nx + 1 ? nx2 + 1 : std::min(bx, nx2 + 1), ty = GetDimension() == 2 ? (by == ny + 1 ? ny2 + 1 : std::min(by, ny2 + 1)) : 0;
        fArray[index(tx, ty, nx2)] += contents[index(bx, by, nx)];
        if (!errors.empty()) fSumw2[index(tx, ty, nx2)] += errors[index(bx, by, nx)];
      }
  }
  void addToBin(int bin, double w) {
    if (w != 1 && fSumw2.empty()) Sumw2(); // before adding: it starts from the unweighted errors
    fArray[bin] += w;
    if (!fSumw2.empty()) fSumw2[bin] += w * w;
    ++fEntries;
  }
  void addStats(double w, double x, double y) {
    fS.w += w, fS.w2 += w * w, fS.wx += w * x, fS.wx2 += w * x * x, fS.wy += w * y, fS.wy2 += w * y * y,
        fS.wxy += w * x * y;
  }
  double binErrorSquared(int bin) const { return fSumw2.empty() ? std::fabs(fArray[bin]) : fSumw2[bin]; }
  double effectiveEntries() const {
    Sums s = sums();
    return s.w2 > 0 ? s.w * s.w / s.w2 : 0;
  }
  // Statistics from the fills, or from the bin centres once contents were set by hand.
  Sums sums() const {
    if (!fStatsFromBins) return fS;
    Sums s;
    for (int by = 1; by <= (GetDimension() == 2 ? GetNbinsY() : 1); ++by)
      for (int bx = 1; bx <= GetNbinsX(); ++bx) {
        int bin = GetBin(bx, by);
        double w = fArray[bin], x = fXaxis.GetBinCenter(bx), y = GetDimension() == 2 ? fYaxis.GetBinCenter(by) : 0;
        s.w += w, s.w2 += binErrorSquared(bin), s.wx += w * x, s.wx2 += w * x * x, s.wy += w * y, s.wy2 += w * y * y,
            s.wxy += w * x * y;
      }
    return s;
  }
  template <class F> void forEachBin(F f) const {
    int x0 = fXaxis.GetFirst(), x1 = fXaxis.GetLast();
    if (GetDimension() == 1) {
      for (int b = x0; b <= x1; ++b) f(b);
      return;
    }
    for (int by = fYaxis.GetFirst(); by <= fYaxis.GetLast(); ++by)
      for (int bx = x0; bx <= x1; ++bx) f(GetBin(bx, by));
  }
  // As ROOT's CheckConsistency: the same bins over the same ranges.
  bool compatible(const TH1 *h, const char *what) const {
    if (!h || h->fArray.size() != fArray.size() || h->GetNbinsX() != GetNbinsX()) {
      std::fprintf(stderr, "Error in <%s::%s>: Attempt to %s histograms with different number of bins\n", ClassName(), what, what);
      return false;
    }
    if (!sameAxis(fXaxis, h->fXaxis) || (GetDimension() == 2 && !sameAxis(fYaxis, h->fYaxis))) {
      std::fprintf(stderr, "Error in <%s::%s>: Attempt to %s histograms with different axis limits\n", ClassName(), what, what);
      return false;
    }
    return true;
  }
  static bool sameAxis(const TAxis &a, const TAxis &b) {
    auto close = [](double x, double y) { return std::fabs(x - y) <= 1e-10 * std::fmax(1.0, std::fmax(std::fabs(x), std::fabs(y))); };
    if (!close(a.GetXmin(), b.GetXmin()) || !close(a.GetXmax(), b.GetXmax())) return false;
    for (int i = 1; i <= a.GetNbins() + 1; ++i)
      if (!close(a.GetBinLowEdge(i), b.GetBinLowEdge(i))) return false;
    return true;
  }
  template <class Op> bool binWise(const TH1 *h, const char *what, Op op) {
    if (!compatible(h, what)) return false;
    Sumw2();
    for (size_t i = 0; i < fArray.size(); ++i) {
      double a = fArray[i], b = h->fArray[i], ea2 = fSumw2[i], eb2 = h->binErrorSquared(int(i));
      double r = op(a, b);
      fArray[i] = r;
      // Relative errors add in quadrature.
      fSumw2[i] = (a != 0 && b != 0) ? r * r * (ea2 / (a * a) + eb2 / (b * b)) : 0;
    }
    fStatsFromBins = true;
    return true;
  }
  void fillRandomFrom(const TF1 &f, int n, TRandom *rng);
};

// Histograms with ROOT's class names; contents are kept as double in all of them.
#define CPPNB_TH1_KIND(Name)                                                                                         \
  class Name : public TH1 {                                                                                           \
  public:                                                                                                             \
    Name() = default;                                                                                                 \
    Name(const char *name, const char *title, int nbins, double xlow, double xup) : TH1(name, title, nbins, xlow, xup) {} \
    Name(const char *name, const char *title, int nbins, const double *edges) : TH1(name, title, nbins, edges) {}     \
    Name(const char *name, const char *title, int nbins, const float *edges) : TH1(name, title, nbins, edges) {}      \
    const char *ClassName() const override { return #Name; }                                                          \
    TH1 *Clone(const char *newname = "") const override { return cloneRenamed(*this, newname); } \
  };
CPPNB_TH1_KIND(TH1D)
CPPNB_TH1_KIND(TH1F)
CPPNB_TH1_KIND(TH1I)
CPPNB_TH1_KIND(TH1S)
CPPNB_TH1_KIND(TH1C)
#undef CPPNB_TH1_KIND

// ---- out-of-class definitions ----

inline void TH1::fillRandomFrom(const TF1 &f, int n, TRandom *rng) {
  if (!rng) rng = gRandom;
  int nb = GetNbinsX();
  std::vector<double> cdf(nb + 1, 0);
  for (int b = 1; b <= nb; ++b) {
    double lo = fXaxis.GetBinLowEdge(b), hi = fXaxis.GetBinUpEdge(b);
    double v = (hi - lo) / 6 * (std::fmax(0.0, f.Eval(lo)) + 4 * std::fmax(0.0, f.Eval((lo + hi) / 2)) + std::fmax(0.0, f.Eval(hi)));
    cdf[b] = cdf[b - 1] + v;
  }
  if (cdf[nb] <= 0) {
    std::fprintf(stderr, "Error in <TH1::FillRandom>: Integral = zero\n");
    return;
  }
  for (int i = 0; i < n; ++i) {
    double u = rng->Rndm() * cdf[nb];
    int b = int(std::lower_bound(cdf.begin() + 1, cdf.end(), u) - cdf.begin());
    b = std::clamp(b, 1, nb);
    Fill(fXaxis.GetBinLowEdge(b) + fXaxis.GetBinWidth(b) * rng->Rndm());
  }
}

inline void TH1::FillRandom(const char *fname, int n, TRandom *rng) {
  if (const TF1 *f = userFunction(fname)) {
    fillRandomFrom(*f, n, rng);
    return;
  }
  TF1 f("__cppnb_fillrandom", fname, fXaxis.GetXmin(), fXaxis.GetXmax());
  fillRandomFrom(f, n, rng);
}

inline void TH1::FillRandom(const TH1 *source, int n, TRandom *rng) {
  if (!rng) rng = gRandom;
  double total = source->Integral();
  if (total <= 0) return;
  std::vector<double> cdf(source->GetNbinsX() + 1, 0);
  for (int b = 1; b <= source->GetNbinsX(); ++b) cdf[b] = cdf[b - 1] + std::fmax(0.0, source->GetBinContent(b));
  for (int i = 0; i < n; ++i) {
    double u = rng->Rndm() * cdf.back();
    int b = std::clamp(int(std::lower_bound(cdf.begin() + 1, cdf.end(), u) - cdf.begin()), 1, source->GetNbinsX());
    Fill(source->GetXaxis()->GetBinLowEdge(b) + source->GetBinWidth(b) * rng->Rndm());
  }
}

inline TFitResultPtr TH1::Fit(const char *fname, Option_t *option, Option_t *goption, double xmin, double xmax) {
  if (TF1 *f = userFunction(fname)) return Fit(f, option, goption, xmin, xmax);
  double lo = fXaxis.DrawnMin(), hi = fXaxis.DrawnMax();
  TF1 f(fname, fname, lo, hi);
  return Fit(&f, option, goption, xmin, xmax);
}

inline TFitResultPtr TH1::Fit(TF1 *f, Option_t *option, Option_t *goption, double xmin, double xmax) {
  if (!f) throw std::invalid_argument("TH1::Fit: no function to fit");
  cppnb::root::FitRequest how = cppnb::root::FitRequest::forHistogram(option);
  const cppnb::root::FitOptions &o = how.options;
  double lo = fXaxis.DrawnMin(), hi = fXaxis.DrawnMax();
  if (xmin < xmax) lo = xmin, hi = xmax;
  else if (o.range) lo = f->GetXmin(), hi = f->GetXmax();
  std::vector<cppnb::root::FitPoint> pts;
  for (int b = 1; b <= GetNbinsX(); ++b) {
    double x = fXaxis.GetBinCenter(b), e = how.binError(GetBinError(b));
    if (x < lo || x > hi || e <= 0) continue;
    cppnb::root::FitPoint pt{x, fArray[b], e};
    pt.halfWidth = fXaxis.GetBinWidth(b) / 2;
    pts.push_back(pt);
  }
  TFitResultPtr r = cppnb::root::fitPoints(*f, pts, how);
  TF1 fitted(*f);
  fitted.SetRange(lo, hi);
  if (!o.noStore) {
    for (auto i = fFunctions.begin(); i != fFunctions.end();)
      i = std::string(i->GetName()) == f->GetName() || !o.add ? fFunctions.erase(i) : std::next(i);
    fFunctions.push_back(fitted);
  }
  // ROOT draws what it fitted, unless told not to ("0", "N").
  if (!o.noDraw && !o.noStore) Draw(goption ? goption : "");
  else cppnb::root::touched(this);
  return r;
}

// What a histogram shows as a cell's value: a line like ROOT's Print.
inline std::ostream &operator<<(std::ostream &os, const TH1 &h) {
  os << h.ClassName() << " " << h.GetName() << " \"" << h.GetTitle() << "\": " << h.GetNbinsX();
  if (h.GetDimension() == 2) os << "x" << h.GetNbinsY();
  return os << " bins, " << h.GetEntries() << " entries, mean " << h.GetMean() << ", std dev " << h.GetStdDev();
}

// The newest histogram alive that was booked with this name, or nullptr.
inline TH1 *findHistogramInMemory(const char *name) {
  auto &all = TH1::inMemory();
  for (auto it = all.rbegin(); it != all.rend(); ++it)
    if (std::strcmp((*it)->GetName(), name ? name : "") == 0) return *it;
  return nullptr;
}

} // namespace cppnb::root
