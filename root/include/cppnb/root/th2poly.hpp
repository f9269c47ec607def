// TH2Poly: a 2D histogram whose bins are polygons (detector cells, maps,
// honeycombs), as ROOT's: AddBin (a polygon, a rectangle, a TGraph),
// Honeycomb, Fill finding the bin that holds a point (through a grid of
// cells over the bins' extent, ROOT's "partition"), contents by bin number
// (1…; -1…-9 the overflow regions around the bins, -5 inside their extent
// but in no bin), drawn with "COL"/"COLZ" in the palette and "L" outlines.
#pragma once

#include "canvas.hpp"
#include "collections.hpp"
#include "graphs.hpp"
#include "histograms2d.hpp"
#include "painter.hpp"

#include <cfloat>
#include <cmath>
#include <memory>
#include <vector>

namespace cppnb::root {

class TH2PolyBin : public TObject {
public:
  TH2PolyBin() = default;
  TH2PolyBin(std::vector<double> x, std::vector<double> y, int number) : fX(std::move(x)), fY(std::move(y)), fNumber(number) {
    for (size_t i = 0; i < fX.size(); ++i)
      fXmin = std::min(fXmin, fX[i]), fXmax = std::max(fXmax, fX[i]), fYmin = std::min(fYmin, fY[i]), fYmax = std::max(fYmax, fY[i]);
  }
  const char *ClassName() const override { return "TH2PolyBin"; }
  int GetBinNumber() const { return fNumber; }
  double GetContent() const { return fContent; }
  void SetContent(double c) { fContent = c; }
  void ClearContent() { fContent = 0; }
  double GetXMin() const { return fXmin; }
  double GetXMax() const { return fXmax; }
  double GetYMin() const { return fYmin; }
  double GetYMax() const { return fYmax; }
  double GetArea() const {
    double a = 0;
    for (size_t i = 0, j = fX.size() - 1; i < fX.size(); j = i++) a += (fX[j] + fX[i]) * (fY[j] - fY[i]);
    return std::fabs(a) / 2;
  }
  // The polygon as a TGraph (ROOT gives the TGraph it was made from).
  TGraph *GetPolygon() {
    if (!fGraph) fGraph = std::make_shared<TGraph>(int(fX.size()), fX.data(), fY.data());
    return fGraph.get();
  }
  bool IsInside(double x, double y) const {
    if (x < fXmin || x > fXmax || y < fYmin || y > fYmax) return false;
    bool inside = false;
    for (size_t i = 0, j = fX.size() - 1; i < fX.size(); j = i++)
      if ((fY[i] > y) != (fY[j] > y) && x < (fX[j] - fX[i]) * (y - fY[i]) / (fY[j] - fY[i]) + fX[i]) inside = !inside;
    return inside;
  }
  const std::vector<double> &xs() const { return fX; }
  const std::vector<double> &ys() const { return fY; }

private:
  std::vector<double> fX, fY;
  int fNumber = 0;
  double fContent = 0, fXmin = DBL_MAX, fXmax = -DBL_MAX, fYmin = DBL_MAX, fYmax = -DBL_MAX;
  std::shared_ptr<TGraph> fGraph;
};

class TH2Poly : public TH2 {
public:
  // Without limits the histogram's extent follows the bins added (ROOT's "float").
  TH2Poly() : TH2("", "", 1, 0, 1, 1, 0, 1), fFloat(true) {}
  TH2Poly(const char *name, const char *title, double xlow, double xup, double ylow, double yup)
      : TH2(name, title, 1, xlow, xup, 1, ylow, yup) {}
  TH2Poly(const char *name, const char *title, int nx, double xlow, double xup, int ny, double ylow, double yup)
      : TH2(name, title, 1, xlow, xup, 1, ylow, yup), fCellsX(std::max(nx, 1)), fCellsY(std::max(ny, 1)) {}
  const char *ClassName() const override { return "TH2Poly"; }
  TH1 *Clone(const char *newname = "") const override { return cloneRenamed(*this, newname); }

