// The base of the ROOT-like classes: TObject, TNamed, the line/fill/marker
// attributes, TAxis and TStyle, and what every drawable object tells the painter.
#pragma once

#include "svg.hpp"
#include "types.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace cppnb::root {

class TVirtualPad;


class Painter;

// Lower-cased copy, for ROOT's case-insensitive draw options.
inline std::string lower(std::string s) {
  for (auto &c : s) c = char(std::tolower((unsigned char)c));
  return s;
}
inline bool has(const std::string &opt, const char *what) { return lower(opt).find(what) != std::string::npos; }

// A draw option's one-letter options (e, p, l, c…): what is left once ROOT's
// words are taken out, as THistPainter does, so that the e of "same" or
// "text" is not an error bar.
inline std::string optionLetters(const std::string &opt) {
  static const char *words[] = {"same", "hist", "text", "func", "axis", "colz", "col", "cont", "box", "scat",
                                "lego", "surf", "nostack", "goff", "bar", "min0", "x+", "y+"};
  std::string o = lower(opt);
  for (const char *w : words)
    for (size_t at, n = std::char_traits<char>::length(w); (at = o.find(w)) != std::string::npos;) o.replace(at, n, " ");
  return o;
}

// Where a pad paints an object: inside its frame (clipped to it), or over
// everything once the frame, axes and stats are done (a legend).
enum class PaintLayer { Frame, Overlay };

// How an axis is drawn (ROOT's TAttAxis members): sizes and the tick length
// are fractions of the pad (its smaller side for text), offsets scale the
// default distances of labels and title from the axis.
// One label of an axis changed (TAxis::ChangeLabel): number 1… from the
// first drawn label, -1… from the last; negative values leave that part.
struct LabelChange {
  int number = 0;
  double angle = -1, size = -1;
  Color_t color = -1;
  std::string text;
};
struct AxisLook {
  float labelSize = 0.035f, labelOffset = 0.005f, titleSize = 0.035f, titleOffset = 1, tickLength = 0.03f;
  Color_t axisColor = 1, labelColor = 1, titleColor = 1;
  Style_t labelFont = 42, titleFont = 42;
  int ndivisions = 510;
  std::vector<LabelChange> labelChanges;
  // The change for label i of n drawn, or null.
  const LabelChange *labelChange(size_t i, size_t n) const {
    for (const LabelChange &c : labelChanges)
      if ((c.number > 0 && size_t(c.number) == i + 1) || (c.number < 0 && size_t(-c.number) == n - i)) return &c;
    return nullptr;
  }
};
// gStyle's look for axis 'x', 'y' or 'z', what a new axis starts from (after TStyle).
inline AxisLook styleAxisLook(char axis);

// What an object that sets up a pad's frame (the first one drawn) asks for.
struct FrameRequest {
  AxisLook xlook, ylook;
  // An alphanumeric axis: one label per bin over [x0, x1] (y0, y1), drawn
  // under each bin's centre; vertical when the axis says so.
  std::vector<std::string> xBinLabels, yBinLabels;
  bool xLabelsVertical = false, yLabelsVertical = false;
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  std::string title, xtitle, ytitle;
  bool zAxis = false; // 2D colour drawing: a palette axis at the right
  double z0 = 0, z1 = 1;
  bool xCentred = false, yCentred = false;
};

// "title;x title;y title;z title" → its parts.
inline void splitTitle(const std::string &all, std::string &title, std::string *x, std::string *y, std::string *z = nullptr) {
  std::vector<std::string> parts;
  size_t from = 0;
  for (size_t at; (at = all.find(';', from)) != std::string::npos; from = at + 1) parts.push_back(all.substr(from, at - from));
  parts.push_back(all.substr(from));
  title = parts[0];
  if (x && parts.size() > 1) *x = parts[1];
  if (y && parts.size() > 2) *y = parts[2];
  if (z && parts.size() > 3) *z = parts[3];
}


// Every virtual function is inline in its class (those defined further down are
// declared `inline`): a class with a non-inline virtual function has a "key
// function", and in the precompiled header that makes clang generate its vtable,
// and everything reachable from it, when every session starts.
class TObject {
public:
  TObject() = default;
  TObject(const TObject &) {}
  TObject &operator=(const TObject &) { return *this; }
  inline virtual ~TObject();

