// TRatioPlot: two histograms (or one and its fit) in an upper pad and, in a
// lower pad sharing its x axis, their ratio, difference or the fit's
// residuals, as ROOT's. The upper pad shows h1's axes without x labels (a
// frame of its own, h1 drawn over it); the lower pad's first graph sets its
// frame (GetLowerRefGraph, whose SetMinimum/SetMaximum set the range), with
// text as large in pixels as the upper pad's.
#pragma once

#include "canvas.hpp"
#include "graphs.hpp"
#include "histograms.hpp"
#include "painter.hpp"
#include "primitives.hpp"

#include <memory>

namespace cppnb::root {

// Dashed horizontal lines across a pad's frame at given heights (the ratio
// plot's gridlines), clipped to it.
class HorizontalLines : public TObject {
public:
  std::vector<double> fY;
  const char *ClassName() const override { return "TLine"; }
  bool ClearsPad(const std::string &) const override { return false; }
  void Paint(Painter &p, const std::string &) const override {
    for (double y : fY)
      if (p.Y(y) >= p.top && p.Y(y) <= p.bottom) p.svg.line(p.left, p.Y(y), p.right, p.Y(y), "#000000", 1, "4,4");
  }
};

class TRatioPlot : public TObject {
public:
  // Ratio ("pois", the default: Poisson means; "divsym" or "errprop": TH1::Divide's
  // symmetric errors), difference ("diff") or difference in sigmas ("diffsig").
  TRatioPlot(TH1 *h1, TH1 *h2, Option_t *option = "pois") : fH1(h1), fH2(h2) {
    if (!h1 || !h2) {
      std::fprintf(stderr, "Warning in <TRatioPlot::TRatioPlot>: Need two histograms.\n");
      return;
    }
    std::string o = lower(option ? option : "");
    fMode = o.find("divsym") != std::string::npos || o.find("errprop") != std::string::npos ? Mode::DivideHist
            : o.find("diffsig") != std::string::npos                                        ? Mode::DifferenceSigma
            : o.find("diff") != std::string::npos                                           ? Mode::Difference
                                                                                            : Mode::DivideGraph;
    fErrFunc = false;
    build();
  }
  // The residuals of h1's fit, (h1 - f) / σ with σ h1's bin error ("errfunc": √f),
  // with the fit's 1σ and 2σ confidence bands.
  TRatioPlot(TH1 *h1, Option_t *option = "", TFitResult * = nullptr) : fH1(h1), fMode(Mode::FitResidual) {
    if (!h1 || h1->Functions().empty()) {
      std::fprintf(stderr, "Warning in <TRatioPlot::TRatioPlot>: %s\n",
                   h1 ? "Histogram given needs to have a (fit) function associated with it" : "Need a histogram.");
      fH1 = nullptr;
      return;
    }
    fErrFunc = lower(option ? option : "").find("errfunc") != std::string::npos;
    build();
  }
  const char *ClassName() const override { return "TRatioPlot"; }
  const char *GetName() const override { return "TRatioPlot"; }

  // Draws both pads into the current pad. Options: "grid" (default) / "nogrid"
  // for the dashed lines, "confint" (default) / "noconfint" for the fit's bands.
  void Draw(Option_t *option = "") override {
    if (!fH1) return;
    std::string o = lower(option ? option : "");
    if (o.find("nogrid") != std::string::npos) fShowGridlines = false;
    if (o.find("noconfint") != std::string::npos) fShowConfidence = false;
    if (!gPad) TObject::Draw(""); // a default canvas, as ROOT's
    TVirtualPad *parent = gPad;
    double sf = fSplitFraction;
    fUpperPad = std::make_unique<TPad>("upper_pad", "", 0, sf, 1, 1);
    fLowerPad = std::make_unique<TPad>("lower_pad", "", 0, 0, 1, sf);
    setMargins();
    fUpperPad->SetLogx(parent->GetLogx()), fLowerPad->SetLogx(parent->GetLogx());
    fUpperPad->SetLogy(parent->GetLogy());
    fUpperPad->SetGridx(parent->GetGridx()), fUpperPad->SetGridy(parent->GetGridy());
    fLowerPad->SetGridx(parent->GetGridx()), fLowerPad->SetGridy(parent->GetGridy());
    fUpperPad->Draw();
    fLowerPad->Draw();

    fUpperPad->cd();
    drawUpper();
    fLowerPad->cd();
    drawLower(parent);
    parent->cd();
  }

