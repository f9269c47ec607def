// TMath's statistical distributions, special functions and array helpers, with
// ROOT's signatures and defaults (BetaDist, Student, FDist, Bessel…): as C++
// and, since formulas are C++, inside TF1("f", "TMath::BetaDist(x,[0],[1])").
#pragma once

#include <algorithm>
#include <cmath>
#include <numeric>

#include "special_functions.hpp"
#include "tmath.hpp"

namespace cppnb::root::TMath {

// The regularized lower incomplete gamma function P(a, x).
inline double Gamma(double a, double x) { return special::gammaPQ(a, x).first; }

// The normal distribution function, and the inverses of erf and erfc.
inline double Freq(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }
inline double ErfInverse(double x) {
  if (x <= -1) return -Infinity();
  if (x >= 1) return Infinity();
  return special::solveIncreasing([](double t) { return std::erf(t); }, x, -1, 1);
}
inline double ErfcInverse(double x) {
  if (x <= 0) return Infinity();
  if (x >= 2) return -Infinity();
  return special::solveIncreasing([](double t) { return -std::erfc(t); }, -x, -1, 1);
}
// The quantile of the standard normal distribution.
inline double NormQuantile(double p) {
  if (p <= 0) return -Infinity();
  if (p >= 1) return Infinity();
  return p < 0.5 ? special::solveIncreasing([](double t) { return Freq(t); }, p, -2, 0)
                 : special::solveIncreasing([](double t) { return -Freq(-t); }, -(1 - p), 0, 2);
}
inline double ChisquareQuantile(double p, double ndf) {
  if (ndf <= 0 || p <= 0) return 0;
  if (p >= 1) return Infinity();
  return special::solveIncreasing([ndf](double x) { return special::gammaPQ(ndf / 2, x / 2).first; }, p, 0, ndf + 1, true);
}

inline double BetaDist(double x, double p, double q) {
  if (x < 0 || x > 1 || p <= 0 || q <= 0) return 0;
  return std::exp((p - 1) * std::log(x) + (q - 1) * std::log1p(-x) - std::lgamma(p) - std::lgamma(q) + std::lgamma(p + q));
}
inline double BetaDistI(double x, double p, double q) {
  if (x < 0 || x > 1 || p <= 0 || q <= 0) return 0;
  return special::betaIncomplete(x, p, q);
}

inline double LaplaceDist(double x, double alpha = 0, double beta = 1) {
  return std::exp(-std::fabs((x - alpha) / beta)) / (2 * beta);
}
inline double LaplaceDistI(double x, double alpha = 0, double beta = 1) {
  return x <= alpha ? 0.5 * std::exp(-std::fabs((x - alpha) / beta)) : 1 - 0.5 * std::exp(-std::fabs((x - alpha) / beta));
}

inline double CauchyDist(double x, double t = 0, double s = 1) {
  double z = (x - t) / s;
  return 1 / (s * Pi() * (1 + z * z));
}

// The gamma density of shape gamma, location mu and scale beta.
inline double GammaDist(double x, double gamma, double mu = 0, double beta = 1) {
  if (x < mu || gamma <= 0 || beta <= 0) return 0;
  if (x == mu) return gamma == 1 ? 1 / beta : gamma < 1 ? Infinity() : 0;
  double z = (x - mu) / beta;
  return std::exp((gamma - 1) * std::log(z) - z - std::lgamma(gamma)) / beta;
}

// The log-normal density of x - theta with median m and log-width sigma.
inline double LogNormal(double x, double sigma, double theta = 0, double m = 1) {
  if (x <= theta || sigma <= 0 || m <= 0) return 0;
  double l = std::log((x - theta) / m);
  return std::exp(-l * l / (2 * sigma * sigma)) / ((x - theta) * sigma * std::sqrt(TwoPi()));
}

// Student's t with ndf degrees of freedom: density, distribution, quantile.
inline double Student(double T, double ndf) {
  if (ndf < 1) return 0;
  return std::exp(std::lgamma((ndf + 1) / 2) - std::lgamma(ndf / 2) - (ndf + 1) / 2 * std::log1p(T * T / ndf)) / std::sqrt(ndf * Pi());
}
inline double StudentI(double T, double ndf) {
  if (ndf < 1) return 0;
  double half = 0.5 * special::betaIncomplete(ndf / (ndf + T * T), ndf / 2, 0.5);
  return T > 0 ? 1 - half : half;
}
inline double StudentQuantile(double p, double ndf, bool lower_tail = true) {
  if (ndf < 1 || p < 0 || p > 1) return 0;
  if (!lower_tail) p = 1 - p;
  if (p == 0) return -Infinity();
  if (p == 1) return Infinity();
  return special::solveIncreasing([ndf](double t) { return StudentI(t, ndf); }, p, -1, 1);
}

// The F distribution of N and M degrees of freedom: density and distribution.
inline double FDist(double F, double N, double M) {
  if (F < 0 || N < 1 || M < 1) return 0;
  if (F == 0) return N == 2 ? 1 : N < 2 ? Infinity() : 0;
  return std::exp(std::lgamma((N + M) / 2) - std::lgamma(N / 2) - std::lgamma(M / 2) + N / 2 * std::log(N / M) +
                  (N / 2 - 1) * std::log(F) - (N + M) / 2 * std::log1p(N * F / M));
}
inline double FDistI(double F, double N, double M) {
  if (F <= 0 || N < 1 || M < 1) return 0;
  return special::betaIncomplete(N * F / (N * F + M), N / 2, M / 2);
}

// Poisson's probability of the integer part of x (a histogram's bin value).
inline double PoissonI(double x, double par) { return Poisson(std::floor(x + 0.5), par); }

// The probability that Kolmogorov's statistic exceeds z (its asymptotic
// distribution): the theta series that converges fast on each side.
inline double KolmogorovProb(double z) {
  if (z < 0.2) return 1;
  if (z < 0.755) {
    double v = 0, w = std::sqrt(TwoPi()) / z;
    for (int k = 1; k <= 6; ++k) v += std::exp(-(2 * k - 1) * (2 * k - 1) * Pi() * Pi() / (8 * z * z));
    return 1 - w * v;
  }
  double p = 0;
  for (int k = 1; k <= 100; ++k) {
    double t = std::exp(-2.0 * k * k * z * z);
    p += (k % 2 ? 2 : -2) * t;
    if (t < 1e-17) break;
  }
  return std::clamp(p, 0.0, 1.0);
}

// Bessel functions, as C++17's special functions compute them.
inline double BesselJ0(double x) { return x < 0 ? std::cyl_bessel_j(0.0, -x) : std::cyl_bessel_j(0.0, x); }
inline double BesselJ1(double x) { return x < 0 ? -std::cyl_bessel_j(1.0, -x) : std::cyl_bessel_j(1.0, x); }
inline double BesselY0(double x) { return x <= 0 ? 0 : std::cyl_neumann(0.0, x); }
inline double BesselY1(double x) { return x <= 0 ? 0 : std::cyl_neumann(1.0, x); }
inline double BesselI(int n, double x) { return n < 0 ? 0 : x < 0 && n % 2 ? -std::cyl_bessel_i(double(n), -x) : std::cyl_bessel_i(double(n), std::fabs(x)); }
inline double BesselI0(double x) { return BesselI(0, x); }
inline double BesselI1(double x) { return BesselI(1, x); }
inline double BesselK(int n, double x) { return n < 0 || x <= 0 ? 0 : std::cyl_bessel_k(double(n), x); }
inline double BesselK0(double x) { return BesselK(0, x); }
inline double BesselK1(double x) { return BesselK(1, x); }

inline double ASinH(double x) { return std::asinh(x); }
inline double ACosH(double x) { return std::acosh(x); }
inline double ATanH(double x) { return std::atanh(x); }
inline bool Even(long x) { return x % 2 == 0; }
inline bool Odd(long x) { return x % 2 != 0; }
template <class T> T Range(T lb, T ub, T x) { return x < lb ? lb : x > ub ? ub : x; }
inline bool AreEqualAbs(double a, double b, double epsilon) { return std::fabs(a - b) < epsilon; }
inline bool AreEqualRel(double a, double b, double epsilon) { return std::fabs(a - b) <= epsilon * (std::fabs(a) + std::fabs(b)) / 2; }

// The next permutation of a[0..n) in lexicographic order; false after the last.
inline bool Permute(int n, int *a) { return std::next_permutation(a, a + n); }

// index[] gets the order of a[]: decreasing by default, as ROOT's.
template <class Element, class Index> void Sort(Index n, const Element *a, Index *index, bool down = true) {
  std::iota(index, index + n, Index(0));
  // Ties keep their order (std::stable_sort's buffer is deprecated in C++20's library).
  if (down)
    std::sort(index, index + n, [a](Index i, Index j) { return a[i] != a[j] ? a[i] > a[j] : i < j; });
  else
    std::sort(index, index + n, [a](Index i, Index j) { return a[i] != a[j] ? a[i] < a[j] : i < j; });
}

// The index of the last element of the sorted array a[0..n) not above
// value; -1 when value is below them all.
template <class T> long BinarySearch(long n, const T *a, T value) {
  return long(std::upper_bound(a, a + n, value) - a) - 1;
}

} // namespace cppnb::root::TMath