  virtual const char *GetName() const { return ClassName(); }
  virtual const char *GetTitle() const { return ""; }
  virtual const char *ClassName() const { return "TObject"; }
  // Adds the object to the current pad (a new canvas c1 if there is none).
  inline virtual void Draw(Option_t *option = "");
  // A copy of the object (the classes that can be copied say so), or null.
  virtual TObject *Clone(const char * = "") const { return nullptr; }
  // A copy drawn on the current pad, which keeps it (ROOT's DrawClone).
  inline virtual TObject *DrawClone(Option_t *option = "") const;
  virtual void Print(Option_t * = "") const { std::printf("OBJ: %s\t%s\t%s\n", ClassName(), GetName(), GetTitle()); }
  // Writes the object into the current directory (gDirectory), a file open
  // for writing: ROOT's TObject::Write (file_objects.hpp; needs libcppnb-root).
  inline virtual int Write(const char *name = nullptr, int option = 0, int bufsize = 0) const;

  // ---- for the painter (cppnb/root/painter.hpp): every drawable paints
  // itself through these, and the pad knows no class but its own ----
  // True if this object, drawn first on a pad, sets up its frame.
  virtual bool FrameFor(const std::string &, bool /*logx*/, bool /*logy*/, cppnb::root::FrameRequest &) const { return false; }
  virtual void Paint(cppnb::root::Painter &, const std::string &) const {}
  virtual cppnb::root::PaintLayer Layer() const { return cppnb::root::PaintLayer::Frame; }
  // The stats box (and palette) of the pad: the first object of a kind that
  // has them takes them, drawn or not (true), and no later one does.
  virtual bool PaintStats(cppnb::root::Painter &, const std::string &) const { return false; }
  // A pad drawn into a pad (from Divide, or a TPad drawn): painted as a pad of its own.
  virtual const TVirtualPad *AsPad() const { return nullptr; }
  // Drawing it on a pad without "SAME" first clears the pad.
  virtual bool ClearsPad(const std::string &option) const { return !cppnb::root::has(option, "same"); }
  // Draws the object into the pad's sub-pads instead of the pad itself
  // (THStack with "pads"): true when it did.
  virtual bool DrawIntoSubpads(TVirtualPad &, const std::string &) { return false; }
  // obj is going away: drop every reference to it (ROOT's RecursiveRemove).
  virtual void RecursiveRemove(const TObject *) {}
  // An object this one holds under that name (a histogram's functions and
  // stats box), or null: what TPad::GetPrimitive also looks through.
  virtual TObject *FindObject(const char *) const { return nullptr; }
  // The pad it is drawn on was updated (TPad::Update): ROOT paints then, and a
  // histogram makes its stats box, which a macro may then change.
  virtual void PadUpdated(const std::string & /*option it was drawn with*/) {}

  // ROOT's status bits, kept for the macros that set and test them.
  enum EStatusBits : unsigned {
    kCanDelete = 1u << 0, kMustCleanup = 1u << 3, kIsReferenced = 1u << 4, kHasUUID = 1u << 5, kCannotPick = 1u << 6,
    kNoContextMenu = 1u << 8, kInvalidObject = 1u << 13
  };
  void SetBit(unsigned f, bool set) { set ? SetBit(f) : ResetBit(f); }
  void SetBit(unsigned f) { fBits |= f; }
  void ResetBit(unsigned f) { fBits &= ~f; }
  bool TestBit(unsigned f) const { return (fBits & f) != 0; }
  int TestBits(unsigned f) const { return int(fBits & f); }
  unsigned GetUniqueID() const { return fUniqueID; }
  void SetUniqueID(unsigned id) { fUniqueID = id; }

private:
  unsigned fBits = 0, fUniqueID = 0;
};
#ifndef BIT
#define BIT(n) (1ULL << (n))
#endif

// Marks the canvases showing obj as changed, so the notebook shows them again.
void touched(const TObject *obj);

// The I/O library's (libcppnb-root) view of objects in memory: histograms made
// while a file open for writing is current belong to it (TFile::Write writes
// them). Weak, so that a program that only draws need not link the library.
class TDirectory;
extern "C" __attribute__((weak)) void cppnb_root_object_created(TObject *obj);
extern "C" __attribute__((weak)) void cppnb_root_object_attach(TObject *obj, TDirectory *dir);
extern "C" __attribute__((weak)) void cppnb_root_object_deleted(const TObject *obj);

