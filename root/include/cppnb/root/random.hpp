// TRandom, TRandom3 and gRandom: ROOT's random numbers. TRandom3 is the
// Mersenne Twister, as in ROOT (seed 4357 by default; 0 picks one from the clock).
#pragma once

#include "types.hpp"

#include <chrono>
#include <cmath>
#include <random>

namespace cppnb::root {

class TRandom {
public:
  explicit TRandom(UInt_t seed = 4357) { SetSeed(seed); }
  virtual ~TRandom() = default;

  virtual void SetSeed(UInt_t seed = 0) {
    if (seed == 0) seed = UInt_t(std::chrono::high_resolution_clock::now().time_since_epoch().count());
    fSeed = seed;
    fEngine.seed(seed);
    fHaveSpare = false;
  }
  virtual UInt_t GetSeed() const { return fSeed; }

  // Uniform in (0, 1]: never 0, so log(Rndm()) is safe.
  virtual Double_t Rndm() { return (double(fEngine()) + 1.0) / 4294967296.0; }
  // ROOT's old signature (the argument is ignored there too).
  Double_t Rndm(Int_t) { return Rndm(); }
  Double_t Uniform(Double_t x1 = 1) { return x1 * Rndm(); }
  Double_t Uniform(Double_t x1, Double_t x2) { return x1 + (x2 - x1) * Rndm(); }
  UInt_t Integer(UInt_t imax) { return UInt_t(Rndm() * imax) % (imax ? imax : 1); }
  void RndmArray(Int_t n, Double_t *array) {
    for (Int_t i = 0; i < n; ++i) array[i] = Rndm();
  }

  Double_t Gaus(Double_t mean = 0, Double_t sigma = 1) {
    if (fHaveSpare) {
      fHaveSpare = false;
      return mean + sigma * fSpare;
    }
    double u = Rndm(), v = Rndm();
    double r = std::sqrt(-2 * std::log(u));
    // One sincos for both: g++ merges a sin and a cos of the same angle, clang
    // (the interpreter's precompiled code) does not, and they are a third of a Fill loop.
    double sine, cosine;
    __builtin_sincos(2 * M_PI * v, &sine, &cosine);
    fSpare = r * sine;
    fHaveSpare = true;
    return mean + sigma * r * cosine;
  }
  Double_t Exp(Double_t tau) { return -tau * std::log(Rndm()); }
  Double_t BreitWigner(Double_t mean = 0, Double_t gamma = 1) {
    return mean + gamma / 2 * std::tan(M_PI * (Rndm() - 0.5));
  }
  Double_t Landau(Double_t mpv = 0, Double_t sigma = 1) {
    // Moyal's distribution (our stand-in for Landau), by rejection sampling.
    for (;;) {
      double l = -3 + Rndm() * 30;
      if (Rndm() < std::exp(-0.5 * (l + std::exp(-l))) / 0.6065307) return mpv + sigma * l;
    }
  }
  Int_t Poisson(Double_t mean) {
    if (mean <= 0) return 0;
    if (mean > 88) return Int_t(std::max(0.0, std::floor(Gaus(mean, std::sqrt(mean)) + 0.5)));
    double limit = std::exp(-mean), prod = Rndm();
    int n = 0;
    while (prod > limit) {
      prod *= Rndm();
      ++n;
    }
    return n;
  }
  Int_t Binomial(Int_t ntot, Double_t prob) {
    int k = 0;
    for (int i = 0; i < ntot; ++i) k += Rndm() < prob;
    return k;
  }
  void Rannor(Double_t &a, Double_t &b) {
    a = Gaus();
    b = Gaus();
  }
  void Rannor(Float_t &a, Float_t &b) {
    a = Float_t(Gaus());
    b = Float_t(Gaus());
  }
  void Circle(Double_t &x, Double_t &y, Double_t r) {
    double phi = Uniform(0, 2 * M_PI);
    x = r * std::cos(phi);
    y = r * std::sin(phi);
  }
  void Sphere(Double_t &x, Double_t &y, Double_t &z, Double_t r) {
    double cost = Uniform(-1, 1), phi = Uniform(0, 2 * M_PI), sint = std::sqrt(1 - cost * cost);
    x = r * sint * std::cos(phi);
    y = r * sint * std::sin(phi);
    z = r * cost;
  }

private:
  std::mt19937 fEngine;
  UInt_t fSeed = 0;
  bool fHaveSpare = false;
  double fSpare = 0;
};

class TRandom3 : public TRandom {
public:
  explicit TRandom3(UInt_t seed = 4357) : TRandom(seed) {}
};

class TRandom2 : public TRandom {
public:
  explicit TRandom2(UInt_t seed = 1) : TRandom(seed) {}
};

struct DefaultRandom {
  static TRandom *instance() {
    static TRandom3 rng;
    return &rng;
  }
};
inline GlobalPointer<TRandom, DefaultRandom> gRandom;

} // namespace cppnb::root