  TPad *GetUpperPad() const { return fUpperPad.get(); }
  TPad *GetLowerPad() const { return fLowerPad.get(); }
  // The graph that sets the lower pad's frame: its range is the lower pad's.
  TGraph *GetLowerRefGraph() const {
    if (fMode == Mode::FitResidual && fShowConfidence && fCI2) return fCI2.get();
    return fRatioGraph.get();
  }
  TAxis *GetLowerRefXaxis() const { return GetLowerRefGraph() ? GetLowerRefGraph()->GetXaxis() : nullptr; }
  TAxis *GetLowerRefYaxis() const { return GetLowerRefGraph() ? GetLowerRefGraph()->GetYaxis() : nullptr; }
  TAxis *GetLowYaxis() const { return GetLowerRefYaxis(); }
  TObject *GetUpperRefObject() const { return fUpperFrame.get(); }
  TAxis *GetUpperRefXaxis() const { return fUpperFrame ? fUpperFrame->GetXaxis() : nullptr; }
  TAxis *GetUpperRefYaxis() const { return fUpperFrame ? fUpperFrame->GetYaxis() : nullptr; }
  TAxis *GetUpYaxis() const { return GetUpperRefYaxis(); }
  TAxis *GetXaxis() const { return GetLowerRefXaxis(); }
  TGraph *GetCalculationOutputGraph() const { return fRatioGraph.get(); }
  TGraphErrors *GetConfidenceInterval1() const { return fCI1.get(); }
  TGraphErrors *GetConfidenceInterval2() const { return fCI2.get(); }

  void SetGridlines(const std::vector<double> &positions) { fGridlines = positions; }
  void SetGridlines(const double *positions, int n) { fGridlines.assign(positions, positions + std::max(n, 0)); }
  std::vector<double> GetGridlines() const { return fGridlines; }
  // The fill colours of the 1σ and 2σ bands (green and yellow by default).
  void SetConfidenceIntervalColors(Color_t ci1 = kGreen, Color_t ci2 = kYellow) { fCi1Color = ci1, fCi2Color = ci2; }
  void SetConfidenceLevels(double cl1, double cl2) { fCl1 = cl1, fCl2 = cl2; }
  void SetH1DrawOpt(Option_t *opt) { fOptH1 = opt ? opt : ""; }
  void SetH2DrawOpt(Option_t *opt) { fOptH2 = opt ? opt : ""; }
  void SetGraphDrawOpt(Option_t *opt) { fOptGraph = opt ? opt : ""; }
  void SetFitDrawOpt(Option_t *) {}
  // The part of the canvas the lower pad takes (0.3 by default).
  void SetSplitFraction(float sf) { fSplitFraction = std::clamp(sf, 0.05f, 0.95f); }
  // The gap between the pads' frames, as a fraction of the canvas, split between them.
  void SetSeparationMargin(float margin) {
    fUpBottomMargin = margin / 2 / (1 - fSplitFraction);
    fLowTopMargin = margin / 2 / fSplitFraction;
    setMargins();
  }
  float GetSeparationMargin() const { return fUpBottomMargin * (1 - fSplitFraction) + fLowTopMargin * fSplitFraction; }
  void SetUpTopMargin(float m) { fUpTopMargin = m, setMargins(); }
  void SetUpBottomMargin(float m) { fUpBottomMargin = m, setMargins(); }
  void SetLowTopMargin(float m) { fLowTopMargin = m, setMargins(); }
  void SetLowBottomMargin(float m) { fLowBottomMargin = m, setMargins(); }
  void SetLeftMargin(float m) { fLeftMargin = m, setMargins(); }
  void SetRightMargin(float m) { fRightMargin = m, setMargins(); }
  float GetUpTopMargin() const { return fUpTopMargin; }
  float GetUpBottomMargin() const { return fUpBottomMargin; }
  float GetLowTopMargin() const { return fLowTopMargin; }
  float GetLowBottomMargin() const { return fLowBottomMargin; }
  float GetLeftMargin() const { return fLeftMargin; }
  float GetRightMargin() const { return fRightMargin; }

private:
  enum class Mode { DivideGraph, DivideHist, Difference, DifferenceSigma, FitResidual };
  TH1 *fH1 = nullptr, *fH2 = nullptr;
  Mode fMode = Mode::DivideGraph;
  bool fErrFunc = false, fShowGridlines = true, fShowConfidence = true;
  std::string fOptH1 = "hist", fOptH2 = "E", fOptGraph = "AP";
  double fCl1 = 0.682689492137, fCl2 = 0.954499736104;
  Color_t fCi1Color = kGreen, fCi2Color = kYellow;
  float fSplitFraction = 0.3f, fUpTopMargin = 0.1f, fUpBottomMargin = 0.05f, fLowTopMargin = 0.05f, fLowBottomMargin = 0.3f;
  float fLeftMargin = 0.1f, fRightMargin = 0.1f;
  std::vector<double> fGridlines;
  std::unique_ptr<TPad> fUpperPad, fLowerPad;
  std::unique_ptr<TH1> fUpperFrame;
  std::unique_ptr<TGraphAsymmErrors> fRatioGraph;
  std::unique_ptr<TGraphErrors> fCI1, fCI2;
  std::unique_ptr<HorizontalLines> fLines;

