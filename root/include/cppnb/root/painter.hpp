// Turns pads into SVG with ROOT's look: frame, ticks inside the frame, axis
// titles at the ends of the axes, a centred title, the stats box at the top
// right, and each object drawn with its draw option. The Painter is what a
// drawable paints with; paintPad paints a pad's objects through the TObject
// interface (core.hpp: FrameFor, Paint, Layer, PaintStats, AsPad) without
// knowing their classes, whose painting is beside them (paint_*.hpp).
#pragma once

#include "canvas.hpp"
#include "functions.hpp"
#include "ticks.hpp"

#include <atomic>
#include <chrono>

namespace cppnb::root {


// Ids must be unique on the whole notebook page, where many pictures are inline.
inline std::string uniqueId(const char *what) {
  static std::atomic<unsigned> counter{0};
  static const unsigned salt = unsigned(std::chrono::steady_clock::now().time_since_epoch().count() & 0xffffff);
  char buf[48];
  std::snprintf(buf, sizeof buf, "cppnb-%s-%x-%u", what, salt, counter++);
  return buf;
}

struct StatsLine {
  std::string label, value;
};

// The lines of a fit in a stats box as ROOT's SetOptFit asks for them:
// χ²/ndf, Prob (the thousands digit), each parameter ± its error.
inline void appendFitLines(std::vector<StatsLine> &lines, const TF1 &f, int optFit);

class Painter {
public:
  Painter(const TVirtualPad &pad, double w, double h) : pad(pad), W(w), H(h) {
    logx = pad.GetLogx(), logy = pad.GetLogy(), logz = pad.GetLogz();
  }

  const TVirtualPad &pad;
  Svg svg;
  double W, H;
  bool logx, logy, logz;
  bool haveFrame = false;
  FrameRequest frame;
  double left = 0, top = 0, right = 0, bottom = 0; // the frame in pixels

  double textSize(double rel) const { return std::max(8.0, rel * std::min(W, H)); }
  double labelSize() const { return textSize(0.035); }
  // A text size as ROOT reads it: pixels for a font of precision 3 (43, 63…),
  // otherwise a fraction of the pad's smaller side.
  double textSize(double size, int font) const { return font % 10 == 3 ? std::max(4.0, size) : textSize(size); }
  double xLabelSize() const { return textSize(frame.xlook.labelSize, frame.xlook.labelFont); }
  double yLabelSize() const { return textSize(frame.ylook.labelSize, frame.ylook.labelFont); }
  double xTitleSize() const { return textSize(frame.xlook.titleSize, frame.xlook.titleFont); }
  double yTitleSize() const { return textSize(frame.ylook.titleSize, frame.ylook.titleFont); }

  double X(double x) const {
    double a = frame.x0, b = frame.x1;
    if (logx) {
      x = x > 0 ? std::log10(x) : -1e30;
      a = std::log10(a), b = std::log10(b);
    }
    return left + (x - a) / (b - a) * (right - left);
  }
  double Y(double y) const {
    double a = frame.y0, b = frame.y1;
    if (logy) {
      y = y > 0 ? std::log10(y) : -1e30;
      a = std::log10(a), b = std::log10(b);
    }
    double p = bottom - (y - a) / (b - a) * (bottom - top);
    return std::clamp(p, top - 4 * H, bottom + 4 * H);
  }
  // Clamps a y in pixels into the frame (for bars and error bars cut by the range).
  double clampY(double py) const { return std::clamp(py, top, bottom); }

  // ---- markers ----
  void markers(const std::vector<Point> &pts, int style, int color, double size) {
    if (pts.empty()) return;
    std::string c = cssColor(color);
    double r = 4 * size; // ROOT's size 1 is about 8 pixels across
    if (style == 1 || style == 6 || style == 7) {
      double d = style == 1 ? 1 : style == 6 ? 2 : 3;
      std::string path;
      for (const Point &p : pts) path += "M" + num(p.x - d / 2) + "," + num(p.y - d / 2) + "h" + num(d) + "v" + num(d) + "h" + num(-d) + "z";
      svg.path(path, "none", 0, c);
      return;
    }
    bool open = (style >= 24 && style <= 28) || style == 30 || style == 32 || style == 4 || style == 2 ||
                style == 3 || style == 5 || style == 31;
    std::string d;
    for (const Point &p : pts) d += markerPath(style, p.x, p.y, r);
    svg.path(d, c, 1, open ? "none" : c);
  }

