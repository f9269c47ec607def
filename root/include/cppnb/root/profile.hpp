// TProfile: the mean of y (and its error) in bins of x, as ROOT's. It keeps
// ROOT's sums per bin (Σw·y, Σw·y², Σw, Σw²) and shows each bin's mean as
// the histogram's content and its error as the histogram's error, so that
// drawing, fitting and the statistics see what ROOT shows of a profile.
#pragma once

#include "histograms.hpp"

namespace cppnb::root {

class TProfile : public TH1D {
public:
  TProfile() = default;
  TProfile(const char *name, const char *title, int nbins, double xlow, double xup, Option_t *option = "")
      : TH1D(name, title, nbins, xlow, xup) {
    init(option);
  }
  TProfile(const char *name, const char *title, int nbins, double xlow, double xup, double ylow, double yup, Option_t *option = "")
      : TH1D(name, title, nbins, xlow, xup), fYmin(ylow), fYmax(yup) {
    init(option);
  }
  TProfile(const char *name, const char *title, int nbins, const double *edges, Option_t *option = "")
      : TH1D(name, title, nbins, edges) {
    init(option);
  }
  TProfile(const char *name, const char *title, int nbins, const float *edges, Option_t *option = "")
      : TH1D(name, title, nbins, edges) {
    init(option);
  }
  const char *ClassName() const override { return "TProfile"; }
  TH1 *Clone(const char *newname = "") const override { return cloneRenamed(*this, newname); }

  // ---- filling: y at x, with weight w ----
  int Fill(double) override {
    std::fprintf(stderr, "Error in <TProfile::Fill>: Invalid signature - do nothing (a profile needs x and y)\n");
    return -1;
  }
  int Fill(double x, double y) override { return Fill(x, y, 1.0); }
  int Fill(double x, double y, double w) {
    if (fYmin != fYmax && (y < fYmin || y > fYmax || std::isnan(y))) return -1;
    int bin = fXaxis.FindBin(x);
    fBinEntries[size_t(bin)] += w;
    fSumWY[size_t(bin)] += w * y;
    fSumWY2[size_t(bin)] += w * y * y;
    fBinSumw2[size_t(bin)] += w * w;
    refresh(bin);
    ++fEntries;
    if (bin >= 1 && bin <= fXaxis.GetNbins()) addStats(w, x, y);
    return bin;
  }

  // ---- per bin ----
  double GetBinEntries(int bin) const { return at(fBinEntries, bin); }
  double GetBinEffectiveEntries(int bin) const {
    double w2 = at(fBinSumw2, bin);
    return w2 > 0 ? at(fBinEntries, bin) * at(fBinEntries, bin) / w2 : 0;
  }
  // "" (the error of the mean, the default), "s" (the spread), "i" (as "",
  // with 1/√12 for a bin whose values are all equal), "g" (1/√Σw).
  void SetErrorOption(Option_t *option = "") {
    fErrorMode = lower(option ? option : "");
    for (int b = 0; b < int(fArray.size()); ++b) refresh(b);
  }
  Option_t *GetErrorOption() const { return fErrorMode.c_str(); }
  double GetYmin() const { return fYmin; }
  double GetYmax() const { return fYmax; }

  // A TH1D of the means with their errors (option: the error option to use).
  TH1D *ProjectionX(const char *name = "_px", Option_t *option = "e") const {
    std::string n = name ? name : "_px";
    if (n == "_px") n = fName + "_px";
    TH1D *h = fXaxis.IsVariableBinSize() ? new TH1D(n.c_str(), fTitle.c_str(), fXaxis.GetNbins(), edges().data())
                                         : new TH1D(n.c_str(), fTitle.c_str(), fXaxis.GetNbins(), fXaxis.GetXmin(), fXaxis.GetXmax());
    std::string opt = lower(option ? option : "");
    TProfile copy(*this);
    if (opt.find('s') != std::string::npos) copy.SetErrorOption("s");
    else if (opt.find('i') != std::string::npos) copy.SetErrorOption("i");
    else if (opt.find('g') != std::string::npos) copy.SetErrorOption("g");
    else copy.SetErrorOption("");
    for (int b = 0; b < int(fArray.size()); ++b) {
      h->SetBinContent(b, copy.fArray[size_t(b)]);
      h->SetBinError(b, std::sqrt(copy.fSumw2[size_t(b)]));
    }
    h->SetEntries(fEntries);
    return h;
  }

  void Reset(Option_t *option = "") {
    TH1::Reset(option);
    for (auto *v : {&fBinEntries, &fSumWY, &fSumWY2, &fBinSumw2}) std::fill(v->begin(), v->end(), 0.0);
  }

