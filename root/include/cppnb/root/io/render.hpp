// Pictures to files: a canvas's SVG as PNG, PDF, PostScript or EPS, drawn by
// librsvg and cairo in libcppnb-root (root/src/graphics), so the files look as
// the notebook's picture does. Reached through a weak symbol, as the I/O is.
#pragma once

#include <cstddef>
#include <string>

// Writes svg (len bytes) to path as format ("png", "pdf", "ps", "eps"), width ×
// height pixels (PNG) or points (the others); 0 on success, else -1 and a
// message in error (errlen bytes).
extern "C" __attribute__((weak)) int cppnb_root_render_svg(const char *svg, size_t len, const char *path, const char *format,
                                                           double width, double height, char *error, size_t errlen);

// Multi-page PDF and PostScript (ROOT's Print("f.pdf(") … Print("f.pdf)")):
// action kPageIsOpen (1 if path is open), kPageOpen (format "pdf" or "ps"),
// kPageAdd (svg as a new page, width × height points), kPageClose; 0 on
// success, else -1 and a message in error.
extern "C" __attribute__((weak)) int cppnb_root_multipage(const char *path, int action, const char *format, const char *svg, size_t len,
                                                          double width, double height, char *error, size_t errlen);

namespace cppnb::root::io {

enum PageAction { kPageIsOpen = 0, kPageOpen = 1, kPageAdd = 2, kPageClose = 3 };

// A step of a multi-page file: "" when done, else what went wrong.
inline std::string pageStep(const std::string &path, PageAction action, const std::string &format, const std::string &svg = "",
                            double width = 0, double height = 0) {
  if (!cppnb_root_multipage) return "multi-page files need libcppnb-root (link with -Wl,--no-as-needed -lcppnb-root)";
  char error[512] = "";
  if (cppnb_root_multipage(path.c_str(), action, format.c_str(), svg.data(), svg.size(), width, height, error, sizeof error) == 0) return "";
  return error[0] ? error : "cannot write " + path;
}

inline bool pageFileOpen(const std::string &path) {
  return cppnb_root_multipage && cppnb_root_multipage(path.c_str(), kPageIsOpen, "", "", 0, 0, 0, nullptr, 0) == 1;
}

// "" when written, else what went wrong.
inline std::string renderSvg(const std::string &svg, const std::string &path, const std::string &format, double width,
                             double height) {
  if (!cppnb_root_render_svg)
    return "writing " + format + " files needs libcppnb-root (link with -Wl,--no-as-needed -lcppnb-root)";
  char error[512] = "";
  if (cppnb_root_render_svg(svg.data(), svg.size(), path.c_str(), format.c_str(), width, height, error, sizeof error) == 0) return "";
  return error[0] ? error : "cannot write " + path;
}

} // namespace cppnb::root::io