  static std::string markerPath(int style, double x, double y, double r) {
    auto M = [](double a, double b) { return "M" + num(a) + "," + num(b); };
    auto L = [](double a, double b) { return "L" + num(a) + "," + num(b); };
    auto circle = [&](double rr) {
      return M(x - rr, y) + "a" + num(rr) + "," + num(rr) + " 0 1,0 " + num(2 * rr) + ",0a" + num(rr) + "," + num(rr) +
             " 0 1,0 " + num(-2 * rr) + ",0z";
    };
    switch (style) {
    case 2: return M(x - r, y) + L(x + r, y) + M(x, y - r) + L(x, y + r);
    case 5: return M(x - r, y - r) + L(x + r, y + r) + M(x - r, y + r) + L(x + r, y - r);
    case 3:
    case 31:
      return M(x - r, y) + L(x + r, y) + M(x, y - r) + L(x, y + r) + M(x - r * .7, y - r * .7) + L(x + r * .7, y + r * .7) +
             M(x - r * .7, y + r * .7) + L(x + r * .7, y - r * .7);
    case 21:
    case 25: return M(x - r * .85, y - r * .85) + "h" + num(1.7 * r) + "v" + num(1.7 * r) + "h" + num(-1.7 * r) + "z";
    case 22:
    case 26: return M(x, y - r) + L(x + r, y + r * .8) + L(x - r, y + r * .8) + "z";
    case 23:
    case 32: return M(x, y + r) + L(x + r, y - r * .8) + L(x - r, y - r * .8) + "z";
    case 27:
    case 33: return M(x, y - r) + L(x + r * .7, y) + L(x, y + r) + L(x - r * .7, y) + "z";
    case 28:
    case 34: {
      double a = r * .35;
      return M(x - a, y - r) + "h" + num(2 * a) + "v" + num(r - a) + "h" + num(r - a) + "v" + num(2 * a) + "h" + num(a - r) +
             "v" + num(r - a) + "h" + num(-2 * a) + "v" + num(a - r) + "h" + num(a - r) + "v" + num(-2 * a) + "h" + num(r - a) + "z";
    }
    case 29:
    case 30: {
      std::string d;
      for (int i = 0; i < 10; ++i) {
        double ang = -M_PI / 2 + i * M_PI / 5, rr = i % 2 ? r * .4 : r;
        d += (i ? L(x + rr * std::cos(ang), y + rr * std::sin(ang)) : M(x + rr * std::cos(ang), y + rr * std::sin(ang)));
      }
      return d + "z";
    }
    case 4:
    case 24: return circle(r);
    default: return circle(r * (style == 8 ? 1 : 0.9)); // 8, 20 and the rest: a full circle
    }
  }

  // ---- the frame ----
  void setFrame(const FrameRequest &f) {
    frame = f;
    haveFrame = true;
    if (logx && frame.x0 <= 0) frame.x0 = frame.x1 > 0 ? std::min(1e-3 * frame.x1, 1.0) : 1e-3;
    if (logy && frame.y0 <= 0) frame.y0 = frame.y1 > 0 ? std::min(1e-3 * frame.y1, 1.0) : 1e-3;
    if (!(frame.x1 > frame.x0)) frame.x1 = frame.x0 + 1;
    if (!(frame.y1 > frame.y0)) frame.y1 = frame.y0 + 1;
    double rm = pad.GetRightMargin();
    if (frame.zAxis) rm = std::max<double>(rm, 0.14);
    left = pad.GetLeftMargin() * W, right = (1 - rm) * W;
    top = pad.GetTopMargin() * H, bottom = (1 - pad.GetBottomMargin()) * H;
    // A narrow pad would have its y labels run into the y title: widen the margin.
    size_t widest = 0;
    for (auto &l : yTicks().labels) widest = std::max(widest, textLength(l));
    double ls = yLabelSize(), ts = yTitleSize();
    double needed = ls * (0.4 + widest * 0.55) + (frame.ytitle.empty() ? ls * 0.3 : ts * 1.7 * frame.ylook.titleOffset);
    left = std::max(left, std::min(needed, 0.3 * W));
  }

  // The pad's own coordinates from corner to corner (TPad::Range), with no
  // frame, axes or title of its own.
  void setRange(double x1, double y1, double x2, double y2) {
    frame = FrameRequest{};
    frame.x0 = x1, frame.x1 = x2, frame.y0 = y1, frame.y1 = y2;
    haveFrame = rangeOnly = true;
    left = 0, right = W, top = 0, bottom = H;
  }
  bool rangeOnly = false;

