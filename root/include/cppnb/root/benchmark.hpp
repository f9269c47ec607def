// TBenchmark (gBenchmark): named stopwatches a macro starts, stops and shows,
// and TStatistic: a named running mean, spread and range of weighted values.
#pragma once

#include "system.hpp"

#include <cmath>
#include <limits>
#include <map>

namespace cppnb::root {

class TBenchmark : public TNamed {
public:
  TBenchmark() : TNamed("Benchmark", "ROOT benchmark") {}
  const char *ClassName() const override { return "TBenchmark"; }
  void Start(const char *name) { fWatches[key(name)].Start(); }
  void Stop(const char *name) { fWatches[key(name)].Stop(); }
  void Reset() { fWatches.clear(); }
  float GetRealTime(const char *name) { return has(name) ? float(fWatches[key(name)].RealTime()) : -1; }
  float GetCpuTime(const char *name) { return has(name) ? float(fWatches[key(name)].CpuTime()) : -1; }
  // "name: Real Time = 0.42 seconds Cpu Time = 0.41 seconds", as ROOT prints it.
  void Show(const char *name) {
    if (!has(name)) return;
    TStopwatch &w = fWatches[key(name)];
    std::printf("%-10s: Real Time = %6.2f seconds Cpu Time = %6.2f seconds\n", key(name).c_str(), w.RealTime(), w.CpuTime());
  }
  void Print(Option_t *name = "") const override {
    for (auto &[n, w] : fWatches) {
      TStopwatch copy = w;
      if (!*name || n == name) std::printf("%-10s: Real Time = %6.2f seconds Cpu Time = %6.2f seconds\n", n.c_str(), copy.RealTime(), copy.CpuTime());
    }
  }
  void Summary(float &rt, float &cp) {
    rt = cp = 0;
    for (auto &[n, w] : fWatches) rt += float(w.RealTime()), cp += float(w.CpuTime());
    std::printf("%-10s: Real Time = %6.2f seconds Cpu Time = %6.2f seconds\n", "All", rt, cp);
  }

private:
  std::map<std::string, TStopwatch> fWatches;
  static std::string key(const char *name) { return name ? name : ""; }
  bool has(const char *name) const { return fWatches.count(key(name)) > 0; }
};

struct TheBenchmark {
  static TBenchmark *instance() {
    static TBenchmark benchmark;
    return &benchmark;
  }
};
inline GlobalPointer<TBenchmark, TheBenchmark> gBenchmark;

class TStatistic : public TNamed {
public:
  explicit TStatistic(const char *name = "") : TNamed(name, "") {}
  TStatistic(const char *name, int n, const double *x, const double *w = nullptr) : TNamed(name, "") {
    for (int i = 0; i < n; ++i) Fill(x[i], w ? w[i] : 1);
  }
  const char *ClassName() const override { return "TStatistic"; }
  void Fill(double x, double w = 1) {
    if (w == 0) return;
    ++fN;
    fW += w, fW2 += w * w, fM += w * x;
    if (fW != w) {
      double d = x * fW - fM;
      fM2 += w * d * d / (fW * (fW - w));
    }
    fMin = std::min(fMin, x), fMax = std::max(fMax, x);
  }
  long long GetN() const { return fN; }
  double GetW() const { return fW; }
  double GetW2() const { return fW2; }
  double GetMean() const { return fW > 0 ? fM / fW : 0; }
  double GetVar() const { return fW > 0 ? fM2 / fW : 0; }
  double GetRMS() const { return std::sqrt(GetVar()); }
  double GetStdDev() const { return GetRMS(); }
  // The error of the mean: the spread over the effective number of entries.
  double GetMeanErr() const { return fW > 0 && fW2 > 0 ? GetRMS() / std::sqrt(fW * fW / fW2) : 0; }
  double GetMin() const { return fMin; }
  double GetMax() const { return fMax; }
  void Print(Option_t * = "") const override {
    std::printf(" OBJ: TStatistic\t %s \t Mean = %.5g +- %.4g \t RMS = %.5g \t Count = %lld \t Min = %.5g \t Max = %.5g\n", GetName(),
                GetMean(), GetMeanErr(), GetRMS(), fN, fMin, fMax);
  }

private:
  long long fN = 0;
  double fW = 0, fW2 = 0, fM = 0, fM2 = 0;
  double fMin = std::numeric_limits<double>::max(), fMax = std::numeric_limits<double>::lowest();
};

} // namespace cppnb::root