  // A polygon of n vertices; its bin number (1…).
  int AddBin(int n, const double *x, const double *y) {
    if (n < 3 || !x || !y) {
      std::fprintf(stderr, "Error in <TH2Poly::AddBin>: a bin needs at least 3 vertices\n");
      return 0;
    }
    std::vector<double> xs(x, x + n), ys(y, y + n);
    fBins.push_back(std::make_shared<TH2PolyBin>(xs, ys, int(fBins.size()) + 1));
    const TH2PolyBin &b = *fBins.back();
    if (fFloat) {
      if (fBins.size() == 1) fX0 = b.GetXMin(), fX1 = b.GetXMax(), fY0 = b.GetYMin(), fY1 = b.GetYMax();
      fX0 = std::min(fX0, b.GetXMin()), fX1 = std::max(fX1, b.GetXMax()), fY0 = std::min(fY0, b.GetYMin()), fY1 = std::max(fY1, b.GetYMax());
      fXaxis.Set(1, fX0, fX1), fYaxis.Set(1, fY0, fY1);
    }
    fCells.clear();
    return b.GetBinNumber();
  }
  int AddBin(double x1, double y1, double x2, double y2) {
    double x[4] = {x1, x1, x2, x2}, y[4] = {y1, y2, y2, y1};
    return AddBin(4, x, y);
  }
  // A TGraph's points as a polygon (a TMultiGraph's graphs are ROOT's only).
  int AddBin(const TObject *polygon) {
    const auto *g = dynamic_cast<const TGraph *>(polygon);
    if (!g) {
      std::fprintf(stderr, "Error in <TH2Poly::AddBin>: a bin is made of a TGraph\n");
      return 0;
    }
    return AddBin(g->GetN(), g->GetX(), g->GetY());
  }
  // k columns and s rows of hexagons of side a from (xstart, ystart), the
  // rows alternately shifted by half a hexagon; "h" turns them a quarter.
  void Honeycomb(double xstart, double ystart, double a, int k, int s, Option_t *option = "v") {
    bool turned = lower(option ? option : "v").find('h') != std::string::npos;
    const double w = a * std::sqrt(3.0); // across the flats
    for (int row = 0; row < s; ++row) {
      double along = xstart + (row % 2 ? w / 2 : 0), across = ystart + a / 2 + row * 1.5 * a;
      for (int col = 0; col < k - (row % 2); ++col) {
        double u[6] = {along, along, along + w / 2, along + w, along + w, along + w / 2};
        double v[6] = {across, across + a, across + 1.5 * a, across + a, across, across - a / 2};
        if (turned) AddBin(6, v, u);
        else AddBin(6, u, v);
        along += w;
      }
    }
  }