  // Characters of a label as they take room: drawn as TLatex (scripts
  // smaller, #mu one character; UTF-8 continuation bytes take none).
  static size_t textLength(const std::string &s) { return size_t(std::ceil(latex::length(s))); }

  // An alphanumeric axis: ticks at the bins' edges, a label under each centre.
  static Ticks binTicks(double x0, double x1, const std::vector<std::string> &labels) {
    Ticks t;
    size_t n = labels.size();
    for (size_t i = 0; i <= n; ++i) t.minor.push_back(x0 + (x1 - x0) * double(i) / double(n));
    for (size_t i = 0; i < n; ++i) t.major.push_back(x0 + (x1 - x0) * (double(i) + 0.5) / double(n)), t.labels.push_back(labels[i]);
    return t;
  }
  Ticks yTicks() const {
    if (!frame.yBinLabels.empty()) return binTicks(frame.y0, frame.y1, frame.yBinLabels);
    return logy ? logTicks(frame.y0, frame.y1) : linearTicks(frame.y0, frame.y1, divisions(frame.ylook, yLabelSize(), bottom - top));
  }
  // As many x labels as fit side by side without touching.
  Ticks xTicks() const {
    if (!frame.xBinLabels.empty()) return binTicks(frame.x0, frame.x1, frame.xBinLabels);
    if (logx) return logTicks(frame.x0, frame.x1);
    Ticks t;
    for (int n = divisions(frame.xlook, xLabelSize(), right - left); n >= 2; --n) {
      t = linearTicks(frame.x0, frame.x1, n);
      double width = 0;
      for (auto &l : t.labels) width += (textLength(l) * 0.55 + 0.8) * xLabelSize();
      if (width <= right - left) break;
    }
    return t;
  }

  void grid() {
    std::string grey = "#888888";
    if (pad.GetGridx()) {
      Ticks t = xTicks();
      for (double v : t.major) svg.line(X(v), top, X(v), bottom, grey, 0.6, "1.5,3");
    }
    if (pad.GetGridy()) {
      Ticks t = yTicks();
      for (double v : t.major) svg.line(left, Y(v), right, Y(v), grey, 0.6, "1.5,3");
    }
  }

  // Fewer labels on a small axis, so they do not run into each other; never
  // more than the axis's primary divisions (SetNdivisions' n1).
  static int divisions(const AxisLook &look, double labelPixels, double pixels) {
    int n = std::clamp(int(std::lround(pixels / (labelPixels * 3.0))), 2, 10);
    int n1 = std::abs(look.ndivisions) % 100;
    return n1 >= 1 ? std::clamp(std::min(n, n1), 1, 10) : n;
  }
  int divisions(double, double, double pixels) const { return divisions(AxisLook{}, labelSize(), pixels); }

