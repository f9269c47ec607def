// TMinuit, gMinuit and TVirtualFitter: a user's FCN (Minuit's signature,
// `void fcn(int &npar, double *gin, double &f, double *par, int flag)`)
// minimised by cppnb's minimiser (minimizer.hpp) with Minuit's commands
// (MIGRAD, MINIMIZE, SIMPLEX, HESSE, MINOS, SET ERR, SET PRINT, FIX, RELEASE),
// and the n-σ contours of the last minimisation. After TH1::Fit, gMinuit
// holds that fit's FCN and minimum, as ROOT's TMinuit does, for Contour.
#pragma once

#include "functions.hpp"
#include "graphs.hpp"

#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

namespace cppnb::root {

class TMinuit : public TNamed {
public:
  using FCN = void (*)(Int_t &npar, Double_t *gin, Double_t &f, Double_t *par, Int_t flag);

  inline explicit TMinuit(Int_t maxpar = 25);
  inline ~TMinuit() override;
  const char *ClassName() const override { return "TMinuit"; }

  void SetFCN(FCN fcn) {
    fUser = fcn;
    fFromLastFit = false;
  }
  Int_t DefineParameter(Int_t i, const char *name, Double_t value, Double_t step, Double_t lo, Double_t hi) {
    if (i < 0 || i >= fMaxpar) {
      std::fprintf(stderr, "Error in <TMinuit::DefineParameter>: parameter %d outside 0..%d\n", i, fMaxpar - 1);
      return 1;
    }
    if (int(fPars.size()) <= i) fPars.resize(size_t(i) + 1);
    fPars[size_t(i)] = {name ? name : "", value, step, lo, hi, step == 0, true};
    return 0;
  }
  void mnparm(Int_t i, const char *name, Double_t value, Double_t step, Double_t lo, Double_t hi, Int_t &ierflg) {
    ierflg = DefineParameter(i, name, value, step, lo, hi);
  }
  Int_t FixParameter(Int_t i) { return setFixed(i, true); }
  Int_t Release(Int_t i) { return setFixed(i, false); }
  Int_t SetErrorDef(Double_t up) {
    fUp = up > 0 ? up : 1;
    return 0;
  }
  Double_t GetErrorDef() const { return fUp; }
  Int_t SetPrintLevel(Int_t level = 0) {
    int previous = fPrintLevel;
    fPrintLevel = level;
    return previous;
  }
  Int_t SetMaxIterations(Int_t n = 500) {
    fMaxCalls = std::max(n, 1);
    return 0;
  }

  // Minuit's command line: "MIGRAD [maxcalls [tolerance]]", "SET ERR up", …
  void mnexcm(const char *command, Double_t *args, Int_t nargs, Int_t &ierflg) { ierflg = execute(command, args, nargs); }
  Int_t Command(const char *command) {
    std::string text = command ? command : "";
    std::vector<double> args;
    std::string name;
    size_t i = 0;
    while (i < text.size() && (std::isalpha(static_cast<unsigned char>(text[i])) || text[i] == ' ')) {
      // The command's words end where numbers start.
      if (i + 1 < text.size() && text[i] == ' ' && (std::isdigit(static_cast<unsigned char>(text[i + 1])) || text[i + 1] == '-' || text[i + 1] == '.')) break;
      name += text[i++];
    }
    for (std::string rest = text.substr(i); !rest.empty();) {
      size_t used = 0;
      try {
        args.push_back(std::stod(rest, &used));
      } catch (...) {
        break;
      }
      rest = rest.substr(used);
    }
    return execute(name.c_str(), args.data(), int(args.size()));
  }
  Int_t Migrad() { return execute("MIGRAD", nullptr, 0); }

