// ROOT::Math's free functions (MathCore's and MathMore's): the special
// functions, and each distribution's pdf, cdf, complement and quantile, with
// ROOT's argument order (x first, then the shape, the location x0 last). ROOT
// has them in ROOT::Math; here they live in cppnb::root::Math, which the
// session sees as ROOT::Math (exports.hpp), also inside formula strings.
#pragma once

#include <cmath>

#include "special_functions.hpp"
#include "tmath_distributions.hpp"

namespace cppnb::root::Math {

// --- special functions ---------------------------------------------------
inline double erf(double x) { return std::erf(x); }
inline double erfc(double x) { return std::erfc(x); }
inline double tgamma(double x) { return std::tgamma(x); }
inline double lgamma(double x) { return std::lgamma(x); }
inline double beta(double x, double y) { return TMath::Beta(x, y); }
inline double inc_gamma(double a, double x) { return special::gammaPQ(a, x).first; }
inline double inc_gamma_c(double a, double x) { return special::gammaPQ(a, x).second; }
inline double inc_beta(double x, double a, double b) { return special::betaIncomplete(x, a, b); }
// MathMore's, as C++17 computes them.
inline double cyl_bessel_i(double nu, double x) { return std::cyl_bessel_i(nu, x); }
inline double cyl_bessel_j(double nu, double x) { return std::cyl_bessel_j(nu, x); }
inline double cyl_bessel_k(double nu, double x) { return std::cyl_bessel_k(nu, x); }
inline double cyl_neumann(double nu, double x) { return std::cyl_neumann(nu, x); }
inline double sph_bessel(unsigned n, double x) { return std::sph_bessel(n, x); }
inline double sph_neumann(unsigned n, double x) { return std::sph_neumann(n, x); }
inline double legendre(unsigned l, double x) { return std::legendre(l, x); }
// ROOT's assoc_legendre carries the Condon-Shortley phase (-1)^m, C++'s does not.
inline double assoc_legendre(unsigned l, unsigned m, double x) { return (m % 2 ? -1 : 1) * std::assoc_legendre(l, m, x); }
inline double sph_legendre(unsigned l, unsigned m, double theta) { return std::sph_legendre(l, m, theta); }
inline double laguerre(unsigned n, double x) { return std::laguerre(n, x); }
inline double assoc_laguerre(unsigned n, double m, double x) { return std::assoc_laguerre(n, unsigned(m), x); }
inline double hermite(unsigned n, double x) { return std::hermite(n, x); }
inline double riemann_zeta(double x) { return std::riemann_zeta(x); }
inline double expint(double x) { return std::expint(x); }
inline double comp_ellint_1(double k) { return std::comp_ellint_1(k); }
inline double comp_ellint_2(double k) { return std::comp_ellint_2(k); }
inline double comp_ellint_3(double n, double k) { return std::comp_ellint_3(k, n); }
inline double ellint_1(double k, double phi) { return std::ellint_1(k, phi); }
inline double ellint_2(double k, double phi) { return std::ellint_2(k, phi); }
inline double ellint_3(double n, double k, double phi) { return std::ellint_3(k, n, phi); }

// --- probability densities -------------------------------------------------
inline double gaussian_pdf(double x, double sigma = 1, double x0 = 0) { return TMath::Gaus(x, x0, sigma, true); }
inline double normal_pdf(double x, double sigma = 1, double x0 = 0) { return gaussian_pdf(x, sigma, x0); }
inline double bigaussian_pdf(double x, double y, double sigmax = 1, double sigmay = 1, double rho = 0, double x0 = 0, double y0 = 0) {
  double u = (x - x0) / sigmax, v = (y - y0) / sigmay, c = 1 - rho * rho;
  return std::exp(-(u * u - 2 * rho * u * v + v * v) / (2 * c)) / (TMath::TwoPi() * sigmax * sigmay * std::sqrt(c));
}
inline double lognormal_pdf(double x, double m, double s, double x0 = 0) {
  if (x <= x0) return 0;
  double l = std::log(x - x0) - m;
  return std::exp(-l * l / (2 * s * s)) / ((x - x0) * s * std::sqrt(TMath::TwoPi()));
}
inline double cauchy_pdf(double x, double b = 1, double x0 = 0) { return TMath::CauchyDist(x, x0, b); }
inline double breitwigner_pdf(double x, double gamma, double x0 = 0) { return TMath::BreitWigner(x, x0, gamma); }
inline double chisquared_pdf(double x, double r, double x0 = 0) {
  double z = x - x0;
  if (z < 0) return 0;
  if (z == 0) return r == 2 ? 0.5 : r < 2 ? TMath::Infinity() : 0;
  return std::exp((r / 2 - 1) * std::log(z) - z / 2 - std::lgamma(r / 2) - r / 2 * std::log(2.0));
}
inline double exponential_pdf(double x, double lambda, double x0 = 0) { return x < x0 ? 0 : lambda * std::exp(-lambda * (x - x0)); }
inline double fdistribution_pdf(double x, double n, double m, double x0 = 0) { return TMath::FDist(x - x0, n, m); }
inline double gamma_pdf(double x, double alpha, double theta, double x0 = 0) { return TMath::GammaDist(x, alpha, x0, theta); }
inline double beta_pdf(double x, double a, double b) { return TMath::BetaDist(x, a, b); }
inline double tdistribution_pdf(double x, double r, double x0 = 0) { return TMath::Student(x - x0, r); }
inline double uniform_pdf(double x, double a, double b, double x0 = 0) {
  double z = x - x0;
  return z < a || z >= b ? 0 : 1 / (b - a);
}
inline double landau_pdf(double x, double xi = 1, double x0 = 0) { return TMath::Landau(x, x0, xi, true); }
inline double crystalball_function(double x, double alpha, double n, double sigma, double mean = 0) {
  // A Gaussian core of width sigma around mean with a power-law tail of
  // exponent n beyond alpha sigmas (on the left for alpha > 0); 1 at the peak.
  if (sigma <= 0) return 0;
  double z = (x - mean) / sigma;
  if (alpha < 0) z = -z;
  double a = std::fabs(alpha);
  if (z > -a) return std::exp(-0.5 * z * z);
  double ratio = n / a;
  return std::exp(-0.5 * a * a) * std::pow(ratio / (ratio - a - z), n);
}
inline double crystalball_pdf(double x, double alpha, double n, double sigma, double mean = 0) {
  if (sigma <= 0 || n <= 1) return 0;
  double a = std::fabs(alpha);
  double tail = n / (a * (n - 1)) * std::exp(-0.5 * a * a);
  double core = std::sqrt(TMath::PiOver2()) * (1 + std::erf(a / std::sqrt(2.0)));
  return crystalball_function(x, alpha, n, sigma, mean) / (sigma * (tail + core));
}
inline double poisson_pdf(unsigned n, double mu) { return TMath::Poisson(n, mu); }
inline double binomial_pdf(unsigned k, double p, unsigned n) {
  if (k > n) return 0;
  if (p <= 0) return k == 0;
  if (p >= 1) return k == n;
  return std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + k * std::log(p) + (n - k) * std::log1p(-p));
}
inline double negative_binomial_pdf(unsigned k, double p, double n) {
  if (n < 0 || p <= 0 || p > 1) return 0;
  return std::exp(std::lgamma(k + n) - std::lgamma(k + 1.0) - std::lgamma(n) + n * std::log(p) + k * std::log1p(-p));
}