  void setMargins() {
    for (TPad *pad : {fUpperPad.get(), fLowerPad.get()})
      if (pad) pad->SetLeftMargin(fLeftMargin), pad->SetRightMargin(fRightMargin);
    if (fUpperPad) fUpperPad->SetTopMargin(fUpTopMargin), fUpperPad->SetBottomMargin(fUpBottomMargin);
    if (fLowerPad) fLowerPad->SetTopMargin(fLowTopMargin), fLowerPad->SetBottomMargin(fLowBottomMargin);
  }

  // The lower graph (and the fit's bands), computed once from the histograms.
  void build() {
    fRatioGraph = std::make_unique<TGraphAsymmErrors>();
    fRatioGraph->SetTitle("");
    const TH1 &h1 = *fH1;
    int n = h1.GetNbinsX();
    auto point = [&](int b, double y, double eyl, double eyh) {
      int i = fRatioGraph->GetN();
      fRatioGraph->SetPoint(i, h1.GetBinCenter(b), y);
      fRatioGraph->SetPointError(i, h1.GetBinWidth(b) / 2, h1.GetBinWidth(b) / 2, eyl, eyh);
    };
    switch (fMode) {
    case Mode::DivideGraph:
      fGridlines = {0.7, 1.0, 1.3};
      fRatioGraph->Divide(fH1, fH2, "pois");
      break;
    case Mode::DivideHist:
      fGridlines = {0.7, 1.0, 1.3};
      for (int b = 1; b <= n; ++b) {
        double c2 = fH2->GetBinContent(b);
        if (c2 == 0) continue;
        double r = h1.GetBinContent(b) / c2;
        double e = std::sqrt(std::pow(h1.GetBinError(b) / c2, 2) + std::pow(r * fH2->GetBinError(b) / c2, 2));
        point(b, r, e, e);
      }
      break;
    case Mode::Difference:
      fGridlines = {0.0};
      for (int b = 1; b <= n; ++b) {
        double e = std::hypot(h1.GetBinError(b), fH2->GetBinError(b));
        point(b, h1.GetBinContent(b) - fH2->GetBinContent(b), e, e);
      }
      break;
    case Mode::DifferenceSigma:
      fGridlines = {1.0, 0.0, -1.0};
      for (int b = 1; b <= n; ++b)
        if (double e = h1.GetBinError(b); e != 0) point(b, (h1.GetBinContent(b) - fH2->GetBinContent(b)) / e, 0.5, 0.5);
      break;
    case Mode::FitResidual: {
      fGridlines = {1.0, 0.0, -1.0};
      const TF1 &f = h1.Functions().back();
      fCI1 = std::make_unique<TGraphErrors>();
      fCI2 = std::make_unique<TGraphErrors>();
      std::vector<double> p(f.GetParameters(), f.GetParameters() + f.GetNpar());
      for (int b = 1; b <= n; ++b) {
        double x = h1.GetBinCenter(b), fx = f.Eval(x);
        double e = fErrFunc ? std::sqrt(std::max(0.0, fx)) : h1.GetBinError(b);
        if (e == 0) continue;
        point(b, (h1.GetBinContent(b) - fx) / e, 0.5, 0.5);
        auto model = [&](const double *q) { return f.EvalPar(&x, q); };
        int i = fCI1->GetN();
        fCI1->SetPoint(i, x, 0), fCI2->SetPoint(i, x, 0);
        fCI1->SetPointError(i, 0, confidenceHalfWidth(model, p, f.FitCovariance(), f.GetChisquare(), f.GetNDF(), fCl1) / e);
        fCI2->SetPointError(i, 0, confidenceHalfWidth(model, p, f.FitCovariance(), f.GetChisquare(), f.GetNDF(), fCl2) / e);
      }
      fCI1->SetTitle(""), fCI2->SetTitle("");
      break;
    }
    }
  }

