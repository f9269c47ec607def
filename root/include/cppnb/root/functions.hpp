// TF1 (a function of x with parameters, from a formula or C++ code) and the
// fitting that TH1::Fit and TGraph::Fit share, with ROOT's printout.
#pragma once

#include "core.hpp"
#include "fit.hpp"
#include "fit_options.hpp"
#include "formula.hpp"
#include "formula_code.hpp"
#include "jit.hpp"
#include "matrix.hpp"
#include "random.hpp"
#include "tmath.hpp"

#include <functional>
#include <list>
#include <map>
#include <memory>
#include <stdexcept>
#include <type_traits>

namespace cppnb::root {

class TF1;

// Every TF1 the user made, by name, for FillRandom("name") and Fit("name")
// (ROOT's gROOT->GetFunction). Copies are not enrolled.
inline std::map<std::string, const TF1 *> &functionsByName() {
  static std::map<std::string, const TF1 *> all;
  return all;
}
struct FunctionRegistration {
  const TF1 *self = nullptr;
  std::string name;
  FunctionRegistration() = default;
  FunctionRegistration(const FunctionRegistration &) {}
  FunctionRegistration &operator=(const FunctionRegistration &) { return *this; }
  void enroll(const TF1 *f, const char *n) {
    self = f;
    name = n ? n : "";
    functionsByName()[name] = f;
  }
  ~FunctionRegistration() {
    if (!self) return;
    auto &all = functionsByName();
    auto it = all.find(name);
    if (it != all.end() && it->second == self) all.erase(it);
  }
};

class TFitResult {
public:
  std::vector<double> fParams, fErrors;
  std::vector<std::string> fNames;
  double fChi2 = 0, fMinFcn = 0;
  int fNdf = 0, fStatus = 0, fCalls = 0;
  double fEdm = 0;
  bool fLikelihood = false;
  std::string fMinimizer = "Levenberg-Marquardt";
  std::vector<bool> fFixed;
  std::vector<std::vector<double>> fCovariance;
  std::vector<double> fMinosLower, fMinosUpper; // empty without option "E"
  // The fitted function at x (up to 4 coordinates) for parameters p.
  std::function<double(const double *x, const double *p)> fModel;

  double CovMatrix(unsigned i, unsigned j) const { return i < fCovariance.size() && j < fCovariance.size() ? fCovariance[i][j] : 0; }
  double Correlation(unsigned i, unsigned j) const {
    double d = std::sqrt(CovMatrix(i, i) * CovMatrix(j, j));
    return d > 0 ? CovMatrix(i, j) / d : 0;
  }
  // ci[i]: the half-width of the confidence band of level cl at x[i*stride1]
  // (the fit's one-dimensional case), as ROOT's.
  void GetConfidenceIntervals(unsigned n, unsigned stride1, unsigned, const double *x, double *ci, double cl = 0.95, bool norm = true) const {
    for (unsigned i = 0; i < n; ++i) {
      double at[4] = {x[i * stride1], 0, 0, 0};
      ci[i] = fModel ? confidenceHalfWidth([&](const double *p) { return fModel(at, p); }, fParams, fCovariance, fChi2, fNdf, cl, norm) : 0;
    }
  }

  double Parameter(unsigned i) const { return i < fParams.size() ? fParams[i] : 0; }
  double ParError(unsigned i) const { return i < fErrors.size() ? fErrors[i] : 0; }
  double Error(unsigned i) const { return ParError(i); }
  std::string ParName(unsigned i) const { return i < fNames.size() ? fNames[i] : ""; }
  const double *GetParams() const { return fParams.data(); }
  const std::vector<double> &Parameters() const { return fParams; }
  const std::vector<double> &Errors() const { return fErrors; }
  unsigned NPar() const { return unsigned(fParams.size()); }
  double Chi2() const { return fChi2; }
  // The minimised FCN's value: χ² for χ² fits, -log L (Baker-Cousins) for
  // likelihood fits, whose Chi2() is twice it.
  double MinFcnValue() const { return fMinFcn; }
  bool IsParameterFixed(unsigned i) const { return i < fFixed.size() && fFixed[i]; }
  unsigned NFreeParameters() const {
    unsigned n = 0;
    for (unsigned i = 0; i < NPar(); ++i) n += !IsParameterFixed(i);
    return n;
  }
  TMatrixDSym GetCovarianceMatrix() const {
    TMatrixDSym m(static_cast<int>(NPar()));
    for (unsigned i = 0; i < NPar(); ++i)
      for (unsigned j = 0; j < NPar(); ++j) m(int(i), int(j)) = CovMatrix(i, j);
    return m;
  }
  TMatrixDSym GetCorrelationMatrix() const {
    TMatrixDSym m(static_cast<int>(NPar()));
    for (unsigned i = 0; i < NPar(); ++i)
      for (unsigned j = 0; j < NPar(); ++j) m(int(i), int(j)) = i == j && !IsParameterFixed(i) ? 1 : Correlation(i, j);
    return m;
  }
  // MINOS's errors where option "E" computed them, else the parabolic error.
  bool HasMinosError(unsigned i) const { return i < fMinosLower.size(); }
  double LowerError(unsigned i) const { return HasMinosError(i) ? fMinosLower[i] : ParError(i); }
  double UpperError(unsigned i) const { return HasMinosError(i) ? fMinosUpper[i] : ParError(i); }
  unsigned Ndf() const { return unsigned(std::max(fNdf, 0)); }
  double Prob() const { return TMath::Prob(fChi2, fNdf); }
  int Status() const { return fStatus; }
  bool IsValid() const { return fStatus == 0; }
  int NCalls() const { return fCalls; }
  double Edm() const { return fEdm; }

