// TGaxis: an axis drawn anywhere on a pad, from (xmin, ymin) to (xmax, ymax)
// in the pad's coordinates, labelled from wmin to wmax: a second scale on the
// right of a frame, a reversed axis. As ROOT's, ticks are on the "+" side
// (left of the axis's direction: above a horizontal one, left of a vertical
// one) unless the option has "-", and the labels on the other side.
#pragma once

#include "painter.hpp"
#include "primitives.hpp"

namespace cppnb::root {

class TGaxis : public TObject, public TAttLine, public TAttText {
public:
  friend struct CanvasRecords;
  TGaxis() = default;
  TGaxis(double xmin, double ymin, double xmax, double ymax, double wmin, double wmax, int ndiv = 510, Option_t *chopt = "",
         double gridlength = 0)
      : TAttText(11, 0, 1, 42, 0.04), fX1(xmin), fY1(ymin), fX2(xmax), fY2(ymax), fWmin(wmin), fWmax(wmax), fNdiv(ndiv),
        fOption(chopt ? chopt : "") {
    (void)gridlength;
  }
  const char *ClassName() const override { return "TGaxis"; }
  // How many digits labels have before ROOT writes ×10ⁿ (kept; labels here are as short as they need).
  static void SetMaxDigits(int digits = 5) { maxDigits() = digits; }
  static int &maxDigits() {
    static int digits = 5;
    return digits;
  }
  void SetTitle(const char *title = "") { fTitle = title ? title : ""; }
  const char *GetTitle() const override { return fTitle.c_str(); }
  void SetLabelSize(float size) { fLabelSize = size; }
  void SetLabelColor(Color_t color) { fLabelColor = color; }
  void SetLabelFont(Style_t) {}
  void SetLabelOffset(float offset) { fLabelOffset = offset; }
  void SetTitleSize(float size) { fTitleSize = size; }
  void SetTitleOffset(float offset) { fTitleOffset = offset; }
  void SetTitleColor(Color_t color) { SetTextColor(color); }
  void SetTitleFont(Style_t) {}
  void SetTickSize(float size) { fTickSize = size; }
  void SetTickLength(float size) { fTickSize = size; }
  void SetNdivisions(int ndiv) { fNdiv = ndiv; }
  void SetOption(Option_t *option = "") { fOption = option ? option : ""; }
  void SetWmin(double w) { fWmin = w; }
  void SetWmax(double w) { fWmax = w; }
  void SetX1(double v) { fX1 = v; }
  void SetX2(double v) { fX2 = v; }
  void SetY1(double v) { fY1 = v; }
  void SetY2(double v) { fY2 = v; }
  void CenterTitle(bool center = true) { fCenterTitle = center; }
  void ChangeLabel(int = 0, double = -1, double = -1, int = -1, Color_t = -1, Style_t = -1, const char * = "") {}
  TGaxis *DrawAxis(double xmin, double ymin, double xmax, double ymax, double wmin, double wmax, int ndiv = 510, Option_t *chopt = "") {
    auto *copy = new TGaxis(*this);
    copy->fX1 = xmin, copy->fY1 = ymin, copy->fX2 = xmax, copy->fY2 = ymax, copy->fWmin = wmin, copy->fWmax = wmax;
    copy->fNdiv = ndiv, copy->fOption = chopt ? chopt : "";
    copy->Draw();
    return copy;
  }

  cppnb::root::PaintLayer Layer() const override { return cppnb::root::PaintLayer::Overlay; }
  bool ClearsPad(const std::string &) const override { return false; }
  void Paint(Painter &p, const std::string &) const override {
    bool ndc = fOption.find("NDC") != std::string::npos;
    Point a = detail::padPoint(p, fX1, fY1, ndc), b = detail::padPoint(p, fX2, fY2, ndc);
    double len = std::hypot(b.x - a.x, b.y - a.y);
    if (len <= 0 || fWmin == fWmax) return;
    double ux = (b.x - a.x) / len, uy = (b.y - a.y) / len;
    // The "+" side, left of the direction on the picture (whose y points down).
    double nx = uy, ny = -ux;
    bool minus = fOption.find('-') != std::string::npos, plus = fOption.find('+') != std::string::npos || !minus;
    std::string colour = cssColor(fLineColor);
    p.svg.line(a.x, a.y, b.x, b.y, colour, fLineWidth);
    double lo = std::min(fWmin, fWmax), hi = std::max(fWmin, fWmax);
    int n1 = std::abs(fNdiv) % 100;
    Ticks t = linearTicks(lo, hi, n1 > 0 ? n1 : 10);
    double tick = fTickSize * len;
    auto at = [&](double w) { double f = (w - fWmin) / (fWmax - fWmin); return Point{a.x + f * (b.x - a.x), a.y + f * (b.y - a.y)}; };
    auto mark = [&](Point q, double size) {
      if (plus) p.svg.line(q.x, q.y, q.x + nx * size, q.y + ny * size, colour, fLineWidth);
      if (minus) p.svg.line(q.x, q.y, q.x - nx * size, q.y - ny * size, colour, fLineWidth);
    };
    for (double w : t.minor) mark(at(w), tick / 2);
    // Labels on the side without ticks ("=" puts them with the ticks).
    double side = (plus && !minus) ? -1 : 1;
    if (fOption.find('=') != std::string::npos) side = -side;
    double ls = p.textSize(fLabelSize), gap = ls * 0.5 + fLabelOffset * std::min(p.W, p.H);
    bool vertical = std::fabs(uy) > std::fabs(ux);
    for (size_t i = 0; i < t.major.size(); ++i) {
      Point q = at(t.major[i]);
      mark(q, tick);
      double lx = q.x + side * nx * gap, ly = q.y + side * ny * gap;
      std::string anchor = vertical ? (side * nx > 0 ? "start" : "end") : "middle";
      double baseline = vertical ? ly + ls * 0.35 : (side * ny > 0 ? ly + ls * 0.8 : ly);
      p.svg.text(lx, baseline, t.labels[i], ls, anchor, 0, cssColor(fLabelColor));
    }
    if (!fTitle.empty()) {
      double ts = p.textSize(fTitleSize), off = gap + ls * 2.2 * fTitleOffset;
      Point end = fCenterTitle ? Point{(a.x + b.x) / 2, (a.y + b.y) / 2} : (fX2 >= fX1 && fY2 >= fY1 ? b : a);
      double angle = vertical ? -90 : 0;
      p.svg.text(end.x + side * nx * off, end.y + side * ny * off + (vertical ? 0 : ts * 0.35), fTitle, ts, fCenterTitle ? "middle" : "end",
                 angle, cssColor(fTextColor));
    }
  }

private:
  double fX1 = 0, fY1 = 0, fX2 = 1, fY2 = 1, fWmin = 0, fWmax = 1;
  int fNdiv = 510;
  std::string fOption, fTitle;
  float fLabelSize = 0.035f, fLabelOffset = 0.005f, fTitleSize = 0.035f, fTitleOffset = 1, fTickSize = 0.03f;
  Color_t fLabelColor = 1;
  bool fCenterTitle = false;
};

} // namespace cppnb::root
