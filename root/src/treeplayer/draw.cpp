// TTree::Draw's selection (cppnb/root/tree_player.hpp): ROOT's expressions
// written as one C++ loop over the tree's readers, compiled in the session,
// run, and the histogram's ranges found.
#include <cppnb/root/all.hpp>
#include <cppnb/root/jit.hpp>
#include <cppnb/root/tree_player.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

namespace cppnb::root::draw {

static const char *cppType(io::Elem e) {
  switch (e) {
  case io::Elem::Bool: return "bool";
  case io::Elem::Char: return "char";
  case io::Elem::UChar: return "unsigned char";
  case io::Elem::Short: return "short";
  case io::Elem::UShort: return "unsigned short";
  case io::Elem::Int: return "int";
  case io::Elem::UInt: return "unsigned int";
  case io::Elem::Long64: return "long long";
  case io::Elem::ULong64: return "unsigned long long";
  case io::Elem::Float: return "float";
  case io::Elem::Double: return "double";
  case io::Elem::String: return "std::string";
  default: return "";
  }
}

// ROOT's expressions turned into C++ over the tree's readers: each name of a
// branch (or "branch.leaf") becomes its reader's value.
class ExpressionCode {
public:
  explicit ExpressionCode(const TTree &tree) : fTree(tree) {}

  std::string rewrite(const std::string &text) {
    std::string out;
    size_t i = 0, n = text.size();
    while (i < n) {
      char c = text[i];
      if (c == '"' || c == '\'') { // a literal, as it is
        size_t j = i + 1;
        while (j < n && text[j] != c) j += text[j] == '\\' ? 2 : 1;
        out += text.substr(i, j + 1 - i);
        i = j + 1;
      } else if (numberLiteralAt(text, i)) {
        size_t j = numberLiteralEnd(text, i);
        out += text.substr(i, j - i);
        i = j;
      } else if (std::isalpha((unsigned char)c) || c == '_') {
        i = name(text, i, out);
      } else {
        out += c;
        ++i;
      }
    }
    return out;
  }

  // The readers' declarations, and the number of elements this entry's row
  // loop runs over (the shortest array read element by element).
  std::string declarations() const {
    std::string code;
    for (size_t k = 0; k < fBranches.size(); ++k)
      code += std::string("  ::cppnb::root::") + (fBranches[k].many ? "TTreeReaderArray<" : "TTreeReaderValue<") +
              cppType(fBranches[k].elem) + "> cppnb_b" + std::to_string(k) + "(cppnb_loop.reader, \"" +
              fBranches[k].name + "\");\n";
    return code;
  }
  std::string instances() const {
    std::string code;
    for (size_t k = 0; k < fBranches.size(); ++k)
      if (fBranches[k].elementwise)
        code = code.empty() ? "cppnb_b" + std::to_string(k) + ".GetSize()"
                            : "std::min<size_t>(" + code + ", cppnb_b" + std::to_string(k) + ".GetSize())";
    return code.empty() ? "1" : code;
  }

private:
  struct Branch {
    std::string name;
    io::Elem elem;
    bool many, elementwise = false;
  };

  // The identifier at i (with ".leaf" parts when they name a leaf): a
  // branch's value, ROOT's special names, or the text as it is.
  size_t name(const std::string &text, size_t i, std::string &out) {
    size_t n = text.size(), j = i;
    auto word = [&](size_t k) {
      while (k < n && (std::isalnum((unsigned char)text[k]) || text[k] == '_' || text[k] == '$')) ++k;
      return k;
    };
    j = word(i);
    std::string id = text.substr(i, j - i);
    size_t after = text.find_first_not_of(" \t\n", j);
    char next = after == std::string::npos ? 0 : text[after];
    bool member = !out.empty() && (out.back() == '.' || (out.size() > 1 && (out.compare(out.size() - 2, 2, "->") == 0 ||
                                                                          out.compare(out.size() - 2, 2, "::") == 0)));
    bool qualifier = text.compare(after == std::string::npos ? n : after, 2, "::") == 0;
    if (id == "Entry$") return out += "double(cppnb_loop.reader.GetCurrentEntry())", j;
    if (id == "Entries$") return out += "double(cppnb_loop.reader.GetEntries())", j;
    if (id == "Iteration$") return out += "double(cppnb_i)", j;
    if (member || qualifier || next == '(') return out += id, j;
    // The longest "a.b.c" that names something of the tree.
    std::vector<size_t> ends{j};
    for (size_t k = j; k < n && text[k] == '.' && k + 1 < n && (std::isalpha((unsigned char)text[k + 1]) || text[k + 1] == '_');) {
      k = word(k + 1);
      ends.push_back(k);
    }
    for (auto e = ends.rbegin(); e != ends.rend(); ++e) {
      int k = branch(text.substr(i, *e - i));
      if (k < 0) continue;
      return use(text, size_t(k), *e, out);
    }
    return out += id, j;
  }