  // As ROOT prints a fit (ROOT::Fit::FitResult::Print's layout).
  void Print(Option_t * = "") const {
    std::printf("\n****************************************\n");
    std::printf("Minimizer is cppnb / %s\n", fMinimizer.c_str());
    if (fLikelihood) std::printf("%-26s=%13.6g\n", "MinFCN", fMinFcn);
    std::printf("%-26s=%13.6g\n", "Chi2", fChi2);
    std::printf("%-26s=%13d\n", "NDf", fNdf);
    std::printf("%-26s=%13.6g\n", "Edm", fEdm);
    std::printf("%-26s=%13d\n", "NCalls", fCalls);
    for (size_t i = 0; i < fParams.size(); ++i) {
      std::string name = i < fNames.size() && !fNames[i].empty() ? fNames[i] : "p" + std::to_string(i);
      std::printf("%-26s=%13.6g", name.c_str(), fParams[i]);
      if (IsParameterFixed(unsigned(i))) std::printf("%9s%12s \t (fixed)", "", "");
      else {
        std::printf("   +/-   %-12.6g", fErrors[i]);
        if (HasMinosError(unsigned(i))) std::printf("  %-12.6g +%-12.6g (Minos) ", fMinosLower[i], fMinosUpper[i]);
      }
      std::printf("\n");
    }
    std::fflush(stdout);
  }
  void PrintCovMatrix() const {
    std::printf("\nCovariance Matrix:\n\n");
    GetCovarianceMatrix().Print();
    std::printf("\nCorrelation Matrix:\n\n");
    GetCorrelationMatrix().Print();
  }
};

// What Fit returns: converts to the fit status (0 is success); with option
// "S" it also holds the result, reached with ->.
class TFitResultPtr {
public:
  TFitResultPtr(int status = -1) : fStatus(status) {}
  TFitResultPtr(std::shared_ptr<TFitResult> r) : fResult(std::move(r)), fStatus(fResult ? fResult->fStatus : -1) {}
  operator int() const { return fStatus; }
  TFitResult *operator->() const {
    if (!fResult) throw std::logic_error("TFitResultPtr: no result held; fit with option \"S\" to keep one");
    return fResult.get();
  }
  TFitResult &operator*() const { return *operator->(); }
  TFitResult *Get() const { return fResult.get(); }

private:
  std::shared_ptr<TFitResult> fResult;
  int fStatus;
};

// A formula's C++ (formula_code.hpp) compiled in the session, once per text.
using FormulaFunction = double (*)(const double *x, const double *p);
inline FormulaFunction compiledFormula(const std::string &cpp, const std::string &formula) {
  std::string error;
  auto f = jit::function<FormulaFunction>(cpp, "cppnb_formula_", [&](const std::string &symbol) {
    return "extern \"C\" double " + symbol + "(const double *x, const double *p) {\n"
           "  using namespace ::cppnb::root; // ROOT's names (TMath::…) as at ROOT's prompt\n"
           "  using namespace std;\n"
           "  (void)x, (void)p;\n"
           "  return " + cpp + ";\n}\n";
  }, error);
  if (!f) throw std::invalid_argument("TF1: cannot compile the formula \"" + formula + "\": " + error);
  return f;
}

class TF1 : public TNamed, public TAttLine, public TAttFill, public TAttMarker {
public:
  using Code = std::function<double(const double *x, const double *p)>;

