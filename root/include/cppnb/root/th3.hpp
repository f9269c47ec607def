// Three-dimensional histograms: TH3 (TH3D, TH3F, TH3I) on TH1's bins, with
// their statistics along x, y and z, projections to one and two dimensions
// (ProjectionX/Y/Z, Project3D) and a picture like ROOT's "BOX": a box per
// bin, its volume in proportion to the content, in a frame cube (an oblique
// view, not yet ROOT's rotatable θ/φ one).
#pragma once

#include "histograms2d.hpp"
#include "painter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace cppnb::root {

class TH3 : public TH1 {
public:
  TH3() = default;
  TH3(const char *name, const char *title, int nx, double xlow, double xup, int ny, double ylow, double yup, int nz, double zlow,
      double zup) {
    SetName(name);
    TAttLine::operator=(TAttLine(gStyle->GetHistLineColor(), 1, gStyle->GetHistLineWidth()));
    fXaxis.Set(nx, xlow, xup), fYaxis.Set(ny, ylow, yup), fZaxis.Set(nz, zlow, zup);
    init(title);
    fArray.assign(cells(), 0);
  }
  TH3(const char *name, const char *title, int nx, const double *xedges, int ny, const double *yedges, int nz, const double *zedges) {
    SetName(name);
    TAttLine::operator=(TAttLine(gStyle->GetHistLineColor(), 1, gStyle->GetHistLineWidth()));
    fXaxis.Set(nx, xedges), fYaxis.Set(ny, yedges), fZaxis.Set(nz, zedges);
    init(title);
    fArray.assign(cells(), 0);
  }
  const char *ClassName() const override { return "TH3"; }
  int GetDimension() const override { return 3; }
  TH1 *Clone(const char *newname = "") const override { return cloneRenamed(*this, newname); }
  int GetBin(int bx, int by = 0, int bz = 0) const override {
    return bx + (fXaxis.GetNbins() + 2) * (by + (fYaxis.GetNbins() + 2) * bz);
  }
  int GetNbinsZ() const { return fZaxis.GetNbins(); }

  int Fill(double x) override { return refuse(x); }
  int Fill(double x, double) override { return refuse(x); }
  virtual int Fill(double x, double y, double z) { return Fill(x, y, z, 1.0); }
  virtual int Fill(double x, double y, double z, double w) {
    int bx = fXaxis.FindBin(x), by = fYaxis.FindBin(y), bz = fZaxis.FindBin(z);
    int bin = GetBin(bx, by, bz);
    addToBin(bin, w);
    if (inside(bx, by, bz)) addStats(w, x, y), fWz += w * z, fWz2 += w * z * z;
    return bin;
  }
  using TH1::GetBinContent;
  double GetBinContent(int bx, int by, int bz) const { return TH1::GetBinContent(GetBin(bx, by, bz)); }
  using TH1::SetBinContent;
  void SetBinContent(int bx, int by, int bz, double content) { TH1::SetBinContent(GetBin(bx, by, bz), content); }
  int FindBin(double x, double y, double z) const { return GetBin(fXaxis.FindBin(x), fYaxis.FindBin(y), fZaxis.FindBin(z)); }

  double GetMean(int axis = 1) const override {
    if (axis != 3) return TH1::GetMean(axis);
    Sums s = sums();
    return s.w == 0 ? 0 : fWz / s.w;
  }
  double GetStdDev(int axis = 1) const override {
    if (axis != 3) return TH1::GetStdDev(axis);
    Sums s = sums();
    if (s.w == 0) return 0;
    double m = fWz / s.w;
    return std::sqrt(std::max(0.0, fWz2 / s.w - m * m));
  }
  // Over the bins of the axes' ranges (ROOT's Integral()).
  double Integral(Option_t * = "") const {
    double s = 0;
    forEachBin3([&](int bin, int, int, int) { s += fArray[size_t(bin)]; });
    return s;
  }
  double GetMaximum(double maxval = DBL_MAX) const {
    if (fMaximum != -1111) return fMaximum;
    double m = -DBL_MAX;
    forEachBin3([&](int bin, int, int, int) {
      if (fArray[size_t(bin)] > m && fArray[size_t(bin)] < maxval) m = fArray[size_t(bin)];
    });
    return m == -DBL_MAX ? 0 : m;
  }

