// TPaveStats: a histogram's stats box as an object, as ROOT's. The histogram
// makes it when its pad is updated or painted (named "stats", in its list of
// functions and found by TPad::GetPrimitive), and refills its lines then
// unless SetStats(0) froze it; a macro may move it (SetX1NDC…), colour it and
// change its lines (GetListOfLines, GetLineWith).
#pragma once

#include "painter.hpp"
#include "pave.hpp"

#include <array>

namespace cppnb::root {

class TPaveStats : public TPaveText {
public:
  friend struct CanvasRecords;
  TPaveStats() { SetTextAlign(12); }
  TPaveStats(double x1, double y1, double x2, double y2, Option_t *option = "brNDC") : TPaveText(x1, y1, x2, y2, option) {
    fPlaced = 15;
    SetTextAlign(12);
  }
  const char *ClassName() const override { return "TPaveStats"; }
  const char *GetName() const override { return fName.c_str(); }
  void SetName(const char *name) { fName = name ? name : ""; }
  void SetOptStat(int stat = 1) { fOptStat = stat; }
  int GetOptStat() const { return fOptStat; }
  void SetOptFit(int fit = 1) { fOptFit = fit; }
  int GetOptFit() const { return fOptFit; }
  void SetStatFormat(const char *format = "6.4g") { fStatFormat = format ? format : ""; }
  const char *GetStatFormat() const { return fStatFormat.c_str(); }
  void SetFitFormat(const char *format = "5.4g") { fFitFormat = format ? format : ""; }
  const char *GetFitFormat() const { return fFitFormat.c_str(); }
  void SetParent(TObject *parent) { fParent = parent; }
  TObject *GetParent() const { return fParent; }

  // The lines a histogram gives it: the header (its name, or "") and "label = value".
  void Fill(const std::string &header, const std::vector<StatsLine> &lines) {
    Clear();
    if (!header.empty()) AddText(header.c_str());
    for (const StatsLine &l : lines) AddText((l.label + " = " + l.value).c_str());
  }

  // The box's corners in NDC (x1, y1, x2, y2) when a macro placed it: those
  // it set, the others where the box would be. For the picture and for JSROOT.
  std::array<double, 4> PlacedCorners() const {
    size_t lines = size_t(const_cast<TPaveStats *>(this)->GetListOfLines()->GetSize());
    double x2 = fPlaced & 2 ? fX2 : 0.98, x1 = fPlaced & 1 ? fX1 : x2 - 0.2;
    double y2 = fPlaced & 8 ? fY2 : 0.935, y1 = fPlaced & 4 ? fY1 : y2 - 0.05 * double(lines);
    return {x1, y1, x2, y2};
  }

  void Paint(Painter &p, const std::string &) const override {
    std::string header;
    std::vector<StatsLine> lines;
    std::vector<const TText *> shown;
    for (TObject *o : *const_cast<TPaveStats *>(this)->GetListOfLines()) shown.push_back(static_cast<const TText *>(o));
    for (size_t i = 0; i < shown.size(); ++i) {
      std::string t = shown[i]->GetTitle();
      size_t eq = t.find(" = ");
      if (eq == std::string::npos && i == 0) header = t;
      else if (eq == std::string::npos) lines.push_back({t, ""});
      else lines.push_back({t.substr(0, eq), t.substr(eq + 3)});
    }
    // Where ROOT puts it unless a macro placed it: the painter's top right.
    if (!fPlaced) return p.statsBox(header, lines, cssColor(fTextColor));
    auto [x1, y1, x2, y2] = PlacedCorners();
    double l = std::min(x1, x2) * p.W, r = std::max(x1, x2) * p.W, t = (1 - std::max(y1, y2)) * p.H, b = (1 - std::min(y1, y2)) * p.H;
    p.svg.rect(l + 2, t + 2, r - l, b - t, "#000000", "none", 1, " fill-opacity=\"0.25\"");
    p.svg.rect(l, t, r - l, b - t, IsFilled() ? cssColor(fFillColor) : "#ffffff", cssColor(fLineColor), 1);
    if (shown.empty()) return;
    size_t widest = 0;
    for (const TText *line : shown) widest = std::max(widest, std::string(line->GetTitle()).size());
    double row = (b - t) / double(shown.size());
    double ts = std::min({row * 0.75, p.textSize(0.03) * 1.2, (r - l) / (double(widest) * 0.55 + 1.5)}), pad = ts * 0.4;
    for (size_t i = 0; i < shown.size(); ++i) {
      const TText &line = *shown[i];
      std::string colour = cssColor(line.GetTextColor() > 1 ? line.GetTextColor() : fTextColor);
      double y = t + row * (double(i) + 0.5) + 0.35 * ts;
      std::string text = line.GetTitle();
      size_t eq = text.find(" = ");
      if (i == 0 && !header.empty()) {
        p.svg.text((l + r) / 2, y, text, ts, "middle", 0, colour);
        p.svg.line(l, t + row, r, t + row, "#000000", 0.8);
      } else if (eq == std::string::npos) {
        p.svg.text(l + pad, y, text, ts, "start", 0, colour);
      } else {
        p.svg.text(l + pad, y, text.substr(0, eq), ts, "start", 0, colour);
        p.svg.text(r - pad, y, text.substr(eq + 3), ts, "end", 0, colour);
      }
    }
  }

private:
  std::string fName = "stats", fStatFormat = "6.4g", fFitFormat = "5.4g";
  int fOptStat = 1111, fOptFit = 0;
  TObject *fParent = nullptr;
};

} // namespace cppnb::root