// ROOT's global object bits (also TObject's), usable as plain names in macros.
inline constexpr unsigned kCanDelete = TObject::kCanDelete, kMustCleanup = TObject::kMustCleanup,
                          kCannotPick = TObject::kCannotPick, kNoContextMenu = TObject::kNoContextMenu,
                          kInvalidObject = TObject::kInvalidObject;

class TNamed : public TObject {
public:
  TNamed() = default;
  TNamed(const char *name, const char *title) : fName(name ? name : ""), fTitle(title ? title : "") {}
  const char *GetName() const override { return fName.c_str(); }
  const char *GetTitle() const override { return fTitle.c_str(); }
  const char *ClassName() const override { return "TNamed"; }
  virtual void SetName(const char *name) { fName = name ? name : ""; }
  virtual void SetTitle(const char *title = "") { fTitle = title ? title : ""; }
  virtual void SetNameTitle(const char *name, const char *title) {
    SetName(name);
    SetTitle(title);
  }

  template <class Buffer> void Streamer(Buffer &b) { b(fName, fTitle); }

protected:
  std::string fName, fTitle;
};

class TAttLine {
public:
  TAttLine(Color_t color = 1, Style_t style = 1, Width_t width = 1) : fLineColor(color), fLineStyle(style), fLineWidth(width) {}
  virtual ~TAttLine() = default;
  virtual void SetLineColor(Color_t c) { fLineColor = c; }
  virtual void SetLineColorAlpha(Color_t c, Float_t) { fLineColor = c; }
  virtual void SetLineStyle(Style_t s) { fLineStyle = s; }
  virtual void SetLineWidth(Width_t w) { fLineWidth = w; }
  Color_t GetLineColor() const { return fLineColor; }
  Style_t GetLineStyle() const { return fLineStyle; }
  Width_t GetLineWidth() const { return fLineWidth; }

  template <class Buffer> void Streamer(Buffer &b) { b(fLineColor, fLineStyle, fLineWidth); }

protected:
  Color_t fLineColor;
  Style_t fLineStyle;
  Width_t fLineWidth;
};

class TAttFill {
public:
  TAttFill(Color_t color = 0, Style_t style = 1001) : fFillColor(color), fFillStyle(style) {}
  virtual ~TAttFill() = default;
  virtual void SetFillColor(Color_t c) { fFillColor = c; }
  virtual void SetFillColorAlpha(Color_t c, Float_t alpha) {
    fFillColor = c;
    fFillAlpha = alpha;
  }
  virtual void SetFillStyle(Style_t s) { fFillStyle = s; }
  Color_t GetFillColor() const { return fFillColor; }
  Style_t GetFillStyle() const { return fFillStyle; }
  // Colour 0 or style 0 is hollow, as ROOT draws histograms by default.
  bool IsFilled() const { return fFillColor != 0 && fFillStyle != 0 && fFillStyle != 4000; }
  float FillAlpha() const { return fFillAlpha; }

  template <class Buffer> void Streamer(Buffer &b) { b(fFillColor, fFillStyle, fFillAlpha); }

protected:
  Color_t fFillColor;
  Style_t fFillStyle;
  float fFillAlpha = 1;
};

class TAttMarker {
public:
  TAttMarker(Color_t color = 1, Style_t style = 1, Size_t size = 1) : fMarkerColor(color), fMarkerStyle(style), fMarkerSize(size) {}
  virtual ~TAttMarker() = default;
  virtual void SetMarkerColor(Color_t c) { fMarkerColor = c; }
  virtual void SetMarkerStyle(Style_t s) { fMarkerStyle = s; }
  virtual void SetMarkerSize(Size_t s) { fMarkerSize = s; }
  Color_t GetMarkerColor() const { return fMarkerColor; }
  Style_t GetMarkerStyle() const { return fMarkerStyle; }
  Size_t GetMarkerSize() const { return fMarkerSize; }

  template <class Buffer> void Streamer(Buffer &b) { b(fMarkerColor, fMarkerStyle, fMarkerSize); }

protected:
  Color_t fMarkerColor;
  Style_t fMarkerStyle;
  Size_t fMarkerSize;
};

