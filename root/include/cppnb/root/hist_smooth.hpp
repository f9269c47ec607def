// TH1::Smooth and TH1::SmoothArray: Velleman's "353QH, twice" smoother, the
// algorithm ROOT names: running medians of 3, 5 and 3 points, the 3-point
// flats replaced by the quadratic through their neighbours, Hanning weights
// (¼ ½ ¼), then the same applied to the residuals and added back ("twice").
#pragma once

#include "histograms.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace cppnb::root {

namespace smoothing {

inline double median3(double a, double b, double c) { return std::max(std::min(a, b), std::min(std::max(a, b), c)); }

// Running medians of span 3 or 5; the ends by the shorter spans and Tukey's
// end-point rule (the median of the end, its neighbour and their extrapolation).
inline std::vector<double> runningMedian(const std::vector<double> &x, int span) {
  size_t n = x.size();
  std::vector<double> y = x;
  if (n < 3) return y;
  for (size_t i = 1; i + 1 < n; ++i) {
    if (span == 5 && i >= 2 && i + 2 < n) {
      double w[5] = {x[i - 2], x[i - 1], x[i], x[i + 1], x[i + 2]};
      std::nth_element(w, w + 2, w + 5);
      y[i] = w[2];
    } else {
      y[i] = median3(x[i - 1], x[i], x[i + 1]);
    }
  }
  y[0] = median3(x[0], y[1], 3 * y[1] - 2 * y[2]);
  y[n - 1] = median3(x[n - 1], y[n - 2], 3 * y[n - 2] - 2 * y[n - 3]);
  return y;
}

// "Q": where three values in a row are equal (a flat a median leaves) and
// the series turns there, the middle one follows the parabola through the
// values beside the flat.
inline void quadraticOnFlats(std::vector<double> &y) {
  size_t n = y.size();
  for (size_t i = 2; i + 2 < n; ++i) {
    if (y[i - 1] != y[i] || y[i] != y[i + 1]) continue;
    double left = y[i - 2] - y[i], right = y[i + 2] - y[i];
    if (left * right <= 0) continue; // not a peak or a valley
    // Parabola through (-2, y[i-2]), (0, ·), (+2, y[i+2]) with its vertex
    // level with the flat's ends: the middle moves by the mean of the sides / 4.
    y[i] += (left + right) / 8;
  }
}

inline std::vector<double> hanning(const std::vector<double> &x) {
  std::vector<double> y = x;
  for (size_t i = 1; i + 1 < x.size(); ++i) y[i] = 0.25 * x[i - 1] + 0.5 * x[i] + 0.25 * x[i + 1];
  return y;
}

inline std::vector<double> smooth353QH(const std::vector<double> &x) {
  std::vector<double> y = runningMedian(runningMedian(runningMedian(x, 3), 5), 3);
  quadraticOnFlats(y);
  return hanning(y);
}

inline std::vector<double> smooth353QHTwice(const std::vector<double> &x) {
  std::vector<double> z = smooth353QH(x), r(x.size());
  for (size_t i = 0; i < x.size(); ++i) r[i] = x[i] - z[i];
  std::vector<double> rz = smooth353QH(r);
  for (size_t i = 0; i < x.size(); ++i) z[i] += rz[i];
  return z;
}

} // namespace smoothing

inline void TH1::SmoothArray(int n, double *xx, int ntimes) {
  if (n < 3 || !xx) {
    std::fprintf(stderr, "Error in <TH1::SmoothArray>: need at least 3 points to smooth\n");
    return;
  }
  std::vector<double> x(xx, xx + n);
  for (int k = 0; k < ntimes; ++k) x = smoothing::smooth353QHTwice(x);
  std::copy(x.begin(), x.end(), xx);
}

inline void TH1::Smooth(int ntimes, Option_t *option) {
  if (GetDimension() != 1) {
    std::fprintf(stderr, "Error in <TH1::Smooth>: smooth only supported for 1-d histograms\n");
    return;
  }
  // "R": only the bins of the axis's range.
  bool range = lower(option ? option : "").find('r') != std::string::npos;
  int first = range ? fXaxis.GetFirst() : 1, last = range ? fXaxis.GetLast() : GetNbinsX();
  int n = last - first + 1;
  if (n < 3) {
    std::fprintf(stderr, "Error in <TH1::Smooth>: smooth only supported for histograms with >= 3 bins. Nbins = %d\n", n);
    return;
  }
  std::vector<double> x;
  for (int b = first; b <= last; ++b) x.push_back(GetBinContent(b));
  SmoothArray(n, x.data(), ntimes);
  double entries = GetEntries();
  for (int b = first; b <= last; ++b) SetBinContent(b, x[size_t(b - first)]);
  SetEntries(entries);
}

} // namespace cppnb::root
