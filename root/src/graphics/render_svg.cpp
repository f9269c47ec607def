// A canvas's SVG drawn into a file by librsvg on a cairo surface: PNG at the
// canvas's size in pixels (ROOT's default resolution), PDF, PostScript and EPS
// with the canvas's pixels as points.
#include <cppnb/root/io/render.hpp>

#include <cairo-pdf.h>
#include <cairo-ps.h>
#include <cairo.h>
#include <librsvg/rsvg.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

namespace {

int fail(char *error, size_t errlen, const std::string &message) {
  if (error && errlen) std::snprintf(error, errlen, "%s", message.c_str());
  return -1;
}

} // namespace

extern "C" int cppnb_root_render_svg(const char *svg, size_t len, const char *path, const char *format, double width, double height,
                                     char *error, size_t errlen) {
  std::string fmt = format ? format : "";
  if (fmt != "png" && fmt != "pdf" && fmt != "ps" && fmt != "eps") return fail(error, errlen, "cannot write pictures as " + fmt);
  if (!(width > 0 && height > 0)) return fail(error, errlen, "the picture has no size");
  GError *gerror = nullptr;
  RsvgHandle *handle = rsvg_handle_new_from_data(reinterpret_cast<const guint8 *>(svg), len, &gerror);
  if (!handle) {
    std::string m = std::string("the picture's SVG is not valid: ") + (gerror ? gerror->message : "?");
    if (gerror) g_error_free(gerror);
    return fail(error, errlen, m);
  }
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
    g_object_unref(handle);
    return fail(error, errlen, m);
  }
  cairo_t *cr = cairo_create(surface);
  if (fmt == "png") { // an opaque white page, as ROOT's pictures have
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
  }
  RsvgRectangle viewport{0, 0, width, height};
  bool drawn = rsvg_handle_render_document(handle, cr, &viewport, &gerror);
  std::string message = drawn ? "" : std::string("cannot draw the picture: ") + (gerror ? gerror->message : "?");
  if (gerror) g_error_free(gerror);
  cairo_destroy(cr);
  if (drawn && fmt == "png") {
    cairo_status_t st = cairo_surface_write_to_png(surface, path);
    if (st != CAIRO_STATUS_SUCCESS) message = cairo_status_to_string(st);
  }
  cairo_surface_finish(surface);
  if (message.empty() && cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
    message = cairo_status_to_string(cairo_surface_status(surface));
  cairo_surface_destroy(surface);
  g_object_unref(handle);
  return message.empty() ? 0 : fail(error, errlen, message);
}