  TF1() : TAttLine(gStyle->GetFuncColor(), 1, gStyle->GetFuncWidth()) {}

  TF1(const char *name, const char *formula, double xmin = 0, double xmax = 1)
      : TNamed(name, formula), TAttLine(gStyle->GetFuncColor(), 1, gStyle->GetFuncWidth()), fXmin(xmin), fXmax(xmax),
        fExpression(formula ? formula : "") {
    if (jit::available()) {
      // As ROOT: the formula is C++ for the interpreter (formula_code.hpp).
      FormulaCode code(fExpression);
      fCompiled = compiledFormula(code.cpp(), fExpression);
      SetNpar(code.npar());
      fNames = code.parNames();
    } else {
      // No interpreter (a %%slurm job, a g++ program): formula.hpp's own reader.
      fFormula = std::make_shared<cppnb::root::Formula>(fExpression);
      SetNpar(fFormula->npar());
      fNames = fFormula->parNames();
    }
    fRegistration.enroll(this, name);
    fNames.resize(fParams.size());
    // The built-in shapes start from parameters that draw something.
    const std::string &e = fExpression;
    if (e == "gaus") SetParameters(1, 0, 1);
    else if (e == "gausn") SetParameters(1, 0, 1);
    else if (e == "landau") SetParameters(1, 0, 1);
  }

  // C++ code: any callable taking (double *x, double *p) as ROOT's, or a double x.
  template <class F, class = std::enable_if_t<std::is_invocable_v<F &, double *, double *> ||
                                              std::is_invocable_v<F &, const double *, const double *> ||
                                              std::is_invocable_v<F &, double>>>
  TF1(const char *name, F f, double xmin = 0, double xmax = 1, int npar = 0, int = 1)
      : TNamed(name, name), TAttLine(gStyle->GetFuncColor(), 1, gStyle->GetFuncWidth()), fXmin(xmin), fXmax(xmax) {
    if constexpr (std::is_invocable_v<F &, double *, double *>) {
      fCode = [f](const double *x, const double *p) mutable { return double(f(const_cast<double *>(x), const_cast<double *>(p))); };
    } else if constexpr (std::is_invocable_v<F &, const double *, const double *>) {
      fCode = [f](const double *x, const double *p) mutable { return double(f(x, p)); };
    } else {
      fCode = [f](const double *x, const double *) mutable { return double(f(x[0])); };
    }
    SetNpar(npar);
    fRegistration.enroll(this, name);
  }

  const char *ClassName() const override { return "TF1"; }
  // Called by a fit function to leave out the point it is evaluated at (a
  // range excluded from a fit): the fit evaluates each point once first.
  static void RejectPoint(bool reject = true) { rejected() = reject; }
  static bool RejectedPoint() { return rejected(); }
  static bool &rejected() {
    static bool flag = false;
    return flag;
  }
  TObject *Clone(const char *newname = "") const override {
    auto *copy = new TF1(*this);
    if (newname && *newname) copy->SetName(newname);
    return copy;
  }

  double EvalPar(const double *x, const double *p = nullptr) const {
    const double *pars = p ? p : fParams.data();
    if (fCode) return fCode(x, pars);
    if (fCompiled) return fCompiled(x, pars);
    return fFormula ? fFormula->eval(x[0], pars) : 0;
  }
  // All coordinates are passed: a TF2 or TF3 reached through a TF1 * sees its y and z.
  double Eval(double x, double y = 0, double z = 0, double t = 0) const {
    const double v[4] = {x, y, z, t};
    return EvalPar(v);
  }
  double operator()(double x, double y = 0, double z = 0, double t = 0) const { return Eval(x, y, z, t); }
  double operator()(const double *x, const double *p = nullptr) const { return EvalPar(x, p); }

