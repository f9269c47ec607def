// TMath: the mathematical functions and constants of ROOT's namespace.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "special_functions.hpp"

namespace cppnb::root {

namespace TMath {

constexpr double Pi() { return 3.14159265358979323846; }
constexpr double TwoPi() { return 2 * Pi(); }
constexpr double PiOver2() { return Pi() / 2; }
constexpr double PiOver4() { return Pi() / 4; }
constexpr double E() { return 2.71828182845904523536; }
constexpr double Ln10() { return 2.30258509299404568402; }
constexpr double DegToRad() { return Pi() / 180; }
constexpr double RadToDeg() { return 180 / Pi(); }
constexpr double C() { return 2.99792458e8; }
constexpr double H() { return 6.62607015e-34; }
constexpr double K() { return 1.380649e-23; }
constexpr double Na() { return 6.02214076e23; }
inline double Infinity() { return std::numeric_limits<double>::infinity(); }
inline double QuietNaN() { return std::numeric_limits<double>::quiet_NaN(); }

inline double Sqrt(double x) { return std::sqrt(x); }
inline double Sq(double x) { return x * x; }
inline double Exp(double x) { return std::exp(x); }
inline double Log(double x) { return std::log(x); }
inline double Log10(double x) { return std::log10(x); }
inline double Log2(double x) { return std::log2(x); }
inline double Power(double x, double y) { return std::pow(x, y); }
inline double Sin(double x) { return std::sin(x); }
inline double Cos(double x) { return std::cos(x); }
inline double Tan(double x) { return std::tan(x); }
inline double ASin(double x) { return std::asin(x); }
inline double ACos(double x) { return std::acos(x); }
inline double ATan(double x) { return std::atan(x); }
inline double ATan2(double y, double x) { return std::atan2(y, x); }
inline double SinH(double x) { return std::sinh(x); }
inline double CosH(double x) { return std::cosh(x); }
inline double TanH(double x) { return std::tanh(x); }
inline double Hypot(double x, double y) { return std::hypot(x, y); }
inline double Floor(double x) { return std::floor(x); }
inline double Ceil(double x) { return std::ceil(x); }
inline int Nint(double x) { return int(std::lround(x)); }
inline double Erf(double x) { return std::erf(x); }
inline double Erfc(double x) { return std::erfc(x); }
inline double Gamma(double x) { return std::tgamma(x); }
inline double LnGamma(double x) { return std::lgamma(x); }
inline double Beta(double a, double b) { return std::exp(std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b)); }
// The regularized incomplete beta function I_x(a, b).
inline double BetaIncomplete(double x, double a, double b) { return special::betaIncomplete(x, a, b); }
inline bool IsNaN(double x) { return std::isnan(x); }
inline bool Finite(double x) { return std::isfinite(x); }
template <class T> T Abs(T x) { return x < 0 ? -x : x; }
template <class T> T Min(T a, T b) { return a < b ? a : b; }
template <class T> T Max(T a, T b) { return a > b ? a : b; }
template <class T> T Sign(T a, T b) { return b >= 0 ? Abs(a) : -Abs(a); }

// exp(-(x-mean)²/2σ²), divided by √(2π)σ when norm is true.
inline double Gaus(double x, double mean = 0, double sigma = 1, bool norm = false) {
  if (sigma == 0) return 1.e30;
  double z = (x - mean) / sigma;
  double g = std::exp(-0.5 * z * z);
  return norm ? g / (2.50662827463100024 * sigma) : g;
}

// Moyal's approximation of the Landau density (ROOT's is a tabulated fit).
inline double Landau(double x, double mpv = 0, double sigma = 1, bool norm = false) {
  if (sigma <= 0) return 0;
  double l = (x - mpv) / sigma;
  double v = std::exp(-0.5 * (l + std::exp(-l)));
  return norm ? v / (2.50662827463100024 * sigma) : v;
}

// The relativistic Breit-Wigner density, normalised, as ROOT's.
inline double BreitWignerRelativistic(double x, double median = 0, double gamma = 1) {
  double mm = median * median, mg = median * gamma, xxmm = x * x - mm;
  double y = std::sqrt(mm * (mm + gamma * gamma));
  double k = 0.90031631615710606 * mg * y / std::sqrt(mm + y); // 2√2/π
  return k / (xxmm * xxmm + mg * mg);
}
inline double BreitWigner(double x, double mean = 0, double gamma = 1) {
  double g2 = gamma / 2;
  return g2 / (Pi() * ((x - mean) * (x - mean) + g2 * g2));
}

inline double Poisson(double x, double mean) {
  if (x < 0 || mean < 0) return 0;
  if (x == 0) return std::exp(-mean);
  return std::exp(x * std::log(mean) - mean - std::lgamma(x + 1));
}

inline double Binomial(int n, int k) {
  if (k < 0 || k > n) return 0;
  return std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0));
}

inline double Factorial(int n) { return n < 0 ? 0 : std::tgamma(n + 1.0); }

// The probability that a χ² with ndf degrees of freedom exceeds chi2.
inline double Prob(double chi2, int ndf) {
  if (ndf <= 0) return 0;
  if (chi2 <= 0) return 1;
  return special::gammaPQ(ndf / 2.0, chi2 / 2.0).second;
}

template <class T> double Mean(long n, const T *a) {
  if (n <= 0) return 0;
  double s = 0;
  for (long i = 0; i < n; ++i) s += a[i];
  return s / n;
}
template <class It> double Mean(It first, It last) {
  double s = 0;
  long n = 0;
  for (; first != last; ++first, ++n) s += *first;
  return n ? s / n : 0;
}
template <class T> double StdDev(long n, const T *a) {
  if (n <= 1) return 0;
  double m = Mean(n, a), s = 0;
  for (long i = 0; i < n; ++i) s += (a[i] - m) * (a[i] - m);
  return std::sqrt(s / (n - 1));
}
template <class T> double RMS(long n, const T *a) { return StdDev(n, a); }
template <class T> double Median(long n, const T *a) {
  if (n <= 0) return 0;
  std::vector<double> v(a, a + n);
  std::sort(v.begin(), v.end());
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}
template <class T> T MinElement(long n, const T *a) { return *std::min_element(a, a + n); }
template <class T> T MaxElement(long n, const T *a) { return *std::max_element(a, a + n); }
template <class T> long LocMin(long n, const T *a) { return n > 0 ? long(std::min_element(a, a + n) - a) : -1; }
template <class T> long LocMax(long n, const T *a) { return n > 0 ? long(std::max_element(a, a + n) - a) : -1; }

} // namespace TMath

} // namespace cppnb::root