  // Branch k's value at end of its name in text.
  size_t use(const std::string &text, size_t k, size_t end, std::string &out) {
    std::string var = "cppnb_b" + std::to_string(k);
    if (!fBranches[k].many) return out += "(*" + var + ")", end;
    size_t open = text.find_first_not_of(" \t\n", end);
    if (open != std::string::npos && text[open] == '[') { // an element chosen: arr[expr]
      int depth = 0;
      for (size_t close = open; close < text.size(); ++close) {
        depth += text[close] == '[' ? 1 : text[close] == ']' ? -1 : 0;
        if (depth == 0) {
          out += "::cppnb::root::draw::at(" + var + ", (" + rewrite(text.substr(open + 1, close - open - 1)) + "), cppnb_valid)";
          return close + 1;
        }
      }
    }
    fBranches[k].elementwise = true;
    return out += var + "[cppnb_i]", end;
  }

  int branch(const std::string &name) {
    for (size_t k = 0; k < fBranches.size(); ++k)
      if (fBranches[k].name == name) return int(k);
    io::Elem elem;
    bool many;
    std::string error;
    if (!fTree.columnType(name.c_str(), elem, many, error) || !*cppType(elem)) return -1;
    fBranches.push_back({name, elem, many});
    return int(fBranches.size() - 1);
  }

