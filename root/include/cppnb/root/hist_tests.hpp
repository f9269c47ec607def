// Comparing two histograms as ROOT's TH1 does: Chi2Test (Gagunashvili's χ²
// for unweighted/weighted pairs, "UU" "UW" "WW"), KolmogorovTest (over the
// binned cumulative distributions, with the effective entries) and
// AndersonDarlingTest (Scholz & Stephens' k-sample test for binned, tied
// data, k = 2). Over the bins of the axes' ranges; "UF"/"OF" (Chi2Test) or
// "U"/"O" (KolmogorovTest) add the underflow and overflow.
#pragma once

#include "histograms.hpp"
#include "minimizer.hpp"
#include "tmath_distributions.hpp"

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace cppnb::root {

namespace comparison {

// The bins compared, in order: the axes' ranges, with under/overflow if asked.
inline std::vector<int> binsOf(const TH1 &h, bool under, bool over) {
  std::vector<int> bins;
  const TAxis &x = *h.GetXaxis();
  int x0 = x.GetFirst(), x1 = x.GetLast();
  if (under) --x0;
  if (over) ++x1;
  if (h.GetDimension() == 1) {
    for (int b = x0; b <= x1; ++b) bins.push_back(b);
    return bins;
  }
  const TAxis &y = *h.GetYaxis();
  int y0 = y.GetFirst(), y1 = y.GetLast();
  if (under) --y0;
  if (over) ++y1;
  for (int by = y0; by <= y1; ++by)
    for (int bx = x0; bx <= x1; ++bx) bins.push_back(h.GetBin(bx, by));
  return bins;
}

inline bool sameBinning(const TH1 &a, const TH1 &b, const char *who) {
  if (a.GetDimension() == b.GetDimension() && a.GetNbinsX() == b.GetNbinsX() && a.GetNbinsY() == b.GetNbinsY()) return true;
  std::fprintf(stderr, "Error in <TH1::%s>: the histograms have different numbers of bins\n", who);
  return false;
}

// Scholz & Stephens' p-value of the standardized k-sample statistic t: the
// log-odds of their critical values (α = 0.25 … 0.01 for m = k - 1) fitted by a
// parabola in t, as ROOT's GoFTest interpolates them.
inline double andersonDarlingPValue(double t, int k) {
  const double alpha[5] = {0.25, 0.10, 0.05, 0.025, 0.01};
  const double b0[5] = {0.675, 1.281, 1.645, 1.960, 2.326}, b1[5] = {-0.245, 0.250, 0.678, 1.149, 1.822},
               b2[5] = {-0.105, -0.305, -0.362, -0.391, -0.396};
  double m = std::max(1, k - 1);
  double s[5] = {0}, sy[3] = {0};
  for (int i = 0; i < 5; ++i) {
    double tc = b0[i] + b1[i] / std::sqrt(m) + b2[i] / m, y = std::log(alpha[i] / (1 - alpha[i]));
    double p = 1;
    for (int e = 0; e < 5; ++e) s[e] += p, p *= tc;
    sy[0] += y, sy[1] += y * tc, sy[2] += y * tc * tc;
  }
  std::vector<std::vector<double>> a = {{s[0], s[1], s[2]}, {s[1], s[2], s[3]}, {s[2], s[3], s[4]}};
  if (!invert(a)) return 0;
  double c[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) c[i] += a[size_t(i)][size_t(j)] * sy[j];
  // Outside the table the parabola is continued by its tangent at the end.
  double tLow = b0[0] + b1[0] / std::sqrt(m) + b2[0] / m, tHigh = b0[4] + b1[4] / std::sqrt(m) + b2[4] / m;
  double at = std::clamp(t, tLow, tHigh);
  double logOdds = c[0] + c[1] * at + c[2] * at * at + (c[1] + 2 * c[2] * at) * (t - at);
  return 1 / (1 + std::exp(-logOdds));
}

} // namespace comparison

inline double TH1::Chi2TestX(const TH1 *h2, double &chi2, int &ndf, int &igood, Option_t *option, double *res) const {
  chi2 = 0, ndf = 0, igood = 0;
  if (!h2 || !comparison::sameBinning(*this, *h2, "Chi2Test")) return -1;
  std::string o = lower(option ? option : "");
  bool uw = o.find("uw") != std::string::npos, wu = o.find("wu") != std::string::npos, ww = o.find("ww") != std::string::npos;
  const TH1 *a = this, *b = h2;
  if (wu) std::swap(a, b), uw = true; // the unweighted one first
  std::vector<int> bins = comparison::binsOf(*this, o.find("uf") != std::string::npos, o.find("of") != std::string::npos);
  double sum1 = 0, sum2 = 0;
  for (int bin : bins) sum1 += a->GetBinContent(bin), sum2 += b->GetBinContent(bin);
  if (sum1 <= 0 || sum2 <= 0) {
    std::fprintf(stderr, "Error in <TH1::Chi2TestX>: one histogram is empty\n");
    return -1;
  }
  ndf = int(bins.size()) - 1;
  for (size_t i = 0; i < bins.size(); ++i) {
    int bin = bins[i];
    double n1 = a->GetBinContent(bin), n2 = b->GetBinContent(bin);
    double residual = 0;
    if (uw) {
      double s2 = b->GetBinError(bin) * b->GetBinError(bin);
      if (n1 == 0 && n2 == 0) {
        --ndf;
      } else if (s2 <= 0) {
        --ndf, igood = 1; // a weighted bin without error: left out
      } else {
        double v = sum2 * n2 - sum1 * s2;
        double p = (v + std::sqrt(v * v + 4 * sum2 * sum2 * s2 * n1)) / (2 * sum2 * sum2);
        double e1 = sum1 * p;
        chi2 += (n1 - e1) * (n1 - e1) / e1 + (n2 - sum2 * p) * (n2 - sum2 * p) / s2;
        residual = (n1 - e1) / std::sqrt(e1);
      }
    } else if (ww) {
      double s1 = a->GetBinError(bin) * a->GetBinError(bin), s2 = b->GetBinError(bin) * b->GetBinError(bin);
      double den = sum1 * sum1 * s2 + sum2 * sum2 * s1;
      if (den <= 0) {
        --ndf;
      } else {
        double d = sum1 * n2 - sum2 * n1;
        chi2 += d * d / den;
        residual = -d / std::sqrt(den);
      }
    } else {
      double both = n1 + n2;
      if (both == 0) {
        --ndf;
      } else {
        double d = sum2 * n1 - sum1 * n2;
        chi2 += d * d / both;
        double e1 = both * sum1 / (sum1 + sum2);
        residual = (n1 - e1) / std::sqrt(e1) / std::sqrt((1 - sum1 / (sum1 + sum2)) * (1 - both / (sum1 + sum2)));
        if (n1 < 1 || n2 < 1) igood = std::max(igood, 1);
      }
    }
    if (res) res[i] = residual;
  }
  if (!uw && !ww) chi2 /= sum1 * sum2;
  if (ndf <= 0) {
    std::fprintf(stderr, "Error in <TH1::Chi2TestX>: no degrees of freedom\n");
    return -1;
  }
  return TMath::Prob(chi2, ndf);
}

inline double TH1::Chi2Test(const TH1 *h2, Option_t *option, double *res) const {
  double chi2 = 0;
  int ndf = 0, igood = 0;
  double prob = Chi2TestX(h2, chi2, ndf, igood, option, res);
  std::string o = lower(option ? option : "");
  if (o.find('p') != std::string::npos) {
    std::printf("Chi2 = %f, Prob = %g, NDF = %d, igood = %d\n", chi2, prob, ndf, igood);
    std::fflush(stdout);
  }
  if (o.find("chi2/ndf") != std::string::npos) return ndf > 0 ? chi2 / ndf : 0;
  if (o.find("chi2") != std::string::npos) return chi2;
  return prob;
}

inline double TH1::KolmogorovTest(const TH1 *h2, Option_t *option) const {
  if (!h2 || !comparison::sameBinning(*this, *h2, "KolmogorovTest")) return 0;
  std::string o;
  for (const char *c = option ? option : ""; *c; ++c) o += char(std::toupper(static_cast<unsigned char>(*c)));
  std::vector<int> bins = comparison::binsOf(*this, o.find('U') != std::string::npos, o.find('O') != std::string::npos);
  double sum1 = 0, sum2 = 0, w1 = 0, w2 = 0;
  for (int bin : bins) {
    sum1 += GetBinContent(bin), sum2 += h2->GetBinContent(bin);
    w1 += GetBinError(bin) * GetBinError(bin), w2 += h2->GetBinError(bin) * h2->GetBinError(bin);
  }
  if (sum1 == 0 || sum2 == 0) {
    std::fprintf(stderr, "Error in <TH1::KolmogorovTest>: histogram%s %s empty\n", sum1 == 0 ? "1" : "2", sum1 == 0 ? GetName() : h2->GetName());
    return 0;
  }
  // A histogram without errors is a function: only the other one's entries count.
  bool function1 = w1 <= 0, function2 = w2 <= 0;
  if (function1 && function2) {
    std::fprintf(stderr, "Error in <TH1::KolmogorovTest>: both histograms have no errors (two functions)\n");
    return 0;
  }
  double esum1 = function1 ? 0 : sum1 * sum1 / w1, esum2 = function2 ? 0 : sum2 * sum2 / w2;
  double r1 = 0, r2 = 0, dmax = 0;
  for (int bin : bins) {
    r1 += GetBinContent(bin) / sum1, r2 += h2->GetBinContent(bin) / sum2;
    dmax = std::max(dmax, std::fabs(r1 - r2));
  }
  double z = function1 ? dmax * std::sqrt(esum2) : function2 ? dmax * std::sqrt(esum1) : dmax * std::sqrt(esum1 * esum2 / (esum1 + esum2));
  double prob = TMath::KolmogorovProb(z);
  if (o.find('N') != std::string::npos && !function1 && !function2) {
    // The normalisations compared too, the two probabilities combined.
    double d = esum1 - esum2, p2 = TMath::Prob(d * d / (esum1 + esum2), 1);
    prob = prob > 0 && p2 > 0 ? prob * p2 * (1 - std::log(prob * p2)) : 0;
  }
  if (o.find('D') != std::string::npos) {
    std::printf(" Kolmo Prob  h1 = %s, sum bin content =%g  effective entries =%g\n", GetName(), sum1, esum1);
    std::printf(" Kolmo Prob  h2 = %s, sum bin content =%g  effective entries =%g\n", h2->GetName(), sum2, esum2);
    std::printf(" Kolmo Prob     = %g, Max Dist = %g\n", prob, dmax);
    std::fflush(stdout);
  }
  return o.find('M') != std::string::npos ? dmax : prob;
}

inline double TH1::AndersonDarlingTest(const TH1 *h2, double &advalue) const {
  advalue = 0;
  if (!h2 || !comparison::sameBinning(*this, *h2, "AndersonDarlingTest")) return 0;
  std::vector<int> bins = comparison::binsOf(*this, false, false);
  // Counts per bin (the bins are the tied values), empty bins dropped.
  std::vector<double> f1, f2;
  for (int bin : bins) {
    double a = GetBinContent(bin), b = h2->GetBinContent(bin);
    if (a + b > 0) f1.push_back(a), f2.push_back(b);
  }
  double n1 = 0, n2 = 0;
  for (size_t j = 0; j < f1.size(); ++j) n1 += f1[j], n2 += f2[j];
  double n = n1 + n2;
  if (n1 <= 0 || n2 <= 0 || n < 4) {
    std::fprintf(stderr, "Error in <TH1::AndersonDarlingTest>: a histogram is empty\n");
    return 0;
  }
  // A²akN, the midrank form for ties (Scholz & Stephens, eq. 7).
  double a2 = 0, m1 = 0, m2 = 0, before = 0;
  for (size_t j = 0; j < f1.size(); ++j) {
    double l = f1[j] + f2[j], b = before + l / 2;
    double ma1 = m1 + f1[j] / 2, ma2 = m2 + f2[j] / 2;
    double den = b * (n - b) - n * l / 4;
    if (den > 0) a2 += l * ((n * ma1 - n1 * b) * (n * ma1 - n1 * b) / n1 + (n * ma2 - n2 * b) * (n * ma2 - n2 * b) / n2) / den;
    m1 += f1[j], m2 += f2[j], before += l;
  }
  a2 *= (n - 1) / (n * n);
  // Standardised with the statistic's variance for k = 2 samples.
  const double k = 2, hSum = 1 / n1 + 1 / n2;
  double h = 0, g = 0;
  for (double i = 1; i <= n - 1; ++i) h += 1 / i;
  // g = Σ_{i<j<N} 1/((N-i) j), summed as Σ_j (1/j) Σ_{i<j} 1/(N-i).
  for (double j = 2, inner = 0; j <= n - 1; ++j) inner += 1 / (n - (j - 1)), g += inner / j;
  double ca = (4 * g - 6) * (k - 1) + (10 - 6 * g) * hSum;
  double cb = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * hSum - 8 * h + 4 * g - 6;
  double cc = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * hSum + 4 * h;
  double cd = (2 * h + 6) * k * k - 4 * h * k;
  double variance = (ca * n * n * n + cb * n * n + cc * n + cd) / ((n - 1) * (n - 2) * (n - 3));
  double t = (a2 - (k - 1)) / std::sqrt(variance);
  advalue = t;
  return comparison::andersonDarlingPValue(t, 2);
}

inline double TH1::AndersonDarlingTest(const TH1 *h2, Option_t *option) const {
  double t = 0, p = AndersonDarlingTest(h2, t);
  std::string o = lower(option ? option : "");
  if (o.find('d') != std::string::npos) {
    std::printf(" AndersonDarlingTest Prob     = %g, AD TestStatistic  = %g\n", p, t);
    std::fflush(stdout);
  }
  return o.find('t') != std::string::npos ? t : p;
}

} // namespace cppnb::root
