// How the histograms paint themselves (the TObject painting interface in
// core.hpp, the Painter in painter.hpp): their frame, bars, markers, error
// bars, colour maps, contours and boxes, and the stats box.
#pragma once

#include "histograms2d.hpp"
#include "painter.hpp"
#include "palette_axis.hpp"
#include "png.hpp"
#include "stats_box.hpp"

#include <cppnb/display.hpp> // base64

namespace cppnb::root {

// Colour maps of more cells than this are drawn as one image (png.hpp).
inline constexpr long kImageCells = 10000;

inline std::string TH1::EffectiveOption(const std::string &opt) const {
  std::string o = lower(opt.empty() ? fOption : opt);
  // What is left once "same" is taken out decides the style.
  std::string style = o;
  for (size_t at; (at = style.find("same")) != std::string::npos;) style.erase(at, 4);
  if (style.find_first_not_of(" ") == std::string::npos) return o + (fSumw2.empty() ? " hist" : " e");
  return o;
}

inline bool TH1::FrameFor(const std::string &opt, bool, bool logy, FrameRequest &f) const {
  std::string o = EffectiveOption(opt);
  f.x0 = fXaxis.DrawnMin(), f.x1 = fXaxis.DrawnMax();
  f.title = fTitle, f.xtitle = fXaxis.GetTitle(), f.ytitle = fYaxis.GetTitle();
  f.xlook = fXaxis.Look(), f.ylook = fYaxis.Look();
  f.xCentred = fXaxis.GetCenterTitle(), f.yCentred = fYaxis.GetCenterTitle();
  if (fXaxis.IsAlphanumeric()) {
    for (int b = std::max(1, fXaxis.GetFirst()); b <= fXaxis.GetLast(); ++b) f.xBinLabels.push_back(fXaxis.GetBinLabel(b));
    f.xLabelsVertical = fXaxis.VerticalLabels();
  }
  bool errors = optionLetters(o).find('e') != std::string::npos;
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

inline void TH1::Paint(Painter &p, const std::string &opt) const {
  using namespace cppnb::root;
  std::string o = EffectiveOption(opt);
  if (o.find("axis") != std::string::npos) return; // the frame and axes only (the pad draws them)
  std::string line = cssColor(fLineColor), dash = dashFor(fLineStyle);
  std::string letters = optionLetters(o);
  bool errors = letters.find('e') != std::string::npos, markersOnly = letters.find('p') != std::string::npos;
  bool polyline = letters.find('l') != std::string::npos || letters.find('c') != std::string::npos;
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
  // "HIST" draws the histogram only, not its functions (ROOT's THistPainter).
  if (!has(opt, "hist"))
    for (const TF1 &f : fFunctions) p.curve(f, f.GetLineColor(), f.GetLineWidth(), f.GetLineStyle());
}

inline void appendFitLines(std::vector<StatsLine> &lines, const TF1 &f, int optFit) {
  lines.push_back({"\u03c7\u00b2 / ndf", formatStat(f.GetChisquare()) + " / " + std::to_string(f.GetNDF())});
  if (optFit / 1000 % 10) lines.push_back({"Prob", formatStat(f.GetProb())});
  for (int i = 0; i < f.GetNpar(); ++i)
    lines.push_back({f.GetParName(i), formatStat(f.GetParameter(i)) + " \u00b1 " + formatStat(f.GetParError(i))});
}

inline void TH1::refreshStats() const {
  using namespace cppnb::root;
  int mode = gStyle->GetOptStat();
  if (mode == 1) mode = 1111; // SetOptStat()'s default means the usual four, as THistPainter reads it
  std::vector<StatsLine> lines;
  bool two = GetDimension() == 2;
  if (mode / 10 % 10) lines.push_back({"Entries", formatCount(GetEntries())});
  if (mode / 100 % 10) {
    if (two) lines.push_back({"Mean x", formatStat(GetMean(1))}), lines.push_back({"Mean y", formatStat(GetMean(2))});
    else lines.push_back({"Mean", formatStat(GetMean())});
  }
  if (mode / 1000 % 10) {
    if (two) lines.push_back({"Std Dev x", formatStat(GetStdDev(1))}), lines.push_back({"Std Dev y", formatStat(GetStdDev(2))});
    else lines.push_back({"Std Dev", formatStat(GetStdDev())});
  }
  if (!two && mode / 10000 % 10) lines.push_back({"Underflow", formatStat(GetBinContent(0))});
  if (!two && mode / 100000 % 10) lines.push_back({"Overflow", formatStat(GetBinContent(GetNbinsX() + 1))});
  if (mode / 1000000 % 10) lines.push_back({"Integral", formatStat(Integral())});
  bool fit = gStyle->GetOptFit() && !Functions().empty();
  if (fit) appendFitLines(lines, Functions().back(), gStyle->GetOptFit());
  auto &box = fStatsBox.value;
  if (mode == 0 && !fit) return box.reset();
  if (!box) box = std::make_shared<TPaveStats>();
  box->SetParent(const_cast<TH1 *>(this));
  box->SetOptStat(mode), box->SetOptFit(gStyle->GetOptFit());
  box->Fill(mode % 10 ? GetName() : "", lines);
}

inline void TH1::PadUpdated(const std::string &option) {
  if (GetStats()) refreshStats();
  if (GetDimension() == 2 && lower(option.empty() ? fOption : option).find('z') != std::string::npos) ensurePalette();
}

inline void TH1::ensurePalette() const {
  if (fFunctionList.value.FindObject("palette")) return;
  fPalette.value.reset(TPaletteAxis::following(const_cast<TH1 *>(this)));
  fFunctionList.value.Add(fPalette.value.get());
}

inline TList *TH1::GetListOfFunctions() const {
  TList &list = fFunctionList.value;
  auto &own = fListed.value;
  std::vector<TObject *> added; // by the macro: kept, after the histogram's own
  for (TObject *o : list)
    if (std::find(own.begin(), own.end(), o) == own.end()) added.push_back(o);
  list.Clear(), own.clear();
  for (const TF1 &f : fFunctions) list.Add(const_cast<TF1 *>(&f)), own.push_back(&f);
  if (fStatsBox.value) list.Add(fStatsBox.value.get()), own.push_back(fStatsBox.value.get());
  for (TObject *o : added) list.Add(o);
  return &list;
}

inline TObject *TH1::FindObject(const char *name) const {
  if (!name) return nullptr;
  if (fStatsBox.value && std::strcmp(fStatsBox.value->GetName(), name) == 0) return fStatsBox.value.get();
  for (TObject *o : *GetListOfFunctions())
    if (std::strcmp(o->GetName(), name) == 0) return o;
  return nullptr;
}

// The stats box ROOT draws for the histogram that made the frame (or drawn
// "SAMES"), what a macro added to its list of functions, and a 2D colour
// map's palette.
inline bool TH1::PaintStats(Painter &p, const std::string &opt) const {
  using namespace cppnb::root;
  // COLZ: the palette as an object in the list of functions, made the first
  // time (ROOT's TPaletteAxis named "palette"), painted with the others.
  if (GetDimension() == 2 && p.frame.zAxis) ensurePalette();
  for (TObject *o : fFunctionList.value)
    if (std::find(fListed.value.begin(), fListed.value.end(), o) == fListed.value.end()) o->Paint(p, "");
  // True when a box was painted: a pad's frame histogram without one (DrawFrame's)
  // leaves the pad's box to what is drawn on it (a fitted graph).
  if (has(opt, "same") && !has(opt, "sames")) return false;
  if (GetStats()) refreshStats(); // else the box stays as it was (a macro's changes kept)
  if (fStatsBox.value) fStatsBox.value->Paint(p, "");
  return fStatsBox.value != nullptr;
}

inline bool TH2::FrameFor(const std::string &opt, bool, bool, FrameRequest &f) const {
  std::string o = lower(opt.empty() ? fOption : opt);
  f.x0 = fXaxis.DrawnMin(), f.x1 = fXaxis.DrawnMax();
  f.y0 = fYaxis.DrawnMin(), f.y1 = fYaxis.DrawnMax();
  f.title = fTitle, f.xtitle = fXaxis.GetTitle(), f.ytitle = fYaxis.GetTitle();
  f.xlook = fXaxis.Look(), f.ylook = fYaxis.Look();
  f.xCentred = fXaxis.GetCenterTitle(), f.yCentred = fYaxis.GetCenterTitle();
  if (fXaxis.IsAlphanumeric()) {
    for (int b = std::max(1, fXaxis.GetFirst()); b <= fXaxis.GetLast(); ++b) f.xBinLabels.push_back(fXaxis.GetBinLabel(b));
    f.xLabelsVertical = fXaxis.VerticalLabels();
  }
  if (fYaxis.IsAlphanumeric()) {
    for (int b = std::max(1, fYaxis.GetFirst()); b <= fYaxis.GetLast(); ++b) f.yBinLabels.push_back(fYaxis.GetBinLabel(b));
    f.yLabelsVertical = fYaxis.VerticalLabels();
  }
  f.zAxis = o.find('z') != std::string::npos;
  double lo = DBL_MAX, hi = -DBL_MAX;
  forEachBin([&](int bin) { lo = std::min(lo, fArray[bin]), hi = std::max(hi, fArray[bin]); });
  if (lo > hi) lo = 0, hi = 1;
  f.z0 = HasMinimum() ? fMinimum : lo;
  f.z1 = HasMaximum() ? fMaximum : hi;
  if (f.z1 <= f.z0) f.z1 = f.z0 + 1;
  return true;
}

inline void TH2::Paint(Painter &p, const std::string &opt) const {
  using namespace cppnb::root;
  // "col [cut]": only the bins whose centres a TCutG of that name holds.
  std::string given = opt.empty() ? fOption : opt;
  size_t open = given.find('['), close = given.find(']', open == std::string::npos ? 0 : open);
  if (open != std::string::npos && close != std::string::npos) {
    std::string name = given.substr(open + 1, close - open - 1), rest = given.substr(0, open) + given.substr(close + 1);
    std::unique_ptr<TH1> kept(Clone());
    auto *h = static_cast<TH2 *>(kept.get());
    bool outside = !name.empty() && name[0] == '-'; // "[-cut]": the bins outside it
    if (const TCutG *cut = TCutG::find(outside ? name.substr(1) : name)) {
      for (int by = 0; by <= GetNbinsY() + 1; ++by)
        for (int bx = 0; bx <= GetNbinsX() + 1; ++bx)
          if (bool(cut->IsInside(fXaxis.GetBinCenter(bx), fYaxis.GetBinCenter(by))) == outside) h->fArray[size_t(GetBin(bx, by))] = 0;
    } else {
      std::fprintf(stderr, "Warning in <THistPainter::Paint>: no TCutG named %s; drawing every bin\n", name.c_str());
    }
    h->Paint(p, rest.find_first_not_of(' ') == std::string::npos ? "col" : rest);
    return;
  }
  std::string o = lower(given);
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
  } else if (long(x1 - x0 + 1) * (y1 - y0 + 1) > kImageCells && levels <= 255 && !fXaxis.IsVariableBinSize() && !fYaxis.IsVariableBinSize() &&
             !p.logx && !p.logy) {
    // A large map: its cells as one image (as ROOT's SVG output does), at
    // most a pixel a cell, so that the picture stays small whatever the bins.
    int nx = x1 - x0 + 1, ny = y1 - y0 + 1;
    double left = p.X(fXaxis.GetBinLowEdge(x0)), right = p.X(fXaxis.GetBinUpEdge(x1));
    double top = p.Y(fYaxis.GetBinUpEdge(y1)), bottom = p.Y(fYaxis.GetBinLowEdge(y0));
    int iw = std::clamp(int(std::ceil(right - left)), 1, nx), ih = std::clamp(int(std::ceil(bottom - top)), 1, ny);
    std::vector<png::Colour> colours{{255, 255, 255}}; // index 0: transparent, an empty cell
    for (int level = 0; level < levels; ++level) {
      Rgb c = paletteColor(palette, (level + 0.5) / levels);
      colours.push_back({(unsigned char)channelByte(c.r), (unsigned char)channelByte(c.g), (unsigned char)channelByte(c.b)});
    }
    std::vector<uint8_t> pixels(size_t(iw) * size_t(ih), 0);
    // A pixel over several cells shows the largest (a lone hot cell stays visible).
    auto span = [](int k, int n, int pixels) { return std::pair<int, int>{k * n / pixels, std::max(k * n / pixels, (k + 1) * n / pixels - 1)}; };
    for (int j = 0; j < ih; ++j)
      for (int i = 0; i < iw; ++i) {
        auto [ia, ib] = span(i, nx, iw);
        auto [ja, jb] = span(j, ny, ih);
        double v = 0;
        bool any = false;
        for (int b = ja; b <= jb; ++b)
          for (int a = ia; a <= ib; ++a) {
            double w = fArray[GetBin(x0 + a, y1 - b)];
            if (w != 0 && (!any || w > v)) v = w, any = true;
          }
        if (v == 0 || v < p.frame.z0 || (p.logz && v <= 0)) continue;
        int level = std::clamp(int(p.zFraction(std::min(v, p.frame.z1)) * levels), 0, levels - 1);
        pixels[size_t(j) * size_t(iw) + size_t(i)] = uint8_t(level + 1);
      }
    p.svg.raw("<image xmlns:xlink=\"http://www.w3.org/1999/xlink\" x=\"" + num(left) + "\" y=\"" + num(top) + "\" width=\"" + num(right - left) + "\" height=\"" + num(bottom - top) +
              "\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" xlink:href=\"data:image/png;base64," +
              cppnb::detail::base64(png::indexed(iw, ih, pixels, colours)) + "\"/>\n");
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

} // namespace cppnb::root