  void Print(Option_t * = "") const override {
    std::printf("TH1.Print Name  = %s, Entries= %d, Total sum= %g\n", GetName(), int(fEntries), Integral());
  }

  friend struct FileRecords;

private:
  void init(Option_t *option) {
    size_t n = fArray.size();
    fBinEntries.assign(n, 0), fSumWY.assign(n, 0), fSumWY2.assign(n, 0), fBinSumw2.assign(n, 0);
    fSumw2.assign(n, 0);
    fErrorMode = lower(option ? option : "");
  }
  static double at(const std::vector<double> &v, int bin) { return bin >= 0 && bin < int(v.size()) ? v[size_t(bin)] : 0; }
  std::vector<double> edges() const {
    std::vector<double> e;
    for (int b = 1; b <= fXaxis.GetNbins() + 1; ++b) e.push_back(fXaxis.GetBinLowEdge(b));
    return e;
  }
  // The bin's mean as its content, its error (by the error option) squared as its Sumw2.
  void refresh(int bin) {
    size_t b = size_t(bin);
    double sum = fBinEntries[b];
    if (sum == 0) {
      fArray[b] = 0, fSumw2[b] = 0;
      return;
    }
    double mean = fSumWY[b] / sum;
    double spread = std::sqrt(std::fabs(fSumWY2[b] / sum - mean * mean));
    double neff = fBinSumw2[b] > 0 ? sum * sum / fBinSumw2[b] : sum;
    double error = spread / std::sqrt(neff);
    if (fErrorMode == "s") error = spread;
    else if (fErrorMode == "i" && spread == 0) error = 1 / std::sqrt(12 * neff);
    else if (fErrorMode == "g") error = 1 / std::sqrt(sum);
    fArray[b] = mean;
    fSumw2[b] = error * error;
  }
  // From a file: ROOT's sums per bin, the means and errors made from them.
  void setSums(std::vector<double> sumWY, std::vector<double> sumWY2, std::vector<double> entries, std::vector<double> sumw2) {
    size_t n = fArray.size();
    fSumWY = std::move(sumWY), fSumWY2 = std::move(sumWY2), fBinEntries = std::move(entries), fBinSumw2 = std::move(sumw2);
    if (fBinSumw2.empty()) fBinSumw2 = fBinEntries; // unweighted fills: Σw² = Σw
    for (auto *v : {&fSumWY, &fSumWY2, &fBinEntries, &fBinSumw2}) v->resize(n, 0);
    fSumw2.assign(n, 0);
    for (int b = 0; b < int(n); ++b) refresh(b);
  }
  int errorModeNumber() const { return fErrorMode == "s" ? 1 : fErrorMode == "i" ? 2 : fErrorMode == "g" ? 3 : 0; }
  static const char *errorModeOption(int mode) { return mode == 1 ? "s" : mode == 2 ? "i" : mode == 3 ? "g" : ""; }

  std::vector<double> fBinEntries, fSumWY, fSumWY2, fBinSumw2;
  double fYmin = 0, fYmax = 0;
  std::string fErrorMode;
};

inline TProfile *TH2::ProfileX(const char *name, int first, int last, Option_t *option) const {
  return profileAlong(true, name, first, last, option);
}
inline TProfile *TH2::ProfileY(const char *name, int first, int last, Option_t *option) const {
  return profileAlong(false, name, first, last, option);
}

// The mean of the other coordinate in each bin of the x (onX) or y axis, the
// bins' centres weighted by their contents, over the other axis's bins first…last.
inline TProfile *TH2::profileAlong(bool onX, const char *name, int first, int last, Option_t *option) const {
  std::string n = name ? name : "";
  if (n == "_pfx" || n == "_pfy") n = fName + n;
  const TAxis &along = onX ? fXaxis : fYaxis, &across = onX ? fYaxis : fXaxis;
  std::vector<double> edges;
  for (int b = 1; b <= along.GetNbins() + 1; ++b) edges.push_back(along.GetBinLowEdge(b));
  auto *p = new TProfile(n.c_str(), fTitle.c_str(), along.GetNbins(), edges.data(), option);
  if (last < first) first = 1, last = across.GetNbins();
  for (int i = 0; i <= along.GetNbins() + 1; ++i)
    for (int j = first; j <= last; ++j)
      if (double w = onX ? GetBinContent(i, j) : GetBinContent(j, i); w != 0) p->Fill(along.GetBinCenter(i), across.GetBinCenter(j), w);
  return p;
}

} // namespace cppnb::root