// --- distribution functions (cdf) and their complements (cdf_c) ------------
inline double normal_cdf(double x, double sigma = 1, double x0 = 0) { return 0.5 * std::erfc(-(x - x0) / (sigma * std::sqrt(2.0))); }
inline double normal_cdf_c(double x, double sigma = 1, double x0 = 0) { return 0.5 * std::erfc((x - x0) / (sigma * std::sqrt(2.0))); }
inline double gaussian_cdf(double x, double sigma = 1, double x0 = 0) { return normal_cdf(x, sigma, x0); }
inline double gaussian_cdf_c(double x, double sigma = 1, double x0 = 0) { return normal_cdf_c(x, sigma, x0); }
inline double lognormal_cdf(double x, double m, double s, double x0 = 0) { return x <= x0 ? 0 : normal_cdf(std::log(x - x0), s, m); }
inline double lognormal_cdf_c(double x, double m, double s, double x0 = 0) { return x <= x0 ? 1 : normal_cdf_c(std::log(x - x0), s, m); }
inline double cauchy_cdf(double x, double b = 1, double x0 = 0) { return 0.5 + std::atan((x - x0) / b) / TMath::Pi(); }
inline double cauchy_cdf_c(double x, double b = 1, double x0 = 0) { return 0.5 - std::atan((x - x0) / b) / TMath::Pi(); }
inline double breitwigner_cdf(double x, double gamma, double x0 = 0) { return cauchy_cdf(x, gamma / 2, x0); }
inline double breitwigner_cdf_c(double x, double gamma, double x0 = 0) { return cauchy_cdf_c(x, gamma / 2, x0); }
inline double chisquared_cdf(double x, double r, double x0 = 0) { return special::gammaPQ(r / 2, (x - x0) / 2).first; }
inline double chisquared_cdf_c(double x, double r, double x0 = 0) { return special::gammaPQ(r / 2, (x - x0) / 2).second; }
inline double exponential_cdf(double x, double lambda, double x0 = 0) { return x <= x0 ? 0 : -std::expm1(-lambda * (x - x0)); }
inline double exponential_cdf_c(double x, double lambda, double x0 = 0) { return x <= x0 ? 1 : std::exp(-lambda * (x - x0)); }
inline double fdistribution_cdf(double x, double n, double m, double x0 = 0) {
  double z = x - x0;
  return z <= 0 ? 0 : special::betaIncomplete(n * z / (n * z + m), n / 2, m / 2);
}
inline double fdistribution_cdf_c(double x, double n, double m, double x0 = 0) {
  double z = x - x0;
  return z <= 0 ? 1 : special::betaIncomplete(m / (n * z + m), m / 2, n / 2);
}
inline double gamma_cdf(double x, double alpha, double theta, double x0 = 0) { return special::gammaPQ(alpha, (x - x0) / theta).first; }
inline double gamma_cdf_c(double x, double alpha, double theta, double x0 = 0) { return special::gammaPQ(alpha, (x - x0) / theta).second; }
inline double beta_cdf(double x, double a, double b) { return special::betaIncomplete(x, a, b); }
inline double beta_cdf_c(double x, double a, double b) { return special::betaIncomplete(1 - x, b, a); }
inline double tdistribution_cdf(double x, double r, double x0 = 0) { return TMath::StudentI(x - x0, r); }
inline double tdistribution_cdf_c(double x, double r, double x0 = 0) { return TMath::StudentI(x0 - x, r); }
inline double uniform_cdf(double x, double a, double b, double x0 = 0) {
  double z = x - x0;
  return z <= a ? 0 : z >= b ? 1 : (z - a) / (b - a);
}
inline double uniform_cdf_c(double x, double a, double b, double x0 = 0) { return 1 - uniform_cdf(x, a, b, x0); }
inline double poisson_cdf(unsigned n, double mu) { return special::gammaPQ(n + 1.0, mu).second; }
inline double poisson_cdf_c(unsigned n, double mu) { return special::gammaPQ(n + 1.0, mu).first; }
inline double binomial_cdf(unsigned k, double p, unsigned n) { return k >= n ? 1 : special::betaIncomplete(1 - p, n - k, k + 1.0); }
inline double binomial_cdf_c(unsigned k, double p, unsigned n) { return k >= n ? 0 : special::betaIncomplete(p, k + 1.0, n - k); }