// ROOT's TAttAxis: the look of an axis, set by a macro, kept by the axis,
// honoured by the painter.
class TAttAxis {
public:
  TAttAxis() = default;
  explicit TAttAxis(const AxisLook &look) : fLook(look) {}
  void SetLabelSize(float size = 0.04f) { fLook.labelSize = size; }
  // ROOT's ChangeLabel: label labNum (1… from the first, -1… from the last)
  // drawn with its own angle, size (0 hides it), colour or text.
  void ChangeLabel(int labNum = 0, double labAngle = -1, double labSize = -1, int = -1, Color_t labColor = -1, Style_t = -1,
                   const char *labText = "") {
    if (labNum == 0) return;
    for (auto it = fLook.labelChanges.begin(); it != fLook.labelChanges.end(); ++it)
      if (it->number == labNum) {
        fLook.labelChanges.erase(it);
        break;
      }
    fLook.labelChanges.push_back({labNum, labAngle, labSize, labColor, labText ? labText : ""});
  }
  void SetLabelOffset(float offset = 0.005f) { fLook.labelOffset = offset; }
  void SetLabelFont(Style_t font = 62) { fLook.labelFont = font; }
  void SetLabelColor(Color_t color = 1, float = 1) { fLook.labelColor = color; }
  void SetTitleSize(float size = 0.04f) { fLook.titleSize = size; }
  void SetTitleOffset(float offset = 1) { fLook.titleOffset = offset; }
  void SetTitleFont(Style_t font = 62) { fLook.titleFont = font; }
  void SetTitleColor(Color_t color = 1) { fLook.titleColor = color; }
  void SetTickLength(float length = 0.03f) { fLook.tickLength = length; }
  void SetTickSize(float size = 0.03f) { fLook.tickLength = size; }
  void SetAxisColor(Color_t color = 1, float = 1) { fLook.axisColor = color; }
  void SetNdivisions(int n = 510, bool = true) { fLook.ndivisions = n; }
  void SetNdivisions(int n1, int n2, int n3, bool = true) { fLook.ndivisions = n1 + 100 * n2 + 10000 * n3; }
  void SetMaxDigits(int = 5) {}
  float GetLabelSize() const { return fLook.labelSize; }
  float GetLabelOffset() const { return fLook.labelOffset; }
  Style_t GetLabelFont() const { return fLook.labelFont; }
  Color_t GetLabelColor() const { return fLook.labelColor; }
  float GetTitleSize() const { return fLook.titleSize; }
  float GetTitleOffset() const { return fLook.titleOffset; }
  Style_t GetTitleFont() const { return fLook.titleFont; }
  Color_t GetTitleColor() const { return fLook.titleColor; }
  float GetTickLength() const { return fLook.tickLength; }
  Color_t GetAxisColor() const { return fLook.axisColor; }
  int GetNdivisions() const { return fLook.ndivisions; }
  // Back to gStyle's look for axis "X", "Y" or "Z".
  void ResetAttAxis(Option_t *axis = "X") { fLook = styleAxisLook(axis && *axis ? char(std::tolower((unsigned char)*axis)) : 'x'); }
  const AxisLook &Look() const { return fLook; }

protected:
  AxisLook fLook;
};

class TAxis : public TNamed, public TAttAxis {
public:
  TAxis() = default;
  // An axis of a histogram, graph or function: 'x', 'y' or 'z', as gStyle has it.
  explicit TAxis(char which) : TAttAxis(styleAxisLook(which)) {}
  TAxis(int nbins, double xmin, double xmax) { Set(nbins, xmin, xmax); }
  const char *ClassName() const override { return "TAxis"; }

