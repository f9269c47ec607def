// How graphs, functions and legends paint themselves (the TObject painting
// interface in core.hpp, the Painter in painter.hpp).
#pragma once

#include "graphs.hpp"
#include "legend.hpp"
#include "painter.hpp"

namespace cppnb::root {

inline bool TGraph::FrameFor(const std::string &opt, bool logx, bool logy, FrameRequest &f) const {
  std::string o = optionLetters(opt);
  if (o.find('a') == std::string::npos && !opt.empty()) return false;
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
  f.x0 = fXaxis.HasLimits() ? fXaxis.GetXmin() : fXaxis.HasUserRange() ? fXaxis.DrawnMin() : xlo;
  f.x1 = fXaxis.HasLimits() ? fXaxis.GetXmax() : fXaxis.HasUserRange() ? fXaxis.DrawnMax() : xhi;
  f.y0 = fMinimum != -1111 ? fMinimum : fYaxis.HasUserRange() ? fYaxis.DrawnMin() : ylo;
  f.y1 = fMaximum != -1111 ? fMaximum : fYaxis.HasUserRange() ? fYaxis.DrawnMax() : yhi;
  f.title = fTitle, f.xtitle = fXaxis.GetTitle(), f.ytitle = fYaxis.GetTitle();
  f.xlook = fXaxis.Look(), f.ylook = fYaxis.Look();
  f.xCentred = fXaxis.GetCenterTitle(), f.yCentred = fYaxis.GetCenterTitle();
  return true;
}

inline void TGraph::Paint(Painter &p, const std::string &opt) const {
  using namespace cppnb::root;
  std::string o = optionLetters(opt);
  if (o.find_first_not_of(' ') == std::string::npos) o = "lp";
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
  // Error bands: "3" (and "4", drawn the same) a filled area between the
  // lower and upper errors, "2" a filled box per point.
  bool band = o.find('3') != std::string::npos || o.find('4') != std::string::npos, boxes = o.find('2') != std::string::npos;
  if ((band || boxes) && HasErrors()) {
    std::string bandFill = IsFilled() ? cssColor(fFillColor) : "none";
    if (band) {
      std::vector<Point> area;
      for (int i = 0; i < GetN(); ++i) area.push_back({pts[i].x, p.Y(fY[i] + ErrorYhigh(i))});
      for (int i = GetN() - 1; i >= 0; --i) area.push_back({pts[i].x, p.Y(fY[i] - ErrorYlow(i))});
      if (area.size() > 2) p.svg.polyline(area, "none", 0, "", bandFill);
    } else {
      for (int i = 0; i < GetN(); ++i) {
        double x0 = p.X(fX[i] - ErrorXlow(i)), x1 = p.X(fX[i] + ErrorXhigh(i));
        double y0 = p.Y(fY[i] + ErrorYhigh(i)), y1 = p.Y(fY[i] - ErrorYlow(i));
        p.svg.rect(std::min(x0, x1), std::min(y0, y1), std::fabs(x1 - x0), std::fabs(y1 - y0), bandFill, "none");
      }
    }
    if (line && o.find('l') != std::string::npos) p.svg.polyline(pts, cssColor(fLineColor), fLineWidth, dashFor(fLineStyle));
    if (markersWanted) p.markers(pts, o.find('*') != std::string::npos ? 3 : fMarkerStyle, fMarkerColor, fMarkerSize);
    return;
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

inline bool TF1::FrameFor(const std::string &opt, bool, bool logy, FrameRequest &f) const {
  if (has(opt, "same")) return false;
  f.x0 = fXmin, f.x1 = fXmax;
  double lo = DBL_MAX, hi = -DBL_MAX;
  for (int i = 0; i <= fNpx; ++i) {
    double y = Eval(fXmin + (fXmax - fXmin) * i / fNpx);
    if (!std::isfinite(y) || (logy && y <= 0)) continue;
    lo = std::min(lo, y), hi = std::max(hi, y);
  }
  if (lo > hi) lo = 0, hi = 1;
  double m = (hi - lo) * 0.05;
  f.y0 = fDrawnMinimum != -1111 ? fDrawnMinimum : logy ? lo * 0.5 : lo - m;
  f.y1 = fDrawnMaximum != -1111 ? fDrawnMaximum : logy ? hi * 2 : hi + m;
  std::string t, x, y;
  splitTitle(fTitle, t, &x, &y);
  f.title = t;
  f.xtitle = fXaxis.GetTitle()[0] ? fXaxis.GetTitle() : x;
  f.xlook = fXaxis.Look(), f.ylook = fYaxis.Look();
  f.ytitle = fYaxis.GetTitle()[0] ? fYaxis.GetTitle() : y;
  return true;
}

inline void TF1::Paint(Painter &p, const std::string &) const { p.curve(*this, fLineColor, fLineWidth, fLineStyle); }

inline void TLegend::Paint(Painter &p, const std::string &) const {
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

inline bool TGraph::PaintStats(Painter &p, const std::string &) const {
  if (!gStyle->GetOptFit() || fFunctions.empty()) return false;
  std::vector<StatsLine> lines;
  appendFitLines(lines, fFunctions.back(), gStyle->GetOptFit());
  p.statsBox("", lines);
  return true;
}

} // namespace cppnb::root
