// ROOT's formula syntax turned into C++, for the interpreter to compile (as
// ROOT's TFormula does with cling): x y z t, parameters [0] [1] … and by name
// ([A], ordered as ROOT orders them: numbers first, then names
// alphabetically), ^ and ** as powers, the built-in shapes gaus, gausn, expo,
// landau, pol0…pol9, breitwigner and crystalball with their parameters'
// offsets ("gaus(0)+pol1(3)"), "++" for a linear sum with one parameter per
// term; anything else is C++ as written (TMath::BreitWigner, the session's
// own functions, comparisons).
#pragma once

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "formula.hpp" // shapeOffsetAt

namespace cppnb::root {

// Numbers in ROOT's expressions (formulas, TTree::Draw) are copied into the
// C++ as written: whether one starts at i, and where it ends (1.5e-3f, .5, 0x1p-3).
inline bool numberLiteralAt(const std::string &text, size_t i) {
  return i < text.size() && (std::isdigit((unsigned char)text[i]) ||
                             (text[i] == '.' && i + 1 < text.size() && std::isdigit((unsigned char)text[i + 1])));
}
inline size_t numberLiteralEnd(const std::string &text, size_t i) {
  for (size_t start = i; i < text.size(); ++i) {
    char c = text[i];
    bool exponentSign = (c == '-' || c == '+') && i > start && std::strchr("eEpP", text[i - 1]);
    if (!std::isalnum((unsigned char)c) && c != '.' && !exponentSign) break;
  }
  return i;
}

// The formula text of the function or TFormula the session named so, or
// null (defined with TF1, functions.hpp): ROOT's formulas use others by name.
inline const std::string *namedFormulaText(const std::string &name);

class FormulaCode {
public:
  explicit FormulaCode(const std::string &text) : src(text) {
    std::vector<std::string> terms = linearTerms();
    if (terms.size() > 1) {
      // "f ++ g": [0]*(f) + [1]*(g), each term without parameters of its own.
      for (size_t i = 0; i < terms.size(); ++i) {
        FormulaCode term(terms[i]);
        if (term.npar() > 0) fail("a term of a linear formula (\"++\") has parameters of its own");
        code += (i ? " + " : "") + std::string("p[") + std::to_string(i) + "]*(" + term.code + ")";
        dimension = std::max(dimension, term.dimension);
        numbered(int(i), "p" + std::to_string(i));
      }
    } else {
      pos = 0;
      code = conditional();
      skipSpace();
      if (pos != src.size()) fail("unexpected '" + std::string(1, src[pos]) + "'");
    }
    placeNamedParameters();
    placeInlinedParameters();
    for (size_t i = 0; i < names.size(); ++i)
      if (names[i].empty()) names[i] = "p" + std::to_string(i); // ROOT's name for [i]
  }

  // C++ over const double *x and const double *p.
  const std::string &cpp() const { return code; }
  int npar() const { return int(names.size()); }
  // ROOT's names: the shapes' ("Constant", "Mean"…), [A]'s "A", else "".
  const std::vector<std::string> &parNames() const { return names; }
  // 1 for x, 2 with y, 3 with z, 4 with t.
  int ndim() const { return dimension; }

private:
  std::string src, code;
  size_t pos = 0;
  int dimension = 1;
  std::vector<std::string> names;
  std::vector<std::string> named; // [A] parameters, placed after the numbered ones

  [[noreturn]] void fail(const std::string &why) const {
    throw std::invalid_argument("TF1: cannot read the formula \"" + src + "\": " + why);
  }

  // The formula's parts between "++" outside brackets.
  std::vector<std::string> linearTerms() const {
    std::vector<std::string> terms(1);
    int depth = 0;
    for (size_t i = 0; i < src.size(); ++i) {
      char c = src[i];
      depth += (c == '(' || c == '[') ? 1 : (c == ')' || c == ']') ? -1 : 0;
      if (depth == 0 && src.compare(i, 2, "++") == 0) {
        terms.emplace_back();
        ++i;
        continue;
      }
      terms.back() += c;
    }
    return terms;
  }