  void Set(int nbins, double xmin, double xmax) {
    fNbins = nbins < 1 ? 1 : nbins;
    fXmin = xmin;
    fXmax = xmax;
    fEdges.clear();
  }
  void Set(int nbins, const double *edges) {
    fNbins = nbins < 1 ? 1 : nbins;
    fEdges.assign(edges, edges + fNbins + 1);
    fXmin = fEdges.front();
    fXmax = fEdges.back();
  }
  int GetNbins() const { return fNbins; }
  double GetXmin() const { return fXmin; }
  double GetXmax() const { return fXmax; }
  // Bin 0 is the underflow, nbins+1 the overflow.
  int FindBin(double x) const {
    if (x < fXmin) return 0;
    if (!(x < fXmax)) return fNbins + 1;
    if (fEdges.empty()) return 1 + int(fNbins * (x - fXmin) / (fXmax - fXmin));
    return int(std::upper_bound(fEdges.begin(), fEdges.end(), x) - fEdges.begin());
  }
  int FindFixBin(double x) const { return FindBin(x); }
  double GetBinLowEdge(int bin) const {
    if (!fEdges.empty() && bin >= 1 && bin <= fNbins + 1) return fEdges[bin - 1];
    return fXmin + (bin - 1) * (fXmax - fXmin) / fNbins;
  }
  double GetBinUpEdge(int bin) const { return GetBinLowEdge(bin + 1); }
  double GetBinCenter(int bin) const { return (GetBinLowEdge(bin) + GetBinUpEdge(bin)) / 2; }
  double GetBinWidth(int bin) const { return GetBinUpEdge(bin) - GetBinLowEdge(bin); }
  bool IsVariableBinSize() const { return !fEdges.empty(); }

  // What part of the axis is drawn (SetRangeUser), in bins.
  void SetRange(int first = 0, int last = 0) {
    fFirst = first;
    fLast = last;
  }
  void SetRangeUser(double lo, double hi) {
    fUserLo = lo;
    fUserHi = hi;
    fHasUserRange = true;
  }
  void UnZoom() { fHasUserRange = false, fFirst = fLast = 0; }
  bool HasUserRange() const { return fHasUserRange || fFirst > 0 || fLast > 0; }
  int GetFirst() const { return fFirst > 0 ? fFirst : fHasUserRange ? FindBin(fUserLo) : 1; }
  int GetLast() const { return fLast > 0 ? fLast : fHasUserRange ? std::min(FindBin(fUserHi), fNbins) : fNbins; }
  // The range drawn: user range (snapped to bins for a histogram), else the axis.
  double DrawnMin() const { return fHasUserRange || fFirst > 0 ? GetBinLowEdge(std::max(1, GetFirst())) : fXmin; }
  double DrawnMax() const { return fHasUserRange || fLast > 0 ? GetBinUpEdge(std::min(fNbins, GetLast())) : fXmax; }

  void SetLimits(double xmin, double xmax) {
    fXmin = xmin;
    fXmax = xmax;
    fHasLimits = true;
  }
  // Whether SetLimits set the range (a graph's axis then shows it).
  bool HasLimits() const { return fHasLimits; }
  void CenterTitle(bool center = true) { fCenterTitle = center; }
  bool GetCenterTitle() const { return fCenterTitle; }
  // Time labels (ROOT's SetTimeDisplay): kept, but labels are drawn as numbers yet.
  void SetTimeDisplay(int on) { fTimeDisplay = on != 0; }
  bool GetTimeDisplay() const { return fTimeDisplay; }
  void SetTimeFormat(const char *format = "") { fTimeFormat = format ? format : ""; }
  const char *GetTimeFormat() const { return fTimeFormat.c_str(); }
  void SetTimeOffset(double offset, Option_t * = "local") { fTimeOffset = offset; }
  double GetTimeOffset() const { return fTimeOffset; }
  // ---- labelled bins (ROOT's alphanumeric axes): a name per bin, drawn
  // under the bin in place of numbers ----
  void SetBinLabel(int bin, const char *label) {
    if (bin < 1 || bin > fNbins) return;
    if (fLabels.size() < size_t(fNbins)) fLabels.resize(size_t(fNbins));
    fLabels[size_t(bin - 1)] = label ? label : "";
  }
  const char *GetBinLabel(int bin) const { return bin >= 1 && size_t(bin) <= fLabels.size() ? fLabels[size_t(bin - 1)].c_str() : ""; }
  bool IsAlphanumeric() const {
    for (const auto &l : fLabels)
      if (!l.empty()) return true;
    return false;
  }
  // The bin labelled so, or -1.
  int FindFixBin(const char *label) const {
    for (size_t i = 0; i < fLabels.size(); ++i)
      if (label && fLabels[i] == label) return int(i + 1);
    return -1;
  }
  // The bins' labels (empty for an unlabelled bin), bin 1 first.
  const std::vector<std::string> &Labels() const { return fLabels; }
  void SetCanExtend(bool can) { fCanExtend = can; }
  bool CanExtend() const { return fCanExtend; }
  // "h" horizontal labels (the default), "v" vertical, "u" and "d" slanted
  // (drawn vertical); the sorting letters are TH1::LabelsOption's.
  void LabelsOption(Option_t *option = "h") {
    std::string o = option ? option : "";
    if (o.find_first_of("vud") != std::string::npos) fVerticalLabels = true;
    if (o.find('h') != std::string::npos) fVerticalLabels = false;
  }
  bool VerticalLabels() const { return fVerticalLabels; }
  void SetMoreLogLabels(bool = true) {}
  void SetNoExponent(bool = true) {}
  void SetDecimals(bool = true) {}
  template <class Buffer> void Streamer(Buffer &b) {
    TNamed::Streamer(b);
    b(fNbins, fXmin, fXmax, fEdges, fFirst, fLast, fUserLo, fUserHi, fHasUserRange, fCenterTitle, fLook.ndivisions, fLook.labelSize,
      fLook.labelOffset, fLook.titleSize, fLook.titleOffset, fLook.tickLength, fLook.axisColor, fLook.labelColor, fLook.titleColor);
  }

private:
  int fNbins = 1;
  double fXmin = 0, fXmax = 1;
  std::vector<double> fEdges;
  int fFirst = 0, fLast = 0;
  double fUserLo = 0, fUserHi = 0;
  bool fHasUserRange = false;
  bool fCenterTitle = false;
  bool fHasLimits = false;
  std::vector<std::string> fLabels;
  bool fCanExtend = false, fVerticalLabels = false;
  bool fTimeDisplay = false;
  std::string fTimeFormat;
  double fTimeOffset = 0;
};