  int GetNumberOfBins() const { return int(fBins.size()); }
  TList *GetBins() const {
    fBinList.Clear();
    for (const auto &b : fBins) fBinList.Add(b.get());
    return &fBinList;
  }
  // The bin that holds (x, y), or the overflow region around the bins:
  // -1 -2 -3 above (left to right), -4 -5 -6 level, -7 -8 -9 below.
  int FindBin(double x, double y, double = 0) {
    if (x >= fX0 && x <= fX1 && y >= fY0 && y <= fY1) {
      buildCells();
      int cx = std::clamp(int((x - fX0) / (fX1 - fX0) * fCellsX), 0, fCellsX - 1);
      int cy = std::clamp(int((y - fY0) / (fY1 - fY0) * fCellsY), 0, fCellsY - 1);
      for (int i : fCells[size_t(cy * fCellsX + cx)])
        if (fBins[size_t(i)]->IsInside(x, y)) return i + 1;
    }
    int column = x < fX0 ? 0 : x > fX1 ? 2 : 1, row = y > fY1 ? 0 : y < fY0 ? 2 : 1;
    return -(row * 3 + column + 1);
  }
  using TH2::Fill;
  int Fill(double x, double y) override { return Fill(x, y, 1.0); }
  int Fill(double x, double y, double w) override {
    int bin = FindBin(x, y);
    addToPolyBin(bin, w);
    if (bin > 0) addStats(w, x, y);
    return bin;
  }
  double GetBinContent(int bin) const {
    if (bin >= 1 && bin <= int(fBins.size())) return fBins[size_t(bin - 1)]->GetContent();
    return bin >= -9 && bin <= -1 ? fOverflow[size_t(-bin - 1)] : 0;
  }
  double GetBinContent(int, int) const { return 0; } // no (x, y) grid in a TH2Poly
  double GetBinError(int bin) const {
    if (bin < 1 || bin > int(fBins.size())) return 0;
    return fSumw2Poly.empty() ? std::sqrt(std::fabs(GetBinContent(bin))) : std::sqrt(fSumw2Poly[size_t(bin - 1)]);
  }
  void SetBinContent(int bin, double content) {
    if (bin >= 1 && bin <= int(fBins.size())) fBins[size_t(bin - 1)]->SetContent(content);
    else if (bin >= -9 && bin <= -1) fOverflow[size_t(-bin - 1)] = content;
    cppnb::root::touched(this);
  }
  double GetBinArea(int bin) const { return bin >= 1 && bin <= int(fBins.size()) ? fBins[size_t(bin - 1)]->GetArea() : 0; }
  void ClearBinContents() {
    for (auto &b : fBins) b->ClearContent();
    for (double &o : fOverflow) o = 0;
    fSumw2Poly.clear();
    fEntries = 0;
    fS = {};
  }
  void Reset(Option_t * = "") { ClearBinContents(); }
  double GetMaximum(double = DBL_MAX) const {
    double m = -DBL_MAX;
    for (const auto &b : fBins) m = std::max(m, b->GetContent());
    return fBins.empty() ? 0 : m;
  }
  double GetMinimum(double = -DBL_MAX) const {
    double m = DBL_MAX;
    for (const auto &b : fBins) m = std::min(m, b->GetContent());
    return fBins.empty() ? 0 : m;
  }
  double Integral(Option_t * = "") const {
    double s = 0;
    for (const auto &b : fBins) s += b->GetContent();
    return s;
  }
  // The grid of cells Fill searches through: n × m over the bins' extent.
  void ChangePartition(int n, int m) {
    fCellsX = std::max(n, 1), fCellsY = std::max(m, 1);
    fCells.clear();
  }
  void SetFloat(bool flag = true) { fFloat = flag; }

  inline bool FrameFor(const std::string &opt, bool logx, bool logy, FrameRequest &f) const override;
  inline void Paint(Painter &p, const std::string &opt) const override;

private:
  std::vector<std::shared_ptr<TH2PolyBin>> fBins;
  std::vector<double> fSumw2Poly;
  double fOverflow[9] = {0, 0, 0, 0, 0, 0, 0, 0, 0};
  bool fFloat = false;
  double fX0 = 0, fX1 = 1, fY0 = 0, fY1 = 1;
  int fCellsX = 25, fCellsY = 25;
  std::vector<std::vector<int>> fCells; // bins overlapping each cell, row by row
  mutable TList fBinList;