  void axes() {
    const AxisLook &xl = frame.xlook, &yl = frame.ylook;
    std::string xAxisColor = cssColor(xl.axisColor), yAxisColor = cssColor(yl.axisColor);
    svg.rect(left, top, right - left, bottom - top, "none", "#000000", 1);
    if (xl.axisColor != 1) svg.line(left, bottom, right, bottom, xAxisColor, 1);
    if (yl.axisColor != 1) svg.line(left, top, left, bottom, yAxisColor, 1);
    // x axis: labels below it (labelOffset beyond ROOT's default moves them),
    // the title at its end, further down by titleOffset.
    double ls = xLabelSize(), ts = xTitleSize();
    Ticks tx = xTicks();
    double tickX = xl.tickLength * (bottom - top);
    double labelY = bottom + ls * 1.25 + (xl.labelOffset - 0.005) * H;
    std::string labelColor = cssColor(xl.labelColor);
    for (double v : tx.minor) svg.line(X(v), bottom, X(v), bottom - tickX / 2, xAxisColor, 1);
    bool xNamed = !frame.xBinLabels.empty();
    // Bin names across the axis get smaller until the longest fits its bin.
    if (xNamed && !frame.xLabelsVertical) {
      size_t longest = 1;
      for (const auto &l : tx.labels) longest = std::max(longest, textLength(l));
      ls = std::max(6.0, std::min(ls, (right - left) / double(tx.labels.size()) / (double(longest) * 0.55 + 0.3)));
    }
    for (size_t i = 0; i < tx.major.size(); ++i) {
      double px = X(tx.major[i]);
      if (!xNamed) svg.line(px, bottom, px, bottom - tickX, xAxisColor, 1);
      if (xl.labelSize <= 0) continue;
      AxisLabel l = axisLabel(xl, i, tx.major.size(), tx.labels[i], ls, labelColor);
      if (l.size == 0) continue;
      if (xNamed && frame.xLabelsVertical) svg.text(px + l.size * 0.35, bottom + l.size * 0.4, l.text, l.size, "end", -90, l.colour);
      else svg.text(px, labelY, l.text, l.size, l.angle != 0 ? "end" : "middle", l.angle, l.colour);
    }
    if (!frame.xtitle.empty() && xl.titleSize > 0)
      svg.text(frame.xCentred ? (left + right) / 2 : right, labelY + ts * 1.35 * xl.titleOffset, frame.xtitle, ts,
               frame.xCentred ? "middle" : "end", 0, cssColor(xl.titleColor));
    // y axis
    ls = yLabelSize(), ts = yTitleSize();
    Ticks ty = yTicks();
    double tickY = yl.tickLength * (right - left);
    double labelX = left - ls * 0.4 - (yl.labelOffset - 0.005) * W;
    labelColor = cssColor(yl.labelColor);
    for (double v : ty.minor) svg.line(left, Y(v), left + tickY / 2, Y(v), yAxisColor, 1);
    size_t widest = 0;
    bool yNamed = !frame.yBinLabels.empty();
    for (size_t i = 0; i < ty.major.size(); ++i) {
      double py = Y(ty.major[i]);
      if (!yNamed) svg.line(left, py, left + tickY, py, yAxisColor, 1);
      AxisLabel l = axisLabel(yl, i, ty.major.size(), ty.labels[i], ls, labelColor);
      if (yl.labelSize > 0 && l.size > 0) svg.text(labelX, py + l.size * 0.35, l.text, l.size, "end", 0, l.colour);
      widest = std::max(widest, textLength(l.text));
    }
    if (!frame.ytitle.empty() && yl.titleSize > 0) {
      double x = labelX - (widest * ls * 0.55 + ts * 0.6) * yl.titleOffset;
      x = std::max(x, ts * 0.9);
      svg.text(x, frame.yCentred ? (top + bottom) / 2 : top, frame.ytitle, ts, frame.yCentred ? "middle" : "end", -90,
               cssColor(yl.titleColor));
    }
  }

  void title() {
    if (!gStyle->GetOptTitle() || frame.title.empty()) return;
    double ts = textSize(0.05);
    svg.text(W / 2, std::max(ts, top * 0.5 + ts * 0.35), frame.title, ts, "middle");
  }

  // The stats box, ROOT's at the top right: a header, then label … value lines.
  void statsBox(const std::string &header, const std::vector<StatsLine> &lines, const std::string &colour = "#000000") {
    if (lines.empty() && header.empty()) return;
    double ts = textSize(0.03), lh = ts * 1.3;
    size_t widest = 0;
    for (auto &l : lines) widest = std::max(widest, l.label.size() + l.value.size() + 3);
    widest = std::max(widest, header.size() + 2);
    double w = std::max(0.2 * W, widest * ts * 0.55), h = lh * (lines.size() + (header.empty() ? 0 : 1)) + ts * 0.5;
    double x2 = 0.98 * W, y1 = std::max(0.065 * H, top - h * 0.05);
    if (frame.zAxis) x2 = right - 2;
    double x1 = x2 - w;
    svg.rect(x1 + 2, y1 + 2, w, h, "#000000", "none", 1, " fill-opacity=\"0.25\"");
    svg.rect(x1, y1, w, h, "#ffffff", "#000000", 1);
    double y = y1 + lh * 0.85;
    if (!header.empty()) {
      svg.text((x1 + x2) / 2, y, header, ts, "middle", 0, colour);
      svg.line(x1, y1 + lh * 1.1, x2, y1 + lh * 1.1, "#000000", 0.8);
      y += lh;
    }
    for (auto &l : lines) {
      svg.text(x1 + ts * 0.4, y, l.label, ts, "start", 0, colour);
      svg.text(x2 - ts * 0.4, y, l.value, ts, "end", 0, colour);
      y += lh;
    }
  }