  void numbered(int i, const std::string &name) {
    if (int(names.size()) <= i) names.resize(size_t(i) + 1);
    if (names[size_t(i)].empty()) names[size_t(i)] = name;
  }
  // Named parameters get the numbers after the numbered ones, alphabetically
  // (ROOT's TFormula order).
  void placeNamedParameters() {
    std::vector<std::string> sorted = named;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    size_t first = names.size();
    for (size_t k = 0; k < sorted.size(); ++k) {
      names.push_back(sorted[k]);
      std::string mark = "p[@" + sorted[k] + "@]", index = "p[" + std::to_string(first + k) + "]";
      for (size_t at; (at = code.find(mark)) != std::string::npos;) code.replace(at, mark.size(), index);
    }
  }
  // Parameters of functions used by name ("[3]*form1", "f1+f2") come after
  // the formula's own, in the order the functions appear (as ROOT's TFormula).
  int inlined = 0;
  void placeInlinedParameters() {
    if (!inlined) return;
    size_t first = names.size();
    for (int k = 0; k < inlined; ++k) {
      std::string mark = "p[@@" + std::to_string(k) + "]", index = "p[" + std::to_string(first + size_t(k)) + "]";
      for (size_t at; (at = code.find(mark)) != std::string::npos;) code.replace(at, mark.size(), index);
    }
    names.insert(names.end(), inlinedNames.begin(), inlinedNames.end());
  }
  std::vector<std::string> inlinedNames;
  // A function named in the formula, as C++ with its parameters marked for
  // placing after the formula's own.
  std::string inlineNamed(const std::string &text) {
    FormulaCode sub(text);
    std::string c = sub.code;
    for (int k = sub.npar() - 1; k >= 0; --k) {
      std::string from = "p[" + std::to_string(k) + "]", to = "p[@@" + std::to_string(inlined + k) + "]";
      for (size_t at = 0; (at = c.find(from, at)) != std::string::npos; at += to.size()) c.replace(at, from.size(), to);
    }
    inlined += sub.npar();
    inlinedNames.insert(inlinedNames.end(), sub.names.begin(), sub.names.end());
    dimension = std::max(dimension, sub.dimension);
    return "(" + c + ")";
  }

  std::string par(int i) {
    numbered(i, "");
    return "p[" + std::to_string(i) + "]";
  }

  void skipSpace() {
    while (pos < src.size() && std::isspace((unsigned char)src[pos])) ++pos;
  }
  bool peek(const char *s) {
    skipSpace();
    return src.compare(pos, std::char_traits<char>::length(s), s) == 0;
  }
  bool eat(const char *s) {
    if (!peek(s)) return false;
    pos += std::char_traits<char>::length(s);
    return true;
  }
  void expect(const char *s) {
    if (!eat(s)) fail(std::string("'") + s + "' expected" + (pos < src.size() ? " at character " + std::to_string(pos + 1) : " at the end"));
  }

  // C++'s precedence from ?: down to unary; ^ and ** bind tighter than * and
  // unary minus (ROOT: -x^2 is -(x^2)).
  std::string conditional() {
    std::string c = binary(0);
    if (!eat("?")) return c;
    std::string a = conditional();
    expect(":");
    return c + " ? " + a + " : " + conditional();
  }
  std::string binary(int level) {
    static const std::vector<std::vector<const char *>> ops = {
        {"||"}, {"&&"}, {"==", "!="}, {"<=", ">=", "<", ">"}, {"+", "-"}, {"*", "/", "%"}};
    if (level == int(ops.size())) return unary();
    std::string l = binary(level + 1);
    for (;;) {
      const char *found = nullptr;
      for (const char *op : ops[size_t(level)])
        if (peek(op) && !(std::string(op) == "*" && peek("**")) && !(std::string(op) == "<" && peek("<<"))) {
          found = op;
          break;
        }
      if (!found) return l;
      eat(found);
      l += std::string(" ") + found + " " + binary(level + 1);
    }
  }
  std::string unary() {
    if (eat("-")) return "-" + unary();
    if (eat("+")) return unary();
    if (eat("!")) return "!" + unary();
    return power();
  }
  std::string power() {
    std::string base = primary();
    if (eat("^") || eat("**")) return "std::pow(" + base + ", " + unary() + ")";
    return base;
  }

