// ROOT's multi-page PDF and PostScript files: Print("f.pdf[") opens f.pdf,
// Print("f.pdf(") opens it with a first page, Print("f.pdf") adds a page
// while it is open, Print("f.pdf)") adds the last page and closes it,
// Print("f.pdf]") closes it. Each page is a canvas's SVG drawn by librsvg,
// the page as large as the canvas (pixels as points).
#include "svg_drawing.hpp"

#include <cppnb/root/io/render.hpp>

#include <cairo-pdf.h>
#include <cairo-ps.h>

#include <map>
#include <string>

using cppnb::root::graphics::fail;
using cppnb::root::graphics::SvgDocument;

namespace {

struct Open {
  cairo_surface_t *surface;
  bool pdf;
};

std::map<std::string, Open> &openFiles() {
  // Never destroyed; a file still open when the program ends stays unfinished, as in ROOT.
  static auto *files = new std::map<std::string, Open>;
  return *files;
}

int drawPage(Open &f, const char *svg, size_t len, double width, double height, char *error, size_t errlen) {
  SvgDocument document(svg, len);
  if (!document.error().empty()) return fail(error, errlen, document.error());
  if (f.pdf) cairo_pdf_surface_set_size(f.surface, width, height);
  else cairo_ps_surface_set_size(f.surface, width, height);
  cairo_t *cr = cairo_create(f.surface);
  std::string message = document.draw(cr, width, height);
  cairo_show_page(cr);
  cairo_destroy(cr);
  return message.empty() ? 0 : fail(error, errlen, message);
}

} // namespace

extern "C" int cppnb_root_pictures_multipage(const char *path, int action, const char *format, const char *svg, size_t len, double width,
                                             double height, char *error, size_t errlen) {
  auto &files = openFiles();
  std::string key = path ? path : "";
  auto it = files.find(key);
  switch (action) {
  case cppnb::root::io::kPageIsOpen: return it != files.end() ? 1 : 0;
  case cppnb::root::io::kPageOpen: {
    if (it != files.end()) return fail(error, errlen, "it is open already");
    std::string fmt = format ? format : "";
    bool pdf = fmt == "pdf";
    cairo_surface_t *s = pdf ? cairo_pdf_surface_create(path, width, height) : cairo_ps_surface_create(path, width, height);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
      std::string m = cairo_status_to_string(cairo_surface_status(s));
      cairo_surface_destroy(s);
      return fail(error, errlen, m);
    }
    files[key] = Open{s, pdf};
    return 0;
  }
  case cppnb::root::io::kPageAdd:
    if (it == files.end()) return fail(error, errlen, "it is not open (open it with \"[\" or \"(\" first)");
    return drawPage(it->second, svg, len, width, height, error, errlen);
  case cppnb::root::io::kPageClose: {
    if (it == files.end()) return fail(error, errlen, "it is not open");
    cairo_surface_t *s = it->second.surface;
    files.erase(it);
    cairo_surface_finish(s);
    cairo_status_t st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    return st == CAIRO_STATUS_SUCCESS ? 0 : fail(error, errlen, cairo_status_to_string(st));
  }
  default: return fail(error, errlen, "unknown action");
  }
}