  // The contents summed over the other two axes (their ranges given as bins; by default all, as ROOT).
  TH1D *ProjectionX(const char *name = "_px", int y0 = 0, int y1 = -1, int z0 = 0, int z1 = -1, Option_t * = "") const {
    return project1(name, 'x', y0, y1, z0, z1);
  }
  TH1D *ProjectionY(const char *name = "_py", int x0 = 0, int x1 = -1, int z0 = 0, int z1 = -1, Option_t * = "") const {
    return project1(name, 'y', x0, x1, z0, z1);
  }
  TH1D *ProjectionZ(const char *name = "_pz", int x0 = 0, int x1 = -1, int y0 = 0, int y1 = -1, Option_t * = "") const {
    return project1(name, 'z', x0, x1, y0, y1);
  }
  // "x", "y", "z": a TH1D; two letters: a TH2D, the first the vertical axis
  // and the second the horizontal ("yx": x across, y up), as ROOT's. Over the
  // axes' ranges.
  TH1 *Project3D(Option_t *option = "x") const {
    std::string o;
    for (const char *c = option ? option : ""; *c; ++c)
      if (*c == 'x' || *c == 'y' || *c == 'z' || *c == 'X' || *c == 'Y' || *c == 'Z') o += char(std::tolower(static_cast<unsigned char>(*c)));
    if (o.size() == 1) return project1((fName + "_" + o).c_str(), o[0], 0, -1, 0, -1, true);
    if (o.size() != 2 || o[0] == o[1]) {
      std::fprintf(stderr, "Error in <TH3::Project3D>: option \"%s\" names no projection (x, y, z, or two of them: \"yx\"…)\n", option ? option : "");
      return nullptr;
    }
    const TAxis &across = axis(o[1]), &up = axis(o[0]);
    std::string name = fName + "_" + o;
    auto *h = new TH2D(name.c_str(), (fTitle + " (" + o + " projection)").c_str(), across.GetNbins(), across.GetXmin(), across.GetXmax(),
                       up.GetNbins(), up.GetXmin(), up.GetXmax());
    h->GetXaxis()->SetTitle(across.GetTitle()), h->GetYaxis()->SetTitle(up.GetTitle());
    forEachBin3([&](int bin, int bx, int by, int bz) {
      int b[3] = {bx, by, bz};
      double c = fArray[size_t(bin)];
      if (c == 0) return;
      int i = b[o[1] - 'x'], j = b[o[0] - 'x'];
      h->SetBinContent(i, j, h->GetBinContent(i, j) + c);
    });
    h->SetEntries(fEntries);
    return h;
  }

  inline bool FrameFor(const std::string &opt, bool logx, bool logy, FrameRequest &f) const override;
  // Painted over the pad with its own cube, not into a flat frame.
  PaintLayer Layer() const override { return PaintLayer::Overlay; }
  inline void Paint(Painter &p, const std::string &opt) const override;

private:
  double fWz = 0, fWz2 = 0;

