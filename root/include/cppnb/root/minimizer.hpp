// The minimiser of any smooth function of the parameters (an FCN): what
// likelihood and Pearson fits, fits with x errors and a user's FCN given to
// TMinuit / TVirtualFitter use in place of ROOT's Minuit. A damped Newton
// method with numerical derivatives (Levenberg's damping keeps each step a
// descent where the curvature is not yet positive); the parameters' covariance
// is 2·up·H⁻¹ at the minimum, H the FCN's Hessian, up its error definition
// (1 for a χ², 0.5 for a negative log-likelihood), as Minuit's HESSE gives.
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

namespace cppnb::root {

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

// scale·A⁻¹ over the free parameters, zero rows and columns for the fixed
// ones: a fit's covariance from its curvature A. False if A is singular.
inline bool inverseOnFree(std::vector<std::vector<double>> &a, const std::vector<bool> &fixed, double scale = 1) {
  size_t n = a.size();
  auto isFixed = [&](size_t i) { return i < fixed.size() && fixed[i]; };
  for (size_t i = 0; i < n; ++i)
    if (isFixed(i)) {
      for (size_t j = 0; j < n; ++j) a[i][j] = a[j][i] = 0;
      a[i][i] = 1;
    }
  if (!invert(a)) return false;
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) a[i][j] = isFixed(i) || isFixed(j) ? 0 : a[i][j] * scale;
  return true;
}

struct MinimumFound {
  std::vector<double> params, errors;
  std::vector<std::vector<double>> covariance; // empty when H could not be inverted
  double fval = 0, edm = 0;
  int calls = 0;
  bool converged = false;
};

using Fcn = std::function<double(const double *p)>;

// The steps the derivatives are taken with, one per parameter.
inline double derivativeStep(double value, double hint) {
  double h = hint > 0 ? 0.01 * hint : 0;
  return std::max(h, 1e-5 * std::max(std::fabs(value), 1e-2));
}

// Gradient and Hessian of fcn at p by central differences (fixed parameters
// have zero rows and columns).
inline void derivatives(const Fcn &fcn, const std::vector<double> &p, double f0, const std::vector<bool> &fixed,
                        const std::vector<double> &steps, std::vector<double> &g, std::vector<std::vector<double>> &h,
                        int &calls) {
  size_t n = p.size();
  g.assign(n, 0);
  h.assign(n, std::vector<double>(n, 0));
  std::vector<double> q = p, fPlus(n), fMinus(n);
  for (size_t i = 0; i < n; ++i) {
    if (fixed[i]) continue;
    double s = derivativeStep(p[i], steps[i]);
    q[i] = p[i] + s, fPlus[i] = fcn(q.data());
    q[i] = p[i] - s, fMinus[i] = fcn(q.data());
    q[i] = p[i];
    calls += 2;
    g[i] = (fPlus[i] - fMinus[i]) / (2 * s);
    h[i][i] = (fPlus[i] - 2 * f0 + fMinus[i]) / (s * s);
  }
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 1; j < n; ++j) {
      if (fixed[i] || fixed[j]) continue;
      double si = derivativeStep(p[i], steps[i]), sj = derivativeStep(p[j], steps[j]);
      q[i] = p[i] + si, q[j] = p[j] + sj;
      double pp = fcn(q.data());
      q[i] = p[i] - si, q[j] = p[j] - sj;
      double mm = fcn(q.data());
      q[i] = p[i], q[j] = p[j];
      calls += 2;
      // f(+,+) + f(-,-) = 2 f0 + h_ii si² + h_jj sj² + 2 h_ij si sj + O(s⁴)
      h[i][j] = h[j][i] = (pp + mm - 2 * f0 - h[i][i] * si * si - h[j][j] * sj * sj) / (2 * si * sj);
    }
}

