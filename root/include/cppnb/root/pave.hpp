// TPaveText and TPaveLabel: boxes of text on a pad, at the pad's user
// coordinates or, with option "NDC", at 0-1 of the pad, as ROOT's.
#pragma once

#include "collections.hpp"
#include "primitives.hpp"

#include <memory>

namespace cppnb::root {

class TPave : public TObject, public TAttLine, public TAttFill {
public:
  friend struct CanvasRecords;
  TPave() : TAttLine(1, 1, 1), TAttFill(0, 1001) {}
  TPave(double x1, double y1, double x2, double y2, int border = 4, Option_t *option = "br")
      : TAttLine(1, 1, 1), TAttFill(0, 1001), fX1(x1), fY1(y1), fX2(x2), fY2(y2), fBorder(border), fOption(option ? option : "") {}
  const char *ClassName() const override { return "TPave"; }
  void SetBorderSize(int b = 4) { fBorder = b; }
  int GetBorderSize() const { return fBorder; }
  void SetX1NDC(double v) { fX1 = v, ndc(), fPlaced |= 1; }
  void SetX2NDC(double v) { fX2 = v, ndc(), fPlaced |= 2; }
  void SetY1NDC(double v) { fY1 = v, ndc(), fPlaced |= 4; }
  void SetY2NDC(double v) { fY2 = v, ndc(), fPlaced |= 8; }
  double GetX1NDC() const { return fX1; }
  double GetX2NDC() const { return fX2; }
  double GetY1NDC() const { return fY1; }
  double GetY2NDC() const { return fY2; }
  void SetX1(double v) { fX1 = v; }
  void SetX2(double v) { fX2 = v; }
  void SetY1(double v) { fY1 = v; }
  void SetY2(double v) { fY2 = v; }
  double GetX1() const { return fX1; }
  double GetX2() const { return fX2; }
  double GetY1() const { return fY1; }
  double GetY2() const { return fY2; }
  void SetShadowColor(Color_t) {}
  void SetCornerRadius(double = 0.2) {}
  Option_t *GetOption() const { return fOption.c_str(); }

  cppnb::root::PaintLayer Layer() const override { return cppnb::root::PaintLayer::Overlay; }
  bool ClearsPad(const std::string &) const override { return false; }

protected:
  void setCorners(double x1, double y1, double x2, double y2, Option_t *option) {
    fX1 = x1, fY1 = y1, fX2 = x2, fY2 = y2;
    if (option && *option) fOption = option;
  }
  // The box on the pad, in pixels: left, top, right, bottom.
  void box(cppnb::root::Painter &p, double &l, double &t, double &r, double &b) const {
    std::string o = fOption;
    for (char &c : o) c = char(std::toupper(static_cast<unsigned char>(c)));
    bool ndc = o.find("NDC") != std::string::npos;
    Point a = detail::padPoint(p, fX1, fY1, ndc), c = detail::padPoint(p, fX2, fY2, ndc);
    l = std::min(a.x, c.x), r = std::max(a.x, c.x), t = std::min(a.y, c.y), b = std::max(a.y, c.y);
  }
  void paintBox(cppnb::root::Painter &p, double l, double t, double r, double b) const {
    std::string fill = IsFilled() ? cssColor(fFillColor) : "none";
    if (fBorder > 0) p.svg.rect(l, t, r - l, b - t, fill, cssColor(fLineColor), 1);
    else if (IsFilled()) p.svg.rect(l, t, r - l, b - t, fill);
  }
  double fX1 = 0, fY1 = 0, fX2 = 1, fY2 = 1;
  int fBorder = 4;
  std::string fOption;
  unsigned fPlaced = 0; // which of x1, x2, y1, y2 (bits 1, 2, 4, 8) a macro set in NDC

private:
  void ndc() {
    if (fOption.find("NDC") == std::string::npos) fOption += "NDC";
  }
};

// Lines of text in a box; each line's own colour, size and alignment when set
// (non-zero), else the box's.
class TPaveText : public TPave, public TAttText {
public:
  friend struct CanvasRecords;
  TPaveText() : TAttText(22, 0, 1, 42, 0) {}
  TPaveText(double x1, double y1, double x2, double y2, Option_t *option = "br")
      : TPave(x1, y1, x2, y2, 4, option), TAttText(22, 0, 1, 42, 0) {}
  TPaveText(const TPaveText &other) : TPave(other), TAttText(other), fMargin(other.fMargin), fLabel(other.fLabel) {
    for (const auto &line : other.fLines) add(std::make_unique<TText>(*line));
  }
  const char *ClassName() const override { return "TPaveText"; }
  TObject *Clone(const char * = "") const override { return new TPaveText(*this); }

