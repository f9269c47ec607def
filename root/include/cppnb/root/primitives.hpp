// ROOT's drawing primitives: TText and TLatex (text at a point, TLatex's
// syntax in both, as every text here), TLine and TArrow, with TAttText. They
// sit at the pad's user coordinates (the frame's axes), or at NDC (0-1 of the
// pad) after SetNDC(); on a pad without a frame, user coordinates are the
// pad's 0-1, as in ROOT. Each paints itself over the frame, in drawing order.
#pragma once

#include "canvas.hpp"
#include "painter.hpp"

#include <cmath>
#include <string>

namespace cppnb::root {

class TAttText {
public:
  TAttText(int align = 11, double angle = 0, Color_t color = 1, Style_t font = 42, double size = 0.05)
      : fTextAlign(align), fTextAngle(angle), fTextColor(color), fTextFont(font), fTextSize(size) {}
  virtual ~TAttText() = default;
  // ROOT's codes: tens horizontal (1 left, 2 centre, 3 right), units vertical (1 bottom, 2 centre, 3 top).
  virtual void SetTextAlign(int align = 11) { fTextAlign = align; }
  virtual void SetTextAngle(double angle = 0) { fTextAngle = angle; }
  virtual void SetTextColor(Color_t color = 1) { fTextColor = color; }
  virtual void SetTextColorAlpha(Color_t color, Float_t) { fTextColor = color; }
  // Fonts are drawn in the pictures' one sans-serif face; the number is kept.
  virtual void SetTextFont(Style_t font = 62) { fTextFont = font; }
  // A fraction of the pad's smaller side, as ROOT's fonts ending in 2 (42, 62).
  virtual void SetTextSize(double size = 1) { fTextSize = size; }
  int GetTextAlign() const { return fTextAlign; }
  double GetTextAngle() const { return fTextAngle; }
  Color_t GetTextColor() const { return fTextColor; }
  Style_t GetTextFont() const { return fTextFont; }
  double GetTextSize() const { return fTextSize; }

protected:
  int fTextAlign;
  double fTextAngle;
  Color_t fTextColor;
  Style_t fTextFont;
  double fTextSize;
};

namespace detail {
// Where (x, y) is drawn on the pad: NDC, the frame's axes, or the pad's 0-1.
inline Point padPoint(const Painter &p, double x, double y, bool ndc) {
  if (ndc || !p.haveFrame) return {x * p.W, (1 - y) * p.H};
  return {p.X(x), p.Y(y)};
}
} // namespace detail

class TText : public TNamed, public TAttText {
public:
  TText() = default;
  TText(double x, double y, const char *text) : TNamed("", text), fX(x), fY(y) {}
  const char *ClassName() const override { return "TText"; }
  TObject *Clone(const char * = "") const override { return new TText(*this); }
  void SetNDC(bool ndc = true) { fNDC = ndc; }
  bool GetNDC() const { return fNDC; }
  void SetX(double x) { fX = x; }
  void SetY(double y) { fY = y; }
  double GetX() const { return fX; }
  double GetY() const { return fY; }
  void SetText(double x, double y, const char *text) { fX = x, fY = y, SetTitle(text); }
  // A copy of this text's looks at (x, y), drawn on the current pad (the pad owns it).
  TText *DrawText(double x, double y, const char *text) { return drawCopy(new TText(*this), x, y, text, false); }
  TText *DrawTextNDC(double x, double y, const char *text) { return drawCopy(new TText(*this), x, y, text, true); }

  cppnb::root::PaintLayer Layer() const override { return cppnb::root::PaintLayer::Overlay; }
  bool ClearsPad(const std::string &) const override { return false; }
  void Paint(cppnb::root::Painter &p, const std::string &) const override {
    Point at = detail::padPoint(p, fX, fY, fNDC);
    double size = p.textSize(fTextSize);
    int h = fTextAlign / 10, v = fTextAlign % 10;
    const char *anchor = h == 2 ? "middle" : h == 3 ? "end" : "start";
    double shift = v == 2 ? 0.35 * size : v == 3 ? 0.75 * size : 0; // SVG puts the baseline at y
    double rad = -fTextAngle * M_PI / 180;
    p.svg.text(at.x - shift * std::sin(rad), at.y + shift * std::cos(rad), fTitle, size, anchor, -fTextAngle,
               cssColor(fTextColor));
  }

protected:
  template <class T> static T *drawCopy(T *copy, double x, double y, const char *text, bool ndc) {
    copy->SetName(""), copy->SetText(x, y, text), copy->SetNDC(ndc || copy->fNDC);
    copy->Draw();
    return copy;
  }
  double fX = 0, fY = 0;
  bool fNDC = false;
};

// TLatex: a TText whose text is TLatex (#mu, x^{2}, #frac{}{}…), as all text here is.
class TLatex : public TText, public TAttLine {
public:
  TLatex() = default;
  TLatex(double x, double y, const char *text) : TText(x, y, text) {}
  const char *ClassName() const override { return "TLatex"; }
  TObject *Clone(const char * = "") const override { return new TLatex(*this); }
  TLatex *DrawLatex(double x, double y, const char *text) { return drawCopy(new TLatex(*this), x, y, text, false); }
  TLatex *DrawLatexNDC(double x, double y, const char *text) { return drawCopy(new TLatex(*this), x, y, text, true); }
};

class TLine : public TObject, public TAttLine {
public:
  friend struct CanvasRecords;
  TLine() = default;
  TLine(double x1, double y1, double x2, double y2) : fX1(x1), fY1(y1), fX2(x2), fY2(y2) {}
  const char *ClassName() const override { return "TLine"; }
  TObject *Clone(const char * = "") const override { return new TLine(*this); }
  void SetNDC(bool ndc = true) { fNDC = ndc; }
  void SetX1(double v) { fX1 = v; }
  void SetY1(double v) { fY1 = v; }
  void SetX2(double v) { fX2 = v; }
  void SetY2(double v) { fY2 = v; }
  double GetX1() const { return fX1; }
  double GetY1() const { return fY1; }
  double GetX2() const { return fX2; }
  double GetY2() const { return fY2; }
  // A copy of this line's looks from (x1, y1) to (x2, y2), drawn on the current pad.
  TLine *DrawLine(double x1, double y1, double x2, double y2) { return drawCopy(new TLine(*this), x1, y1, x2, y2, false); }
  TLine *DrawLineNDC(double x1, double y1, double x2, double y2) { return drawCopy(new TLine(*this), x1, y1, x2, y2, true); }