  // A copy drawn on the current pad (the pad owns it), as ROOT's.
  TF1 *DrawCopy(Option_t *option = "") const {
    auto *copy = new TF1(*this);
    copy->Draw(option);
    return copy;
  }
  int GetNpar() const { return int(fParams.size()); }
  void SetParameters(const double *p) { std::copy(p, p + fParams.size(), fParams.begin()); }
  void SetParameters(double p0, double p1 = 0, double p2 = 0, double p3 = 0, double p4 = 0, double p5 = 0,
                     double p6 = 0, double p7 = 0, double p8 = 0, double p9 = 0, double p10 = 0) {
    double all[] = {p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10};
    for (size_t i = 0; i < fParams.size() && i < 11; ++i) fParams[i] = all[i];
  }
  void SetParameter(int i, double v) { at(i) = v; }
  void SetParameter(const char *name, double v) { at(GetParNumber(name)) = v; }
  double GetParameter(int i) const { return const_cast<TF1 *>(this)->at(i); }
  double GetParameter(const char *name) const { return GetParameter(GetParNumber(name)); }
  double *GetParameters() { return fParams.data(); }
  const double *GetParameters() const { return fParams.data(); }
  // Copies the parameters into params (GetNpar() of them), as ROOT's.
  void GetParameters(double *params) const { std::copy(fParams.begin(), fParams.end(), params); }
  double GetParError(int i) const { return i >= 0 && i < int(fErrors.size()) ? fErrors[i] : 0; }
  const double *GetParErrors() const { return fErrors.data(); }
  void SetParError(int i, double e) {
    if (i >= 0 && i < int(fErrors.size())) fErrors[i] = e;
  }
  void SetParName(int i, const char *name) {
    if (i >= 0 && i < int(fNames.size())) fNames[i] = name;
  }
  void SetParNames(const char *n0 = "", const char *n1 = "", const char *n2 = "", const char *n3 = "",
                   const char *n4 = "", const char *n5 = "", const char *n6 = "", const char *n7 = "",
                   const char *n8 = "", const char *n9 = "", const char *n10 = "") {
    const char *all[] = {n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10};
    for (size_t i = 0; i < fNames.size() && i < 11; ++i)
      if (all[i] && *all[i]) fNames[i] = all[i];
  }
  const char *GetParName(int i) const { return i >= 0 && i < int(fNames.size()) ? fNames[i].c_str() : ""; }
  int GetParNumber(const char *name) const {
    for (size_t i = 0; i < fNames.size(); ++i)
      if (fNames[i] == name) return int(i);
    throw std::invalid_argument(std::string("TF1 ") + GetName() + " has no parameter named " + name);
  }
  void FixParameter(int i, double v) {
    at(i) = v;
    fFixed[i] = true;
  }
  void ReleaseParameter(int i) {
    at(i);
    fFixed[i] = false;
  }
  bool IsFixed(int i) const { return i >= 0 && i < int(fFixed.size()) && fFixed[i]; }
  void SetParLimits(int i, double lo, double hi) {
    at(i);
    fLimits[i] = {lo, hi};
  }

  void SetRange(double xmin, double xmax) {
    fXmin = xmin;
    fXmax = xmax;
  }
  double GetXmin() const { return fXmin; }
  double GetXmax() const { return fXmax; }
  void GetRange(double &xmin, double &xmax) const {
    xmin = fXmin;
    xmax = fXmax;
  }
  void SetNpx(int n = 100) { fNpx = std::max(4, n); }
  int GetNpx() const { return fNpx; }
  const std::string &GetExpFormula() const { return fExpression; }

  double GetChisquare() const { return fChi2; }
  int GetNDF() const { return fNdf; }
  // What a fit done elsewhere (a user's FCN with TVirtualFitter) found.
  void SetChisquare(double chi2) { fChi2 = chi2; }
  void SetNDF(int ndf) { fNdf = ndf; }
  void SetParErrors(const double *errors) {
    if (errors) std::copy(errors, errors + fErrors.size(), fErrors.begin());
  }
  double GetProb() const { return TMath::Prob(fChi2, fNdf); }
  int GetNumberFitPoints() const { return fNdf + GetNumberFreeParameters(); }
  int GetNumberFreeParameters() const {
    int n = 0;
    for (size_t i = 0; i < fParams.size(); ++i) n += !IsFixed(int(i));
    return n;
  }