  Int_t GetParameter(Int_t i, Double_t &value, Double_t &error) const {
    value = i >= 0 && i < int(fPars.size()) ? fPars[size_t(i)].value : 0;
    error = i >= 0 && i < int(fErrors.size()) && !fPars[size_t(i)].fixed ? fErrors[size_t(i)] : 0;
    return i >= 0 && i < int(fPars.size()) ? 0 : -1;
  }
  Int_t GetNumPars() const { return int(fPars.size()); }
  Int_t GetNumFreePars() const {
    int n = 0;
    for (const Par &p : fPars) n += !p.fixed;
    return n;
  }
  Int_t GetNumFixedPars() const { return GetNumPars() - GetNumFreePars(); }
  Int_t GetStatus() const { return fStatus; }
  // fmin, edm, errdef, free and all parameters, status (3: converged).
  void mnstat(Double_t &fmin, Double_t &edm, Double_t &errdef, Int_t &npari, Int_t &nparx, Int_t &istat) const {
    fmin = fFmin, edm = fEdm, errdef = fUp, npari = GetNumFreePars(), nparx = GetNumPars();
    istat = fCovariance.empty() ? 0 : 3;
  }
  // The covariance of the free parameters, ndim × ndim, row by row.
  void mnemat(Double_t *emat, Int_t ndim) const {
    std::vector<size_t> free;
    for (size_t i = 0; i < fPars.size(); ++i)
      if (!fPars[i].fixed) free.push_back(i);
    for (int r = 0; r < ndim; ++r)
      for (int c = 0; c < ndim; ++c)
        emat[r * ndim + c] = r < int(free.size()) && c < int(free.size()) && !fCovariance.empty() ? fCovariance[free[size_t(r)]][free[size_t(c)]] : 0;
  }
  Double_t covariance(int i, int j) const {
    return i >= 0 && j >= 0 && i < int(fCovariance.size()) && j < int(fCovariance.size()) ? fCovariance[size_t(i)][size_t(j)] : 0;
  }
  void mnprin(Int_t, Double_t) const { printResult("MIGRAD"); }

  // The contour where the FCN, minimised over the other parameters, is its
  // minimum + the error definition, in the plane of parameters pa1 and pa2:
  // a closed TGraph of npoints (found along rays from the minimum).
  TObject *Contour(Int_t npoints = 10, Int_t pa1 = 0, Int_t pa2 = 1) {
    syncFromLastFit();
    if (!fFcn || pa1 < 0 || pa2 < 0 || pa1 >= int(fPars.size()) || pa2 >= int(fPars.size()) || pa1 == pa2 || fCovariance.empty()) {
      std::fprintf(stderr, "Error in <TMinuit::Contour>: no minimum with parameters %d and %d to draw a contour of\n", pa1, pa2);
      return nullptr;
    }
    npoints = std::max(npoints, 4);
    size_t a = size_t(pa1), b = size_t(pa2);
    std::vector<double> best = values();
    std::vector<bool> fixed = fixedFlags();
    double sa = std::sqrt(fCovariance[a][a]), sb = std::sqrt(fCovariance[b][b]);
    double rho = sa > 0 && sb > 0 ? fCovariance[a][b] / (sa * sb) : 0;
    auto profile = [&](double u, double v) {
      std::vector<double> p = best;
      p[a] = u, p[b] = v;
      std::vector<bool> fix = fixed;
      fix[a] = fix[b] = true;
      return minimize(fFcn, p, fix, {}, fNaturalUp).fval - fFmin - fUp;
    };
    auto *g = new TGraph(npoints + 1);
    for (int k = 0; k < npoints; ++k) {
      double t = 2 * TMath::Pi() * k / npoints;
      // A direction in the plane of the covariance ellipse's shape.
      double du = sa * std::cos(t), dv = sb * (rho * std::cos(t) + std::sqrt(std::max(0.0, 1 - rho * rho)) * std::sin(t));
      double inner = 0, outer = std::sqrt(fUp / fNaturalUp);
      while (profile(best[a] + outer * du, best[b] + outer * dv) < 0 && outer < 1e3) inner = outer, outer *= 2;
      for (int it = 0; it < 40 && outer - inner > 1e-6 * outer; ++it) {
        double mid = (inner + outer) / 2;
        (profile(best[a] + mid * du, best[b] + mid * dv) < 0 ? inner : outer) = mid;
      }
      double s = (inner + outer) / 2;
      g->SetPoint(k, best[a] + s * du, best[b] + s * dv);
    }
    g->SetPoint(npoints, g->GetX()[0], g->GetY()[0]);
    return g;
  }

