// TF1's formulas where there is no interpreter to compile them (%%slurm jobs,
// g++ programs; a session compiles formula_code.hpp's C++ instead), as ROOT's
// TFormula writes them: x, parameters [0] [1] …,
// + - * / ^ (or **), numbers, pi, e, sin cos tan asin acos atan exp log log10
// sqrt abs pow atan2 (also as TMath::Sin, TMath::Pi() …), and the built-in
// shapes gaus, gausn, expo, landau and pol0…pol9, optionally with their first
// parameter's number: "gaus(0)+pol1(3)". Shapes without one take the next
// free parameters.
#pragma once

#include <cctype>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace cppnb::root {

// A built-in shape's first parameter as ROOT's formulas give it, "(k)" right
// after the shape's name (at pos, moved past it), else next (the next free one).
inline int shapeOffsetAt(const std::string &src, size_t &pos, int next) {
  size_t at = pos;
  while (at < src.size() && std::isspace((unsigned char)src[at])) ++at;
  if (at >= src.size() || src[at] != '(') return next;
  size_t start = ++at;
  while (at < src.size() && std::isspace((unsigned char)src[at])) ++at;
  start = at;
  while (at < src.size() && std::isdigit((unsigned char)src[at])) ++at;
  size_t digitsEnd = at;
  while (at < src.size() && std::isspace((unsigned char)src[at])) ++at;
  if (start == digitsEnd || at >= src.size() || src[at] != ')') return next;
  pos = at + 1;
  return std::stoi(src.substr(start, digitsEnd - start));
}

class Formula {
public:
  Formula() = default;
  explicit Formula(const std::string &text) : src(text) {
    pos = 0;
    root = expr();
    skipSpace();
    if (pos != src.size()) fail("unexpected '" + std::string(1, src[pos]) + "'");
  }

  double eval(double x, const double *p) const { return nodes.empty() ? 0 : at(root, x, p); }
  int npar() const { return maxPar + 1; }
  // Names ROOT gives the parameters of the built-in shapes ("" for others).
  const std::vector<std::string> &parNames() const { return names; }
  bool empty() const { return nodes.empty(); }

private:
  enum Kind { Num, X, Par, Neg, Add, Sub, Mul, Div, Pow, Call1, Call2 };
  struct Node {
    Kind kind;
    double value = 0;
    int index = 0, a = -1, b = -1;
    double (*f1)(double) = nullptr;
    double (*f2)(double, double) = nullptr;
  };
  std::string src;
  size_t pos = 0;
  std::vector<Node> nodes;
  int root = -1;
  int maxPar = -1;
  std::vector<std::string> names;

  [[noreturn]] void fail(const std::string &why) const {
    throw std::invalid_argument("TF1: cannot read the formula \"" + src + "\": " + why + " (at character " +
                                std::to_string(pos + 1) + ")");
  }

  int add(Node n) {
    nodes.push_back(n);
    return int(nodes.size()) - 1;
  }
  int num(double v) { return add({Num, v}); }
  // Makes parameter i known, naming it if it has no name yet.
  void name(int i, const char *n) {
    if (i > maxPar) maxPar = i;
    if (int(names.size()) <= i) names.resize(i + 1);
    if (names[i].empty()) names[i] = n;
  }
  int par(int i) {
    name(i, "");
    return add({Par, 0, i});
  }
  int bin(Kind k, int a, int b) { return add({k, 0, 0, a, b}); }
  int call(double (*f)(double), int a) {
    Node n{Call1, 0, 0, a};
    n.f1 = f;
    return add(n);
  }

  void skipSpace() {
    while (pos < src.size() && std::isspace((unsigned char)src[pos])) ++pos;
  }
  bool eat(const char *s) {
    skipSpace();
    size_t n = std::char_traits<char>::length(s);
    if (src.compare(pos, n, s) == 0) {
      pos += n;
      return true;
    }
    return false;
  }

  int expr() {
    int l = term();
    for (;;) {
      if (eat("+")) l = bin(Add, l, term());
      else if (eat("-")) l = bin(Sub, l, term());
      else return l;
    }
  }
  int term() {
    int l = unary();
    for (;;) {
      skipSpace();
      if (src.compare(pos, 2, "**") == 0) return l;
      if (eat("*")) l = bin(Mul, l, unary());
      else if (eat("/")) l = bin(Div, l, unary());
      else return l;
    }
  }
  int unary() {
    if (eat("-")) return add({Neg, 0, 0, unary()});
    if (eat("+")) return unary();
    return power();
  }
  int power() {
    int base = primary();
    if (eat("^") || eat("**")) return bin(Pow, base, unary());
    return base;
  }

  int primary() {
    skipSpace();
    if (pos >= src.size()) fail("it ends too early");
    char c = src[pos];
    if (std::isdigit((unsigned char)c) || c == '.') {
      size_t used = 0;
      double v = std::stod(src.substr(pos), &used);
      pos += used;
      return num(v);
    }
    if (eat("(")) {
      int e = expr();
      if (!eat(")")) fail("')' expected");
      return e;
    }
    if (eat("[")) {
      skipSpace();
      size_t start = pos;
      while (pos < src.size() && std::isdigit((unsigned char)src[pos])) ++pos;
      if (start == pos) fail("a parameter number expected after '['");
      int i = std::stoi(src.substr(start, pos - start));
      if (!eat("]")) fail("']' expected");
      return par(i);
    }
    if (std::isalpha((unsigned char)c) || c == '_') {
      size_t start = pos;
      while (pos < src.size() && (std::isalnum((unsigned char)src[pos]) || src[pos] == '_' || src[pos] == ':')) ++pos;
      std::string id = src.substr(start, pos - start);
      if (id.rfind("TMath::", 0) == 0) id = id.substr(7);
      for (auto &ch : id) ch = char(std::tolower((unsigned char)ch));
      return identifier(id);
    }
    fail("unexpected '" + std::string(1, c) + "'");
  }