  double Integral(double a, double b, double epsrel = 1e-10) const {
    std::function<double(double, double, double, double, double, int)> simpson =
        [&](double lo, double hi, double flo, double fmid, double fhi, int depth) -> double {
      double mid = (lo + hi) / 2, lm = (lo + mid) / 2, rm = (mid + hi) / 2;
      double flm = Eval(lm), frm = Eval(rm);
      double whole = (hi - lo) / 6 * (flo + 4 * fmid + fhi);
      double left = (mid - lo) / 6 * (flo + 4 * flm + fmid), right = (hi - mid) / 6 * (fmid + 4 * frm + fhi);
      if (depth > 40 || std::fabs(left + right - whole) <= 15 * epsrel * std::fmax(1e-300, std::fabs(left + right)))
        return left + right + (left + right - whole) / 15;
      return simpson(lo, mid, flo, flm, fmid, depth + 1) + simpson(mid, hi, fmid, frm, fhi, depth + 1);
    };
    // Split first, so narrow peaks are not missed by the first estimate.
    double total = 0;
    const int pieces = 64;
    for (int i = 0; i < pieces; ++i) {
      double lo = a + (b - a) * i / pieces, hi = a + (b - a) * (i + 1) / pieces;
      total += simpson(lo, hi, Eval(lo), Eval((lo + hi) / 2), Eval(hi), 0);
    }
    return total;
  }
  double Derivative(double x, const double * = nullptr, double eps = 0.001) const {
    double h = eps * std::fmax(1.0, std::fabs(x));
    return (Eval(x + h) - Eval(x - h)) / (2 * h);
  }
  // The y range the function is drawn in (ROOT keeps it in the function's
  // histogram); GetMaximum/GetMinimum stay the function's own extremes.
  void SetMaximum(double maximum = -1111) { fDrawnMaximum = maximum; }
  void SetMinimum(double minimum = -1111) { fDrawnMinimum = minimum; }
  double GetMaximumStored() const { return fDrawnMaximum; }
  double GetMinimumStored() const { return fDrawnMinimum; }
  double GetMaximumX(double xmin = 0, double xmax = 0) const { return extremum(xmin, xmax, +1); }
  double GetMinimumX(double xmin = 0, double xmax = 0) const { return extremum(xmin, xmax, -1); }
  double GetMaximum(double xmin = 0, double xmax = 0) const { return Eval(GetMaximumX(xmin, xmax)); }
  double GetMinimum(double xmin = 0, double xmax = 0) const { return Eval(GetMinimumX(xmin, xmax)); }
  // The x in [xmin, xmax] where the function equals y (by bisection on a sign change).
  double GetX(double y, double xmin = 0, double xmax = 0) const {
    if (xmin >= xmax) xmin = fXmin, xmax = fXmax;
    const int n = fNpx;
    double prevX = xmin, prev = Eval(xmin) - y;
    for (int i = 1; i <= n; ++i) {
      double x = xmin + (xmax - xmin) * i / n, v = Eval(x) - y;
      if ((prev <= 0) != (v <= 0)) {
        double lo = prevX, hi = x;
        for (int k = 0; k < 100; ++k) {
          double mid = (lo + hi) / 2;
          if (((Eval(lo) - y) <= 0) == ((Eval(mid) - y) <= 0)) lo = mid;
          else hi = mid;
        }
        return (lo + hi) / 2;
      }
      prevX = x, prev = v;
    }
    return TMath::QuietNaN();
  }
  // A random number distributed as the function over its range.
  double GetRandom(double xmin = 0, double xmax = 0) const {
    if (xmin >= xmax) xmin = fXmin, xmax = fXmax;
    const int n = std::max(fNpx, 100);
    std::vector<double> cdf(n + 1, 0);
    for (int i = 0; i < n; ++i) {
      double a = xmin + (xmax - xmin) * i / n, b = xmin + (xmax - xmin) * (i + 1) / n;
      double w = (b - a) / 6 * (std::fmax(0.0, Eval(a)) + 4 * std::fmax(0.0, Eval((a + b) / 2)) + std::fmax(0.0, Eval(b)));
      cdf[i + 1] = cdf[i] + w;
    }
    if (cdf[n] <= 0) return TMath::QuietNaN();
    double u = gRandom->Rndm() * cdf[n];
    int i = int(std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin()) - 1;
    i = std::clamp(i, 0, n - 1);
    double frac = cdf[i + 1] > cdf[i] ? (u - cdf[i]) / (cdf[i + 1] - cdf[i]) : gRandom->Rndm();
    return xmin + (xmax - xmin) * (i + frac) / n;
  }

  TAxis *GetXaxis() { return &fXaxis; }
  TAxis *GetYaxis() { return &fYaxis; }
  void SetTitle(const char *title = "") override {
    TNamed::SetTitle(title);
    std::string t, x, y;
    cppnb::root::splitTitle(fTitle, t, &x, &y);
    if (!x.empty()) fXaxis.SetTitle(x.c_str());
    if (!y.empty()) fYaxis.SetTitle(y.c_str());
  }

  inline bool FrameFor(const std::string &opt, bool logx, bool logy, cppnb::root::FrameRequest &f) const override;
  inline void Paint(cppnb::root::Painter &painter, const std::string &opt) const override;

