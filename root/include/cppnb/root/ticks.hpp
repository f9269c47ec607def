// Where an axis puts its ticks and how it labels them: "nice" steps of 1, 2
// or 5 times a power of ten, about as many as ROOT's default 510 divisions
// give (up to 10 labelled ticks, 5 small ones between), and decades on a log axis.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace cppnb::root {

struct Ticks {
  std::vector<double> major, minor;
  std::vector<std::string> labels;
};

inline double niceStep(double range, int maxDivisions) {
  double raw = range / maxDivisions;
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * mag >= raw * (1 - 1e-9)) return m * mag;
  return 10 * mag;
}

inline std::string tickLabel(double v, double step) {
  if (std::fabs(v) < step * 1e-9) v = 0;
  char buf[32];
  double a = std::fabs(v);
  if (a != 0 && (a >= 1e5 || a < 1e-3)) {
    std::snprintf(buf, sizeof buf, "%g", v);
  } else {
    int decimals = step >= 1 ? 0 : int(std::ceil(-std::log10(step) - 1e-9));
    if (std::fabs(step * std::pow(10, decimals) - std::round(step * std::pow(10, decimals))) > 1e-6) ++decimals;
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  }
  return buf;
}

inline Ticks linearTicks(double lo, double hi, int maxDivisions = 10) {
  Ticks t;
  if (!(hi > lo)) return t;
  double step = niceStep(hi - lo, maxDivisions);
  double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
  double minorStep = step / (std::fabs(mantissa - 2) < 1e-9 ? 4 : 5);
  double eps = (hi - lo) * 1e-9;
  for (double v = std::ceil((lo - eps) / step) * step; v <= hi + eps; v += step) {
    t.major.push_back(v);
    t.labels.push_back(tickLabel(v, step));
  }
  for (double v = std::ceil((lo - eps) / minorStep) * minorStep; v <= hi + eps; v += minorStep) t.minor.push_back(v);
  return t;
}

// 10⁴, 10⁻³: exponents in Unicode superscript digits (UTF-8).
inline std::string superscript(int n) {
  static const char *digits[] = {"\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074", "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"};
  std::string s = n < 0 ? "\u207b" : "";
  std::string d = std::to_string(n < 0 ? -n : n);
  for (char c : d) s += digits[c - '0'];
  return s;
}

inline Ticks logTicks(double lo, double hi) {
  Ticks t;
  if (!(hi > lo) || lo <= 0) return t;
  int d0 = int(std::floor(std::log10(lo))), d1 = int(std::ceil(std::log10(hi)));
  for (int d = d0; d <= d1; ++d) {
    double p = std::pow(10.0, d);
    if (p >= lo * (1 - 1e-9) && p <= hi * (1 + 1e-9)) {
      t.major.push_back(p);
      char buf[32];
      if (d >= -2 && d <= 3) {
        std::snprintf(buf, sizeof buf, "%g", p);
        t.labels.push_back(buf);
      } else {
        t.labels.push_back("10" + superscript(d));
      }
    }
    for (int m = 2; m <= 9; ++m)
      if (m * p >= lo && m * p <= hi) t.minor.push_back(m * p);
  }
  return t;
}

} // namespace cppnb::root
