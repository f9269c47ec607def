// What the two ways of writing pictures share (render_svg.cpp: one picture a
// file; multipage.cpp: pages of a PDF or PostScript file): an SVG drawn by
// librsvg on a cairo context, and an error message handed back to the caller.
#pragma once

#include <cairo.h>
#include <librsvg/rsvg.h>

#include <cstdio>
#include <string>

namespace cppnb::root::graphics {

inline int fail(char *error, size_t errlen, const std::string &message) {
  if (error && errlen) std::snprintf(error, errlen, "%s", message.c_str());
  return -1;
}

// An SVG document parsed by librsvg (parsed before any file is made, so that
// bad SVG leaves none), drawn onto cairo contexts.
class SvgDocument {
public:
  SvgDocument(const char *svg, size_t len) {
    GError *gerror = nullptr;
    fHandle = rsvg_handle_new_from_data(reinterpret_cast<const guint8 *>(svg), len, &gerror);
    if (!fHandle) fError = std::string("the picture's SVG is not valid: ") + (gerror ? gerror->message : "?");
    if (gerror) g_error_free(gerror);
  }
  ~SvgDocument() {
    if (fHandle) g_object_unref(fHandle);
  }
  SvgDocument(const SvgDocument &) = delete;
  SvgDocument &operator=(const SvgDocument &) = delete;
  // "" when parsed, else why not.
  const std::string &error() const { return fError; }

  // Draws it over width × height on cr; "" when done, else why not.
  std::string draw(cairo_t *cr, double width, double height) const {
    GError *gerror = nullptr;
    RsvgRectangle viewport{0, 0, width, height};
    bool drawn = rsvg_handle_render_document(fHandle, cr, &viewport, &gerror);
    std::string message = drawn ? "" : std::string("cannot draw the picture: ") + (gerror ? gerror->message : "?");
    if (gerror) g_error_free(gerror);
    return message;
  }

private:
  RsvgHandle *fHandle = nullptr;
  std::string fError;
};

} // namespace cppnb::root::graphics