  const TTree &fTree;
  std::vector<Branch> fBranches;
};

// Splits ROOT's "a:b:c" at colons that are not "::" and not inside brackets.
static std::vector<std::string> dimensions(const std::string &varexp) {
  std::vector<std::string> parts(1);
  int depth = 0;
  for (size_t i = 0; i < varexp.size(); ++i) {
    char c = varexp[i];
    depth += (c == '(' || c == '[') ? 1 : (c == ')' || c == ']') ? -1 : 0;
    if (c == ':' && depth == 0) {
      if (i + 1 < varexp.size() && varexp[i + 1] == ':') {
        parts.back() += "::";
        ++i;
        continue;
      }
      parts.emplace_back();
      continue;
    }
    parts.back() += c;
  }
  return parts;
}

// ">>+name(bins…)" into out.
static void target(std::string spec, Selection &t) {
  size_t start = spec.find_first_not_of(" \t");
  spec = start == std::string::npos ? "" : spec.substr(start);
  if (!spec.empty() && spec[0] == '+') t.append = true, spec.erase(0, 1);
  size_t open = spec.find('(');
  std::string name = spec.substr(0, open);
  while (!name.empty() && std::isspace((unsigned char)name.back())) name.pop_back();
  if (!name.empty()) t.name = name, t.named = true;
  if (open != std::string::npos) {
    std::string args = spec.substr(open + 1, spec.rfind(')') - open - 1);
    size_t p = 0;
    while (p <= args.size()) {
      size_t comma = args.find(',', p);
      std::string v = args.substr(p, comma == std::string::npos ? std::string::npos : comma - p);
      if (v.find_first_not_of(" \t") != std::string::npos) t.bins.push_back(std::atof(v.c_str()));
      if (comma == std::string::npos) break;
      p = comma + 1;
    }
  }
}

// Round limits around [lo, hi] for nbins bins, as ROOT's histograms of
// TTree::Draw get when no range is given.
static void niceLimits(double &lo, double &hi, int nbins) {
  if (!(hi > lo)) {
    double d = lo == 0 ? 1 : std::fabs(lo) * 0.1;
    lo -= d, hi += d;
    return;
  }
  double raw = (hi - lo) / nbins, mag = std::pow(10, std::floor(std::log10(raw)));
  double step = raw / mag <= 1 ? mag : raw / mag <= 2 ? 2 * mag : raw / mag <= 5 ? 5 * mag : 10 * mag;
  // Coarser steps for the range as a whole (bins stay nbins): ROOT rounds the edges, not the width.
  double edge = std::pow(10, std::floor(std::log10(hi - lo))) / 10;
  step = std::max(step, edge);
  double newLo = std::floor(lo / step) * step, newHi = std::ceil(hi / step) * step;
  if (newHi <= hi) newHi += step; // the largest value inside the last bin
  lo = newLo, hi = newHi;
}


// The loop's text around the expressions (already over the readers).
static std::string loopBody(const ExpressionCode &code, const std::vector<std::string> &values, const std::string &weight) {
  std::string body = code.declarations() +
                     "  while (cppnb_loop.next()) {\n"
                     "    const size_t cppnb_n = " + code.instances() + ";\n"
                     "    for (size_t cppnb_i = 0; cppnb_i < cppnb_n; ++cppnb_i) {\n"
                     "      bool cppnb_valid = true;\n"
                     "      const double cppnb_w = double(" + weight + ");\n"
                     "      if (!cppnb_valid || cppnb_w == 0) continue;\n";
  for (size_t d = 0; d < 3; ++d)
    body += "      const double cppnb_x" + std::to_string(d) + " = " + (d < values.size() ? "double(" + values[d] + ")" : "0") + ";\n";
  return body + "      if (cppnb_valid) cppnb_loop.add(cppnb_w, cppnb_x0, cppnb_x1, cppnb_x2);\n    }\n  }\n";
}

// Axis a (0: x, 1: y) of the histogram over values v: the bins given after
// the name (at: where this axis's are), or round limits around the values.
static void axis(Selection &s, int a, size_t at, const std::vector<double> &v) {
  int defaultBins = s.nbins[a];
  s.nbins[a] = s.bins.size() > at && s.bins[at] > 0 ? int(s.bins[at]) : defaultBins;
  if (s.bins.size() > at + 2 && s.bins[at + 1] < s.bins[at + 2]) {
    s.low[a] = s.bins[at + 1], s.up[a] = s.bins[at + 2];
    return;
  }
  s.low[a] = v.empty() ? 0 : *std::min_element(v.begin(), v.end());
  s.up[a] = v.empty() ? 1 : *std::max_element(v.begin(), v.end());
  niceLimits(s.low[a], s.up[a], s.nbins[a]);
}

static bool blank(const std::string &s) { return s.find_first_not_of(" \t\n") == std::string::npos; }

// Compiles the expressions (once per text in a session) and runs them over
// the tree's entries [firstentry, firstentry + nentries). False after
// printing ROOT's message (an expression that does not compile, no
// interpreter, a tree that cannot be read).
// named: what the message calls the expression (Scan's selection), else varexp.
static bool select(TTree &tree, const char *varexp, const char *selection, Option_t *option, Long64_t nentries,
            Long64_t firstentry, Selection &out, const char *named = nullptr) {
  std::string spec = varexp ? varexp : "", cut = selection ? selection : "";
  auto fail = [&](const std::string &why) {
    std::fprintf(stderr, "Error in <TTreeFormula::Compile>:  Bad numerical expression : \"%s\" (%s)\n", named ? named : spec.c_str(),
                 why.c_str());
    return false;
  };
  size_t arrow = spec.find(">>");
  if (arrow != std::string::npos) target(spec.substr(arrow + 2), out);
  std::string expr = spec.substr(0, arrow);
  out.dims = dimensions(expr);
  if (blank(expr)) return fail("no expression to draw");
  if (out.dims.size() > 2) return fail("cppnb draws one or two expressions (\"x\", \"y:x\"), not three yet");
  if (lower(option ? option : "").find("prof") != std::string::npos && out.dims.size() != 2)
    return fail("option prof makes a profile of \"y:x\": give two expressions");
  out.title = expr + (blank(cut) ? "" : " {" + cut + "}");
  out.option = option ? option : "";
  size_t goff = lower(out.option).find("goff");
  if (goff != std::string::npos) out.graphicsOff = true, out.option.erase(goff, 4);
  size_t prof = lower(out.option).find("prof");
  if (prof != std::string::npos) {
    out.profile = true;
    size_t end = prof + 4;
    char next = end < out.option.size() ? char(std::tolower(static_cast<unsigned char>(out.option[end]))) : '\0';
    if (next == 's' || next == 'i' || next == 'g') out.profileErrors = std::string(1, next), ++end;
    out.option.erase(prof, end - prof);
  }

  ExpressionCode code(tree);
  std::vector<std::string> values;
  for (const std::string &d : out.dims) values.push_back(code.rewrite(d));
  std::string weight = blank(cut) ? "1" : code.rewrite(cut);
  std::string body = loopBody(code, values, weight), error;
  auto loop = jit::function<LoopFunction>(body, "cppnb_tree_draw_", [&](const std::string &symbol) {
    return "extern \"C\" void " + symbol + "(::cppnb::root::draw::Loop &cppnb_loop) {\n"
           "  using namespace ::cppnb::root; // ROOT's names (TMath::…) as at ROOT's prompt\n"
           "  using namespace std;\n" + body + "}\n";
  }, error);
  if (!loop) return fail(error);

  Loop run(&tree);
  if (run.reader.IsInvalid()) return fail("the tree cannot be read");
  if (firstentry > 0 || nentries < std::numeric_limits<Long64_t>::max())
    run.reader.SetEntriesRange(firstentry, nentries >= std::numeric_limits<Long64_t>::max() - firstentry ? -1 : firstentry + nentries);
  loop(run);
  for (int d = 0; d < 3; ++d) out.values[d].swap(run.values[d]);
  out.weights.swap(run.weights);
  bool twoD = out.dims.size() == 2;
  if (twoD && !out.profile) out.nbins[0] = 40; // a profile keeps 100 bins in x, as ROOT's
  axis(out, 0, 0, out.values[out.dims.size() - 1]);
  if (twoD) axis(out, 1, 3, out.values[0]);
  return true;
}

bool selectedEntries(TTree &tree, const char *selection, Long64_t nentries, Long64_t first, std::vector<Long64_t> &entries) {
  Selection rows;
  if (!select(tree, "Entry$", selection, "goff", nentries, first, rows, selection)) return false;
  for (double e : rows.values[0])
    if (entries.empty() || entries.back() != Long64_t(e)) entries.push_back(Long64_t(e));
  return true;
}

} // namespace cppnb::root::draw

