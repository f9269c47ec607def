// The fit options of TH1::Fit, TGraph::Fit and friends, read as ROOT reads
// them: case-insensitive letters, after the few words of several letters
// ("WL", "LL", "PL", "EX0", "WIDTH", "MULTITHREAD", "SERIAL", "ROB") are
// taken out, so that the W of "WL" does not also mean "W".
#pragma once

#include <cctype>
#include <string>

namespace cppnb::root {

struct FitOptions {
  bool quiet = false, verbose = false, store = false; // Q V S
  bool range = false, noStore = false, noDraw = false; // R N 0
  bool add = false, integral = false, minos = false;  // + I E
  bool pearson = false, user = false, bound = false;  // P U B
  int like = 0;        // L: 1, WL: 2, LL: 4, PL: 8
  int unitWeights = 0; // W: 1 (errors ignored), WW: 2 (empty bins too)
  bool noXErrors = false, robust = false;             // EX0 ROB (graphs)
  bool binWidth = false;                              // WIDTH

  bool likelihood() const { return like != 0; }
  bool weightedLikelihood() const { return like == 2; }

  static FitOptions parse(const char *option, bool graph = false) {
    std::string o;
    for (const char *c = option ? option : ""; *c; ++c) o += char(std::toupper(static_cast<unsigned char>(*c)));
    auto take = [&o](const char *word) {
      size_t at = o.find(word);
      if (at == std::string::npos) return false;
      while (at != std::string::npos) o.erase(at, std::string(word).size()), at = o.find(word);
      return true;
    };
    FitOptions f;
    take("MULTITHREAD"), take("MULTIPROC"), take("SERIAL");
    if (graph) {
      f.noXErrors = take("EX0");
      if (size_t at = o.find("ROB"); at != std::string::npos) {
        f.robust = true;
        size_t end = at + 3;
        if (end < o.size() && o[end] == '=')
          for (++end; end < o.size() && (std::isdigit(static_cast<unsigned char>(o[end])) || o[end] == '.');) ++end;
        o.erase(at, end - at);
      }
    } else {
      f.binWidth = take("WIDTH");
      if (take("WL")) f.like = 2;
      else if (take("LL")) f.like = 4;
      else if (take("PL")) f.like = 8;
      if (o.find('L') != std::string::npos && !f.like) f.like = 1;
      f.integral = o.find('I') != std::string::npos;
      f.pearson = o.find('P') != std::string::npos;
    }
    auto has = [&o](char c) { return o.find(c) != std::string::npos; };
    f.user = has('U');
  f.bound = has('B');
    f.quiet = has('Q');
    if (has('V')) f.verbose = true, f.quiet = false;
    if (has('W')) f.unitWeights = o.find("WW") != std::string::npos ? 2 : 1;
    f.minos = has('E');
    f.range = has('R');
    f.noStore = has('N');
    f.noDraw = has('0');
    f.add = has('+');
    f.store = has('S');
    return f;
  }
};

} // namespace cppnb::root
