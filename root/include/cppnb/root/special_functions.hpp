// The special functions ROOT's statistics are built on: the regularized
// incomplete gamma and beta functions, and the inversion of a monotone
// distribution function that every quantile uses. One place for each, so
// TMath's and ROOT::Math's distributions agree to the last digit.
#pragma once

#include <cmath>
#include <limits>
#include <utility>

namespace cppnb::root::special {

// P(a, x) and Q(a, x) = 1 - P, each computed on the side where it is
// accurate: the series for x < a + 1, the continued fraction (Lentz) above.
inline std::pair<double, double> gammaPQ(double a, double x) {
  if (!(a > 0) || std::isnan(x)) return {std::nan(""), std::nan("")};
  if (x <= 0) return {0, 1};
  if (std::isinf(x)) return {1, 0};
  double front = std::exp(-x + a * std::log(x) - std::lgamma(a));
  if (x < a + 1) {
    double sum = 1 / a, term = sum;
    for (int n = 1; n < 1000; ++n) {
      term *= x / (a + n);
      sum += term;
      if (std::fabs(term) < std::fabs(sum) * 1e-16) break;
    }
    double p = sum * front;
    return {p, 1 - p};
  }
  const double tiny = 1e-300;
  double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
  for (int i = 1; i < 1000; ++i) {
    double an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (std::fabs(d) < tiny) d = tiny;
    c = b + an / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1 / d;
    double del = d * c;
    h *= del;
    if (std::fabs(del - 1) < 1e-16) break;
  }
  double q = front * h;
  return {1 - q, q};
}

// I_x(a, b), the regularized incomplete beta function, by its continued
// fraction (Lentz) on the side where it converges fast.
inline double betaIncomplete(double x, double a, double b) {
  if (std::isnan(x) || !(a > 0) || !(b > 0)) return std::nan("");
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  if (x > (a + 1) / (a + b + 2)) return 1 - betaIncomplete(1 - x, b, a);
  double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x)) / a;
  const double tiny = 1e-300;
  double f = 1, c = 1, d = 0;
  for (int i = 0; i <= 1000; ++i) {
    int m = i / 2;
    double num = i == 0 ? 1 : i % 2 == 0 ? m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)) : -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 + num * d;
    d = std::fabs(d) < tiny ? tiny : d;
    d = 1 / d;
    c = 1 + num / c;
    c = std::fabs(c) < tiny ? tiny : c;
    double cd = c * d;
    f *= cd;
    if (std::fabs(1 - cd) < 1e-15) break;
  }
  return front * (f - 1);
}

// The x in [lo, hi] (widened while it does not bracket) where the increasing
// function f reaches target, by bisection to the last representable digit:
// robust for every distribution, fast enough for a plotted quantile.
template <class F> double solveIncreasing(F f, double target, double lo, double hi, bool lowerBounded = false, bool upperBounded = false) {
  if (std::isnan(target)) return target;
  for (int i = 0; i < 2000 && !upperBounded && f(hi) < target; ++i) hi = hi + 2 * (hi - lo) + 1;
  for (int i = 0; i < 2000 && !lowerBounded && f(lo) > target; ++i) lo = lo - 2 * (hi - lo) - 1;
  for (int i = 0; i < 2000; ++i) {
    double mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    (f(mid) < target ? lo : hi) = mid;
  }
  return lo + (hi - lo) / 2;
}

} // namespace cppnb::root::special