  // The commands' work, shared with TVirtualFitter.
  Int_t execute(const char *command, const Double_t *args, Int_t nargs) {
    std::string c;
    for (const char *p = command ? command : ""; *p; ++p) c += char(std::toupper(static_cast<unsigned char>(*p)));
    while (!c.empty() && c.back() == ' ') c.pop_back();
    auto arg = [&](int i, double otherwise) { return args && i < nargs ? args[i] : otherwise; };
    if (c.rfind("SET ERR", 0) == 0) return SetErrorDef(arg(0, 1));
    if (c.rfind("SET PRI", 0) == 0) return (fPrintLevel = int(arg(0, 0))), 0;
    if (c.rfind("SET STR", 0) == 0 || c.rfind("SET NOW", 0) == 0 || c.rfind("SET WAR", 0) == 0 || c.rfind("SET GRA", 0) == 0 || c.rfind("SET EPS", 0) == 0)
      return 0; // strategy, warnings, gradients, precision: the minimiser has one way
    if (c.rfind("FIX", 0) == 0 || c.rfind("REL", 0) == 0) {
      for (int i = 0; i < nargs; ++i) setFixed(int(args[i]) - 1, c[0] == 'F');
      return 0;
    }
    if (c.rfind("SET PAR", 0) == 0) {
      int i = int(arg(0, 0)) - 1;
      if (i >= 0 && i < int(fPars.size())) fPars[size_t(i)].value = arg(1, fPars[size_t(i)].value);
      return 0;
    }
    if (c.rfind("MIG", 0) == 0 || c.rfind("MINI", 0) == 0 || c.rfind("SIM", 0) == 0 || c.rfind("HES", 0) == 0 ||
        c.rfind("IMP", 0) == 0 || c.rfind("SEE", 0) == 0)
      return run(int(arg(0, fMaxCalls)), false, c.substr(0, 6));
    if (c.rfind("MINO", 0) == 0) return run(int(arg(0, fMaxCalls)), true, "MINOS");
    if (c.rfind("CAL", 0) == 0 || c.rfind("SHO", 0) == 0 || c.rfind("RET", 0) == 0 || c.rfind("STOP", 0) == 0) return 0;
    std::fprintf(stderr, "Error in <TMinuit::mnexcm>: command %s is not one cppnb's Minuit knows\n", c.c_str());
    return 1;
  }

  // The user FCN as the minimiser calls it.
  Fcn userFcn() const {
    FCN user = fUser;
    int n = int(fPars.size());
    return [user, n](const double *p) {
      std::vector<double> par(p, p + n), gin(size_t(n), 0.0);
      int npar = n;
      double f = 0;
      user(npar, gin.data(), f, par.data(), 4);
      return f;
    };
  }
  void setFromLastFit() { fFromLastFit = true; }

private:
  struct Par {
    std::string name;
    double value = 0, step = 0, lo = 0, hi = 0;
    bool fixed = false, defined = false;
  };
  int fMaxpar = 25, fPrintLevel = 0, fStatus = 0, fMaxCalls = 100000, fCalls = 0;
  double fUp = 1, fNaturalUp = 1, fFmin = 0, fEdm = 0;
  FCN fUser = nullptr;
  Fcn fFcn;
  bool fFromLastFit = false;
  std::vector<Par> fPars;
  std::vector<double> fErrors, fMinosLow, fMinosHigh;
  std::vector<std::vector<double>> fCovariance;