  // Label i of the n an axis of this look draws, as TAxis::ChangeLabel
  // changed it (size 0: hidden; the angle is honoured on the x axis).
  struct AxisLabel {
    std::string text, colour;
    double size, angle;
  };
  AxisLabel axisLabel(const AxisLook &look, size_t i, size_t n, const std::string &text, double size, const std::string &colour) const {
    AxisLabel l{text, colour, size, 0};
    if (const LabelChange *c = look.labelChange(i, n)) {
      if (c->size >= 0) l.size = c->size == 0 ? 0 : textSize(c->size, look.labelFont);
      if (c->color >= 0) l.colour = cssColor(c->color);
      if (c->angle != -1) l.angle = -c->angle;
      if (!c->text.empty()) l.text = c->text;
    }
    return l;
  }

  // A colour scale for COLZ and CONTZ in the box (x1, y1)-(x2, y2) in pixels:
  // upright with its labels at the right, or, wider than high, running left
  // to right with its labels below (TPaletteAxis).
  void paletteAxisIn(int levels, const std::string &ztitle, double x1, double y1, double x2, double y2) {
    bool lying = x2 - x1 > y2 - y1;
    auto at = [&](double fraction) { return lying ? x1 + fraction * (x2 - x1) : y2 - fraction * (y2 - y1); };
    for (int i = 0; i < levels; ++i) {
      double a = at(double(i) / levels), b = at(double(i + 1) / levels);
      std::string colour = css(paletteColor(gStyle->GetPalette(), (i + 0.5) / levels));
      if (lying) svg.rect(a, y1, b - a + 0.5, y2 - y1, colour);
      else svg.rect(x1, b, x2 - x1, a - b + 0.5, colour);
    }
    svg.rect(x1, y1, x2 - x1, y2 - y1, "none", "#000000", 0.8);
    double ls = labelSize() * 0.9, length = lying ? x2 - x1 : y2 - y1;
    Ticks t = logz ? logTicks(frame.z0, frame.z1) : linearTicks(frame.z0, frame.z1, divisions(frame.z0, frame.z1, length));
    for (size_t i = 0; i < t.major.size(); ++i) {
      double q = at(zFraction(t.major[i]));
      if (lying) {
        svg.line(q, y2, q, y2 - 0.3 * (y2 - y1), "#000000", 0.8);
        svg.text(q, y2 + ls * 1.2, t.labels[i], ls, "middle");
      } else {
        svg.line(x2, q, x2 - 0.3 * (x2 - x1), q, "#000000", 0.8);
        svg.text(x2 + ls * 0.3, q + ls * 0.35, t.labels[i], ls);
      }
    }
    if (ztitle.empty()) return;
    if (lying) svg.text(x2, y2 + ls * 2.6, ztitle, ls, "end");
    else svg.text(std::min(W - ls * 0.3, x2 + ls * 3.2), y1, ztitle, ls, "end", -90);
  }
  double zFraction(double z) const {
    if (logz) return z > 0 ? (std::log10(z) - std::log10(frame.z0)) / (std::log10(frame.z1) - std::log10(frame.z0)) : -1;
    return (z - frame.z0) / (frame.z1 - frame.z0);
  }
  double zPixel(double z) const { return bottom - zFraction(z) * (bottom - top); }

  // Everything drawn inside the frame is clipped to it.
  std::string beginClip() {
    std::string id = uniqueId("clip");
    svg.raw("<clipPath id=\"" + id + "\"><rect x=\"" + num(left) + "\" y=\"" + num(top) + "\" width=\"" + num(right - left) +
            "\" height=\"" + num(bottom - top) + "\"/></clipPath>\n<g clip-path=\"url(#" + id + ")\">\n");
    return id;
  }
  void endClip() { svg.raw("</g>\n"); }

  // A function's curve over the frame (and its own range).
  void curve(const TF1 &f, int color, int width, int style) {
    double a = std::max(f.GetXmin(), frame.x0), b = std::min(f.GetXmax(), frame.x1);
    if (!(b > a)) return;
    int n = std::max(f.GetNpx(), 100);
    std::vector<Point> pts;
    for (int i = 0; i <= n; ++i) {
      double x = logx && a > 0 ? std::pow(10, std::log10(a) + (std::log10(b) - std::log10(a)) * i / n) : a + (b - a) * i / n;
      double y = f.Eval(x);
      if (!std::isfinite(y)) continue;
      pts.push_back({X(x), Y(y)});
    }
    svg.polyline(pts, cssColor(color), width, dashFor(style));
  }