  void drawUpper() {
    // h1's axes, as high as both histograms, without x labels or title (the lower pad has them).
    fUpperFrame.reset(fH1->Clone((std::string(fH1->GetName()) + "_frame").c_str()));
    fUpperFrame->SetDirectory(nullptr);
    if (fH2 && fH1->GetMaximumStored() == -1111) {
      double top = 0;
      for (const TH1 *h : {fH1, fH2})
        for (int b = 1; b <= h->GetNbinsX(); ++b) top = std::max(top, h->GetBinContent(b) + h->GetBinError(b));
      if (top > 0) fUpperFrame->SetMaximum(fUpperPad->GetLogy() ? top * 2 : top * 1.05);
    }
    fUpperFrame->GetXaxis()->SetLabelSize(0);
    fUpperFrame->GetXaxis()->SetTitleSize(0);
    fUpperFrame->Draw("AXIS");
    fH1->Draw((fOptH1 + " same").c_str());
    if (fH2) fH2->Draw((fOptH2 + " same").c_str());
    if (fMode == Mode::FitResidual) fH1->Functions().back().DrawCopy("same");
  }

  void drawLower(TVirtualPad *parent) {
    // Text as large in pixels as the upper pad's, ticks as long.
    double w = parent->PixelWidth(), h = parent->PixelHeight();
    double upSide = std::min(w, h * (1 - fSplitFraction)), lowSide = std::min(w, h * fSplitFraction);
    double text = upSide / lowSide;
    double frames = ((1 - fSplitFraction) * (1 - fUpTopMargin - fUpBottomMargin)) / (fSplitFraction * (1 - fLowTopMargin - fLowBottomMargin));
    TGraph *ref = GetLowerRefGraph();
    const TAxis &upX = *fH1->GetXaxis(), &upY = *fH1->GetYaxis();
    TAxis *x = ref->GetXaxis(), *y = ref->GetYaxis();
    x->SetTitle(upX.GetTitle());
    x->SetLimits(upX.DrawnMin(), upX.DrawnMax());
    x->SetLabelSize(upX.GetLabelSize() * float(text)), x->SetTitleSize(upX.GetTitleSize() * float(text));
    x->SetTickLength(upX.GetTickLength() * float(frames));
    y->SetLabelSize(upY.GetLabelSize() * float(text)), y->SetTitleSize(upY.GetTitleSize() * float(text));
    y->SetTitleOffset(upY.GetTitleOffset());
    y->SetNdivisions(505);
    std::string graphOpt = fOptGraph;
    if (fMode == Mode::FitResidual && fShowConfidence) {
      fCI2->SetFillColor(fCi2Color), fCI1->SetFillColor(fCi1Color);
      fCI2->GetXaxis()->SetLimits(upX.DrawnMin(), upX.DrawnMax());
      fCI2->Draw("A3");
      fCI1->Draw("3");
      for (char &c : graphOpt)
        if (c == 'a' || c == 'A') c = ' ';
      fRatioGraph->Draw((graphOpt + " same").c_str());
    } else {
      if (lower(graphOpt).find('a') == std::string::npos) graphOpt = "A" + graphOpt;
      fRatioGraph->Draw(graphOpt.c_str());
    }
    if (fShowGridlines && !fGridlines.empty()) {
      fLines = std::make_unique<HorizontalLines>();
      fLines->fY = fGridlines;
      fLines->Draw("same");
    }
  }
};

} // namespace cppnb::root