  Int_t setFixed(Int_t i, bool fixed) {
    if (i < 0 || i >= int(fPars.size())) return 1;
    fPars[size_t(i)].fixed = fixed;
    return 0;
  }
  std::vector<double> values() const {
    std::vector<double> v;
    for (const Par &p : fPars) v.push_back(p.value);
    return v;
  }
  std::vector<bool> fixedFlags() const {
    std::vector<bool> v;
    for (const Par &p : fPars) v.push_back(p.fixed);
    return v;
  }
  // gMinuit after a histogram or graph fit: that fit's FCN and minimum.
  void syncFromLastFit() {
    if (!fFromLastFit) return;
    const LastFit &last = lastFit();
    if (!last.fcn || !last.result) return;
    const TFitResult &r = *last.result;
    fFcn = last.fcn;
    fNaturalUp = last.up;
    fPars.clear();
    for (unsigned i = 0; i < r.NPar(); ++i) fPars.push_back({r.ParName(i), r.Parameter(i), 0, 0, 0, r.IsParameterFixed(i), true});
    // The FCN's own curvature at the minimum (the result's covariance may be
    // rescaled, "W", or corrected, "WL"): the shape the contours start from.
    MinimumFound m = minimize(fFcn, values(), fixedFlags(), {}, fNaturalUp, 0);
    fFmin = r.MinFcnValue(), fCovariance = m.covariance, fErrors = m.errors, fEdm = m.edm;
  }
  Int_t run(int maxCalls, bool minos, const std::string &what) {
    if (!fUser) {
      std::fprintf(stderr, "Error in <TMinuit::mnexcm>: no FCN: call SetFCN first\n");
      return 1;
    }
    fFcn = userFcn();
    fNaturalUp = fUp;
    std::vector<double> steps;
    for (const Par &p : fPars) steps.push_back(p.step);
    // Limits: the FCN sees the parameters clamped into them.
    std::vector<Par> pars = fPars;
    Fcn limited = [this, pars](const double *p) {
      std::vector<double> q(p, p + pars.size());
      for (size_t i = 0; i < pars.size(); ++i)
        if (pars[i].lo < pars[i].hi) q[i] = std::clamp(q[i], pars[i].lo, pars[i].hi);
      return fFcn(q.data());
    };
    MinimumFound m = minimize(limited, values(), fixedFlags(), steps, fUp, std::max(maxCalls, 1) * 100);
    for (size_t i = 0; i < fPars.size(); ++i)
      fPars[i].value = fPars[i].lo < fPars[i].hi ? std::clamp(m.params[i], fPars[i].lo, fPars[i].hi) : m.params[i];
    fFmin = m.fval, fEdm = m.edm, fErrors = m.errors, fCovariance = m.covariance, fCalls = m.calls;
    fStatus = m.converged ? 0 : 4;
    if (minos) {
      minosErrors(limited, values(), fErrors, fixedFlags(), fFmin, fUp, fMinosLow, fMinosHigh);
    }
    if (fPrintLevel >= 0) printResult(what);
    return fStatus;
  }
  void printResult(const std::string &what) const {
    std::printf(" FCN=%-12g FROM %-8s STATUS=%-10s %6d CALLS (cppnb's Newton minimiser)\n", fFmin, what.c_str(),
                fStatus == 0 ? "CONVERGED" : "FAILED", fCalls);
    std::printf("                     EDM=%-10.4g  ERROR MATRIX %s\n", fEdm, fCovariance.empty() ? "NOT POS-DEF" : "ACCURATE");
    std::printf("  EXT PARAMETER                                   %s\n", fMinosLow.empty() ? "" : "PARABOLIC         MINOS ERRORS");
    std::printf("  NO.   NAME      VALUE            ERROR      %s\n", fMinosLow.empty() ? "" : "               NEGATIVE      POSITIVE");
    for (size_t i = 0; i < fPars.size(); ++i) {
      std::printf("  %3zu  %-9s %12.5e", i + 1, fPars[i].name.c_str(), fPars[i].value);
      if (fPars[i].fixed) std::printf("     fixed\n");
      else if (i < fMinosLow.size()) std::printf("   %11.5e   %12.5e  %12.5e\n", fErrors[i], fMinosLow[i], fMinosHigh[i]);
      else std::printf("   %11.5e\n", i < fErrors.size() ? fErrors[i] : 0.0);
    }
    std::fflush(stdout);
  }
};

// gMinuit: the last TMinuit made, or the one that holds the last fit.
struct LastFitMinuit {
  static TMinuit *instance() {
    static TMinuit *m = [] {
      auto *t = new TMinuit(25);
      t->setFromLastFit();
      return t;
    }();
    return m;
  }
};
inline GlobalPointer<TMinuit, LastFitMinuit> gMinuit;

inline TMinuit::TMinuit(Int_t maxpar) : TNamed("MINUIT", "The Minimization package"), fMaxpar(std::max(maxpar, 1)) {
  gMinuit = this;
  // The next histogram or graph fit makes gMinuit the one that holds it, as in ROOT.
  LastFit::onFit = [] { gMinuit = nullptr; };
}
inline TMinuit::~TMinuit() {
  if (gMinuit.get() == this) gMinuit = nullptr; // back to the one of the last fit
}

// ROOT's interface to "the fitter": a TMinuit underneath, whichever fitter
// is named default.
class TVirtualFitter : public TNamed {
public:
  using FCNFunc_t = TMinuit::FCN;
  explicit TVirtualFitter(Int_t maxpar = 25) : TNamed("Fitter", "cppnb's fitter"), fMinuit(maxpar) {}
  const char *ClassName() const override { return "TVirtualFitter"; }