// Minimises fcn from start. steps are the user's step sizes (0: automatic),
// up the error definition. maxCalls bounds the work as Minuit's MIGRAD's.
inline MinimumFound minimize(const Fcn &fcn, std::vector<double> p, std::vector<bool> fixed, std::vector<double> steps = {},
                             double up = 1, int maxCalls = 100000) {
  MinimumFound out;
  size_t n = p.size();
  fixed.resize(n, false);
  steps.resize(n, 0);
  double f = fcn(p.data());
  ++out.calls;
  std::vector<double> g;
  std::vector<std::vector<double>> h;
  double lambda = 1e-3;
  bool fresh = false; // derivatives taken at the current p
  for (int iter = 0; iter < 1000 && out.calls < maxCalls; ++iter) {
    if (!fresh) derivatives(fcn, p, f, fixed, steps, g, h, out.calls), fresh = true;
    auto a = h;
    for (size_t i = 0; i < n; ++i) {
      if (fixed[i]) {
        std::fill(a[i].begin(), a[i].end(), 0);
        for (size_t j = 0; j < n; ++j) a[j][i] = 0;
        a[i][i] = 1;
        continue;
      }
      a[i][i] = std::fabs(h[i][i]) * (1 + lambda) + lambda * 1e-8 + 1e-300;
    }
    if (!invert(a)) {
      lambda *= 10;
      if (lambda > 1e12) break;
      continue;
    }
    std::vector<double> step(n, 0), trial = p;
    double predicted = 0;
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j) step[i] -= a[i][j] * g[j];
    for (size_t i = 0; i < n; ++i)
      if (!fixed[i]) trial[i] += step[i], predicted -= g[i] * step[i];
    double next = fcn(trial.data());
    ++out.calls;
    if (std::isfinite(next) && next <= f) {
      double gain = f - next;
      p = trial, f = next, fresh = false;
      lambda = std::max(lambda / 10, 1e-12);
      // Minuit stops when the estimated distance to the minimum is below
      // 0.002 · tolerance · up; the gain of a Newton step estimates it.
      if (gain < 1e-7 * up && predicted / 2 < 1e-5 * up) {
        out.converged = true;
        break;
      }
    } else {
      lambda *= 10;
      if (lambda > 1e12) {
        out.converged = true; // no lower point in any direction: a minimum
        break;
      }
    }
  }
  if (!fresh) derivatives(fcn, p, f, fixed, steps, g, h, out.calls);
  out.params = p;
  out.fval = f;
  out.errors.assign(n, 0);
  out.edm = 0;
  auto cov = h;
  if (inverseOnFree(cov, fixed, 2 * up)) {
    // edm = ½ gᵀ H⁻¹ g, in the FCN's units.
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j) out.edm += 0.25 * g[i] * cov[i][j] * g[j] / up;
    for (size_t i = 0; i < n; ++i) out.errors[i] = std::sqrt(std::max(0.0, cov[i][i]));
    out.covariance = cov;
  }
  return out;
}

// MINOS: for each free parameter, where fcn minimised over the others rises
// by up above its minimum fmin, below and above the best value (lower < 0 <
// upper); fixed parameters and those without a parabolic error get 0.
inline void minosErrors(const Fcn &fcn, const std::vector<double> &params, const std::vector<double> &errors,
                        std::vector<bool> fixed, double fmin, double up, std::vector<double> &lower, std::vector<double> &upper) {
  size_t n = params.size();
  fixed.resize(n, false);
  lower.assign(n, 0), upper.assign(n, 0);
  for (size_t i = 0; i < n; ++i) {
    if (fixed[i] || i >= errors.size() || errors[i] <= 0) continue;
    auto profile = [&](double value) {
      std::vector<double> p = params;
      p[i] = value;
      std::vector<bool> held = fixed;
      held[i] = true;
      return minimize(fcn, p, held, {}, up).fval - fmin - up;
    };
    for (int side : {-1, 1}) {
      // Bracket the crossing, then bisect it.
      double inner = 0, outer = errors[i];
      while (profile(params[i] + side * outer) < 0 && outer < 1e3 * errors[i]) inner = outer, outer *= 2;
      for (int k = 0; k < 30; ++k) {
        double mid = (inner + outer) / 2;
        (profile(params[i] + side * mid) < 0 ? inner : outer) = mid;
        if (outer - inner < 1e-4 * errors[i]) break;
      }
      (side < 0 ? lower[i] : upper[i]) = side * (inner + outer) / 2;
    }
  }
}

} // namespace cppnb::root
