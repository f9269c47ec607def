// How canvases reach the notebook: at the end of each cell every canvas drawn
// into (or changed) during it is shown, as JupyROOT does; TCanvas::Draw shows
// one at once; a canvas as a cell's last value shows itself. SaveAs writes
// pictures and ROOT JSON.
#pragma once

#include "canvas_records.hpp"
#include "painter.hpp"
#include "io/json.hpp"
#include "io/render.hpp"

#include <cppnb/display.hpp>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace cppnb::root {

// The MIME type of a canvas as ROOT's JSON in the bundles the host sends: the
// kernel turns it into JSROOT's interactive drawing (interpreter-bridge/root-canvas.ts).
inline constexpr const char *kCanvasJsonMime = "application/x-cppnb-root-canvas";

// The pad as ROOT's JSON, or "" when it draws something cppnb cannot describe
// to JSROOT yet (or the program does not link libcppnb-root).
inline std::string canvasJson(const TVirtualPad &pad) {
  if (!io::canWriteJson()) return {};
  io::RecordPtr r = canvasRecord(pad);
  return r ? io::jsonFromRecord(*r) : std::string();
}

inline cppnb::mime_bundle mime_bundle_repr(const TVirtualPad &pad) {
  double w = pad.PixelWidth(), h = pad.PixelHeight();
  // The SVG first: painting makes the parts (stats boxes) the JSON describes.
  cppnb::mime_bundle bundle{{"image/svg+xml", pad.ToSvg(w, h)},
                            {"text/plain", std::string("<") + pad.ClassName() + " " + pad.GetName() + " " + cppnb::root::num(w) + "x" +
                                               cppnb::root::num(h) + ">"}};
  if (std::string json = canvasJson(pad); !json.empty()) bundle.data[kCanvasJsonMime] = std::move(json);
  return bundle;
}


inline void showChangedCanvases() {
  // Every canvas's live state ends with the cell first, so that a picture
  // that fails to show cannot leave another canvas updating an old output.
  std::vector<std::pair<TCanvas *, std::string>> shown;
  for (TCanvas *c : canvases()) {
    shown.push_back({c, std::move(c->fLiveId)});
    c->fLiveId.clear();
    c->fLiveAt = 0;
  }
  for (auto &[c, live] : shown) {
    // Shown live during the cell: its final state replaces that picture
    // (always: fills since the last live picture do not mark the canvas).
    if (!live.empty()) {
      c->fChanged = false;
      cppnb::update_display(*static_cast<TVirtualPad *>(c), live);
      continue;
    }
    if (!c->fChanged) continue;
    c->fChanged = false;
    if (!c->fPrimitives.empty() || !c->fSubpads.empty()) cppnb::display(*static_cast<TVirtualPad *>(c));
  }
}

inline bool inNotebook() { return cppnb_host_display != nullptr; }

// How often a running cell's Update may redraw a canvas in the notebook:
// ROOT's way to watch a fill loop, at most a few pictures a second whatever
// the loop's rate (the rest are skipped cheaply; the cell's end shows the
// last). The first picture comes an interval after the cell's first Update.
inline constexpr double kLiveInterval = 0.25;

inline void TVirtualPad::showLive() const {
  TCanvas *c = fCanvas;
  if (!c || !inNotebook() || (c->fPrimitives.empty() && c->fSubpads.empty())) return;
  double now = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  // The cell's first Update only notes the time: a macro that updates once
  // to get its stats box and then changes it shows once, at the cell's end.
  if (c->fLiveAt == 0) {
    c->fLiveAt = now;
    return;
  }
  if (now - c->fLiveAt < kLiveInterval) return;
  const TVirtualPad &pad = *c;
  if (c->fLiveId.empty()) {
    static int shown = 0;
    c->fLiveId = "cppnb-canvas-" + std::string(c->GetName()) + "-" + std::to_string(++shown);
    cppnb::display(pad, c->fLiveId);
  } else {
    cppnb::update_display(pad, c->fLiveId);
  }
  c->fLiveAt = now;
  c->fChanged = false;
}


inline void TCanvas::enrollForNotebook() { cppnb::at_end_of_cell(cppnb::root::showChangedCanvases); }

inline void TCanvas::Draw(Option_t *) {
  if (!cppnb::root::inNotebook()) return;
  fChanged = false;
  cppnb::display(*static_cast<TVirtualPad *>(this));
}