  std::string primary() {
    skipSpace();
    if (pos >= src.size()) fail("it ends too early");
    char c = src[pos];
    if (numberLiteralAt(src, pos)) {
      size_t start = pos;
      pos = numberLiteralEnd(src, pos);
      return src.substr(start, pos - start);
    }
    if (eat("(")) {
      std::string e = conditional();
      expect(")");
      return "(" + e + ")";
    }
    if (eat("[")) {
      skipSpace();
      size_t start = pos;
      while (pos < src.size() && src[pos] != ']') ++pos;
      std::string name = src.substr(start, pos - start);
      expect("]");
      while (!name.empty() && std::isspace((unsigned char)name.back())) name.pop_back();
      std::string digits = name.size() > 1 && name[0] == 'p' ? name.substr(1) : name;
      if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos) return par(std::stoi(digits));
      if (name.empty()) fail("a parameter's number or name expected in '[]'");
      named.push_back(name);
      return "p[@" + name + "@]";
    }
    if (std::isalpha((unsigned char)c) || c == '_') return identifier();
    fail("unexpected '" + std::string(1, c) + "'");
  }

  // A name, qualified or not: a variable, a constant, a built-in shape, or a
  // C++ function called with formula arguments.
  std::string identifier() {
    size_t start = pos;
    while (pos < src.size() && (std::isalnum((unsigned char)src[pos]) || src[pos] == '_' ||
                                (src[pos] == ':' && pos + 1 < src.size() && src[pos + 1] == ':' && ++pos)))
      ++pos;
    std::string id = src.substr(start, pos - start);
    static const std::map<std::string, int> variables = {{"x", 0}, {"y", 1}, {"z", 2}, {"t", 3}};
    auto variable = variables.find(id);
    if (variable != variables.end() && !peek("(")) {
      dimension = std::max(dimension, variable->second + 1);
      if (peek("[")) return id; // x[0] as ROOT also writes it
      return "x[" + std::to_string(variable->second) + "]";
    }
    if (id == "pi" && !peek("(")) return "3.14159265358979323846";
    if (id == "e" && !peek("(")) return "2.71828182845904523536";
    if (std::string shape = builtin(id); !shape.empty()) return shape;
    if (!peek("(")) {
      if (const std::string *text = namedFormulaText(id); text && *text != src) return inlineNamed(*text);
      return id; // a constant or a variable of the session
    }
    expect("(");
    std::string call = id + "(";
    if (!eat(")")) {
      call += conditional();
      while (eat(",")) call += ", " + conditional();
      expect(")");
    }
    return call + ")";
  }

  int shapeOffset() { return shapeOffsetAt(src, pos, int(names.size())); }