  size_t cells() const { return size_t(fXaxis.GetNbins() + 2) * size_t(fYaxis.GetNbins() + 2) * size_t(fZaxis.GetNbins() + 2); }
  bool inside(int bx, int by, int bz) const {
    return bx >= 1 && bx <= fXaxis.GetNbins() && by >= 1 && by <= fYaxis.GetNbins() && bz >= 1 && bz <= fZaxis.GetNbins();
  }
  int refuse(double) {
    std::fprintf(stderr, "Error in <%s::Fill>: Invalid signature - do nothing (a 3D histogram needs x, y and z)\n", ClassName());
    return -1;
  }
  const TAxis &axis(char a) const { return a == 'x' ? fXaxis : a == 'y' ? fYaxis : fZaxis; }
  template <class F> void forEachBin3(F f) const {
    for (int bz = fZaxis.GetFirst(); bz <= fZaxis.GetLast(); ++bz)
      for (int by = fYaxis.GetFirst(); by <= fYaxis.GetLast(); ++by)
        for (int bx = fXaxis.GetFirst(); bx <= fXaxis.GetLast(); ++bx) f(GetBin(bx, by, bz), bx, by, bz);
  }
  // Along a, summed over the other axes' bins [lo1, hi1] and [lo2, hi2] (in
  // the order x, y, z without a); inRange: the axes' ranges instead.
  TH1D *project1(const char *name, char a, int lo1, int hi1, int lo2, int hi2, bool inRange = false) const {
    std::string n = name ? name : "";
    if (n == "_px" || n == "_py" || n == "_pz") n = fName + n;
    const TAxis &along = axis(a);
    std::vector<double> edges;
    for (int i = 1; i <= along.GetNbins() + 1; ++i) edges.push_back(along.GetBinLowEdge(i));
    auto *h = new TH1D(n.c_str(), fTitle.c_str(), along.GetNbins(), edges.data());
    h->GetXaxis()->SetTitle(along.GetTitle());
    const TAxis &o1 = axis(a == 'x' ? 'y' : 'x'), &o2 = axis(a == 'z' ? 'y' : 'z');
    auto range = [&](const TAxis &ax, int &lo, int &hi) {
      if (inRange) lo = ax.GetFirst(), hi = ax.GetLast();
      else if (hi < lo) lo = 0, hi = ax.GetNbins() + 1;
    };
    range(o1, lo1, hi1), range(o2, lo2, hi2);
    for (int i = 0; i <= along.GetNbins() + 1; ++i) {
      double s = 0;
      for (int j = lo1; j <= hi1; ++j)
        for (int k = lo2; k <= hi2; ++k) {
          int b[3];
          b[a - 'x'] = i;
          b[a == 'x' ? 1 : 0] = j;
          b[a == 'z' ? 1 : 2] = k;
          s += fArray[size_t(GetBin(b[0], b[1], b[2]))];
        }
      h->SetBinContent(i, s);
    }
    h->SetEntries(fEntries);
    return h;
  }
};

