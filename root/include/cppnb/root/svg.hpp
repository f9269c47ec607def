// A small SVG writer: the painter's only way to draw. Coordinates in pixels,
// y downwards; numbers written short (two decimals) to keep pictures small.
#pragma once

#include "latex.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace cppnb::root {

inline std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

inline std::string xmlEscape(const std::string &s) {
  std::string out;
  for (char c : s) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    default: out += c;
    }
  }
  return out;
}

// The content of a <text> of font size size: plain text as it is (escaped),
// TLatex as tspans whose dy moves the baseline from run to run.
inline std::string latexText(const std::string &s, double size) {
  if (s.find_first_of("#_^{}") == std::string::npos) return xmlEscape(s);
  std::string out;
  double baseline = 0; // where the last run left it, in pixels, up positive
  for (const latex::Run &r : latex::Parser(s).runs()) {
    double target = r.shift * size;
    bool plain = r.scale == 1 && !r.italic && !r.bold && !r.overline && target == baseline;
    if (plain) {
      out += xmlEscape(r.text);
      continue;
    }
    out += "<tspan";
    if (target != baseline) out += " dy=\"" + num(baseline - target) + "\"";
    if (r.scale != 1) out += " font-size=\"" + num(size * r.scale) + "\"";
    if (r.italic) out += " font-style=\"italic\"";
    if (r.bold) out += " font-weight=\"bold\"";
    if (r.overline) out += " text-decoration=\"overline\"";
    out += ">" + xmlEscape(r.text) + "</tspan>";
    baseline = target;
  }
  return out;
}

struct Point {
  double x, y;
};

class Svg {
public:
  std::string body;

  void raw(const std::string &s) { body += s; }

  void rect(double x, double y, double w, double h, const std::string &fill, const std::string &stroke = "none",
            double strokeWidth = 1, const std::string &extra = "") {
    body += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(h) +
            "\" fill=\"" + fill + "\" stroke=\"" + stroke + "\"";
    if (stroke != "none") body += " stroke-width=\"" + num(strokeWidth) + "\"";
    body += extra + "/>\n";
  }

  void line(double x1, double y1, double x2, double y2, const std::string &stroke, double width = 1,
            const std::string &dash = "") {
    body += "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) +
            "\" stroke=\"" + stroke + "\" stroke-width=\"" + num(width) + "\"" + dashAttr(dash) + "/>\n";
  }

  void polyline(const std::vector<Point> &pts, const std::string &stroke, double width = 1,
                const std::string &dash = "", const std::string &fill = "none") {
    if (pts.empty()) return;
    body += std::string(fill == "none" ? "<polyline" : "<polygon") + " fill=\"" + fill + "\" stroke=\"" + stroke +
            "\" stroke-width=\"" + num(width) + "\"" + dashAttr(dash) + " stroke-linejoin=\"round\" points=\"";
    for (size_t i = 0; i < pts.size(); ++i) body += (i ? " " : "") + num(pts[i].x) + "," + num(pts[i].y);
    body += "\"/>\n";
  }

  void path(const std::string &d, const std::string &stroke, double width, const std::string &fill = "none",
            const std::string &dash = "") {
    body += "<path d=\"" + d + "\" fill=\"" + fill + "\" stroke=\"" + stroke + "\" stroke-width=\"" + num(width) +
            "\"" + dashAttr(dash) + "/>\n";
  }

  // anchor: start, middle, end; rotate: degrees around (x, y). s is TLatex
  // (latex.hpp), as every text ROOT draws on a pad.
  void text(double x, double y, const std::string &s, double size, const std::string &anchor = "start",
            double rotate = 0, const std::string &fill = "#000000", bool bold = false) {
    body += "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" font-size=\"" + num(size) + "\" text-anchor=\"" +
            anchor + "\" fill=\"" + fill + "\"";
    if (bold) body += " font-weight=\"bold\"";
    if (rotate != 0) body += " transform=\"rotate(" + num(rotate) + " " + num(x) + " " + num(y) + ")\"";
    body += ">" + latexText(s, size) + "</text>\n";
  }

  static std::string dashAttr(const std::string &dash) {
    return dash.empty() ? "" : " stroke-dasharray=\"" + dash + "\"";
  }
};

// ROOT's line styles as SVG dash patterns.
inline std::string dashFor(int style) {
  switch (style) {
  case 2: return "6,4";
  case 3: return "1.5,3";
  case 4: return "6,3,1.5,3";
  case 5: return "8,3,1.5,3";
  case 6: return "8,3,1.5,3,1.5,3";
  case 7: return "8,6";
  case 8: return "8,3,1.5,3,1.5,3,1.5,3";
  case 9: return "16,6";
  case 10: return "16,6,1.5,6";
  default: return "";
  }
}

} // namespace cppnb::root