  void addToPolyBin(int bin, double w) {
    if (w != 1 && fSumw2Poly.empty()) {
      fSumw2Poly.resize(fBins.size());
      for (size_t i = 0; i < fBins.size(); ++i) fSumw2Poly[i] = std::fabs(fBins[i]->GetContent());
    }
    if (bin >= 1) {
      fBins[size_t(bin - 1)]->SetContent(fBins[size_t(bin - 1)]->GetContent() + w);
      if (!fSumw2Poly.empty()) fSumw2Poly[size_t(bin - 1)] += w * w;
    } else {
      fOverflow[size_t(-bin - 1)] += w;
    }
    ++fEntries;
  }
  void buildCells() {
    if (!fCells.empty()) return;
    if (!fFloat) fX0 = fXaxis.GetXmin(), fX1 = fXaxis.GetXmax(), fY0 = fYaxis.GetXmin(), fY1 = fYaxis.GetXmax();
    fCells.assign(size_t(fCellsX * fCellsY), {});
    double cw = (fX1 - fX0) / fCellsX, ch = (fY1 - fY0) / fCellsY;
    for (size_t i = 0; i < fBins.size(); ++i) {
      const TH2PolyBin &b = *fBins[i];
      int x0 = std::clamp(int((b.GetXMin() - fX0) / cw), 0, fCellsX - 1), x1 = std::clamp(int((b.GetXMax() - fX0) / cw), 0, fCellsX - 1);
      int y0 = std::clamp(int((b.GetYMin() - fY0) / ch), 0, fCellsY - 1), y1 = std::clamp(int((b.GetYMax() - fY0) / ch), 0, fCellsY - 1);
      for (int cy = y0; cy <= y1; ++cy)
        for (int cx = x0; cx <= x1; ++cx) fCells[size_t(cy * fCellsX + cx)].push_back(int(i));
    }
  }
};

inline bool TH2Poly::FrameFor(const std::string &opt, bool, bool, FrameRequest &f) const {
  std::string o = lower(opt.empty() ? fOption : opt);
  f.x0 = fXaxis.GetXmin(), f.x1 = fXaxis.GetXmax(), f.y0 = fYaxis.GetXmin(), f.y1 = fYaxis.GetXmax();
  if (fXaxis.HasUserRange()) f.x0 = fXaxis.DrawnMin(), f.x1 = fXaxis.DrawnMax();
  if (fYaxis.HasUserRange()) f.y0 = fYaxis.DrawnMin(), f.y1 = fYaxis.DrawnMax();
  f.title = fTitle, f.xtitle = fXaxis.GetTitle(), f.ytitle = fYaxis.GetTitle();
  f.xlook = fXaxis.Look(), f.ylook = fYaxis.Look();
  f.zAxis = o.find('z') != std::string::npos;
  f.z0 = HasMinimum() ? fMinimum : GetMinimum();
  f.z1 = HasMaximum() ? fMaximum : GetMaximum();
  if (f.z1 <= f.z0) f.z1 = f.z0 + 1;
  return true;
}

inline void TH2Poly::Paint(Painter &p, const std::string &opt) const {
  std::string o = lower(opt.empty() ? fOption : opt);
  bool colour = o.find("col") != std::string::npos;
  std::string rest = o; // "L" (outlines) is a letter of its own, not the l of "col"
  for (size_t at; (at = rest.find("col")) != std::string::npos;) rest.erase(at, 3);
  bool outline = rest.find('l') != std::string::npos || !colour;
  bool text = o.find("text") != std::string::npos;
  int levels = GetContour(), palette = gStyle->GetPalette();
  for (const auto &b : fBins) {
    std::vector<Point> pts;
    for (size_t i = 0; i < b->xs().size(); ++i) pts.push_back({p.X(b->xs()[i]), p.Y(b->ys()[i])});
    double v = b->GetContent();
    bool filled = colour && v != 0 && v >= p.frame.z0 && !(p.logz && v <= 0);
    std::string fill = "none";
    if (filled) {
      int level = std::clamp(int(p.zFraction(v) * levels), 0, levels - 1);
      fill = css(paletteColor(palette, (level + 0.5) / levels));
    }
    if (filled || outline) p.svg.polyline(pts, outline ? cssColor(fLineColor) : fill, outline ? 1 : 0.5, "", fill == "none" ? "none" : fill);
    if (outline && fill == "none") p.svg.polyline({pts.back(), pts.front()}, cssColor(fLineColor), 1);
    if (text && v != 0) {
      char label[32];
      std::snprintf(label, sizeof label, "%g", v);
      double cx = 0, cy = 0;
      for (const Point &q : pts) cx += q.x, cy += q.y;
      p.svg.text(cx / double(pts.size()), cy / double(pts.size()) + 3, label, 9, "middle");
    }
  }
}

} // namespace cppnb::root