#define CPPNB_TH3_KIND(Name)                                                                                                    \
  class Name : public TH3 {                                                                                                      \
  public:                                                                                                                        \
    Name() = default;                                                                                                            \
    Name(const char *name, const char *title, int nx, double xlow, double xup, int ny, double ylow, double yup, int nz, double zlow, \
         double zup)                                                                                                             \
        : TH3(name, title, nx, xlow, xup, ny, ylow, yup, nz, zlow, zup) {}                                                       \
    Name(const char *name, const char *title, int nx, const double *xedges, int ny, const double *yedges, int nz,               \
         const double *zedges)                                                                                                   \
        : TH3(name, title, nx, xedges, ny, yedges, nz, zedges) {}                                                                \
    const char *ClassName() const override { return #Name; }                                                                     \
    TH1 *Clone(const char *newname = "") const override { return cloneRenamed(*this, newname); }                                 \
  };
CPPNB_TH3_KIND(TH3D)
CPPNB_TH3_KIND(TH3F)
CPPNB_TH3_KIND(TH3I)
#undef CPPNB_TH3_KIND

// No flat frame: the picture is its own cube.
inline bool TH3::FrameFor(const std::string &, bool, bool, FrameRequest &) const { return false; }

inline void TH3::Paint(Painter &p, const std::string &) const {
  // An oblique view of the cube [0,1]³: x along the front edge to the right,
  // y going back to the upper right, z up; seen from the front, right and top.
  double size = std::min(p.W / 1.45, p.H / 1.35) * 0.8;
  double ox = (p.W - size * 1.1) / 2, oy = p.H * 0.88;
  auto at = [&](double u, double v, double w) { return Point{ox + size * (0.75 * u + 0.35 * v), oy - size * (0.7 * w + 0.3 * v)}; };
  auto frac = [](const TAxis &a, double x) { return (x - a.GetXmin()) / (a.GetXmax() - a.GetXmin()); };
  auto line = [&](Point a, Point b) { p.svg.line(a.x, a.y, b.x, b.y, "#000000", 0.8); };
  // The edges at the hidden corner (0, 1, 0) first: the boxes hide them.
  line(at(0, 1, 0), at(1, 1, 0)), line(at(0, 1, 0), at(0, 0, 0)), line(at(0, 1, 0), at(0, 1, 1));
  double max = GetMaximum();
  // Each face shaded as lit from the upper left, as ROOT's boxes are.
  Rgb base = IsFilled() ? colorRgb(fFillColor) : Rgb{1, 1, 1};
  auto shade = [&](double k) { return css({std::min(1.0, base.r * k), std::min(1.0, base.g * k), std::min(1.0, base.b * k)}); };
  std::string front = shade(1.0), side = shade(0.75), top = shade(1.2), stroke = cssColor(fLineColor);
  struct Box {
    int bx, by, bz;
    double u, v, w, hu, hv, hw;
  };
  std::vector<Box> boxes;
  if (max > 0)
    forEachBin3([&](int bin, int bx, int by, int bz) {
      double c = fArray[size_t(bin)];
      if (c <= 0) return;
      double k = std::cbrt(c / max) / 2;
      boxes.push_back({bx, by, bz, frac(fXaxis, fXaxis.GetBinCenter(bx)), frac(fYaxis, fYaxis.GetBinCenter(by)),
                       frac(fZaxis, fZaxis.GetBinCenter(bz)), k * fXaxis.GetBinWidth(bx) / (fXaxis.GetXmax() - fXaxis.GetXmin()),
                       k * fYaxis.GetBinWidth(by) / (fYaxis.GetXmax() - fYaxis.GetXmin()),
                       k * fZaxis.GetBinWidth(bz) / (fZaxis.GetXmax() - fZaxis.GetXmin())});
    });
  // Painter's order for this view: back rows first, then bottom up, then left to right.
  std::sort(boxes.begin(), boxes.end(), [](const Box &a, const Box &b) {
    if (a.by != b.by) return a.by > b.by;
    if (a.bz != b.bz) return a.bz < b.bz;
    return a.bx < b.bx;
  });
  for (const Box &b : boxes) {
    double u0 = b.u - b.hu, u1 = b.u + b.hu, v0 = b.v - b.hv, v1 = b.v + b.hv, w0 = b.w - b.hw, w1 = b.w + b.hw;
    p.svg.polyline({at(u0, v0, w0), at(u1, v0, w0), at(u1, v0, w1), at(u0, v0, w1)}, stroke, 0.5, "", front);
    p.svg.polyline({at(u1, v0, w0), at(u1, v1, w0), at(u1, v1, w1), at(u1, v0, w1)}, stroke, 0.5, "", side);
    p.svg.polyline({at(u0, v0, w1), at(u1, v0, w1), at(u1, v1, w1), at(u0, v1, w1)}, stroke, 0.5, "", top);
  }
  line(at(0, 0, 0), at(1, 0, 0)), line(at(1, 0, 0), at(1, 1, 0)), line(at(1, 1, 0), at(1, 1, 1));
  line(at(0, 0, 0), at(0, 0, 1)), line(at(1, 0, 0), at(1, 0, 1)), line(at(0, 0, 1), at(1, 0, 1));
  line(at(0, 0, 1), at(0, 1, 1)), line(at(1, 0, 1), at(1, 1, 1)), line(at(0, 1, 1), at(1, 1, 1));
  // The axes' ranges at their edges' ends, their titles, and the title on top.
  double ls = p.labelSize() * 0.9;
  auto text = [&](Point q, double dx, double dy, const std::string &s, const char *anchor, double angle = 0) {
    p.svg.text(q.x + dx, q.y + dy, s, ls, anchor, angle);
  };
  auto number = [](double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%g", v);
    return std::string(b);
  };
  text(at(0, 0, 0), 0, ls * 1.3, number(fXaxis.GetXmin()), "middle");
  text(at(1, 0, 0), 0, ls * 1.3, number(fXaxis.GetXmax()), "middle");
  text(at(1, 0, 0), ls * 0.5, ls * 0.9, number(fYaxis.GetXmin()), "start");
  text(at(1, 1, 0), ls * 0.5, ls * 0.4, number(fYaxis.GetXmax()), "start");
  text(at(0, 0, 0), -ls * 0.4, 0, number(fZaxis.GetXmin()), "end");
  text(at(0, 0, 1), -ls * 0.4, ls * 0.35, number(fZaxis.GetXmax()), "end");
  if (*fXaxis.GetTitle()) text(at(0.5, 0, 0), 0, ls * 2.6, fXaxis.GetTitle(), "middle");
  if (*fYaxis.GetTitle()) text(at(1, 0.5, 0), ls * 1.5, ls * 1.2, fYaxis.GetTitle(), "start");
  if (*fZaxis.GetTitle()) text(at(0, 0, 0.5), -ls * 2.2, 0, fZaxis.GetTitle(), "middle", -90);
  if (!fTitle.empty() && gStyle->GetOptTitle()) p.svg.text(p.W / 2, p.H * 0.07, fTitle, p.labelSize() * 1.3, "middle");
}

} // namespace cppnb::root
