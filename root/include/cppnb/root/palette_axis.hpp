// TPaletteAxis: the colour scale of a 2D histogram drawn with "COLZ", an
// object in the histogram's list of functions named "palette" as in ROOT.
// The painter makes one at the frame's right the first time (found after
// gPad->Update() with GetListOfFunctions()->FindObject("palette") and moved
// with SetX1NDC…); a macro can also place its own, in the frame's
// coordinates or NDC, upright or lying (wider than high: the scale runs
// left to right).
#pragma once

#include "histograms.hpp"
#include "pave.hpp"

namespace cppnb::root {

class TPaletteAxis : public TPave {
public:
  TPaletteAxis() = default;
  TPaletteAxis(double x1, double y1, double x2, double y2, TH1 *h, Option_t *option = "br")
      : TPave(x1, y1, x2, y2, 4, option), fH(h) {}
  const char *GetName() const override { return "palette"; }
  const char *ClassName() const override { return "TPaletteAxis"; }
  TObject *Clone(const char * = "") const override { return new TPaletteAxis(*this); }
  TH1 *GetHistogram() const { return fH; }
  void SetHistogram(TH1 *h) { fH = h; }
  // The palette the painter makes: it follows the frame until a macro moves it.
  static TPaletteAxis *following(TH1 *h) {
    // Where it will be: right of the current pad's frame (the first paint
    // puts it exactly there).
    double right = gPad ? 1 - gPad->GetRightMargin() : 0.9, bottom = gPad ? gPad->GetBottomMargin() : 0.1,
           top = gPad ? 1 - gPad->GetTopMargin() : 0.9;
    auto *p = new TPaletteAxis(right + 0.005, bottom, right + 0.045, top, h, "brNDC");
    p->fFollows = true;
    return p;
  }

  void Paint(Painter &p, const std::string &) const override {
    if (!p.haveFrame) return;
    double l, t, r, b;
    if (fFollows && fPlaced == 0) {
      l = p.right + 0.005 * p.W, r = p.right + 0.045 * p.W, t = p.top, b = p.bottom;
      // Kept in NDC so that GetX1NDC… read where it is, as in ROOT.
      auto *self = const_cast<TPaletteAxis *>(this);
      self->fX1 = l / p.W, self->fX2 = r / p.W, self->fY1 = 1 - b / p.H, self->fY2 = 1 - t / p.H;
    } else {
      box(p, l, t, r, b);
    }
    p.paletteAxisIn(fH ? fH->GetContour() : 20, fH ? fH->GetZaxis()->GetTitle() : "", l, t, r, b);
  }

private:
  TH1 *fH = nullptr;
  bool fFollows = false;
};

} // namespace cppnb::root