  // ROOT's built-in shapes, as TFormula expands them; "" for other names.
  std::string builtin(const std::string &id) {
    auto shape = [&](std::vector<const char *> parNames, auto body) {
      int k = shapeOffset();
      for (size_t i = 0; i < parNames.size(); ++i) numbered(k + int(i), parNames[i]);
      auto p = [&](int i) { return "p[" + std::to_string(k + i) + "]"; };
      return "(" + body(p) + ")";
    };
    const std::string x = "x[0]";
    if (id == "gaus" || id == "gausn")
      return shape({id == "gaus" ? "Constant" : "Norm", "Mean", "Sigma"}, [&](auto p) {
        std::string g = p(0) + "*std::exp(-0.5*((" + x + "-" + p(1) + ")/" + p(2) + ")*((" + x + "-" + p(1) + ")/" + p(2) + "))";
        return id == "gaus" ? g : g + "/(2.50662827463100050242*" + p(2) + ")";
      });
    if (id == "expo") return shape({"Constant", "Slope"}, [&](auto p) { return "std::exp(" + p(0) + "+" + p(1) + "*" + x + ")"; });
    if (id == "landau" || id == "landaun")
      return shape({"Constant", "MPV", "Sigma"}, [&](auto p) {
        return p(0) + "*::cppnb::root::TMath::Landau(" + x + "," + p(1) + "," + p(2) + (id == "landaun" ? ",true)" : ",false)");
      });
    // The 2D shapes (TF2), as TFormula writes them.
    const std::string y = "x[1]";
    auto gauss = [](const std::string &v, const std::string &mean, const std::string &sigma) {
      return "std::exp(-0.5*((" + v + "-" + mean + ")/" + sigma + ")*((" + v + "-" + mean + ")/" + sigma + "))";
    };
    if (id == "xygaus" || id == "xyexpo" || id == "xylandau" || id == "bigaus") dimension = std::max(dimension, 2);
    if (id == "xygaus")
      return shape({"Constant", "MeanX", "SigmaX", "MeanY", "SigmaY"}, [&](auto p) { return p(0) + "*" + gauss(x, p(1), p(2)) + "*" + gauss(y, p(3), p(4)); });
    if (id == "xyexpo")
      return shape({"Constant", "SlopeX", "SlopeY"}, [&](auto p) { return "std::exp(" + p(0) + "+" + p(1) + "*" + x + "+" + p(2) + "*" + y + ")"; });
    if (id == "xylandau")
      return shape({"Constant", "MPVX", "SigmaX", "MPVY", "SigmaY"}, [&](auto p) {
        return p(0) + "*::cppnb::root::TMath::Landau(" + x + "," + p(1) + "," + p(2) + ")*::cppnb::root::TMath::Landau(" + y + "," + p(3) + "," + p(4) + ")";
      });
    if (id == "bigaus")
      return shape({"Constant", "MeanX", "SigmaX", "MeanY", "SigmaY", "Rho"}, [&](auto p) {
        std::string u = "((" + x + "-" + p(1) + ")/" + p(2) + ")", v = "((" + y + "-" + p(3) + ")/" + p(4) + ")", r = p(5);
        return p(0) + "*std::exp(-(" + u + "*" + u + "-2*" + r + "*" + u + "*" + v + "+" + v + "*" + v + ")/(2*(1-" + r + "*" + r + ")))/(6.28318530717958647692*" +
               p(2) + "*" + p(4) + "*std::sqrt(1-" + r + "*" + r + "))";
      });
    if (id == "breitwigner")
      return shape({"Constant", "Mean", "Sigma"}, [&](auto p) {
        return p(0) + "*::cppnb::root::TMath::BreitWigner(" + x + "," + p(1) + "," + p(2) + ")";
      });
    if (id == "crystalball")
      return shape({"Constant", "Mean", "Sigma", "Alpha", "N"}, [&](auto p) {
        return p(0) + "*::cppnb::root::Math::crystalball_function(" + x + "," + p(3) + "," + p(4) + "," + p(2) + "," + p(1) + ")";
      });
    if (id.size() == 4 && id.rfind("pol", 0) == 0 && std::isdigit((unsigned char)id[3])) {
      int degree = id[3] - '0';
      size_t save = pos; // ROOT names them by their number: pol1(3) has p3 and p4
      int k0 = shapeOffset();
      pos = save;
      std::vector<std::string> own;
      for (int i = 0; i <= degree; ++i) own.push_back("p" + std::to_string(k0 + i));
      std::vector<const char *> pn;
      for (auto &n : own) pn.push_back(n.c_str());
      return shape(pn, [&](auto p) {
        std::string sum = p(0), power;
        for (int i = 1; i <= degree; ++i) {
          power += (i > 1 ? "*" : "") + x;
          sum += "+" + p(i) + "*" + power;
        }
        return sum;
      });
    }
    return "";
  }
};

} // namespace cppnb::root