  // ---- fitting (used by TH1::Fit and TGraph::Fit) ----
  bool IsBuiltin(const char *shape) const { return fExpression == shape; }
  void SetFitResult(const cppnb::root::FitOutcome &r) {
    fParams = r.params;
    fErrors = r.errors;
    fCovariance = r.covariance;
    fChi2 = r.chi2;
    fNdf = r.ndf;
  }
  const std::vector<std::string> &ParNames() const { return fNames; }
  // The covariance of the last fit's parameters (cppnb's; ROOT keeps it in the TFitResult).
  const std::vector<std::vector<double>> &FitCovariance() const { return fCovariance; }
  const std::vector<bool> &FixedFlags() const { return fFixed; }
  // The parameter values the model sees: limits applied.
  double Limited(int i, double v) const {
    auto it = fLimits.find(i);
    if (it == fLimits.end() || it->second.first >= it->second.second) return v;
    return std::clamp(v, it->second.first, it->second.second);
  }
  bool HasLimits() const { return !fLimits.empty(); }

private:
  std::shared_ptr<cppnb::root::Formula> fFormula;
  FormulaFunction fCompiled = nullptr;
  Code fCode;
  double fXmin = 0, fXmax = 1;
  int fNpx = 100;
  double fDrawnMinimum = -1111, fDrawnMaximum = -1111;
  std::string fExpression;
  std::vector<double> fParams, fErrors;
  std::vector<std::vector<double>> fCovariance;
  std::vector<std::string> fNames;
  std::vector<bool> fFixed;
  std::map<int, std::pair<double, double>> fLimits;
  double fChi2 = 0;
  int fNdf = 0;
  TAxis fXaxis{'x'}, fYaxis{'y'};
  cppnb::root::FunctionRegistration fRegistration;

  void SetNpar(int n) {
    fParams.assign(n, 0);
    fErrors.assign(n, 0);
    fNames.assign(n, "");
    for (int i = 0; i < n; ++i) fNames[i] = "p" + std::to_string(i);
    fFixed.assign(n, false);
  }
  double &at(int i) {
    if (i < 0 || i >= int(fParams.size()))
      throw std::out_of_range(std::string("TF1 ") + GetName() + " has " + std::to_string(fParams.size()) +
                              " parameters; there is no parameter " + std::to_string(i));
    return fParams[i];
  }
  double extremum(double xmin, double xmax, int sign) const {
    if (xmin >= xmax) xmin = fXmin, xmax = fXmax;
    const int n = fNpx * 4;
    double best = xmin, bestV = sign * Eval(xmin);
    for (int i = 1; i <= n; ++i) {
      double x = xmin + (xmax - xmin) * i / n, v = sign * Eval(x);
      if (v > bestV) best = x, bestV = v;
    }
    // Golden-section refinement around the best sample.
    double step = (xmax - xmin) / n, lo = std::max(xmin, best - step), hi = std::min(xmax, best + step);
    for (int k = 0; k < 60; ++k) {
      double m1 = lo + (hi - lo) * 0.382, m2 = lo + (hi - lo) * 0.618;
      if (sign * Eval(m1) < sign * Eval(m2)) lo = m1;
      else hi = m2;
    }
    return (lo + hi) / 2;
  }
};


// The TF1 the user made under this name (ROOT's gROOT->GetFunction), or null.
inline TF1 *userFunction(const char *name) {
  auto &all = functionsByName();
  auto it = all.find(name ? name : "");
  return it == all.end() ? nullptr : const_cast<TF1 *>(it->second);
}

inline const std::string *namedFormulaText(const std::string &name) {
  const TF1 *f = userFunction(name.c_str());
  return f && !f->GetExpFormula().empty() ? &f->GetExpFormula() : nullptr;
}

// ROOT's TFormula: a formula by name, evaluated in up to four variables, and
// usable by name in other formulas ("[3]*form1"). Here a TF1 without a
// range of its own (ROOT's TF1 holds a TFormula; the interface is the same).
class TFormula : public TF1 {
public:
  TFormula() = default;
  TFormula(const char *name, const char *formula, bool = true, bool = false) : TF1(name, formula, 0, 1) {}
  const char *ClassName() const override { return "TFormula"; }
  double Eval(double x, double y = 0, double z = 0, double t = 0) const {
    const double v[4] = {x, y, z, t};
    return EvalPar(v);
  }
  bool IsValid() const { return true; }
  // 1 with x, 2 with y, 3 with z, 4 with t.
  int GetNdim() const { return GetExpFormula().empty() ? 1 : FormulaCode(GetExpFormula()).ndim(); }
};

// A function fitted to a histogram or graph, by name, or null.
inline TF1 *findFunction(const std::list<TF1> &functions, const char *name) {
  for (auto &f : functions)
    if (std::string(f.GetName()) == name) return const_cast<TF1 *>(&f);
  return nullptr;
}

// How a fit is done: ROOT's options, what is minimised, and whether the
// parameters' errors are scaled by √(χ²/ndf) (data without errors, or "W").
struct FitRequest {
  FitOptions options;
  FitMethod method = FitMethod::LeastSquares;
  bool normalizeErrors = false;

