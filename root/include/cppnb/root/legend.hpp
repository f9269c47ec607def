// TLegend: a box of entries (symbol + label) in pad coordinates (0-1, NDC).
#pragma once

#include "core.hpp"

#include <deque>

namespace cppnb::root {

class TLegendEntry {
public:
  const TObject *fObject = nullptr;
  std::string fLabel, fOption;
  const TObject *GetObject() const { return fObject; }
  const char *GetLabel() const { return fLabel.c_str(); }
  void SetLabel(const char *l) { fLabel = l ? l : ""; }
};

class TLegend : public TObject, public TAttLine, public TAttFill {
public:
  // Without coordinates, ROOT places the legend at the top right.
  TLegend() : TLegend(0.65, 0.7, 0.88, 0.88) {}
  TLegend(double x1, double y1, double x2, double y2, const char *header = "", Option_t * = "brNDC")
      : TAttLine(1, 1, 1), TAttFill(0, 1001), fX1(x1), fY1(y1), fX2(x2), fY2(y2), fHeader(header ? header : "") {}
  // ROOT 6.10+: width and height only, placed at the top right.
  TLegend(double w, double h, const char *header = "", Option_t * = "") : TLegend(0.88 - w, 0.88 - h, 0.88, 0.88, header) {}
  const char *ClassName() const override { return "TLegend"; }
  TObject *Clone(const char * = "") const override { return new TLegend(*this); }

  // option: "l" line, "f" fill box, "p" marker, "e" error bar, in any combination.
  TLegendEntry *AddEntry(const TObject *obj, const char *label = "", Option_t *option = "lpf") {
    TLegendEntry e;
    e.fObject = obj;
    e.fLabel = label && *label ? label : obj ? obj->GetTitle() : "";
    e.fOption = option ? option : "";
    fEntries.push_back(e);
    cppnb::root::touched(this);
    return &fEntries.back();
  }
  // The object of that name on the current pad (build_legend.hpp).
  inline TLegendEntry *AddEntry(const char *name, const char *label = "", Option_t *option = "lpf");
  TLegendEntry *AddEntry(std::nullptr_t, const char *label, Option_t *option = "") {
    return AddEntry(static_cast<const TObject *>(nullptr), label, option);
  }
  void SetHeader(const char *header = "", Option_t * = "") { fHeader = header ? header : ""; }
  const char *GetHeader() const { return fHeader.c_str(); }
  void SetBorderSize(int b = 1) { fBorder = b; }
  void SetTextSize(float s = 0) { fTextSize = s; }
  void SetTextFont(short = 42) {}
  void SetTextAlign(short = 12) {}
  void SetNColumns(int n) { fColumns = n < 1 ? 1 : n; }
  void SetMargin(float m) { fMargin = m; }
  void SetX1NDC(double v) { fX1 = v; }
  void SetX2NDC(double v) { fX2 = v; }
  void SetY1NDC(double v) { fY1 = v; }
  void SetY2NDC(double v) { fY2 = v; }
  void SetX1(double v) { fX1 = v; }
  void SetX2(double v) { fX2 = v; }
  void SetY1(double v) { fY1 = v; }
  void SetY2(double v) { fY2 = v; }
  int GetNRows() const { return int(fEntries.size() + (fColumns - 1)) / fColumns + (fHeader.empty() ? 0 : 1); }
  void Clear(Option_t * = "") { fEntries.clear(); }
  const std::deque<TLegendEntry> &Entries() const { return fEntries; }

  bool ClearsPad(const std::string &) const override { return false; }
  inline void Paint(cppnb::root::Painter &painter, const std::string &opt) const override;
  cppnb::root::PaintLayer Layer() const override { return cppnb::root::PaintLayer::Overlay; }
  void RecursiveRemove(const TObject *obj) override {
    for (auto &e : fEntries)
      if (e.fObject == obj) e.fObject = nullptr;
  }

  double fX1, fY1, fX2, fY2;
  std::string fHeader;
  int fBorder = 1, fColumns = 1;
  float fTextSize = 0, fMargin = 0.25f;

private:
  std::deque<TLegendEntry> fEntries; // AddEntry hands out pointers: they must stay put
};

} // namespace cppnb::root
