// TColor (colours by RGB) and gROOT, the few parts of TROOT notebooks call.
#pragma once

#include "canvas.hpp"
#include "collections.hpp"
#include "functions.hpp"
#include "interpreter.hpp"
#include "tstring.hpp"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace cppnb::root {

class TColor {
public:
  // A colour number for (r, g, b), 0-255 each; the same number for the same colour.
  static int GetColor(int r, int g, int b) { return GetColor(float(r / 255.0), float(g / 255.0), float(b / 255.0)); }
  static int GetColor(float r, float g, float b) {
    auto &all = cppnb::root::customColors();
    for (size_t i = 0; i < all.size(); ++i)
      if (std::fabs(all[i].r - r) < 1e-3 && std::fabs(all[i].g - g) < 1e-3 && std::fabs(all[i].b - b) < 1e-3)
        return cppnb::root::kFirstCustomColor + int(i);
    all.push_back({r, g, b});
    return cppnb::root::kFirstCustomColor + int(all.size()) - 1;
  }
  static int GetColor(double r, double g, double b) { return GetColor(float(r), float(g), float(b)); }
  // "#rrggbb"
  static int GetColor(const char *hex) {
    if (!hex || hex[0] != '#' || std::strlen(hex) != 7) return 1;
    long v = std::strtol(hex + 1, nullptr, 16);
    return GetColor(int(v >> 16 & 255), int(v >> 8 & 255), int(v & 255));
  }
  static std::string HexOf(int color) { return cppnb::root::cssColor(color); }
};

class TROOT : public TNamed {
public:
  TROOT() : TNamed("root", "The ROOT of everything") {}
  void SetBatch(bool batch = true) { fBatch = batch; }
  bool IsBatch() const { return fBatch; }
  void Reset(Option_t * = "") {}
  void SetStyle(const char * = "Modern") {}
  void ForceStyle(bool = true) {}
  TF1 *GetFunction(const char *name) const { return userFunction(name); }
  // The functions made in the session, by name (a snapshot: removing from it
  // changes nothing; ROOT's macros remove a function to keep it in a histogram).
  TList *GetListOfFunctions() const {
    fFunctions.Clear();
    for (const auto &[name, f] : functionsByName()) fFunctions.Add(const_cast<TF1 *>(f));
    return &fFunctions;
  }
  // The canvases alive, as a collection (FindObject by name, range-for).
  TList *GetListOfCanvases() const {
    fCanvases.Clear();
    for (TCanvas *c : cppnb::root::canvases()) fCanvases.Add(c);
    return &fCanvases;
  }
  const char *GetVersion() const { return "6.32/00 (cppnb)"; }
  int GetVersionInt() const { return 63200; }
  // Where ROOT's tutorials are: $ROOTSYS/tutorials, as ROOT has them (cppnb
  // ships none: a macro that reads them needs ROOT's tutorials there).
  static TString GetTutorialDir() {
    const char *sys = std::getenv("ROOTSYS");
    return TString(sys && *sys ? (std::string(sys) + "/tutorials").c_str() : "tutorials");
  }
  static TString GetTutorialsDir() { return GetTutorialDir(); }
  // gROOT's ways into the interpreter (interpreter.hpp).
  long ProcessLine(const char *line, int *error = nullptr) { return gInterpreter->ProcessLine(line, error); }
  long ProcessLineSync(const char *line, int *error = nullptr) { return gInterpreter->ProcessLine(line, error); }
  long ProcessLineFast(const char *line, int *error = nullptr) { return gInterpreter->ProcessLine(line, error); }
  int LoadMacro(const char *filename, int *error = nullptr, bool check = false) { return gInterpreter->LoadMacro(filename, error, check); }
  long Macro(const char *filename, int *error = nullptr, bool = true) { return gInterpreter->ExecuteMacro(filename, error); }

private:
  bool fBatch = false;
  mutable TList fCanvases, fFunctions;
};

struct TheRoot {
  static TROOT *instance() {
    static TROOT root;
    return &root;
  }
};
inline GlobalPointer<TROOT, TheRoot> gROOT;

// ROOT's Form: printf into a string that lives until a few more Form calls
// (ROOT keeps a ring of buffers too), for names and titles made in loops.
inline const char *Form(const char *format, ...) __attribute__((format(printf, 1, 2)));
inline const char *Form(const char *format, ...) {
  static std::string ring[16];
  static unsigned next = 0;
  std::string &out = ring[next++ % 16];
  va_list args, again;
  va_start(args, format);
  va_copy(again, args);
  int n = std::vsnprintf(nullptr, 0, format, args);
  va_end(args);
  out.assign(size_t(n > 0 ? n : 0), '\0');
  if (n > 0) std::vsnprintf(out.data(), size_t(n) + 1, format, again);
  va_end(again);
  return out.c_str();
}

} // namespace cppnb::root