  static TVirtualFitter *Fitter(TObject *object = nullptr, Int_t maxpar = 25) {
    current() = std::make_unique<TVirtualFitter>(maxpar);
    current()->fObject = object;
    return current().get();
  }
  static TVirtualFitter *GetFitter() { return current().get(); }
  static void SetDefaultFitter(const char *name = "") { defaultName() = name ? name : ""; }
  static const char *GetDefaultFitter() { return defaultName().c_str(); }
  static void SetMaxIterations(Int_t n = 5000) { maxIterations() = n; }
  static Int_t GetMaxIterations() { return maxIterations(); }
  static void SetErrorDef(Double_t up = 1) { errorDef() = up; }
  static Double_t GetErrorDef() { return errorDef(); }
  static void SetPrecision(Double_t = 1e-6) {}

  void SetFCN(FCNFunc_t fcn) { fMinuit.SetFCN(fcn); }
  FCNFunc_t GetFCN() const { return nullptr; }
  void SetObjectFit(TObject *object) { fObject = object; }
  TObject *GetObjectFit() const { return fObject; }
  Int_t SetParameter(Int_t i, const char *name, Double_t value, Double_t step, Double_t lo, Double_t hi) {
    return fMinuit.DefineParameter(i, name, value, step, lo, hi);
  }
  void FixParameter(Int_t i) { fMinuit.FixParameter(i); }
  void ReleaseParameter(Int_t i) { fMinuit.Release(i); }
  Bool_t IsFixed(Int_t i) const {
    double v, e;
    fMinuit.GetParameter(i, v, e);
    return e == 0;
  }
  Int_t ExecuteCommand(const char *command, Double_t *args, Int_t nargs) {
    fMinuit.SetErrorDef(errorDef());
    return fMinuit.execute(command, args, nargs);
  }
  Double_t GetParameter(Int_t i) const {
    double v, e;
    fMinuit.GetParameter(i, v, e);
    return v;
  }
  Double_t GetParError(Int_t i) const {
    double v, e;
    fMinuit.GetParameter(i, v, e);
    return e;
  }
  Int_t GetNumberTotalParameters() const { return fMinuit.GetNumPars(); }
  Int_t GetNumberFreeParameters() const { return fMinuit.GetNumFreePars(); }
  Int_t GetStats(Double_t &amin, Double_t &edm, Double_t &errdef, Int_t &nvpar, Int_t &nparx) const {
    int status;
    fMinuit.mnstat(amin, edm, errdef, nvpar, nparx, status);
    return 0;
  }
  Double_t GetCovarianceMatrixElement(Int_t i, Int_t j) const { return fMinuit.covariance(i, j); }
  void PrintResults(Int_t = 1, Double_t = 0) const { fMinuit.mnprin(3, 0); }
  TMinuit *minuit() { return &fMinuit; }

private:
  TMinuit fMinuit;
  TObject *fObject = nullptr;
  static std::unique_ptr<TVirtualFitter> &current() {
    static auto *fitter = new std::unique_ptr<TVirtualFitter>; // never destroyed (see lastFit)
    return *fitter;
  }
  static std::string &defaultName() {
    static std::string name = "Minuit";
    return name;
  }
  static int &maxIterations() {
    static int n = 5000;
    return n;
  }
  static double &errorDef() {
    static double up = 1;
    return up;
  }
};

// ROOT's TFitter: the Minuit fitter made directly.
class TFitter : public TVirtualFitter {
public:
  explicit TFitter(Int_t maxpar = 25) : TVirtualFitter(maxpar) {}
  const char *ClassName() const override { return "TFitter"; }
  TMinuit *GetMinuit() { return minuit(); }
};

} // namespace cppnb::root