// The look of everything drawn (gStyle). Its defaults are ROOT 6's "Modern" style.
class TStyle : public TNamed {
public:
  TStyle() : TNamed("Modern", "Modern Style") {}
  const char *ClassName() const override { return "TStyle"; }

  // 1111: name, entries, mean, std dev; digits as in ROOT ("ksiourmen" letters too).
  void SetOptStat(int mode = 1) { fOptStat = mode; }
  void SetOptStat(const char *letters) {
    std::string s = letters ? letters : "";
    int mode = 0;
    if (s.find('n') != std::string::npos) mode += 1;
    if (s.find('e') != std::string::npos) mode += 10;
    if (s.find('m') != std::string::npos || s.find('M') != std::string::npos) mode += 100;
    if (s.find('r') != std::string::npos || s.find('R') != std::string::npos) mode += 1000;
    if (s.find('u') != std::string::npos) mode += 10000;
    if (s.find('o') != std::string::npos) mode += 100000;
    if (s.find('i') != std::string::npos || s.find('I') != std::string::npos) mode += 1000000;
    fOptStat = mode;
  }
  int GetOptStat() const { return fOptStat; }
  // 1: parameters (and 111: also χ²/ndf and probability).
  void SetOptFit(int mode = 1) { fOptFit = mode; }
  int GetOptFit() const { return fOptFit; }
  void SetOptTitle(int show = 1) { fOptTitle = show; }
  int GetOptTitle() const { return fOptTitle; }
  void SetPalette(int palette = kBird, const int * = nullptr, float = 1) { fPalette = palette; }
  int GetPalette() const { return fPalette; }
  void SetNumberContours(int n = 20) { fContours = n < 1 ? 1 : n; }
  int GetNumberContours() const { return fContours; }
  void SetPadGridX(bool on) { fGridX = on; }
  void SetPadGridY(bool on) { fGridY = on; }
  bool GetPadGridX() const { return fGridX; }
  bool GetPadGridY() const { return fGridY; }
  void SetCanvasDefW(int w = 700) { fCanvasW = w; }
  void SetCanvasDefH(int h = 500) { fCanvasH = h; }
  int GetCanvasDefW() const { return fCanvasW; }
  int GetCanvasDefH() const { return fCanvasH; }
  void SetHistLineColor(Color_t c = 602) { fHistLineColor = c; }
  Color_t GetHistLineColor() const { return fHistLineColor; }
  void SetHistLineWidth(Width_t w = 1) { fHistLineWidth = w; }
  Width_t GetHistLineWidth() const { return fHistLineWidth; }
  void SetFuncColor(Color_t c = 2) { fFuncColor = c; }
  Color_t GetFuncColor() const { return fFuncColor; }
  void SetFuncWidth(Width_t w = 2) { fFuncWidth = w; }
  Width_t GetFuncWidth() const { return fFuncWidth; }
  void SetMarkerStyle(Style_t s = 1) { fMarkerStyle = s; }
  void SetMarkerSize(Size_t = 1) {}
  void SetStatX(float) {}
  void SetStatY(float) {}
  void SetStatW(float) {}
  void SetStatH(float) {}
  void SetTitleFontSize(float) {}
  // The look new axes start from, per axis ("X", "Y", "Z" or several: "XYZ").
  void SetLabelSize(float size = 0.04f, Option_t *axes = "X") { forAxes(axes, [&](AxisLook &l) { l.labelSize = size; }); }
  void SetTitleSize(float size = 0.02f, Option_t *axes = "X") { forAxes(axes, [&](AxisLook &l) { l.titleSize = size; }); }
  void SetTitleOffset(float offset = 1, Option_t *axes = "X") { forAxes(axes, [&](AxisLook &l) { l.titleOffset = offset; }); }
  void SetTitleFont(Style_t font = 62, Option_t *axes = "X") { forAxes(axes, [&](AxisLook &l) { l.titleFont = font; }); }
  void SetTitleColor(Color_t color = 1, Option_t *axes = "X") { forAxes(axes, [&](AxisLook &l) { l.titleColor = color; }); }
  void SetLabelFont(Style_t font = 62, Option_t *axes = "X") { forAxes(axes, [&](AxisLook &l) { l.labelFont = font; }); }
  void SetLabelOffset(float offset = 0.005f, Option_t *axes = "X") { forAxes(axes, [&](AxisLook &l) { l.labelOffset = offset; }); }
  void SetLabelColor(Color_t color = 1, Option_t *axes = "X") { forAxes(axes, [&](AxisLook &l) { l.labelColor = color; }); }
  void SetTickLength(float length = 0.03f, Option_t *axes = "X") { forAxes(axes, [&](AxisLook &l) { l.tickLength = length; }); }
  void SetNdivisions(int n = 510, Option_t *axes = "X") { forAxes(axes, [&](AxisLook &l) { l.ndivisions = n; }); }
  void SetAxisColor(Color_t color = 1, Option_t *axes = "X") { forAxes(axes, [&](AxisLook &l) { l.axisColor = color; }); }
  float GetLabelSize(Option_t *axis = "X") const { return axisLook(axis).labelSize; }
  float GetTitleSize(Option_t *axis = "X") const { return axisLook(axis).titleSize; }
  float GetTitleOffset(Option_t *axis = "X") const { return axisLook(axis).titleOffset; }
  float GetLabelOffset(Option_t *axis = "X") const { return axisLook(axis).labelOffset; }
  float GetTickLength(Option_t *axis = "X") const { return axisLook(axis).tickLength; }
  int GetNdivisions(Option_t *axis = "X") const { return axisLook(axis).ndivisions; }
  const AxisLook &axisLook(Option_t *axis) const {
    char a = axis && *axis ? char(std::tolower((unsigned char)*axis)) : 'x';
    return fAxes[a == 'y' ? 1 : a == 'z' ? 2 : 0];
  }
  void SetPadLeftMargin(float m) { fLeft = m; }
  void SetPadRightMargin(float m) { fRight = m; }
  void SetPadTopMargin(float m) { fTop = m; }
  void SetPadBottomMargin(float m) { fBottom = m; }
  float GetPadLeftMargin() const { return fLeft; }
  float GetPadRightMargin() const { return fRight; }
  float GetPadTopMargin() const { return fTop; }
  float GetPadBottomMargin() const { return fBottom; }
  void SetErrorX(float e = 0.5f) { fErrorX = e; }
  float GetErrorX() const { return fErrorX; }
  // Accepted as ROOT's, without effect in cppnb's drawing yet: colours of
  // canvases, pads, frames and boxes, borders, fonts, offsets, formats.
  void SetCanvasColor(Color_t = 0) {}
  void SetCanvasBorderMode(int = 0) {}
  void SetCanvasBorderSize(int = 0) {}
  void SetPadColor(Color_t = 0) {}
  void SetPadBorderMode(int = 0) {}
  void SetPadBorderSize(int = 0) {}
  void SetPadTickX(int = 0) {}
  void SetPadTickY(int = 0) {}
  void SetFrameFillColor(Color_t = 0) {}
  void SetFrameFillStyle(Style_t = 1001) {}
  void SetFrameLineColor(Color_t = 1) {}
  void SetFrameLineWidth(Width_t = 1) {}
  void SetFrameBorderMode(int = 0) {}
  void SetFrameBorderSize(int = 0) {}
  void SetStatColor(Color_t = 0) {}
  void SetStatBorderSize(int = 1) {}
  void SetStatFont(Style_t = 42) {}
  void SetStatFontSize(float = 0) {}
  void SetStatStyle(Style_t = 1001) {}
  void SetStatFormat(const char * = "6.4g") {}
  void SetFitFormat(const char * = "5.4g") {}
  void SetTitleFillColor(Color_t = 0) {}
  void SetTitleBorderSize(int = 0) {}
  void SetTitleStyle(Style_t = 0) {}
  void SetTitleX(float = 0) {}
  void SetTitleY(float = 0.995f) {}
  void SetTitleW(float = 0) {}
  void SetTitleH(float = 0) {}
  void SetTitleAlign(int = 13) {}
  void SetLegendBorderSize(int = 4) {}
  void SetLegendFillColor(Color_t = 0) {}
  void SetLegendFont(Style_t = 42) {}
  void SetLegendTextSize(float = 0) {}
  void SetTextFont(Style_t = 42) {}
  void SetTextSize(float = 0.05f) {}
  void SetLineWidth(Width_t = 1) {}
  void SetLineColor(Color_t = 1) {}
  void SetLineStyle(Style_t = 1) {}
  void SetHistFillColor(Color_t = 0) {}
  void SetHistFillStyle(Style_t = 1001) {}
  void SetHistLineStyle(Style_t = 0) {}
  void SetHistTopMargin(double = 0.05) {}
  void SetFuncStyle(Style_t = 1) {}
  void SetEndErrorSize(float = 2) {}
  void SetMarkerColor(Color_t = 1) {}
  void SetOptDate(int = 1) {}
  void SetOptLogx(int = 1) {}
  void SetOptLogy(int = 1) {}
  void SetPaintTextFormat(const char * = "g") {}
  void SetTimeOffset(double = 788918400) {}
  void SetDrawBorder(int = 0) {}
  void SetGridColor(Color_t = 0) {}
  void SetGridStyle(Style_t = 3) {}
  void SetGridWidth(Width_t = 1) {}
  void SetHatchesLineWidth(int = 1) {}
  void SetHatchesSpacing(double = 1) {}
  void cd() {}

private:
  int fOptStat = 1111, fOptFit = 1, fOptTitle = 1, fPalette = kBird, fContours = 20;
  bool fGridX = false, fGridY = false;
  int fCanvasW = 700, fCanvasH = 500;
  Color_t fHistLineColor = 602, fFuncColor = 2;
  Width_t fHistLineWidth = 1, fFuncWidth = 2;
  Style_t fMarkerStyle = 1;
  float fLeft = 0.1f, fRight = 0.1f, fTop = 0.1f, fBottom = 0.1f, fErrorX = 0.5f;
  AxisLook fAxes[3];
  template <class F> void forAxes(Option_t *axes, F set) {
    std::string a = lower(axes ? axes : "x");
    if (a.find('x') != std::string::npos) set(fAxes[0]);
    if (a.find('y') != std::string::npos) set(fAxes[1]);
    if (a.find('z') != std::string::npos) set(fAxes[2]);
  }
};

struct ModernStyle {
  static TStyle *instance() {
    static TStyle style;
    return &style;
  }
};
inline GlobalPointer<TStyle, ModernStyle> gStyle;

inline AxisLook styleAxisLook(char axis) { return gStyle->axisLook(axis == 'y' ? "y" : axis == 'z' ? "z" : "x"); }

} // namespace cppnb::root
