// A canvas's SVG drawn into a file by librsvg on a cairo surface: PNG at the
// canvas's size in pixels (ROOT's default resolution), PDF, PostScript and EPS
// with the canvas's pixels as points.
#include "svg_drawing.hpp"

#include <cppnb/root/io/render.hpp>

#include <cairo-pdf.h>
#include <cairo-ps.h>

#include <cmath>
#include <string>

using cppnb::root::graphics::fail;
using cppnb::root::graphics::SvgDocument;

extern "C" int cppnb_root_pictures_render_svg(const char *svg, size_t len, const char *path, const char *format, double width, double height,
                                              char *error, size_t errlen) {
  std::string fmt = format ? format : "";
  if (fmt != "png" && fmt != "pdf" && fmt != "ps" && fmt != "eps") return fail(error, errlen, "cannot write pictures as " + fmt);
  if (!(width > 0 && height > 0)) return fail(error, errlen, "the picture has no size");
  SvgDocument document(svg, len);
  if (!document.error().empty()) return fail(error, errlen, document.error());
  int w = int(std::lround(width)), h = int(std::lround(height));
  cairo_surface_t *surface = nullptr;
  if (fmt == "png") surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
  else if (fmt == "pdf") surface = cairo_pdf_surface_create(path, width, height);
  else {
    surface = cairo_ps_surface_create(path, width, height);
    if (fmt == "eps") cairo_ps_surface_set_eps(surface, 1);
  }
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    std::string m = cairo_status_to_string(cairo_surface_status(surface));
    cairo_surface_destroy(surface);
    return fail(error, errlen, m);
  }
  cairo_t *cr = cairo_create(surface);
  if (fmt == "png") { // an opaque white page, as ROOT's pictures have
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
  }
  std::string message = document.draw(cr, width, height);
  cairo_destroy(cr);
  if (message.empty() && fmt == "png") {
    cairo_status_t st = cairo_surface_write_to_png(surface, path);
    if (st != CAIRO_STATUS_SUCCESS) message = cairo_status_to_string(st);
  }
  cairo_surface_finish(surface);
  if (message.empty() && cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
    message = cairo_status_to_string(cairo_surface_status(surface));
  cairo_surface_destroy(surface);
  return message.empty() ? 0 : fail(error, errlen, message);
}
