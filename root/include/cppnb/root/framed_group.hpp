// What THStack and TMultiGraph share: a title "title;x title;y title" whose
// axis titles go to the histogram that holds the frame's axes (GetXaxis,
// GetHistogram), and the limits of y set by hand.
#pragma once

#include "histograms.hpp"

namespace cppnb::root {

class FramedGroup : public TNamed {
public:
  void SetTitle(const char *title = "") override {
    std::string t, x, y;
    splitTitle(title ? title : "", t, &x, &y);
    fTitle = t;
    if (!x.empty()) fFrame.GetXaxis()->SetTitle(x.c_str());
    if (!y.empty()) fFrame.GetYaxis()->SetTitle(y.c_str());
  }
  TH1 *GetHistogram() { return &fFrame; }
  TAxis *GetXaxis() { return fFrame.GetXaxis(); }
  TAxis *GetYaxis() { return fFrame.GetYaxis(); }
  void SetMinimum(double m = -1111) { fMinimum = m; }
  void SetMaximum(double m = -1111) { fMaximum = m; }

protected:
  FramedGroup() = default;
  FramedGroup(const char *name, const char *title) : TNamed(name, "") { SetTitle(title); }
  // The frame's title, axis titles and y limits from the group's own.
  void titleFrame(FrameRequest &f) const {
    f.title = fTitle;
    f.xtitle = fFrame.GetXaxis()->GetTitle(), f.ytitle = fFrame.GetYaxis()->GetTitle();
    f.xlook = fFrame.GetXaxis()->Look(), f.ylook = fFrame.GetYaxis()->Look();
    if (fMinimum != -1111) f.y0 = fMinimum;
    if (fMaximum != -1111) f.y1 = fMaximum;
  }
  TH1F fFrame;
  double fMinimum = -1111, fMaximum = -1111;
};

} // namespace cppnb::root