  // A histogram's fit (TH1::Fit, TH2::Fit): the method its options choose;
  // "W" gives every bin error 1 and scales the parameters' errors by √(χ²/ndf).
  static FitRequest forHistogram(Option_t *option) {
    FitRequest how;
    how.options = FitOptions::parse(option);
    const FitOptions &o = how.options;
    if (o.weightedLikelihood()) how.method = FitMethod::WeightedPoisson;
    else if (o.likelihood()) how.method = FitMethod::Poisson;
    else if (o.pearson) how.method = FitMethod::Pearson;
    how.normalizeErrors = o.unitWeights && !o.likelihood();
    return how;
  }
  // The error a bin of the histogram enters with (its own, or 1 with "W"), or 0
  // to leave it out: χ² fits leave out empty bins (error 0) unless "WW";
  // likelihood and Pearson fits take them, with error 1.
  double binError(double own) const {
    const FitOptions &o = options;
    double e = o.unitWeights && !o.likelihood() ? 1 : own;
    if (e > 0) return e;
    return o.likelihood() || o.pearson || o.unitWeights == 2 ? 1 : 0;
  }
};

template <class Coordinates>
inline TFitResultPtr fitWithCoordinates(TF1 &f, const std::vector<FitPoint> &pts, Coordinates coordinates, const FitRequest &how);

// Fits f to the points (x, y ± sigma) as how says and prints the result as
// ROOT does unless the option has "Q". Parameters of the built-in shapes are
// first estimated from the data, as ROOT does.
// Start values of the built-in shapes' parameters, from the points' weights
// (as ROOT's InitGaus, InitExpo).
inline void estimateBuiltinShape(TF1 &f, const std::vector<FitPoint> &pts) {
  double sw = 0, swx = 0, swx2 = 0, ymax = -1e300, xAtMax = 0;
  for (const FitPoint &p : pts) {
    double w = std::fmax(p.y, 0.0);
    sw += w, swx += w * p.x, swx2 += w * p.x * p.x;
    if (p.y > ymax) ymax = p.y, xAtMax = p.x;
  }
  double mean = sw > 0 ? swx / sw : 0, sd = sw > 0 ? std::sqrt(std::fmax(swx2 / sw - mean * mean, 1e-300)) : 1;
  if (f.IsBuiltin("gaus")) f.SetParameters(ymax, mean, sd);
  else if (f.IsBuiltin("gausn")) f.SetParameters(sw * (pts.size() > 1 ? std::fabs(pts[1].x - pts[0].x) : 1), mean, sd);
  else if (f.IsBuiltin("landau")) f.SetParameters(ymax, xAtMax, sd / 3);
  else if (f.IsBuiltin("expo")) {
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const FitPoint &p : pts)
      if (p.y > 0) n++, sx += p.x, sy += std::log(p.y), sxx += p.x * p.x, sxy += p.x * std::log(p.y);
    double den = n * sxx - sx * sx;
    if (n >= 2 && den != 0) {
      double slope = (n * sxy - sx * sy) / den;
      f.SetParameters((sy - slope * sx) / n, slope);
    }
  }
}

// Fits f to the points (x, y ± sigma) as how says and prints the result as
// ROOT does unless the option has "Q". The built-in shapes' parameters are
// first estimated from the data unless the user bounded or fixed some ("B",
// as ROOT).
inline TFitResultPtr fitPoints(TF1 &f, const std::vector<FitPoint> &pts, const FitRequest &how) {
  if (pts.size() == 0) {
    std::fprintf(stderr, "Warning in <Fit>: Fit data is empty\n");
    return TFitResultPtr(-1);
  }
  bool bound = how.options.bound || f.HasLimits();
  for (int i = 0; i < f.GetNpar(); ++i) bound = bound || f.IsFixed(i);
  if (!bound) estimateBuiltinShape(f, pts);
  return fitWithCoordinates(f, pts, [](double x, double *v) { v[0] = x; }, how);
}

// The last fit's FCN and minimum, for gMinuit's Contour after a TH1::Fit (as
// ROOT's TMinuit keeps its last minimisation).
struct LastFit {
  Fcn fcn;      // what it minimised
  double up = 1; // the FCN's error definition
  std::shared_ptr<const TFitResult> result;
  // Run after each fit (fitter.hpp points gMinuit back at this fit).
  static inline void (*onFit)() = nullptr;
};
inline LastFit &lastFit() {
  static LastFit *last = new LastFit; // never destroyed: its TF1 would outlive the pads at exit
  return *last;
}