namespace cppnb::root {

Long64_t TTree::Draw(const char *varexp, const char *selection, Option_t *option, Long64_t nentries, Long64_t firstentry) {
  draw::Selection rows;
  if (!draw::select(*this, varexp, selection, option, nentries, firstentry, rows)) return -1;
  // The histogram is the session's: made by session code (tree_draw.hpp),
  // compiled once in the session, not by this library's copy of it.
  std::string error;
  auto fill = jit::function<TH1 *(*)(draw::Selection &)>("fillHistogram", "cppnb_tree_draw_histogram_", [](const std::string &symbol) {
    return "extern \"C\" ::cppnb::root::TH1 *" + symbol +
           "(::cppnb::root::draw::Selection &rows) { return ::cppnb::root::draw::fillHistogram(rows); }\n";
  }, error);
  if (!fill) {
    std::fprintf(stderr, "Error in <TTreePlayer::DrawSelect>: %s\n", error.c_str());
    return -1;
  }
  TH1 *h = fill(rows);
  for (int d = 0; d < 3; ++d) fDrawn[d].swap(rows.values[d]);
  fDrawnWeights.swap(rows.weights);
  fSelectedRows = Long64_t(fDrawnWeights.size());
  fHistogram = h;
  return h ? fSelectedRows : -1;
}

} // namespace cppnb::root