  std::string fillFor(const TAttFill &f) const {
    if (!f.IsFilled()) return "none";
    return cssColor(f.GetFillColor());
  }
  // Hatched fill styles (3000-3999) are drawn as a lighter solid fill.
  std::string fillExtra(const TAttFill &f) const {
    std::string extra;
    if (f.GetFillStyle() >= 3000 && f.GetFillStyle() < 4000) extra += " fill-opacity=\"0.45\"";
    if (f.FillAlpha() < 1) extra += " fill-opacity=\"" + num(f.FillAlpha()) + "\"";
    return extra;
  }
};

inline std::string formatStat(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

// Entries as ROOT shows them: a whole number, unless it is huge.
inline std::string formatCount(double n) {
  char buf[32];
  if (std::fabs(n) < 1e7 && n == std::floor(n)) std::snprintf(buf, sizeof buf, "%.0f", n);
  else std::snprintf(buf, sizeof buf, "%.4g", n);
  return buf;
}

// Renders one pad (and its sub-pads) as SVG elements in a w × h box.
inline void paintPad(const TVirtualPad &pad, double w, double h, Svg &out) {
  Painter p(pad, w, h);
  if (pad.GetFillColor() != 0 || !pad.GetMother()) p.svg.rect(0, 0, w, h, pad.GetFillColor() == 0 ? "#ffffff" : cssColor(pad.GetFillColor()));
  // A sub-pad (from Divide, or a TPad drawn into this one) is an SVG of its own at its place.
  auto nested = [&](const TVirtualPad &sub) {
    double x = sub.fXlow * w, y = (1 - sub.fYup) * h, sw = (sub.fXup - sub.fXlow) * w, sh = (sub.fYup - sub.fYlow) * h;
    p.svg.raw("<svg x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(sw) + "\" height=\"" + num(sh) + "\">\n");
    paintPad(sub, sw, sh, p.svg);
    p.svg.raw("</svg>\n");
  };
  for (const auto &sub : pad.fSubpads) nested(*sub);
  // The first object that can set up a frame does; the others draw into it.
  if (FrameRequest f; pad.findFrame(f)) p.setFrame(f);
  else if (pad.HasRange()) {
    double x1, y1, x2, y2;
    pad.GetRange(x1, y1, x2, y2);
    p.setRange(x1, y1, x2, y2);
  }
  auto inFrame = [](const TObject *obj) { return !obj->AsPad() && obj->Layer() == PaintLayer::Frame; };
  if (p.haveFrame) {
    if (pad.fFrameFill != 0 && !p.rangeOnly) p.svg.rect(p.left, p.top, p.right - p.left, p.bottom - p.top, cssColor(pad.fFrameFill));
    if (!p.rangeOnly) p.grid();
    p.beginClip();
    for (const auto &[obj, opt] : pad.fPrimitives)
      if (inFrame(obj)) obj->Paint(p, opt);
    p.endClip();
    if (!p.rangeOnly) p.axes(), p.title();
    // The first object that has a stats box takes the pad's; "SAMES" ones show theirs too.
    bool claimed = false;
    for (const auto &[obj, opt] : pad.fPrimitives) {
      if (!inFrame(obj)) continue;
      if (has(opt, "sames")) obj->PaintStats(p, opt);
      else if (!claimed) claimed = obj->PaintStats(p, opt);
    }
  }
  for (const auto &[obj, opt] : pad.fPrimitives)
    if (!obj->AsPad() && obj->Layer() == PaintLayer::Overlay) obj->Paint(p, opt);
  for (const auto &[obj, opt] : pad.fPrimitives)
    if (const TVirtualPad *sub = obj->AsPad()) nested(*sub);
  out.body += p.svg.body;
}


inline std::string TVirtualPad::ToSvg(double w, double h) const {
  cppnb::root::Svg svg;
  cppnb::root::paintPad(*this, w, h, svg);
  std::string W = cppnb::root::num(w), H = cppnb::root::num(h);
  const TCanvas *canvas = GetCanvas();
  std::string grey = canvas && canvas->IsGrayscale() && !GetMother() ? " style=\"filter: grayscale(100%)\"" : "";
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + W + "\" height=\"" + H + "\" viewBox=\"0 0 " + W + " " + H +
         "\" font-family=\"Helvetica, Arial, sans-serif\"" + grey + ">\n" + svg.body + "</svg>\n";
}

} // namespace cppnb::root
