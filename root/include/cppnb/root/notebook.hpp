// How canvases reach the notebook: at the end of each cell every canvas drawn
// into (or changed) during it is shown, as JupyROOT does; TCanvas::Draw shows
// one at once; a canvas as a cell's last value shows itself. SaveAs writes SVG.
#pragma once

#include "painter.hpp"

#include <cppnb/display.hpp>

#include <fstream>

namespace cppnb::root {

inline cppnb::mime_bundle mime_bundle_repr(const TVirtualPad &pad) {
  double w = pad.PixelWidth(), h = pad.PixelHeight();
  return {{"image/svg+xml", pad.ToSvg(w, h)},
          {"text/plain", std::string("<") + pad.ClassName() + " " + pad.GetName() + " " + cppnb::root::num(w) + "x" + cppnb::root::num(h) + ">"}};
}


inline void showChangedCanvases() {
  for (TCanvas *c : std::vector<TCanvas *>(canvases())) {
    if (!c->fChanged) continue;
    c->fChanged = false;
    bool empty = c->fPrimitives.empty() && c->fSubpads.empty();
    if (!empty) cppnb::display(*static_cast<TVirtualPad *>(c));
  }
}

inline bool inNotebook() { return cppnb_host_display != nullptr; }


inline void TCanvas::enrollForNotebook() { cppnb::at_end_of_cell(cppnb::root::showChangedCanvases); }

inline void TCanvas::Draw(Option_t *) {
  if (!cppnb::root::inNotebook()) return;
  fChanged = false;
  cppnb::display(*static_cast<TVirtualPad *>(this));
}

inline void TVirtualPad::SaveAs(const char *filename, Option_t *) const {
  std::string name = filename && *filename ? filename : std::string(GetName()) + ".svg";
  std::string ext = name.substr(name.find_last_of('.') == std::string::npos ? name.size() : name.find_last_of('.'));
  if (cppnb::root::lower(ext) != ".svg") {
    std::fprintf(stderr, "Error in <TPad::SaveAs>: cannot write %s: cppnb draws SVG only; save as .svg\n", name.c_str());
    return;
  }
  std::ofstream out(name);
  out << ToSvg(PixelWidth(), PixelHeight());
  if (!out) {
    std::fprintf(stderr, "Error in <TPad::SaveAs>: cannot write %s\n", name.c_str());
    return;
  }
  std::printf("Info in <TCanvas::Print>: SVG file %s has been created\n", name.c_str());
  std::fflush(stdout);
}

} // namespace cppnb::root