  // A line without a size of its own (0): the box fits it, as ROOT's.
  // The lines fromline… of a text file (at most nlines) as lines of text.
  void ReadFile(const char *filename, Option_t * = "", int nlines = 50, int fromline = 0) {
    std::FILE *f = std::fopen(filename ? filename : "", "r");
    if (!f) {
      std::fprintf(stderr, "Error in <TPaveText::ReadFile>: Cannot open file: %s\n", filename ? filename : "");
      return;
    }
    char line[4096];
    for (int i = 0, added = 0; added < nlines && std::fgets(line, sizeof line, f); ++i) {
      if (i < fromline) continue;
      std::string text = line;
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
      AddText(text.c_str()), ++added;
    }
    std::fclose(f);
  }
  TText *AddText(const char *text) {
    auto line = std::make_unique<TLatex>(0, 0, text);
    line->SetTextSize(0);
    return add(std::move(line));
  }
  TText *AddText(double x, double y, const char *text) {
    TText *t = AddText(text);
    t->SetX(x), t->SetY(y);
    return t;
  }
  // A line across the box between the texts before and after it.
  void AddLine(double = 0, double = 0, double = 0, double = 0) { add(std::make_unique<TText>(0, 0, kSeparator)); }
  TList *GetListOfLines() { return &fList; }
  TText *GetLine(int n) const { return n >= 0 && n < int(fLines.size()) ? fLines[size_t(n)].get() : nullptr; }
  TText *GetLineWith(const char *text) const {
    for (const auto &l : fLines)
      if (std::strstr(l->GetTitle(), text ? text : "")) return l.get();
    return nullptr;
  }
  int GetSize() const { return int(fList.GetSize()); }
  void Clear(Option_t * = "") {
    fList.Clear();
    fLines.clear();
  }
  void SetMargin(float m = 0.05f) { fMargin = m; }
  void SetLabel(const char *label) { fLabel = label ? label : ""; }
  void SetAllWith(const char *text, Option_t *option, double value) {
    std::string o = option ? option : "";
    for (const auto &l : fLines) {
      if (!std::strstr(l->GetTitle(), text ? text : "")) continue;
      if (o == "color") l->SetTextColor(Color_t(value));
      else if (o == "size") l->SetTextSize(value);
      else if (o == "font") l->SetTextFont(Style_t(value));
    }
  }

  void Paint(cppnb::root::Painter &p, const std::string &) const override {
    double l, t, r, b;
    box(p, l, t, r, b);
    paintBox(p, l, t, r, b);
    // Lines drawn are those still in the list (a macro may Remove some).
    std::vector<const TText *> shown;
    for (TObject *o : fList) shown.push_back(static_cast<const TText *>(o));
    if (shown.empty()) return;
    double rowH = (b - t) / double(shown.size()), margin = fMargin * (r - l);
    for (size_t i = 0; i < shown.size(); ++i) {
      const TText &line = *shown[i];
      double cy = t + rowH * (double(i) + 0.5);
      if (std::strcmp(line.GetTitle(), kSeparator) == 0) {
        p.svg.line(l, t + rowH * double(i), r, t + rowH * double(i), cssColor(fLineColor), 1);
        continue;
      }
      double size = line.GetTextSize() > 0 ? p.textSize(line.GetTextSize()) : fTextSize > 0 ? p.textSize(fTextSize) : rowH * 0.75;
      // Without a size of its own, a line is made small enough to fit the box's width, as ROOT's.
      if (line.GetTextSize() <= 0 && fTextSize <= 0)
        size = std::min(size, (r - l - 2 * margin) / (std::max(1.0, latex::length(line.GetTitle())) * 0.55));
      int align = line.GetTextAlign() > 0 && line.GetTextAlign() != 11 ? line.GetTextAlign() : fTextAlign;
      int h = align / 10;
      double x = h == 1 ? l + margin : h == 3 ? r - margin : (l + r) / 2;
      Color_t colour = line.GetTextColor() > 1 ? line.GetTextColor() : fTextColor;
      p.svg.text(x, cy + 0.35 * size, line.GetTitle(), size, h == 1 ? "start" : h == 3 ? "end" : "middle", 0, cssColor(colour));
    }
  }

private:
  static constexpr const char *kSeparator = "\x01cppnb-separator";
  TText *add(std::unique_ptr<TText> line) {
    TText *raw = line.get();
    fLines.push_back(std::move(line));
    fList.Add(raw);
    cppnb::root::touched(this);
    return raw;
  }
  std::vector<std::unique_ptr<TText>> fLines;
  TList fList;
  float fMargin = 0.05f;
  std::string fLabel;
};

// One centred text in a box, as large as the box allows.
class TPaveLabel : public TPave, public TAttText {
public:
  TPaveLabel() : TAttText(22, 0, 1, 42, 0.99) {}
  TPaveLabel(double x1, double y1, double x2, double y2, const char *label, Option_t *option = "br")
      : TPave(x1, y1, x2, y2, 3, option), TAttText(22, 0, 1, 42, 0.99), fLabel(label ? label : "") {}
  const char *ClassName() const override { return "TPaveLabel"; }
  TObject *Clone(const char * = "") const override { return new TPaveLabel(*this); }
  const char *GetLabel() const { return fLabel.c_str(); }
  void SetLabel(const char *label) { fLabel = label ? label : ""; }
  const char *GetTitle() const override { return fLabel.c_str(); }
  // A new label with this one's look, drawn (the pad owns it, as in ROOT).
  TPaveLabel *DrawPaveLabel(double x1, double y1, double x2, double y2, const char *label, Option_t *option = "") {
    auto *copy = new TPaveLabel(*this);
    copy->fLabel = label ? label : "";
    copy->setCorners(x1, y1, x2, y2, option);
    copy->Draw();
    return copy;
  }

  void Paint(cppnb::root::Painter &p, const std::string &) const override {
    double l, t, r, b;
    box(p, l, t, r, b);
    paintBox(p, l, t, r, b);
    // The text size is a fraction of the box's height, as ROOT's; narrowed to fit its width.
    double size = std::min((b - t) * fTextSize * 0.7, (r - l) * 0.9 / (0.55 * std::max<size_t>(1, fLabel.size())));
    p.svg.text((l + r) / 2, (t + b) / 2 + 0.35 * size, fLabel, size, "middle", 0, cssColor(fTextColor));
  }

private:
  std::string fLabel;
};

} // namespace cppnb::root