// --- quantiles: the x where the cdf (or its complement, _c) reaches z ------
namespace detail {
template <class Cdf> double quantile(Cdf cdf, double z, double lo, double hi, bool lowerBounded, bool upperBounded) {
  if (!(z >= 0 && z <= 1)) return TMath::QuietNaN();
  return special::solveIncreasing(cdf, z, lo, hi, lowerBounded, upperBounded);
}
template <class CdfC> double quantileC(CdfC cdfC, double z, double lo, double hi, bool lowerBounded, bool upperBounded) {
  if (!(z >= 0 && z <= 1)) return TMath::QuietNaN();
  return special::solveIncreasing([&](double x) { return -cdfC(x); }, -z, lo, hi, lowerBounded, upperBounded);
}
} // namespace detail

inline double normal_quantile(double z, double sigma = 1) { return sigma * TMath::NormQuantile(z); }
inline double normal_quantile_c(double z, double sigma = 1) { return -sigma * TMath::NormQuantile(z); }
inline double gaussian_quantile(double z, double sigma = 1) { return normal_quantile(z, sigma); }
inline double gaussian_quantile_c(double z, double sigma = 1) { return normal_quantile_c(z, sigma); }
inline double lognormal_quantile(double z, double m, double s) { return std::exp(m + s * TMath::NormQuantile(z)); }
inline double lognormal_quantile_c(double z, double m, double s) { return std::exp(m - s * TMath::NormQuantile(z)); }
inline double cauchy_quantile(double z, double b = 1) { return b * std::tan(TMath::Pi() * (z - 0.5)); }
inline double cauchy_quantile_c(double z, double b = 1) { return -cauchy_quantile(z, b); }
inline double breitwigner_quantile(double z, double gamma) { return cauchy_quantile(z, gamma / 2); }
inline double breitwigner_quantile_c(double z, double gamma) { return cauchy_quantile_c(z, gamma / 2); }
inline double exponential_quantile(double z, double lambda) { return -std::log1p(-z) / lambda; }
inline double exponential_quantile_c(double z, double lambda) { return -std::log(z) / lambda; }
inline double uniform_quantile(double z, double a, double b) { return a + z * (b - a); }
inline double uniform_quantile_c(double z, double a, double b) { return b - z * (b - a); }
inline double chisquared_quantile(double z, double r) {
  return detail::quantile([r](double x) { return chisquared_cdf(x, r); }, z, 0, r + 1, true, false);
}
inline double chisquared_quantile_c(double z, double r) {
  return detail::quantileC([r](double x) { return chisquared_cdf_c(x, r); }, z, 0, r + 1, true, false);
}
inline double gamma_quantile(double z, double alpha, double theta) {
  return detail::quantile([=](double x) { return gamma_cdf(x, alpha, theta); }, z, 0, alpha * theta + theta, true, false);
}
inline double gamma_quantile_c(double z, double alpha, double theta) {
  return detail::quantileC([=](double x) { return gamma_cdf_c(x, alpha, theta); }, z, 0, alpha * theta + theta, true, false);
}
inline double fdistribution_quantile(double z, double n, double m) {
  return detail::quantile([=](double x) { return fdistribution_cdf(x, n, m); }, z, 0, 2, true, false);
}
inline double fdistribution_quantile_c(double z, double n, double m) {
  return detail::quantileC([=](double x) { return fdistribution_cdf_c(x, n, m); }, z, 0, 2, true, false);
}
inline double beta_quantile(double z, double a, double b) {
  return detail::quantile([=](double x) { return beta_cdf(x, a, b); }, z, 0, 1, true, true);
}
inline double beta_quantile_c(double z, double a, double b) {
  return detail::quantileC([=](double x) { return beta_cdf_c(x, a, b); }, z, 0, 1, true, true);
}
inline double tdistribution_quantile(double z, double r) { return TMath::StudentQuantile(z, r); }
inline double tdistribution_quantile_c(double z, double r) { return TMath::StudentQuantile(z, r, false); }

} // namespace cppnb::root::Math

// ROOT's namespace as the library's code names it (exports.hpp makes it the
// session's ROOT): ROOT::Math::normal_pdf and the like.
namespace cppnb::root::ROOT {
namespace Math = ::cppnb::root::Math;
}
