// ROOT's TLatex syntax in every text a pad draws (titles, axis titles, legends,
// labels): #mu and the other Greek letters and symbols, _{} and ^{} (and _x,
// ^x), #sqrt{} and #sqrt[n]{}, #frac{}{}, #bar{} #hat{} #tilde{} #vec{} #dot{},
// #it{} #bf{}, #splitline{}{}, #left( #right), #{ #} — read into runs of text
// drawn alike (svg.hpp draws them as tspans of one <text>).
#pragma once

#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace cppnb::root::latex {

// A piece of text drawn alike.
struct Run {
  std::string text;  // UTF-8, not escaped
  double shift = 0;  // baseline, in font sizes, up positive
  double scale = 1;  // font size relative to the text's
  bool italic = false, bold = false, overline = false;
};

inline const std::map<std::string, std::string> &symbols() {
  static const std::map<std::string, std::string> table = {
      {"alpha", "α"}, {"beta", "β"}, {"gamma", "γ"}, {"delta", "δ"}, {"epsilon", "ε"}, {"varepsilon", "ε"},
      {"zeta", "ζ"}, {"eta", "η"}, {"theta", "θ"}, {"vartheta", "ϑ"}, {"iota", "ι"}, {"kappa", "κ"},
      {"lambda", "λ"}, {"mu", "μ"}, {"nu", "ν"}, {"xi", "ξ"}, {"omicron", "ο"}, {"pi", "π"}, {"varpi", "ϖ"},
      {"rho", "ρ"}, {"sigma", "σ"}, {"varsigma", "ς"}, {"tau", "τ"}, {"upsilon", "υ"}, {"phi", "φ"},
      {"varphi", "ϕ"}, {"chi", "χ"}, {"psi", "ψ"}, {"omega", "ω"}, {"varomega", "ϖ"},
      {"Alpha", "Α"}, {"Beta", "Β"}, {"Gamma", "Γ"}, {"Delta", "Δ"}, {"Epsilon", "Ε"}, {"Zeta", "Ζ"},
      {"Eta", "Η"}, {"Theta", "Θ"}, {"Iota", "Ι"}, {"Kappa", "Κ"}, {"Lambda", "Λ"}, {"Mu", "Μ"}, {"Nu", "Ν"},
      {"Xi", "Ξ"}, {"Omicron", "Ο"}, {"Pi", "Π"}, {"Rho", "Ρ"}, {"Sigma", "Σ"}, {"Tau", "Τ"},
      {"Upsilon", "Υ"}, {"varUpsilon", "ϒ"}, {"Phi", "Φ"}, {"Chi", "Χ"}, {"Psi", "Ψ"}, {"Omega", "Ω"},
      {"pm", "±"}, {"mp", "∓"}, {"times", "×"}, {"div", "÷"}, {"cdot", "·"}, {"bullet", "•"},
      {"leq", "≤"}, {"geq", "≥"}, {"neq", "≠"}, {"approx", "≈"}, {"equiv", "≡"}, {"propto", "∝"},
      {"sim", "∼"}, {"ll", "≪"}, {"gg", "≫"}, {"infty", "∞"}, {"partial", "∂"}, {"nabla", "∇"},
      {"int", "∫"}, {"oint", "∮"}, {"sum", "∑"}, {"prod", "∏"}, {"surd", "√"},
      {"rightarrow", "→"}, {"leftarrow", "←"}, {"uparrow", "↑"}, {"downarrow", "↓"},
      {"leftrightarrow", "↔"}, {"Rightarrow", "⇒"}, {"Leftarrow", "⇐"}, {"Leftrightarrow", "⇔"},
      {"Uparrow", "⇑"}, {"Downarrow", "⇓"}, {"to", "→"},
      {"in", "∈"}, {"notin", "∉"}, {"subset", "⊂"}, {"supset", "⊃"}, {"subseteq", "⊆"}, {"supseteq", "⊇"},
      {"cap", "∩"}, {"cup", "∪"}, {"wedge", "∧"}, {"vee", "∨"}, {"forall", "∀"}, {"exists", "∃"},
      {"neg", "¬"}, {"emptyset", "∅"}, {"oplus", "⊕"}, {"otimes", "⊗"}, {"odot", "⊙"}, {"perp", "⊥"},
      {"parallel", "∥"}, {"angle", "∠"}, {"dagger", "†"}, {"ddagger", "‡"}, {"prime", "′"},
      {"ell", "ℓ"}, {"hbar", "ℏ"}, {"Re", "ℜ"}, {"Im", "ℑ"}, {"aleph", "ℵ"}, {"wp", "℘"},
      {"AA", "Å"}, {"aa", "å"}, {"circ", "°"}, {"degree", "°"}, {"ldots", "…"}, {"dots", "…"},
      {"cdots", "⋯"}, {"diamond", "◇"}, {"Box", "□"}, {"clubsuit", "♣"}, {"spadesuit", "♠"},
      {"heartsuit", "♥"}, {"diamondsuit", "♦"}, {"copyright", "©"}, {"void", ""}, {"backslash", "\\"},
      {"{", "{"}, {"}", "}"}, {"[", "["}, {"]", "]"}, {"#", "#"}, {"_", "_"}, {"^", "^"}, {"&", "&"},
  };
  return table;
}

class Parser {
public:
  explicit Parser(const std::string &s) : src(s) {}