  int shapeOffset() { return shapeOffsetAt(src, pos, maxPar + 1); }

  int identifier(const std::string &id) {
    if (id == "x") return add({X});
    if (id == "pi") {
      eat("()");
      return num(M_PI);
    }
    if (id == "e") return num(M_E);
    if (id == "gaus" || id == "gausn") {
      int k = shapeOffset();
      name(k, id == "gaus" ? "Constant" : "Norm"), name(k + 1, "Mean"), name(k + 2, "Sigma");
      int z = bin(Div, bin(Sub, add({X}), par(k + 1)), par(k + 2));
      int g = call(std::exp, bin(Mul, num(-0.5), bin(Mul, z, z)));
      int amp = par(k);
      if (id == "gausn") amp = bin(Div, amp, bin(Mul, num(std::sqrt(2 * M_PI)), par(k + 2)));
      return bin(Mul, amp, g);
    }
    if (id == "expo") {
      int k = shapeOffset();
      name(k, "Constant"), name(k + 1, "Slope");
      return call(std::exp, bin(Add, par(k), bin(Mul, par(k + 1), add({X}))));
    }
    if (id == "landau") {
      // Moyal's approximation of the Landau density: [0]*exp(-(l+exp(-l))/2), l = (x-[1])/[2].
      int k = shapeOffset();
      name(k, "Constant"), name(k + 1, "MPV"), name(k + 2, "Sigma");
      int l = bin(Div, bin(Sub, add({X}), par(k + 1)), par(k + 2));
      return bin(Mul, par(k), call(std::exp, bin(Mul, num(-0.5), bin(Add, l, call(std::exp, add({Neg, 0, 0, l}))))));
    }
    if (id.size() == 4 && id.rfind("pol", 0) == 0 && std::isdigit((unsigned char)id[3])) {
      int degree = id[3] - '0';
      int k = shapeOffset();
      static const char *pn[] = {"p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9"};
      for (int i = 0; i <= degree; ++i) name(k + i, pn[i]);
      int sum = par(k);
      int xpow = -1;
      for (int i = 1; i <= degree; ++i) {
        xpow = xpow < 0 ? add({X}) : bin(Mul, xpow, add({X}));
        sum = bin(Add, sum, bin(Mul, par(k + i), xpow));
      }
      return sum;
    }
    struct F1 {
      const char *name;
      double (*f)(double);
    };
    static const F1 f1s[] = {{"sin", std::sin},   {"cos", std::cos},   {"tan", std::tan},     {"asin", std::asin},
                             {"acos", std::acos}, {"atan", std::atan}, {"exp", std::exp},     {"log", std::log},
                             {"log10", std::log10}, {"sqrt", std::sqrt}, {"abs", std::fabs},  {"sinh", std::sinh},
                             {"cosh", std::cosh}, {"tanh", std::tanh}, {"erf", std::erf},     {"erfc", std::erfc},
                             {"floor", std::floor}, {"ceil", std::ceil}, {"tgamma", std::tgamma}};
    for (const F1 &f : f1s) {
      if (id != f.name) continue;
      if (!eat("(")) fail(id + " needs '('");
      int a = expr();
      if (!eat(")")) fail("')' expected");
      return call(f.f, a);
    }
    if (id == "pow" || id == "power" || id == "atan2") {
      if (!eat("(")) fail(id + " needs '('");
      int a = expr();
      if (!eat(",")) fail("',' expected");
      int b = expr();
      if (!eat(")")) fail("')' expected");
      Node n{Call2, 0, 0, a, b};
      n.f2 = id == "atan2" ? static_cast<double (*)(double, double)>(std::atan2)
                           : static_cast<double (*)(double, double)>(std::pow);
      return add(n);
    }
    fail("unknown name '" + id + "' (without the interpreter, in %%slurm jobs and g++ programs, formulas know x, [n], "
         "+ - * / ^, pi, e, the common math functions and gaus, gausn, expo, landau, pol0...pol9)");
  }

  double at(int i, double x, const double *p) const {
    const Node &n = nodes[i];
    switch (n.kind) {
    case Num: return n.value;
    case X: return x;
    case Par: return p[n.index];
    case Neg: return -at(n.a, x, p);
    case Add: return at(n.a, x, p) + at(n.b, x, p);
    case Sub: return at(n.a, x, p) - at(n.b, x, p);
    case Mul: return at(n.a, x, p) * at(n.b, x, p);
    case Div: return at(n.a, x, p) / at(n.b, x, p);
    case Pow: return std::pow(at(n.a, x, p), at(n.b, x, p));
    case Call1: return n.f1(at(n.a, x, p));
    case Call2: return n.f2(at(n.a, x, p), at(n.b, x, p));
    }
    return 0;
  }
};

} // namespace cppnb::root