// Fits f to the points, each point's coordinates (one per dimension of f)
// made from its x by coordinates: a 2D fit gives each bin's number as x.
// Prints the result as ROOT does unless the option has "Q".
template <class Coordinates>
inline TFitResultPtr fitWithCoordinates(TF1 &f, const std::vector<FitPoint> &pts, Coordinates coordinates, const FitRequest &how) {
  const FitOptions &o = how.options;
  if (pts.size() == 0) {
    std::fprintf(stderr, "Warning in <Fit>: Fit data is empty\n");
    return TFitResultPtr(-1);
  }
  std::vector<double> start(f.GetParameters(), f.GetParameters() + f.GetNpar());
  // The points the function rejects (TF1::RejectPoint) are left out.
  std::vector<FitPoint> kept;
  for (const FitPoint &pt : pts) {
    double v[4] = {0, 0, 0, 0};
    coordinates(pt.x, v);
    TF1::RejectPoint(false);
    f.EvalPar(v, start.data());
    if (!TF1::RejectedPoint()) kept.push_back(pt);
  }
  TF1::RejectPoint(false);
  // The model holds a copy of the function: the FCN outlives this call (in
  // gMinuit, for Contour) and coordinates holds its own data.
  auto copy = std::make_shared<TF1>(f);
  auto at = [copy, coordinates](double x, const double *p) {
    double v[4] = {0, 0, 0, 0};
    coordinates(x, v);
    if (!copy->HasLimits()) return copy->EvalPar(v, p);
    std::vector<double> q(p, p + copy->GetNpar());
    for (int i = 0; i < copy->GetNpar(); ++i) q[i] = copy->Limited(i, q[i]);
    return copy->EvalPar(v, q.data());
  };
  // "I": the function's mean over each bin (Simpson's rule on 8 intervals)
  // in place of its value at the bin's centre.
  Model model = at;
  if (o.integral) {
    std::map<double, double> halfWidths;
    for (const FitPoint &pt : kept) halfWidths[pt.x] = pt.halfWidth;
    model = [at, halfWidths](double x, const double *p) {
      auto it = halfWidths.find(x);
      double h = it == halfWidths.end() ? 0 : it->second;
      if (h <= 0) return at(x, p);
      double s = 0, step = 2 * h / 8;
      for (int k = 0; k <= 8; ++k) s += (k == 0 || k == 8 ? 1 : k % 2 ? 4 : 2) * at(x - h + k * step, p);
      return s * step / 3 / (2 * h);
    };
  }
  FitOutcome r = fitData(model, kept, start, f.FixedFlags(), how.method);
  if (how.normalizeErrors && r.ndf > 0) {
    double scale = r.chi2 / r.ndf;
    for (double &e : r.errors) e *= std::sqrt(scale);
    for (auto &row : r.covariance)
      for (double &c : row) c *= scale;
  }
  for (int i = 0; i < f.GetNpar(); ++i) r.params[i] = f.Limited(i, r.params[i]);
  f.SetFitResult(r);
  auto result = std::make_shared<TFitResult>();
  result->fParams = r.params;
  result->fErrors = r.errors;
  result->fNames = f.ParNames();
  result->fChi2 = r.chi2;
  result->fMinFcn = r.minFcn;
  result->fLikelihood = isLikelihood(how.method);
  result->fMinimizer = r.minimizer;
  result->fNdf = r.ndf;
  result->fCalls = r.calls;
  result->fEdm = r.edm;
  result->fCovariance = r.covariance;
  result->fFixed = f.FixedFlags();
  result->fFixed.resize(r.params.size(), false);
  auto fitted = std::make_shared<TF1>(f);
  result->fModel = [fitted](const double *x, const double *p) { return fitted->EvalPar(x, p); };
  result->fStatus = r.converged ? 0 : 4;
  if (o.minos) minosErrors(r.fcn, r.params, r.errors, result->fFixed, r.minFcn, r.up, result->fMinosLower, result->fMinosUpper);
  // Kept for gMinuit->Contour: what was minimised and its minimum.
  LastFit &last = lastFit();
  last.fcn = r.fcn, last.up = r.up, last.result = result;
  if (LastFit::onFit) LastFit::onFit();
  if (!o.quiet) result->Print();
  if (o.verbose) result->PrintCovMatrix();
  return o.store ? TFitResultPtr(result) : TFitResultPtr(result->fStatus);
}

} // namespace cppnb::root