  cppnb::root::PaintLayer Layer() const override { return cppnb::root::PaintLayer::Overlay; }
  bool ClearsPad(const std::string &) const override { return false; }
  void Paint(cppnb::root::Painter &p, const std::string &) const override {
    Point a = detail::padPoint(p, fX1, fY1, fNDC), b = detail::padPoint(p, fX2, fY2, fNDC);
    p.svg.line(a.x, a.y, b.x, b.y, cssColor(fLineColor), fLineWidth, dashFor(fLineStyle));
  }

protected:
  template <class T> static T *drawCopy(T *copy, double x1, double y1, double x2, double y2, bool ndc) {
    copy->fX1 = x1, copy->fY1 = y1, copy->fX2 = x2, copy->fY2 = y2, copy->fNDC = ndc || copy->fNDC;
    copy->Draw();
    return copy;
  }
  double fX1 = 0, fY1 = 0, fX2 = 0, fY2 = 0;
  bool fNDC = false;
};

// TArrow: a line with heads, "|>" filled; option ">" at the end, "<" at the start, "<>" both.
class TArrow : public TLine, public TAttFill {
public:
  friend struct CanvasRecords;
  TArrow() = default;
  TArrow(double x1, double y1, double x2, double y2, double arrowsize = 0.05, Option_t *option = ">")
      : TLine(x1, y1, x2, y2), fArrowSize(arrowsize), fOption(option ? option : ">") {}
  const char *ClassName() const override { return "TArrow"; }
  TObject *Clone(const char * = "") const override { return new TArrow(*this); }
  void SetArrowSize(double size) { fArrowSize = size; }
  void SetOption(Option_t *option = ">") { fOption = option ? option : ">"; }
  TArrow *DrawArrow(double x1, double y1, double x2, double y2, double arrowsize = 0, Option_t *option = "") {
    auto *copy = new TArrow(*this);
    if (arrowsize > 0) copy->fArrowSize = arrowsize;
    if (option && *option) copy->fOption = option;
    return drawCopy(copy, x1, y1, x2, y2, false);
  }

