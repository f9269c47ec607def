// ROOT's small dense linear algebra as fit results and macros use it:
// TMatrixD, TMatrixDSym (a fit's covariance) and TVectorD, with element
// access, products, transposition, inversion, determinant and ROOT's Print.
#pragma once

#include "core.hpp"
#include "minimizer.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <vector>

namespace cppnb::root {

template <class Elem> class TVectorT : public TObject {
public:
  TVectorT() = default;
  explicit TVectorT(int n) : fData(size_t(std::max(n, 0)), Elem(0)) {}
  TVectorT(int n, const Elem *values) : fData(values, values + std::max(n, 0)) {}
  const char *ClassName() const override { return "TVectorT<double>"; }
  int GetNrows() const { return int(fData.size()); }
  int GetNoElements() const { return GetNrows(); }
  int GetLwb() const { return 0; }
  int GetUpb() const { return GetNrows() - 1; }
  void ResizeTo(int n) { fData.resize(size_t(std::max(n, 0)), Elem(0)); }
  Elem &operator()(int i) { return fData.at(size_t(i)); }
  Elem operator()(int i) const { return fData.at(size_t(i)); }
  Elem &operator[](int i) { return fData.at(size_t(i)); }
  Elem operator[](int i) const { return fData.at(size_t(i)); }
  Elem *GetMatrixArray() { return fData.data(); }
  const Elem *GetMatrixArray() const { return fData.data(); }
  Elem Norm2Sqr() const {
    Elem s = 0;
    for (Elem v : fData) s += v * v;
    return s;
  }
  Elem Sum() const {
    Elem s = 0;
    for (Elem v : fData) s += v;
    return s;
  }
  TVectorT &operator*=(Elem k) {
    for (Elem &v : fData) v *= k;
    return *this;
  }
  TVectorT &operator+=(const TVectorT &o) {
    for (size_t i = 0; i < fData.size(); ++i) fData[i] += o.fData.at(i);
    return *this;
  }
  TVectorT &operator-=(const TVectorT &o) {
    for (size_t i = 0; i < fData.size(); ++i) fData[i] -= o.fData.at(i);
    return *this;
  }
  void Print(Option_t * = "") const override {
    std::printf("\nVector (%d)  is as follows\n\n     |        1  |\n------------------\n", GetNrows());
    for (int i = 0; i < GetNrows(); ++i) std::printf("%4d |%g \n", i, double(fData[size_t(i)]));
    std::printf("\n");
    std::fflush(stdout);
  }

private:
  std::vector<Elem> fData;
};

template <class Elem> class TMatrixT : public TObject {
public:
  enum EMatrixCreatorsOp1 { kZero, kUnit, kTransposed, kInverted, kAtA };
  TMatrixT() = default;
  TMatrixT(int rows, int cols) : fRows(std::max(rows, 0)), fCols(std::max(cols, 0)), fData(size_t(fRows) * size_t(fCols), Elem(0)) {}
  TMatrixT(int rows, int cols, const Elem *values) : TMatrixT(rows, cols) {
    std::copy(values, values + fData.size(), fData.begin());
  }
  TMatrixT(EMatrixCreatorsOp1 op, const TMatrixT &m) : TMatrixT(m) {
    if (op == kTransposed) *this = m.transposed();
    else if (op == kInverted) Invert();
    else if (op == kAtA) *this = m.transposed() * m;
    else if (op == kZero) Zero();
    else UnitMatrix();
  }
  const char *ClassName() const override { return "TMatrixT<double>"; }
  int GetNrows() const { return fRows; }
  int GetNcols() const { return fCols; }
  int GetNoElements() const { return int(fData.size()); }
  int GetRowLwb() const { return 0; }
  int GetColLwb() const { return 0; }
  int GetRowUpb() const { return fRows - 1; }
  int GetColUpb() const { return fCols - 1; }
  Elem &operator()(int i, int j) { return fData.at(index(i, j)); }
  Elem operator()(int i, int j) const { return fData.at(index(i, j)); }
  // m[i][j], as ROOT's row proxies.
  Elem *operator[](int i) { return fData.data() + size_t(index(i, 0)); }
  const Elem *operator[](int i) const { return fData.data() + size_t(index(i, 0)); }
  Elem *GetMatrixArray() { return fData.data(); }
  const Elem *GetMatrixArray() const { return fData.data(); }
  void ResizeTo(int rows, int cols) {
    TMatrixT m(rows, cols);
    for (int i = 0; i < std::min(rows, fRows); ++i)
      for (int j = 0; j < std::min(cols, fCols); ++j) m(i, j) = (*this)(i, j);
    *this = m;
  }
  TMatrixT &Zero() {
    std::fill(fData.begin(), fData.end(), Elem(0));
    return *this;
  }
  TMatrixT &UnitMatrix() {
    Zero();
    for (int i = 0; i < std::min(fRows, fCols); ++i) (*this)(i, i) = 1;
    return *this;
  }
  TMatrixT &Transpose(const TMatrixT &m) { return *this = m.transposed(); }
  TMatrixT &T() { return *this = transposed(); }
  double Determinant() const {
    requireSquare("Determinant");
    std::vector<std::vector<double>> a(static_cast<size_t>(fRows), std::vector<double>(static_cast<size_t>(fRows)));
    for (int i = 0; i < fRows; ++i)
      for (int j = 0; j < fRows; ++j) a[size_t(i)][size_t(j)] = double((*this)(i, j));
    double det = 1;
    for (size_t c = 0; c < a.size(); ++c) {
      size_t pivot = c;
      for (size_t r = c + 1; r < a.size(); ++r)
        if (std::fabs(a[r][c]) > std::fabs(a[pivot][c])) pivot = r;
      if (a[pivot][c] == 0) return 0;
      if (pivot != c) std::swap(a[c], a[pivot]), det = -det;
      det *= a[c][c];
      for (size_t r = c + 1; r < a.size(); ++r) {
        double f = a[r][c] / a[c][c];
        for (size_t k = c; k < a.size(); ++k) a[r][k] -= f * a[c][k];
      }
    }
    return det;
  }
  // Inverts in place; det receives the determinant. A singular matrix is
  // left as it was, with ROOT's error message.
  TMatrixT &Invert(double *det = nullptr) {
    requireSquare("Invert");
    double d = Determinant();
    if (det) *det = d;
    std::vector<std::vector<double>> a(static_cast<size_t>(fRows), std::vector<double>(static_cast<size_t>(fRows)));
    for (int i = 0; i < fRows; ++i)
      for (int j = 0; j < fRows; ++j) a[size_t(i)][size_t(j)] = double((*this)(i, j));
    if (!invert(a)) {
      std::fprintf(stderr, "Error in <TDecompLU::InvertLU>: matrix is singular\n");
      return *this;
    }
    for (int i = 0; i < fRows; ++i)
      for (int j = 0; j < fRows; ++j) (*this)(i, j) = Elem(a[size_t(i)][size_t(j)]);
    return *this;
  }
  TMatrixT &InvertFast(double *det = nullptr) { return Invert(det); }
  TMatrixT &operator*=(Elem k) {
    for (Elem &v : fData) v *= k;
    return *this;
  }
  TMatrixT &operator+=(const TMatrixT &o) {
    requireSameShape(o);
    for (size_t i = 0; i < fData.size(); ++i) fData[i] += o.fData[i];
    return *this;
  }
  TMatrixT &operator-=(const TMatrixT &o) {
    requireSameShape(o);
    for (size_t i = 0; i < fData.size(); ++i) fData[i] -= o.fData[i];
    return *this;
  }
  TMatrixT operator*(const TMatrixT &o) const {
    if (fCols != o.fRows) throw std::invalid_argument("TMatrixT: matrices of incompatible shapes multiplied");
    TMatrixT m(fRows, o.fCols);
    for (int i = 0; i < fRows; ++i)
      for (int j = 0; j < o.fCols; ++j) {
        Elem s = 0;
        for (int k = 0; k < fCols; ++k) s += (*this)(i, k) * o(k, j);
        m(i, j) = s;
      }
    return m;
  }
  TVectorT<Elem> operator*(const TVectorT<Elem> &v) const {
    if (fCols != v.GetNrows()) throw std::invalid_argument("TMatrixT: matrix and vector of incompatible shapes multiplied");
    TVectorT<Elem> r(fRows);
    for (int i = 0; i < fRows; ++i)
      for (int k = 0; k < fCols; ++k) r(i) += (*this)(i, k) * v(k);
    return r;
  }
  friend TMatrixT operator+(TMatrixT a, const TMatrixT &b) { return a += b; }
  friend TMatrixT operator-(TMatrixT a, const TMatrixT &b) { return a -= b; }
  friend TMatrixT operator*(Elem k, TMatrixT a) { return a *= k; }
  friend TMatrixT operator*(TMatrixT a, Elem k) { return a *= k; }

  // ROOT's layout: columns in sheets of five, each "%11.4g".
  void Print(Option_t * = "") const override {
    std::printf("\n%dx%d matrix is as follows", fRows, fCols);
    const int perSheet = 5;
    for (int first = 0; first < fCols; first += perSheet) {
      int last = std::min(fCols, first + perSheet);
      std::printf("\n\n     |");
      for (int j = first; j < last; ++j) std::printf("%6d    |", j);
      std::printf("\n%s\n", std::string(size_t(6 + 10 * (last - first)), '-').c_str());
      for (int i = 0; i < fRows; ++i) {
        std::printf("%4d |", i);
        for (int j = first; j < last; ++j) std::printf("%11.4g", double((*this)(i, j)));
        std::printf("\n");
      }
    }
    std::printf("\n");
    std::fflush(stdout);
  }

protected:
  int fRows = 0, fCols = 0;
  std::vector<Elem> fData;

  size_t index(int i, int j) const {
    if (i < 0 || i >= fRows || j < 0 || j >= fCols)
      throw std::out_of_range("TMatrixT: element (" + std::to_string(i) + "," + std::to_string(j) + ") outside the " +
                              std::to_string(fRows) + "x" + std::to_string(fCols) + " matrix");
    return size_t(i) * size_t(fCols) + size_t(j);
  }
  TMatrixT transposed() const {
    TMatrixT m(fCols, fRows);
    for (int i = 0; i < fRows; ++i)
      for (int j = 0; j < fCols; ++j) m(j, i) = (*this)(i, j);
    return m;
  }
  void requireSquare(const char *what) const {
    if (fRows != fCols) throw std::invalid_argument(std::string("TMatrixT::") + what + ": the matrix is not square");
  }
  void requireSameShape(const TMatrixT &o) const {
    if (fRows != o.fRows || fCols != o.fCols) throw std::invalid_argument("TMatrixT: matrices of different shapes");
  }
};

// A symmetric matrix (ROOT keeps both halves too).
template <class Elem> class TMatrixTSym : public TMatrixT<Elem> {
public:
  TMatrixTSym() = default;
  explicit TMatrixTSym(int n) : TMatrixT<Elem>(n, n) {}
  TMatrixTSym(int n, const Elem *values) : TMatrixT<Elem>(n, n, values) {}
  TMatrixTSym(const TMatrixT<Elem> &m) : TMatrixT<Elem>(m) {}
  const char *ClassName() const override { return "TMatrixTSym<double>"; }
  void ResizeTo(int n) { TMatrixT<Elem>::ResizeTo(n, n); }
  void ResizeTo(int rows, int cols) { TMatrixT<Elem>::ResizeTo(rows, cols); }
  TMatrixTSym &Invert(double *det = nullptr) {
    TMatrixT<Elem>::Invert(det);
    return *this;
  }
  TMatrixTSym &InvertFast(double *det = nullptr) { return Invert(det); }
  // Similarity: this = b · this · bᵀ (ROOT's TMatrixTSym::Similarity).
  TMatrixTSym &Similarity(const TMatrixT<Elem> &b) {
    TMatrixT<Elem> bt(TMatrixT<Elem>::kTransposed, b);
    *this = TMatrixTSym(b * static_cast<const TMatrixT<Elem> &>(*this) * bt);
    return *this;
  }
};

using TMatrixD = TMatrixT<double>;
using TMatrixF = TMatrixT<float>;
using TMatrixDSym = TMatrixTSym<double>;
using TMatrixFSym = TMatrixTSym<float>;
using TVectorD = TVectorT<double>;
using TVectorF = TVectorT<float>;

} // namespace cppnb::root
