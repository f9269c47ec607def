// Least-squares fitting (Levenberg-Marquardt with numerical derivatives): what
// TH1::Fit and TGraph::Fit use in place of ROOT's Minuit.
#pragma once

#include <cmath>
#include <functional>
#include <vector>

#include "minimizer.hpp"
#include "tmath_distributions.hpp"

namespace cppnb::root {

// One point of the data fitted: y ± sigma at x. A graph's point also has its
// x errors and its asymmetric y errors (low, high) when the graph has them.
struct FitPoint {
  double x, y, sigma;
  double exl = 0, exh = 0, eyl = -1, eyh = -1;
  double halfWidth = 0; // a histogram bin's, for fits of the bin mean ("I")
  double yLow() const { return eyl >= 0 ? eyl : sigma; }
  double yHigh() const { return eyh >= 0 ? eyh : sigma; }
};

struct FitOutcome {
  std::vector<double> params, errors;
  double chi2 = 0;
  int ndf = 0;
  int calls = 0;
  bool converged = false;
  double edm = 0;
  double minFcn = 0;                                  // the FCN's value at the minimum
  const char *minimizer = "Levenberg-Marquardt";      // the algorithm, as "Minimizer is cppnb / …" says
  Fcn fcn;                                            // what was minimised (for MINOS and contours)
  double up = 1;                                      // its error definition
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
  out.params = p;
  out.errors.assign(n, 0);
  if (inverseOnFree(cov, fixed)) {
    for (size_t i = 0; i < n; ++i) out.errors[i] = std::sqrt(std::fabs(cov[i][i]));
    out.covariance = cov;
  }
  out.chi2 = out.minFcn = current;
  int free = 0;
  for (size_t i = 0; i < n; ++i) free += !isFixed(i);
  out.ndf = int(pts.size()) - free;
  return out;
}

// What is minimised, as ROOT's fit options choose it.
enum class FitMethod {
  LeastSquares,      // χ² with the data's errors (the default)
  Pearson,           // "P": χ² with the expected errors, σ² = f(x)
  Poisson,           // "L": Poisson log-likelihood (Baker-Cousins form)
  WeightedPoisson,   // "WL": the same for weighted histograms, errors corrected
  EffectiveVariance, // graphs with x errors: σ² = σy² + (f'(x) σx)²
};

inline bool isLikelihood(FitMethod m) { return m == FitMethod::Poisson || m == FitMethod::WeightedPoisson; }

// The Poisson negative log-likelihood of one bin in the Baker-Cousins form
// (so that twice its sum is a χ² of the fit), with the bin's weight w.
inline double poissonTerm(double y, double f, double w = 1) {
  double term = std::max(f, 0.0) - y;
  if (y > 0) term += y * (std::log(y) - std::log(std::max(f, 1e-300)));
  return w * term;
}

// The FCN that method minimises over pts (w: the weighted likelihood's
// per-point weights, else empty), holding its own copies of all it uses.
inline Fcn methodFcn(Model f, std::vector<FitPoint> pts, FitMethod method, std::vector<double> w = {}) {
  w.resize(pts.size(), 1.0);
  return [f = std::move(f), pts = std::move(pts), method, w = std::move(w)](const double *p) {
    double s = 0;
    for (size_t i = 0; i < pts.size(); ++i) {
      const FitPoint &pt = pts[i];
      double v = f(pt.x, p);
      switch (method) {
      case FitMethod::Poisson:
      case FitMethod::WeightedPoisson:
        s += poissonTerm(pt.y, v, w[i]);
        break;
      case FitMethod::Pearson:
        s += v > 0 ? (pt.y - v) * (pt.y - v) / v : (pt.y == 0 && v == 0 ? 0 : 1e30);
        break;
      case FitMethod::EffectiveVariance: {
        double h = 1e-6 * std::max(std::fabs(pt.x), 1.0);
        double slope = (f(pt.x + h, p) - f(pt.x - h, p)) / (2 * h);
        double ey = pt.y > v ? pt.yLow() : pt.yHigh(), ex = (pt.exl + pt.exh) / 2;
        double var = ey * ey + slope * slope * ex * ex;
        s += (pt.y - v) * (pt.y - v) / (var > 0 ? var : 1);
        break;
      }
      default: {
        double r = (pt.y - v) / pt.sigma;
        s += r * r;
      }
      }
    }
    return s;
  };
}

// Fits model to pts by method from start; fixed parameters stay. The χ²-like
// fits start from the least-squares solution, which is close, and then
// minimise their own FCN.
inline FitOutcome fitData(const Model &f, const std::vector<FitPoint> &pts, const std::vector<double> &start,
                          const std::vector<bool> &fixed, FitMethod method) {
  bool xErrors = false;
  for (const FitPoint &pt : pts) xErrors = xErrors || pt.exl > 0 || pt.exh > 0 || pt.yLow() != pt.yHigh();
  if (method == FitMethod::LeastSquares || (method == FitMethod::EffectiveVariance && !xErrors)) {
    FitOutcome out = leastSquares(f, pts, start, fixed);
    out.fcn = methodFcn(f, pts, FitMethod::LeastSquares);
    return out;
  }
  // A start from least squares with errors the method would give.
  std::vector<FitPoint> rough = pts;
  if (method != FitMethod::EffectiveVariance)
    for (FitPoint &pt : rough) pt.sigma = std::sqrt(std::max(std::fabs(pt.y), 1.0));
  FitOutcome first = leastSquares(f, rough, start, fixed);
  std::vector<double> from = first.params;
  for (double v : from)
    if (!std::isfinite(v)) from = start;
  // The weighted likelihood's per-bin weights: σ²/y, or for empty bins the
  // histogram's mean weight Σσ²/Σy (as ROOT).
  std::vector<double> weights(pts.size(), 1.0);
  if (method == FitMethod::WeightedPoisson) {
    double sw2 = 0, sw = 0;
    for (const FitPoint &pt : pts)
      if (pt.y != 0) sw2 += pt.sigma * pt.sigma, sw += pt.y;
    double mean = sw > 0 ? sw2 / sw : 1;
    for (size_t i = 0; i < pts.size(); ++i) weights[i] = pts[i].y != 0 ? pts[i].sigma * pts[i].sigma / pts[i].y : mean;
  }
  FitOutcome out;
  out.fcn = methodFcn(f, pts, method, weights);
  out.up = isLikelihood(method) ? 0.5 : 1;
  MinimumFound m = minimize(out.fcn, from, fixed, {}, out.up);
  out.params = m.params;
  out.errors = m.errors;
  out.covariance = m.covariance;
  out.minFcn = m.fval;
  out.chi2 = isLikelihood(method) ? 2 * m.fval : m.fval;
  out.edm = m.edm;
  out.calls = first.calls + m.calls;
  out.converged = m.converged;
  out.minimizer = "Newton";
  // A weighted likelihood's errors: H⁻¹ H₂ H⁻¹, H₂ the curvature with the
  // weights squared (ROOT's weight correction).
  if (method == FitMethod::WeightedPoisson && !m.covariance.empty()) {
    std::vector<double> squared = weights;
    for (double &w : squared) w *= w;
    Fcn squaredFcn = methodFcn(f, pts, method, squared);
    std::vector<double> g;
    std::vector<std::vector<double>> h2;
    std::vector<bool> fix = fixed;
    fix.resize(m.params.size(), false);
    derivatives(squaredFcn, m.params, squaredFcn(m.params.data()), fix, std::vector<double>(m.params.size(), 0), g, h2, out.calls);
    size_t n = m.params.size();
    std::vector<std::vector<double>> c(n, std::vector<double>(n, 0));
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j)
        for (size_t k = 0; k < n; ++k)
          for (size_t l = 0; l < n; ++l) c[i][j] += m.covariance[i][k] * h2[k][l] * m.covariance[l][j];
    out.covariance = c;
    for (size_t i = 0; i < n; ++i) out.errors[i] = std::sqrt(std::max(0.0, c[i][i]));
  }
  int free = 0;
  for (size_t i = 0; i < start.size(); ++i) free += !(i < fixed.size() && fixed[i]);
  out.ndf = int(pts.size()) - free;
  return out;
}

} // namespace cppnb::root