  void Paint(cppnb::root::Painter &p, const std::string &opt) const override {
    TLine::Paint(p, opt);
    Point a = detail::padPoint(p, fX1, fY1, fNDC), b = detail::padPoint(p, fX2, fY2, fNDC);
    double len = fArrowSize * std::min(p.W, p.H), angle = std::atan2(b.y - a.y, b.x - a.x);
    bool filled = fOption.find('|') != std::string::npos;
    auto head = [&](Point tip, double dir) {
      Point l{tip.x - len * std::cos(dir - 0.45), tip.y - len * std::sin(dir - 0.45)};
      Point r{tip.x - len * std::cos(dir + 0.45), tip.y - len * std::sin(dir + 0.45)};
      std::string colour = cssColor(fLineColor);
      if (filled) p.svg.polyline({l, tip, r, l}, colour, fLineWidth, "", colour);
      else p.svg.polyline({l, tip, r}, colour, fLineWidth);
    };
    if (fOption.find('>') != std::string::npos) head(b, angle);
    if (fOption.find('<') != std::string::npos) head(a, angle + M_PI);
  }

private:
  double fArrowSize = 0.05;
  std::string fOption = ">";
};

// A marker at a point of the pad (user coordinates, or NDC).
class TMarker : public TObject, public TAttMarker {
public:
  friend struct CanvasRecords;
  TMarker() = default;
  TMarker(double x, double y, int style) : fX(x), fY(y) { SetMarkerStyle(Style_t(style)); }
  const char *ClassName() const override { return "TMarker"; }
  TObject *Clone(const char * = "") const override { return new TMarker(*this); }
  void SetX(double x) { fX = x; }
  void SetY(double y) { fY = y; }
  double GetX() const { return fX; }
  double GetY() const { return fY; }
  void SetNDC(bool ndc = true) { fNDC = ndc; }
  TMarker *DrawMarker(double x, double y) {
    auto *copy = new TMarker(*this);
    copy->fX = x, copy->fY = y;
    copy->Draw();
    return copy;
  }
  cppnb::root::PaintLayer Layer() const override { return cppnb::root::PaintLayer::Overlay; }
  bool ClearsPad(const std::string &) const override { return false; }
  void Paint(cppnb::root::Painter &p, const std::string &) const override {
    p.markers({detail::padPoint(p, fX, fY, fNDC)}, fMarkerStyle, fMarkerColor, fMarkerSize);
  }

private:
  double fX = 0, fY = 0;
  bool fNDC = false;
};

// An ellipse (or a sector of one, between phimin and phimax degrees) of
// radii r1, r2 around (x1, y1), turned by theta degrees, in user coordinates.
class TEllipse : public TObject, public TAttLine, public TAttFill {
public:
  friend struct CanvasRecords;
  TEllipse() = default;
  TEllipse(double x1, double y1, double r1, double r2 = 0, double phimin = 0, double phimax = 360, double theta = 0)
      : TAttFill(0, 1001), fX1(x1), fY1(y1), fR1(r1), fR2(r2 > 0 ? r2 : r1), fPhimin(phimin), fPhimax(phimax), fTheta(theta) {}
  const char *ClassName() const override { return "TEllipse"; }
  TObject *Clone(const char * = "") const override { return new TEllipse(*this); }
  void SetX1(double v) { fX1 = v; }
  void SetY1(double v) { fY1 = v; }
  void SetR1(double v) { fR1 = v; }
  void SetR2(double v) { fR2 = v; }
  void SetPhimin(double v) { fPhimin = v; }
  void SetPhimax(double v) { fPhimax = v; }
  void SetTheta(double v) { fTheta = v; }
  double GetX1() const { return fX1; }
  double GetY1() const { return fY1; }
  double GetR1() const { return fR1; }
  double GetR2() const { return fR2; }
  // "only": the arc alone, without the lines to the centre of a sector.
  TEllipse *DrawEllipse(double x1, double y1, double r1, double r2, double phimin, double phimax, double theta, Option_t *option = "") {
    auto *copy = new TEllipse(*this);
    copy->fX1 = x1, copy->fY1 = y1, copy->fR1 = r1, copy->fR2 = r2, copy->fPhimin = phimin, copy->fPhimax = phimax, copy->fTheta = theta;
    copy->Draw(option);
    return copy;
  }
  cppnb::root::PaintLayer Layer() const override { return cppnb::root::PaintLayer::Overlay; }
  bool ClearsPad(const std::string &) const override { return false; }
  void Paint(cppnb::root::Painter &p, const std::string &opt) const override {
    const double deg = M_PI / 180;
    bool full = std::fabs(fPhimax - fPhimin) >= 360;
    std::vector<Point> pts;
    if (!full && !has(opt, "only")) pts.push_back(at(p, 0, 0));
    const int n = 120;
    for (int i = 0; i <= n; ++i) {
      double phi = (fPhimin + (fPhimax - fPhimin) * i / n) * deg, u = fR1 * std::cos(phi), v = fR2 * std::sin(phi);
      double c = std::cos(fTheta * deg), s = std::sin(fTheta * deg);
      pts.push_back(at(p, u * c - v * s, u * s + v * c));
    }
    if (!full && !has(opt, "only")) pts.push_back(pts.front());
    std::string fill = IsFilled() ? cssColor(fFillColor) : "none";
    p.svg.polyline(pts, cssColor(fLineColor), fLineWidth, dashFor(fLineStyle), fill);
  }

protected:
  Point at(const cppnb::root::Painter &p, double dx, double dy) const { return detail::padPoint(p, fX1 + dx, fY1 + dy, false); }
  double fX1 = 0, fY1 = 0, fR1 = 1, fR2 = 1, fPhimin = 0, fPhimax = 360, fTheta = 0;
};

// A circle or an arc of one (ROOT's TArc: a TEllipse with equal radii).
class TArc : public TEllipse {
public:
  TArc() = default;
  TArc(double x1, double y1, double radius, double phimin = 0, double phimax = 360) : TEllipse(x1, y1, radius, radius, phimin, phimax) {}
  const char *ClassName() const override { return "TArc"; }
  TObject *Clone(const char * = "") const override { return new TArc(*this); }
  TArc *DrawArc(double x1, double y1, double radius, double phimin = 0, double phimax = 360, Option_t *option = "") {
    auto *copy = new TArc(*this);
    copy->fX1 = x1, copy->fY1 = y1, copy->fR1 = copy->fR2 = radius, copy->fPhimin = phimin, copy->fPhimax = phimax;
    copy->Draw(option);
    return copy;
  }
};

} // namespace cppnb::root
