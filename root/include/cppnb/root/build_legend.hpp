// TVirtualPad::BuildLegend: a legend of what a pad shows, as ROOT makes it.
#pragma once

#include "canvas.hpp"
#include "legend.hpp"
#include "multigraph.hpp"
#include "stack.hpp"

namespace cppnb::root {

inline TLegendEntry *TLegend::AddEntry(const char *name, const char *label, Option_t *option) {
  const TObject *obj = gPad ? gPad->GetPrimitive(name) : nullptr;
  if (!obj && name && *name) std::fprintf(stderr, "Error in <TLegend::AddEntry>: Object %s not found\n", name);
  return AddEntry(obj, label, option);
}

inline TLegend *TVirtualPad::BuildLegend(double x1, double y1, double x2, double y2, const char *title, Option_t *option) {
  auto *legend = x1 == x2 ? new TLegend() : new TLegend(x1, y1, x2, y2);
  if (title && *title) legend->SetHeader(title);
  std::string given = option ? option : "";
  auto add = [&](const TObject *obj) {
    std::string o = given;
    if (o.empty()) {
      if (auto *h = dynamic_cast<const TH1 *>(obj)) o = h->IsFilled() ? "f" : "l";
      else if (dynamic_cast<const TF1 *>(obj)) o = "l";
      else if (dynamic_cast<const TGraph *>(obj)) o = "lp";
      else return;
    }
    legend->AddEntry(obj, obj->GetTitle(), o.c_str());
  };
  for (auto &[obj, opt] : fPrimitives) {
    if (auto *stack = dynamic_cast<THStack *>(obj)) {
      for (TObject *h : *stack->GetHists()) add(h);
    } else if (auto *multi = dynamic_cast<TMultiGraph *>(obj)) {
      for (TObject *g : *multi->GetListOfGraphs()) add(g);
    } else {
      add(obj);
    }
  }
  TVirtualPad *saved = gPad;
  cd();
  legend->Draw();
  if (saved) saved->cd();
  return legend;
}

} // namespace cppnb::root