// ROOT's SaveAs/Print: the picture as .svg (cppnb's own drawing), .png
// (the canvas's size in pixels), .pdf, .ps, .eps (librsvg and cairo, the same
// picture), or the canvas as ROOT's JSON (.json, which JSROOT opens). A file
// that cannot be written is an error of the cell (a C++ exception), not only
// a line on stderr: the macro does not go on as if the file were there.
inline void TVirtualPad::SaveAs(const char *filename, Option_t *) const {
  std::string name = filename && *filename ? filename : std::string(GetName()) + ".svg";
  // ROOT's multi-page forms: "f.pdf[" opens, "f.pdf(" opens with this page,
  // "f.pdf" adds a page while f.pdf is open, "f.pdf)" adds the last, "f.pdf]" closes.
  const std::string given = name;
  char mark = name.size() > 1 && std::strchr("([)]", name.back()) ? name.back() : 0;
  if (mark) name.pop_back();
  size_t slash = name.find_last_of('/'), dot = name.find_last_of('.');
  bool hasExt = dot != std::string::npos && (slash == std::string::npos || dot > slash);
  std::string ext = cppnb::root::lower(hasExt ? name.substr(dot + 1) : std::string());
  auto fail = [&](const std::string &why) { throw std::runtime_error("TCanvas::SaveAs: cannot write " + given + ": " + why); };
  std::string what;
  if ((ext == "pdf" || ext == "ps") && (mark || io::pageFileOpen(name))) {
    auto step = [&](io::PageAction action) {
      std::string why = io::pageStep(name, action, ext, action == io::kPageAdd ? ToSvg(PixelWidth(), PixelHeight()) : "", PixelWidth(), PixelHeight());
      if (!why.empty()) fail(why);
    };
    // As ROOT's TPad::Print: a file not open yet is made, kept open by "["
    // (no page) and "(" (this page), else written as one page and closed
    // (")" and "]" too); an open file gets this page (not for "]"), and ")"
    // and "]" close it. The messages are ROOT's.
    std::string file = ext + " file " + name, said;
    if (!io::pageFileOpen(name)) {
      step(io::kPageOpen);
      if (mark != '[') step(io::kPageAdd);
      if (mark != '[' && mark != '(') step(io::kPageClose);
      said = file + " has been created" + (mark == '(' ? " using the current canvas" : "");
    } else {
      if (mark != ']') step(io::kPageAdd);
      if (mark == ')' || mark == ']') step(io::kPageClose);
      said = mark == ')' ? "Current canvas added to " + file + " and file closed" : mark == ']' ? file + " has been closed" : "Current canvas added to " + file;
    }
    std::printf("Info in <TCanvas::Print>: %s\n", said.c_str());
    std::fflush(stdout);
    return;
  }
  if (mark) fail(std::string("\"") + mark + "\" marks a multi-page file, which only .pdf and .ps are");
  if (ext == "svg" || ext == "json") {
    // The JSON describes the picture as painted (the stats boxes painting
    // makes): paint first, as the notebook's display does.
    std::string text = ToSvg(PixelWidth(), PixelHeight());
    if (ext == "json") text = cppnb::root::canvasJson(*this);
    if (text.empty())
      fail(io::canWriteJson() ? "it draws an object cppnb cannot write as ROOT JSON yet (save as .svg, .png or .pdf)"
                              : "ROOT JSON needs libcppnb-root (link with -Wl,--no-as-needed -lcppnb-root)");
    std::ofstream out(name);
    out << text;
    out.close();
    if (!out) fail(std::strerror(errno));
    what = ext == "svg" ? "SVG" : "JSON";
  } else if (ext == "png" || ext == "pdf" || ext == "ps" || ext == "eps") {
    std::string why = io::renderSvg(ToSvg(PixelWidth(), PixelHeight()), name, ext, PixelWidth(), PixelHeight());
    if (!why.empty()) fail(why);
    what = ext;
  } else {
    fail("cppnb writes .svg, .png, .pdf, .ps, .eps and .json (ROOT JSON); not ." + ext);
  }
  std::printf("Info in <TCanvas::Print>: %s file %s has been created\n", what.c_str(), name.c_str());
  std::fflush(stdout);
}

} // namespace cppnb::root
