// Least-squares fitting (Levenberg-Marquardt with numerical derivatives): what
// TH1::Fit and TGraph::Fit use in place of ROOT's Minuit.
#pragma once

#include <cmath>
#include <functional>
#include <vector>

#include "tmath_distributions.hpp"

namespace cppnb::root {

struct FitPoint {
  double x, y, sigma;
};

struct FitOutcome {
  std::vector<double> params, errors;
  double chi2 = 0;
  int ndf = 0;
  int calls = 0;
  bool converged = false;
  double edm = 0;
  // The parameters' covariance (zero rows and columns for fixed ones); empty
  // when the curvature could not be inverted.
  std::vector<std::vector<double>> covariance;
};

// The half-width at x of a fit's confidence band of level cl, as ROOT's
// TFitResult::GetConfidenceIntervals: Student's t quantile for the fit's ndf
// times sqrt(gᵀ C g), g the function's gradient in the parameters, scaled
// by sqrt(χ²/ndf) when norm is true.
template <class Model>
double confidenceHalfWidth(Model f, const std::vector<double> &p, const std::vector<std::vector<double>> &cov, double chi2,
                           int ndf, double cl, bool norm = true) {
  size_t n = p.size();
  if (cov.size() != n || ndf <= 0) return 0;
  std::vector<double> g(n, 0), q = p;
  for (size_t i = 0; i < n; ++i) {
    double h = 1e-5 * std::max(1.0, std::fabs(p[i]));
    q[i] = p[i] + h;
    double up = f(q.data());
    q[i] = p[i] - h;
    double down = f(q.data());
    q[i] = p[i];
    g[i] = (up - down) / (2 * h);
  }
  double var = 0;
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) var += g[i] * cov[i][j] * g[j];
  double t = TMath::StudentQuantile(0.5 + cl / 2, ndf);
  return t * std::sqrt(std::max(0.0, var)) * (norm ? std::sqrt(chi2 / ndf) : 1.0);
}

// Inverts a small symmetric matrix in place (Gauss-Jordan); false if singular.
inline bool invert(std::vector<std::vector<double>> &a) {
  size_t n = a.size();
  std::vector<std::vector<double>> inv(n, std::vector<double>(n, 0));
  for (size_t i = 0; i < n; ++i) inv[i][i] = 1;
  for (size_t c = 0; c < n; ++c) {
    size_t pivot = c;
    for (size_t r = c + 1; r < n; ++r)
      if (std::fabs(a[r][c]) > std::fabs(a[pivot][c])) pivot = r;
    if (std::fabs(a[pivot][c]) < 1e-300) return false;
    std::swap(a[c], a[pivot]);
    std::swap(inv[c], inv[pivot]);
    double d = a[c][c];
    for (size_t k = 0; k < n; ++k) a[c][k] /= d, inv[c][k] /= d;
    for (size_t r = 0; r < n; ++r) {
      if (r == c) continue;
      double f = a[r][c];
      if (f == 0) continue;
      for (size_t k = 0; k < n; ++k) a[r][k] -= f * a[c][k], inv[r][k] -= f * inv[c][k];
    }
  }
  a = inv;
  return true;
}

using Model = std::function<double(double x, const double *p)>;

inline FitOutcome leastSquares(const Model &f, const std::vector<FitPoint> &pts, std::vector<double> p,
                               const std::vector<bool> &fixed = {}) {
  FitOutcome out;
  size_t n = p.size();
  auto isFixed = [&](size_t i) { return i < fixed.size() && fixed[i]; };
  auto chi2 = [&](const std::vector<double> &q) {
    ++out.calls;
    double s = 0;
    for (const FitPoint &pt : pts) {
      double r = (pt.y - f(pt.x, q.data())) / pt.sigma;
      s += r * r;
    }
    return s;
  };
  double lambda = 1e-3;
  double current = chi2(p);
  std::vector<std::vector<double>> alpha(n, std::vector<double>(n));
  std::vector<double> beta(n);
  auto linearise = [&](const std::vector<double> &q) {
    for (auto &row : alpha) std::fill(row.begin(), row.end(), 0);
    std::fill(beta.begin(), beta.end(), 0);
    std::vector<double> grad(n);
    for (const FitPoint &pt : pts) {
      double y0 = f(pt.x, q.data());
      std::vector<double> qq = q;
      for (size_t i = 0; i < n; ++i) {
        if (isFixed(i)) {
          grad[i] = 0;
          continue;
        }
        double h = 1e-6 * std::fmax(std::fabs(q[i]), 1e-3);
        qq[i] = q[i] + h;
        grad[i] = (f(pt.x, qq.data()) - y0) / h;
        qq[i] = q[i];
      }
      double w = 1 / (pt.sigma * pt.sigma);
      for (size_t i = 0; i < n; ++i) {
        beta[i] += w * (pt.y - y0) * grad[i];
        for (size_t j = 0; j < n; ++j) alpha[i][j] += w * grad[i] * grad[j];
      }
    }
    out.calls += int(n);
  };
  for (int iter = 0; iter < 500; ++iter) {
    linearise(p);
    auto a = alpha;
    for (size_t i = 0; i < n; ++i) a[i][i] = isFixed(i) ? 1 : a[i][i] * (1 + lambda) + 1e-300;
    if (!invert(a)) break;
    std::vector<double> step(n, 0), trial = p;
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j) step[i] += a[i][j] * beta[j];
    for (size_t i = 0; i < n; ++i)
      if (!isFixed(i)) trial[i] += step[i];
    double next = chi2(trial);
    if (std::isfinite(next) && next <= current) {
      double gain = current - next;
      p = trial;
      current = next;
      lambda = std::fmax(lambda / 10, 1e-12);
      out.edm = gain / 2;
      if (gain < 1e-8 * std::fmax(1.0, current)) {
        out.converged = true;
        break;
      }
    } else {
      lambda *= 10;
      if (lambda > 1e12) {
        out.converged = true; // no better point in any direction: a minimum
        break;
      }
    }
  }
  linearise(p);
  auto cov = alpha;
  for (size_t i = 0; i < n; ++i)
    if (isFixed(i)) {
      for (size_t j = 0; j < n; ++j) cov[i][j] = cov[j][i] = 0;
      cov[i][i] = 1;
    }
  bool ok = invert(cov);
  out.params = p;
  out.errors.assign(n, 0);
  for (size_t i = 0; i < n; ++i)
    if (ok && !isFixed(i)) out.errors[i] = std::sqrt(std::fabs(cov[i][i]));
  if (ok) {
    for (size_t i = 0; i < n; ++i)
      if (isFixed(i)) cov[i][i] = 0;
    out.covariance = cov;
  }
  out.chi2 = current;
  int free = 0;
  for (size_t i = 0; i < n; ++i) free += !isFixed(i);
  out.ndf = int(pts.size()) - free;
  return out;
}

} // namespace cppnb::root