  std::vector<Run> runs() {
    std::vector<Run> out;
    sequence(Run{}, out, false);
    return out;
  }

private:
  const std::string &src;
  size_t pos = 0;

  static void add(std::vector<Run> &out, const Run &style, const std::string &text) {
    if (text.empty()) return;
    if (!out.empty()) {
      Run &last = out.back();
      if (last.shift == style.shift && last.scale == style.scale && last.italic == style.italic &&
          last.bold == style.bold && last.overline == style.overline) {
        last.text += text;
        return;
      }
    }
    Run r = style;
    r.text = text;
    out.push_back(r);
  }

  // Text up to the end (or a closing brace when inBraces).
  void sequence(const Run &style, std::vector<Run> &out, bool inBraces) {
    while (pos < src.size()) {
      char c = src[pos];
      if (c == '}' && inBraces) {
        ++pos;
        return;
      }
      if (c == '#') command(style, out);
      else if ((c == '_' || c == '^') && pos + 1 < src.size()) script(style, out);
      else if (c == '{') {
        ++pos;
        sequence(style, out, true);
      } else {
        size_t start = pos;
        while (pos < src.size() && std::strchr("#_^{}", src[pos]) == nullptr) ++pos;
        if (pos == start) ++pos; // a lone } outside braces, or a last _ or ^: as it is
        add(out, style, src.substr(start, pos - start));
      }
    }
  }

  // One argument: {…}, or the next character (UTF-8 sequence).
  void argument(const Run &style, std::vector<Run> &out) {
    if (pos < src.size() && src[pos] == '{') {
      ++pos;
      sequence(style, out, true);
      return;
    }
    if (pos < src.size() && src[pos] == '#') {
      command(style, out);
      return;
    }
    size_t start = pos;
    if (pos < src.size()) ++pos;
    while (pos < src.size() && (static_cast<unsigned char>(src[pos]) & 0xC0) == 0x80) ++pos;
    add(out, style, src.substr(start, pos - start));
  }

  void script(const Run &style, std::vector<Run> &out) {
    bool sub = src[pos] == '_';
    ++pos;
    Run s = style;
    s.scale = style.scale * 0.7;
    s.shift = style.shift + (sub ? -0.25 : 0.4) * style.scale;
    argument(s, out);
  }

  void command(const Run &style, std::vector<Run> &out) {
    ++pos; // '#'
    size_t start = pos;
    while (pos < src.size() && std::isalpha(static_cast<unsigned char>(src[pos]))) ++pos;
    std::string name = src.substr(start, pos - start);
    if (name.empty() && pos < src.size()) name = std::string(1, src[pos++]); // #{ #} #[ #] ##
    auto symbol = symbols().find(name);
    if (name == "frac") {
      Run top = style, bottom = style;
      top.scale = bottom.scale = style.scale * 0.7;
      top.shift = style.shift + 0.35 * style.scale, bottom.shift = style.shift - 0.2 * style.scale;
      argument(top, out);
      add(out, style, "⁄");
      argument(bottom, out);
    } else if (name == "sqrt") {
      if (pos < src.size() && src[pos] == '[') { // #sqrt[n]{x}: the index before the root
        Run index = style;
        index.scale = style.scale * 0.6, index.shift = style.shift + 0.45 * style.scale;
        size_t close = src.find(']', pos);
        add(out, index, src.substr(pos + 1, close == std::string::npos ? std::string::npos : close - pos - 1));
        pos = close == std::string::npos ? src.size() : close + 1;
      }
      add(out, style, "√");
      Run under = style;
      under.overline = true;
      argument(under, out);
    } else if (name == "bar" || name == "overline") {
      Run over = style;
      over.overline = true;
      argument(over, out);
    } else if (name == "hat" || name == "tilde" || name == "vec" || name == "dot" || name == "ddot" || name == "check" ||
               name == "acute" || name == "grave" || name == "breve") {
      static const std::map<std::string, std::string> accents = {
          {"hat", "\u0302"}, {"tilde", "\u0303"}, {"vec", "\u20D7"}, {"dot", "\u0307"}, {"ddot", "\u0308"},
          {"check", "\u030C"}, {"acute", "\u0301"}, {"grave", "\u0300"}, {"breve", "\u0306"}};
      argument(style, out);
      add(out, style, accents.at(name));
    } else if (name == "it" || name == "bf") {
      Run s = style;
      (name == "it" ? s.italic : s.bold) = true;
      argument(s, out);
    } else if (name == "splitline") {
      argument(style, out);
      add(out, style, " ");
      argument(style, out);
    } else if (name == "color" || name == "font" || name == "scale" || name == "kern" || name == "lower" || name == "mbox") {
      if (pos < src.size() && src[pos] == '[') { // the option in [] is not drawn
        size_t close = src.find(']', pos);
        pos = close == std::string::npos ? src.size() : close + 1;
      }
      argument(style, out);
    } else if (name == "left" || name == "right") {
      if (pos < src.size() && src[pos] == '#') command(style, out);
      else argument(style, out);
    } else if (symbol != symbols().end()) {
      add(out, style, symbol->second);
    } else {
      add(out, style, "#" + name); // not TLatex: as written
    }
  }
};

// The characters a text takes room for, scripts smaller.
inline double length(const std::string &s) {
  double n = 0;
  for (const Run &r : Parser(s).runs())
    for (unsigned char c : r.text) n += (c & 0xC0) != 0x80 ? r.scale : 0;
  return n;
}

} // namespace cppnb::root::latex
