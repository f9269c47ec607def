// Turns pads into SVG with ROOT's look: frame, ticks inside the frame, axis
// titles at the ends of the axes, a centred title, the stats box at the top
// right, and each object drawn with its draw option.
#pragma once

#include "canvas.hpp"
#include "graphs.hpp"
#include "histograms.hpp"
#include "legend.hpp"
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
  // The stats box: the first histogram drawn fills it.
  bool statsClaimed = false;

  double textSize(double rel) const { return std::max(8.0, rel * std::min(W, H)); }
  double labelSize() const { return textSize(0.035); }

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
    double ls = labelSize(), needed = ls * (0.4 + widest * 0.55 + (frame.ytitle.empty() ? 0.3 : 1.7));
    left = std::max(left, std::min(needed, 0.3 * W));
  }

  // Characters of a label as they take room (UTF-8 continuation bytes do not).
  static size_t textLength(const std::string &s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  }

  Ticks yTicks() const {
    return logy ? logTicks(frame.y0, frame.y1) : linearTicks(frame.y0, frame.y1, divisions(frame.y0, frame.y1, bottom - top));
  }
  // As many x labels as fit side by side without touching.
  Ticks xTicks() const {
    if (logx) return logTicks(frame.x0, frame.x1);
    Ticks t;
    for (int n = divisions(frame.x0, frame.x1, right - left); n >= 2; --n) {
      t = linearTicks(frame.x0, frame.x1, n);
      double width = 0;
      for (auto &l : t.labels) width += (textLength(l) * 0.55 + 0.8) * labelSize();
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

  // Fewer labels on a small axis, so they do not run into each other.
  int divisions(double, double, double pixels) const { return std::clamp(int(std::lround(pixels / (labelSize() * 3.0))), 2, 10); }

  void axes() {
    const std::string black = "#000000";
    double ls = labelSize();
    svg.rect(left, top, right - left, bottom - top, "none", black, 1);
    // x axis
    Ticks tx = xTicks();
    double tickX = 0.03 * (bottom - top);
    for (double v : tx.minor) svg.line(X(v), bottom, X(v), bottom - tickX / 2, black, 1);
    for (size_t i = 0; i < tx.major.size(); ++i) {
      double px = X(tx.major[i]);
      svg.line(px, bottom, px, bottom - tickX, black, 1);
      svg.text(px, bottom + ls * 1.25, tx.labels[i], ls, "middle");
    }
    if (!frame.xtitle.empty())
      svg.text(frame.xCentred ? (left + right) / 2 : right, bottom + ls * 2.6, frame.xtitle, ls, frame.xCentred ? "middle" : "end");
    // y axis
    Ticks ty = yTicks();
    double tickY = 0.03 * (right - left);
    for (double v : ty.minor) svg.line(left, Y(v), left + tickY / 2, Y(v), black, 1);
    size_t widest = 0;
    for (size_t i = 0; i < ty.major.size(); ++i) {
      double py = Y(ty.major[i]);
      svg.line(left, py, left + tickY, py, black, 1);
      svg.text(left - ls * 0.4, py + ls * 0.35, ty.labels[i], ls, "end");
      widest = std::max(widest, textLength(ty.labels[i]));
    }
    if (!frame.ytitle.empty()) {
      double x = left - ls * 0.4 - widest * ls * 0.55 - ls * 0.6;
      x = std::max(x, ls * 0.9);
      svg.text(x, frame.yCentred ? (top + bottom) / 2 : top, frame.ytitle, ls, frame.yCentred ? "middle" : "end", -90);
    }
  }

  void title() {
    if (!gStyle->GetOptTitle() || frame.title.empty()) return;
    double ts = textSize(0.05);
    svg.text(W / 2, std::max(ts, top * 0.5 + ts * 0.35), frame.title, ts, "middle");
  }

  // The stats box, ROOT's at the top right: a header, then label … value lines.
  void statsBox(const std::string &header, const std::vector<StatsLine> &lines) {
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
      svg.text((x1 + x2) / 2, y, header, ts, "middle");
      svg.line(x1, y1 + lh * 1.1, x2, y1 + lh * 1.1, "#000000", 0.8);
      y += lh;
    }
    for (auto &l : lines) {
      svg.text(x1 + ts * 0.4, y, l.label, ts);
      svg.text(x2 - ts * 0.4, y, l.value, ts, "end");
      y += lh;
    }
  }

  // The colour scale right of the frame, for COLZ and CONTZ.
  void paletteAxis(int levels, const std::string &ztitle) {
    double x1 = right + 0.005 * W, x2 = right + 0.045 * W;
    for (int i = 0; i < levels; ++i) {
      double a = top + (bottom - top) * (1 - double(i + 1) / levels), b = top + (bottom - top) * (1 - double(i) / levels);
      svg.rect(x1, a, x2 - x1, b - a + 0.5, css(paletteColor(gStyle->GetPalette(), (i + 0.5) / levels)));
    }
    svg.rect(x1, top, x2 - x1, bottom - top, "none", "#000000", 0.8);
    double ls = labelSize() * 0.9;
    Ticks t = logz ? logTicks(frame.z0, frame.z1) : linearTicks(frame.z0, frame.z1, divisions(frame.z0, frame.z1, bottom - top));
    for (size_t i = 0; i < t.major.size(); ++i) {
      double py = zPixel(t.major[i]);
      svg.line(x2, py, x2 - 0.3 * (x2 - x1), py, "#000000", 0.8);
      svg.text(x2 + ls * 0.3, py + ls * 0.35, t.labels[i], ls);
    }
    if (!ztitle.empty()) svg.text(std::min(W - ls * 0.3, x2 + ls * 3.2), top, ztitle, ls, "end", -90);
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
  for (const auto &[obj, opt] : pad.fPrimitives) {
    FrameRequest f;
    if (dynamic_cast<const TVirtualPad *>(obj)) continue;
    if (obj->FrameFor(opt, p.logx, p.logy, f)) {
      p.setFrame(f);
      break;
    }
  }
  if (p.haveFrame) {
    if (pad.fFrameFill != 0) p.svg.rect(p.left, p.top, p.right - p.left, p.bottom - p.top, cssColor(pad.fFrameFill));
    p.grid();
    p.beginClip();
    for (const auto &[obj, opt] : pad.fPrimitives)
      if (!dynamic_cast<const TLegend *>(obj) && !dynamic_cast<const TVirtualPad *>(obj)) obj->Paint(p, opt);
    p.endClip();
    p.axes();
    p.title();
    for (const auto &[obj, opt] : pad.fPrimitives)
      if (auto *h = dynamic_cast<const TH1 *>(obj)) {
        // Stats and palette of the histogram that made the frame.
        if (p.statsClaimed) break;
        p.statsClaimed = true;
        if (h->GetDimension() == 2 && p.frame.zAxis) p.paletteAxis(h->GetContour(), h->GetZaxis()->GetTitle());
        if (!h->GetStats() || has(opt, "same")) continue;
        int mode = gStyle->GetOptStat();
        std::vector<StatsLine> lines;
        bool two = h->GetDimension() == 2;
        if (mode / 10 % 10) lines.push_back({"Entries", formatCount(h->GetEntries())});
        if (mode / 100 % 10) {
          if (two) lines.push_back({"Mean x", formatStat(h->GetMean(1))}), lines.push_back({"Mean y", formatStat(h->GetMean(2))});
          else lines.push_back({"Mean", formatStat(h->GetMean())});
        }
        if (mode / 1000 % 10) {
          if (two) lines.push_back({"Std Dev x", formatStat(h->GetStdDev(1))}), lines.push_back({"Std Dev y", formatStat(h->GetStdDev(2))});
          else lines.push_back({"Std Dev", formatStat(h->GetStdDev())});
        }
        if (!two && mode / 10000 % 10) lines.push_back({"Underflow", formatStat(h->GetBinContent(0))});
        if (!two && mode / 100000 % 10) lines.push_back({"Overflow", formatStat(h->GetBinContent(h->GetNbinsX() + 1))});
        if (mode / 1000000 % 10) lines.push_back({"Integral", formatStat(h->Integral())});
        if (gStyle->GetOptFit() && !h->Functions().empty()) {
          const TF1 &f = h->Functions().back();
          lines.push_back({"\u03c7\u00b2 / ndf", formatStat(f.GetChisquare()) + " / " + std::to_string(f.GetNDF())});
          if (gStyle->GetOptFit() / 1000 % 10) lines.push_back({"Prob", formatStat(f.GetProb())});
          for (int i = 0; i < f.GetNpar(); ++i)
            lines.push_back({f.GetParName(i), formatStat(f.GetParameter(i)) + " \u00b1 " + formatStat(f.GetParError(i))});
        }
        if (mode == 0 && !(gStyle->GetOptFit() && !h->Functions().empty())) continue;
        p.statsBox(mode % 10 ? h->GetName() : "", lines);
      }
  }
  for (const auto &[obj, opt] : pad.fPrimitives)
    if (dynamic_cast<const TLegend *>(obj)) obj->Paint(p, opt);
  for (const auto &[obj, opt] : pad.fPrimitives)
    if (auto *sub = dynamic_cast<const TVirtualPad *>(obj)) nested(*sub);
  out.body += p.svg.body;
}


inline std::string TVirtualPad::ToSvg(double w, double h) const {
  cppnb::root::Svg svg;
  cppnb::root::paintPad(*this, w, h, svg);
  std::string W = cppnb::root::num(w), H = cppnb::root::num(h);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + W + "\" height=\"" + H + "\" viewBox=\"0 0 " + W + " " + H +
         "\" font-family=\"Helvetica, Arial, sans-serif\">\n" + svg.body + "</svg>\n";
}

// ---- each class's frame and painting ----

inline std::string TH1::EffectiveOption(const std::string &opt) const {
  std::string o = cppnb::root::lower(opt.empty() ? fOption : opt);
  // What is left once "same" is taken out decides the style.
  std::string style = o;
  for (size_t at; (at = style.find("same")) != std::string::npos;) style.erase(at, 4);
  if (style.find_first_not_of(" ") == std::string::npos) return o + (fSumw2.empty() ? " hist" : " e");
  return o;
}

inline bool TH1::FrameFor(const std::string &opt, bool, bool logy, cppnb::root::FrameRequest &f) const {
  std::string o = EffectiveOption(opt);
  f.x0 = fXaxis.DrawnMin(), f.x1 = fXaxis.DrawnMax();
  f.title = fTitle, f.xtitle = fXaxis.GetTitle(), f.ytitle = fYaxis.GetTitle();
  f.xCentred = fXaxis.GetCenterTitle(), f.yCentred = fYaxis.GetCenterTitle();
  bool errors = o.find('e') != std::string::npos;
  double lo = DBL_MAX, hi = -DBL_MAX, minPositive = DBL_MAX;
  for (int b = fXaxis.GetFirst(); b <= fXaxis.GetLast(); ++b) {
    double v = fArray[b], e = errors ? GetBinError(b) : 0;
    lo = std::min(lo, v - e), hi = std::max(hi, v + e);
    if (v > 0) minPositive = std::min(minPositive, errors && v - e > 0 ? v - e : v);
  }
  if (lo > hi) lo = 0, hi = 1;
  if (logy) {
    lo = minPositive == DBL_MAX ? 1 : minPositive * 0.5;
    hi = hi > 0 ? hi * 2 : 10;
  } else {
    if (lo >= 0) lo = 0;
    else lo -= 0.05 * (hi - lo);
    hi += 0.05 * (hi - lo);
    if (hi == lo) hi = lo + 1;
  }
  f.y0 = HasMinimum() ? fMinimum : lo;
  f.y1 = HasMaximum() ? fMaximum : hi;
  return true;
}

inline void TH1::Paint(cppnb::root::Painter &p, const std::string &opt) const {
  using namespace cppnb::root;
  std::string o = EffectiveOption(opt);
  std::string line = cssColor(fLineColor), dash = dashFor(fLineStyle);
  bool errors = o.find('e') != std::string::npos, markersOnly = o.find('p') != std::string::npos;
  bool polyline = o.find('l') != std::string::npos || o.find('c') != std::string::npos;
  bool hist = o.find("hist") != std::string::npos || (!errors && !markersOnly && !polyline);
  bool text = o.find("text") != std::string::npos;
  int first = fXaxis.GetFirst(), last = fXaxis.GetLast();
  double base = p.clampY(p.Y(p.logy ? p.frame.y0 : std::max(p.frame.y0, 0.0)));
  if (hist) {
    std::vector<Point> pts;
    pts.push_back({p.X(fXaxis.GetBinLowEdge(first)), base});
    for (int b = first; b <= last; ++b) {
      double y = p.clampY(p.Y(fArray[b]));
      pts.push_back({p.X(fXaxis.GetBinLowEdge(b)), y});
      pts.push_back({p.X(fXaxis.GetBinUpEdge(b)), y});
    }
    pts.push_back({p.X(fXaxis.GetBinUpEdge(last)), base});
    if (IsFilled()) {
      std::string poly;
      for (auto &pt : pts) poly += num(pt.x) + "," + num(pt.y) + " ";
      p.svg.raw("<polygon points=\"" + poly + "\" fill=\"" + p.fillFor(*this) + "\" stroke=\"none\"" + p.fillExtra(*this) + "/>\n");
    }
    p.svg.polyline(pts, line, fLineWidth, dash);
  }
  if (polyline) {
    std::vector<Point> pts;
    for (int b = first; b <= last; ++b) pts.push_back({p.X(fXaxis.GetBinCenter(b)), p.Y(fArray[b])});
    p.svg.polyline(pts, line, fLineWidth, dash);
  }
  if (errors) {
    std::string d;
    double ex = gStyle->GetErrorX();
    for (int b = first; b <= last; ++b) {
      if (fArray[b] == 0 && o.find("e0") == std::string::npos) continue;
      double x = fXaxis.GetBinCenter(b), hw = fXaxis.GetBinWidth(b) * ex, e = GetBinError(b);
      double px = p.X(x), py = p.Y(fArray[b]);
      d += "M" + num(px) + "," + num(p.clampY(p.Y(fArray[b] - e))) + "V" + num(p.clampY(p.Y(fArray[b] + e)));
      if (ex > 0) d += "M" + num(p.X(x - hw)) + "," + num(py) + "H" + num(p.X(x + hw));
      if (o.find("e1") != std::string::npos) {
        double cap = 3;
        d += "M" + num(px - cap) + "," + num(p.Y(fArray[b] - e)) + "h" + num(2 * cap) + "M" + num(px - cap) + "," +
             num(p.Y(fArray[b] + e)) + "h" + num(2 * cap);
      }
    }
    p.svg.path(d, line, fLineWidth);
  }
  if (errors || markersOnly) {
    std::vector<Point> pts;
    for (int b = first; b <= last; ++b)
      if (fArray[b] != 0 || markersOnly) pts.push_back({p.X(fXaxis.GetBinCenter(b)), p.Y(fArray[b])});
    if (markersOnly || fMarkerStyle > 1) p.markers(pts, markersOnly && fMarkerStyle == 1 ? 20 : fMarkerStyle, fMarkerColor, fMarkerSize);
  }
  if (text) {
    double ts = p.labelSize() * 0.8;
    for (int b = first; b <= last; ++b)
      p.svg.text(p.X(fXaxis.GetBinCenter(b)), p.Y(fArray[b]) - ts * 0.3, formatStat(fArray[b]), ts, "middle");
  }
  for (const TF1 &f : fFunctions) p.curve(f, f.GetLineColor(), f.GetLineWidth(), f.GetLineStyle());
}

inline bool TH2::FrameFor(const std::string &opt, bool, bool, cppnb::root::FrameRequest &f) const {
  std::string o = cppnb::root::lower(opt.empty() ? fOption : opt);
  f.x0 = fXaxis.DrawnMin(), f.x1 = fXaxis.DrawnMax();
  f.y0 = fYaxis.DrawnMin(), f.y1 = fYaxis.DrawnMax();
  f.title = fTitle, f.xtitle = fXaxis.GetTitle(), f.ytitle = fYaxis.GetTitle();
  f.xCentred = fXaxis.GetCenterTitle(), f.yCentred = fYaxis.GetCenterTitle();
  f.zAxis = o.find('z') != std::string::npos;
  double lo = DBL_MAX, hi = -DBL_MAX;
  forEachBin([&](int bin) { lo = std::min(lo, fArray[bin]), hi = std::max(hi, fArray[bin]); });
  if (lo > hi) lo = 0, hi = 1;
  f.z0 = HasMinimum() ? fMinimum : lo;
  f.z1 = HasMaximum() ? fMaximum : hi;
  if (f.z1 <= f.z0) f.z1 = f.z0 + 1;
  return true;
}

inline void TH2::Paint(cppnb::root::Painter &p, const std::string &opt) const {
  using namespace cppnb::root;
  std::string o = lower(opt.empty() ? fOption : opt);
  if (p.logz && p.frame.z0 <= 0) {
    double mp = DBL_MAX;
    forEachBin([&](int bin) {
      if (fArray[bin] > 0) mp = std::min(mp, fArray[bin]);
    });
    p.frame.z0 = mp == DBL_MAX ? 1 : mp;
    if (p.frame.z1 <= p.frame.z0) p.frame.z1 = p.frame.z0 * 10;
  }
  int levels = GetContour();
  int palette = gStyle->GetPalette();
  auto colourOf = [&](double v) -> std::string {
    double t = p.zFraction(v);
    int level = std::clamp(int(t * levels), 0, levels - 1);
    return css(paletteColor(palette, (level + 0.5) / levels));
  };
  int x0 = fXaxis.GetFirst(), x1 = fXaxis.GetLast(), y0 = fYaxis.GetFirst(), y1 = fYaxis.GetLast();
  // Neighbouring cells must not show anti-aliased seams between them.
  p.svg.raw("<g shape-rendering=\"crispEdges\">\n");
  bool contour = o.find("cont") != std::string::npos;
  bool box = o.find("box") != std::string::npos, scat = o.find("scat") != std::string::npos;
  bool text = o.find("text") != std::string::npos;
  if (contour) {
    // Bands of equal colour: the bin centres interpolated on a finer grid.
    int nx = x1 - x0 + 1, ny = y1 - y0 + 1;
    int k = std::clamp(int(std::sqrt(40000.0 / std::max(1, nx * ny))), 1, 8);
    auto value = [&](double fx, double fy) { // in bin units from the first bin's centre
      int ix = std::clamp(int(std::floor(fx)), 0, nx - 1), iy = std::clamp(int(std::floor(fy)), 0, ny - 1);
      int jx = std::min(ix + 1, nx - 1), jy = std::min(iy + 1, ny - 1);
      double tx = std::clamp(fx - ix, 0.0, 1.0), ty = std::clamp(fy - iy, 0.0, 1.0);
      auto at = [&](int a, int b) { return fArray[GetBin(x0 + a, y0 + b)]; };
      return (at(ix, iy) * (1 - tx) + at(jx, iy) * tx) * (1 - ty) + (at(ix, jy) * (1 - tx) + at(jx, jy) * tx) * ty;
    };
    for (int sy = 0; sy < ny * k; ++sy) {
      double fy = (sy + 0.5) / k - 0.5;
      double ya = fYaxis.GetBinLowEdge(y0) + (fYaxis.GetBinUpEdge(y1) - fYaxis.GetBinLowEdge(y0)) * sy / (ny * k);
      double yb = fYaxis.GetBinLowEdge(y0) + (fYaxis.GetBinUpEdge(y1) - fYaxis.GetBinLowEdge(y0)) * (sy + 1) / (ny * k);
      std::string runColour;
      int runStart = 0;
      auto flush = [&](int end) {
        if (runColour.empty()) return;
        double xa = fXaxis.GetBinLowEdge(x0) + (fXaxis.GetBinUpEdge(x1) - fXaxis.GetBinLowEdge(x0)) * runStart / (nx * k);
        double xb = fXaxis.GetBinLowEdge(x0) + (fXaxis.GetBinUpEdge(x1) - fXaxis.GetBinLowEdge(x0)) * end / (nx * k);
        p.svg.rect(p.X(xa), p.Y(yb), p.X(xb) - p.X(xa) + 0.4, p.Y(ya) - p.Y(yb) + 0.4, runColour);
      };
      for (int sx = 0; sx < nx * k; ++sx) {
        double v = value((sx + 0.5) / k - 0.5, fy);
        std::string c = v > p.frame.z0 + (p.frame.z1 - p.frame.z0) / levels * 0.5 ? colourOf(v) : "";
        if (c != runColour) {
          flush(sx);
          runColour = c;
          runStart = sx;
        }
      }
      flush(nx * k);
    }
  } else if (box || scat) {
    double maxAbs = 0;
    forEachBin([&](int bin) { maxAbs = std::max(maxAbs, std::fabs(fArray[bin])); });
    TRandom3 dots(65539);
    std::vector<Point> pts;
    for (int by = y0; by <= y1; ++by)
      for (int bx = x0; bx <= x1; ++bx) {
        double v = fArray[GetBin(bx, by)];
        if (v == 0 || maxAbs == 0) continue;
        double xa = fXaxis.GetBinLowEdge(bx), xb = fXaxis.GetBinUpEdge(bx), ya = fYaxis.GetBinLowEdge(by), yb = fYaxis.GetBinUpEdge(by);
        if (box) {
          double s = std::sqrt(std::fabs(v) / maxAbs) / 2, cx = (xa + xb) / 2, cy = (ya + yb) / 2;
          double ax = p.X(cx - (xb - xa) * s), bxp = p.X(cx + (xb - xa) * s), ay = p.Y(cy + (yb - ya) * s), byp = p.Y(cy - (yb - ya) * s);
          p.svg.rect(ax, ay, bxp - ax, byp - ay, IsFilled() ? cssColor(fFillColor) : "none", cssColor(fLineColor), 1);
        } else {
          int n = int(std::lround(std::fabs(v) / maxAbs * 25));
          for (int i = 0; i < n; ++i) pts.push_back({p.X(dots.Uniform(xa, xb)), p.Y(dots.Uniform(ya, yb))});
        }
      }
    if (scat) p.markers(pts, 7, fMarkerColor, 1);
  } else {
    // COL, COLZ (and LEGO, SURF, which are drawn as this colour map here).
    for (int by = y0; by <= y1; ++by)
      for (int bx = x0; bx <= x1; ++bx) {
        double v = fArray[GetBin(bx, by)];
        if (v == 0 || v < p.frame.z0 || (p.logz && v <= 0)) continue;
        double xa = p.X(fXaxis.GetBinLowEdge(bx)), xb = p.X(fXaxis.GetBinUpEdge(bx));
        double ya = p.Y(fYaxis.GetBinUpEdge(by)), yb = p.Y(fYaxis.GetBinLowEdge(by));
        p.svg.rect(xa, ya, xb - xa + 0.4, yb - ya + 0.4, colourOf(std::min(v, p.frame.z1)));
      }
  }
  p.svg.raw("</g>\n");
  if (text) {
    double ts = p.labelSize() * 0.7;
    for (int by = y0; by <= y1; ++by)
      for (int bx = x0; bx <= x1; ++bx) {
        double v = fArray[GetBin(bx, by)];
        if (v == 0) continue;
        p.svg.text(p.X(fXaxis.GetBinCenter(bx)), p.Y(fYaxis.GetBinCenter(by)) + ts * 0.35, formatStat(v), ts, "middle");
      }
  }
}

inline bool TGraph::FrameFor(const std::string &opt, bool logx, bool logy, cppnb::root::FrameRequest &f) const {
  std::string o = cppnb::root::lower(opt);
  if (o.find('a') == std::string::npos && !o.empty()) return false;
  if (fX.empty()) return false;
  double xlo = DBL_MAX, xhi = -DBL_MAX, ylo = DBL_MAX, yhi = -DBL_MAX;
  for (int i = 0; i < GetN(); ++i) {
    xlo = std::min(xlo, fX[i] - ErrorXlow(i)), xhi = std::max(xhi, fX[i] + ErrorXhigh(i));
    ylo = std::min(ylo, fY[i] - ErrorYlow(i)), yhi = std::max(yhi, fY[i] + ErrorYhigh(i));
  }
  auto widen = [](double &lo, double &hi, bool log) {
    if (log && lo > 0) {
      double a = std::log10(lo), b = std::log10(hi), m = (b - a) * 0.05 + (a == b ? 0.5 : 0);
      lo = std::pow(10, a - m), hi = std::pow(10, b + m);
      return;
    }
    double m = (hi - lo) * 0.05;
    if (m == 0) m = std::fabs(lo) * 0.1 + (lo == 0 ? 1 : 0);
    lo -= m, hi += m;
  };
  widen(xlo, xhi, logx);
  widen(ylo, yhi, logy);
  f.x0 = fXaxis.HasUserRange() ? fXaxis.DrawnMin() : xlo;
  f.x1 = fXaxis.HasUserRange() ? fXaxis.DrawnMax() : xhi;
  f.y0 = fMinimum != -1111 ? fMinimum : fYaxis.HasUserRange() ? fYaxis.DrawnMin() : ylo;
  f.y1 = fMaximum != -1111 ? fMaximum : fYaxis.HasUserRange() ? fYaxis.DrawnMax() : yhi;
  f.title = fTitle, f.xtitle = fXaxis.GetTitle(), f.ytitle = fYaxis.GetTitle();
  f.xCentred = fXaxis.GetCenterTitle(), f.yCentred = fYaxis.GetCenterTitle();
  return true;
}

inline void TGraph::Paint(cppnb::root::Painter &p, const std::string &opt) const {
  using namespace cppnb::root;
  std::string o = lower(opt);
  if (o.empty()) o = "lp";
  bool markersWanted = o.find('p') != std::string::npos || o.find('*') != std::string::npos;
  bool smooth = o.find('c') != std::string::npos, bars = o.find('b') != std::string::npos, fill = o.find('f') != std::string::npos;
  bool line = o.find('l') != std::string::npos || (!markersWanted && !smooth && !bars && !fill);
  std::vector<Point> pts;
  for (int i = 0; i < GetN(); ++i) pts.push_back({p.X(fX[i]), p.Y(fY[i])});
  if (fill && pts.size() > 1) p.svg.polyline(pts, "none", 0, "", p.fillFor(*this) == "none" ? cssColor(fLineColor) : p.fillFor(*this));
  if (bars) {
    double base = p.clampY(p.Y(p.logy ? p.frame.y0 : std::max(0.0, p.frame.y0)));
    double width = GetN() > 1 ? std::fabs(pts[1].x - pts[0].x) * 0.5 : 10;
    for (auto &pt : pts)
      p.svg.rect(pt.x - width / 2, std::min(pt.y, base), width, std::fabs(base - pt.y), IsFilled() ? cssColor(fFillColor) : "none",
                 cssColor(fLineColor), fLineWidth);
  }
  if (line) p.svg.polyline(pts, cssColor(fLineColor), fLineWidth, dashFor(fLineStyle));
  if (smooth && pts.size() > 1) {
    // Catmull-Rom through the points, as cubic Béziers.
    std::string d = "M" + num(pts[0].x) + "," + num(pts[0].y);
    for (size_t i = 0; i + 1 < pts.size(); ++i) {
      Point a = pts[i ? i - 1 : 0], b = pts[i], c = pts[i + 1], e = pts[i + 2 < pts.size() ? i + 2 : i + 1];
      d += "C" + num(b.x + (c.x - a.x) / 6) + "," + num(b.y + (c.y - a.y) / 6) + " " + num(c.x - (e.x - b.x) / 6) + "," +
           num(c.y - (e.y - b.y) / 6) + " " + num(c.x) + "," + num(c.y);
    }
    p.svg.path(d, cssColor(fLineColor), fLineWidth, "none", dashFor(fLineStyle));
  }
  if (HasErrors()) {
    std::string d;
    for (int i = 0; i < GetN(); ++i) {
      if (ErrorYlow(i) > 0 || ErrorYhigh(i) > 0)
        d += "M" + num(pts[i].x) + "," + num(p.Y(fY[i] - ErrorYlow(i))) + "V" + num(p.Y(fY[i] + ErrorYhigh(i)));
      if (ErrorXlow(i) > 0 || ErrorXhigh(i) > 0)
        d += "M" + num(p.X(fX[i] - ErrorXlow(i))) + "," + num(pts[i].y) + "H" + num(p.X(fX[i] + ErrorXhigh(i)));
    }
    p.svg.path(d, cssColor(fLineColor), fLineWidth);
  }
  if (markersWanted || HasErrors())
    p.markers(pts, o.find('*') != std::string::npos ? 3 : fMarkerStyle, fMarkerColor, fMarkerSize);
  for (const TF1 &f : fFunctions) p.curve(f, f.GetLineColor(), f.GetLineWidth(), f.GetLineStyle());
}

inline bool TF1::FrameFor(const std::string &opt, bool, bool logy, cppnb::root::FrameRequest &f) const {
  if (cppnb::root::has(opt, "same")) return false;
  f.x0 = fXmin, f.x1 = fXmax;
  double lo = DBL_MAX, hi = -DBL_MAX;
  for (int i = 0; i <= fNpx; ++i) {
    double y = Eval(fXmin + (fXmax - fXmin) * i / fNpx);
    if (!std::isfinite(y) || (logy && y <= 0)) continue;
    lo = std::min(lo, y), hi = std::max(hi, y);
  }
  if (lo > hi) lo = 0, hi = 1;
  double m = (hi - lo) * 0.05;
  f.y0 = logy ? lo * 0.5 : lo - m;
  f.y1 = logy ? hi * 2 : hi + m;
  std::string t, x, y;
  cppnb::root::splitTitle(fTitle, t, &x, &y);
  f.title = t;
  f.xtitle = fXaxis.GetTitle()[0] ? fXaxis.GetTitle() : x;
  f.ytitle = fYaxis.GetTitle()[0] ? fYaxis.GetTitle() : y;
  return true;
}

inline void TF1::Paint(cppnb::root::Painter &p, const std::string &) const { p.curve(*this, fLineColor, fLineWidth, fLineStyle); }

inline void TLegend::Paint(cppnb::root::Painter &p, const std::string &) const {
  using namespace cppnb::root;
  double x1 = fX1 * p.W, x2 = fX2 * p.W, y1 = (1 - fY2) * p.H, y2 = (1 - fY1) * p.H;
  if (fBorder > 0) p.svg.rect(x1, y1, x2 - x1, y2 - y1, IsFilled() ? cssColor(fFillColor) : "#ffffff", "#000000", 1);
  else if (IsFilled()) p.svg.rect(x1, y1, x2 - x1, y2 - y1, cssColor(fFillColor));
  int rows = GetNRows();
  if (rows == 0) return;
  double rowH = (y2 - y1) / rows;
  double ts = fTextSize > 0 ? fTextSize * std::min(p.W, p.H) : std::min(rowH * 0.7, p.textSize(0.035));
  double y = y1;
  if (!fHeader.empty()) {
    p.svg.text((x1 + x2) / 2, y + rowH / 2 + ts * 0.35, fHeader, ts, "middle");
    y += rowH;
  }
  double colW = (x2 - x1) / fColumns, symW = colW * fMargin;
  int col = 0;
  for (const TLegendEntry &e : fEntries) {
    double cx = x1 + col * colW, cy = y + rowH / 2;
    std::string o = lower(e.fOption);
    const TObject *obj = e.fObject;
    auto *line = dynamic_cast<const TAttLine *>(obj);
    auto *fill = dynamic_cast<const TAttFill *>(obj);
    auto *marker = dynamic_cast<const TAttMarker *>(obj);
    if (o.find('f') != std::string::npos && fill) {
      double bw = symW * 0.6, bh = rowH * 0.55;
      p.svg.rect(cx + (symW - bw) / 2, cy - bh / 2, bw, bh, fill->IsFilled() ? cssColor(fill->GetFillColor()) : "none",
                 line ? cssColor(line->GetLineColor()) : "#000000", 1, p.fillExtra(*fill));
    }
    if (o.find('l') != std::string::npos && line)
      p.svg.line(cx + symW * 0.15, cy, cx + symW * 0.85, cy, cssColor(line->GetLineColor()), line->GetLineWidth(), dashFor(line->GetLineStyle()));
    if (o.find('e') != std::string::npos && line)
      p.svg.line(cx + symW / 2, cy - rowH * 0.3, cx + symW / 2, cy + rowH * 0.3, cssColor(line->GetLineColor()), line->GetLineWidth());
    if (o.find('p') != std::string::npos && marker)
      p.markers({{cx + symW / 2, cy}}, marker->GetMarkerStyle() == 1 ? 20 : marker->GetMarkerStyle(), marker->GetMarkerColor(),
                marker->GetMarkerSize());
    p.svg.text(cx + symW, cy + ts * 0.35, e.fLabel, ts);
    if (++col == fColumns) col = 0, y += rowH;
  }
}

} // namespace cppnb::root
