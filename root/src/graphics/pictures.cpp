// The picture writers render.hpp declares, kept in libcppnb-root so that
// programs and cells find them where they always did; the drawing itself is
// in libcppnb-root-pictures.so (src/pictures/: librsvg and cairo), loaded
// the first time a picture is written.
#include "../plugin/plugins.hpp"

#include <cppnb/root/io/render.hpp>

#include <cstdio>
#include <string>

namespace {

// The plugin's functions have the signatures render.hpp declares.
using RenderSvg = decltype(&cppnb_root_render_svg);
using Multipage = decltype(&cppnb_root_multipage);

// The plugin's function named symbol, or nullptr and why in error.
void *picturesFunction(const char *symbol, char *error, size_t errlen) {
  std::string why;
  void *function = cppnb::root::plugin::find("pictures", symbol, &why);
  if (!function && error && errlen) std::snprintf(error, errlen, "writing pictures needs the library's pictures plugin: %s", why.c_str());
  return function;
}

} // namespace

extern "C" int cppnb_root_render_svg(const char *svg, size_t len, const char *path, const char *format, double width, double height,
                                     char *error, size_t errlen) {
  auto render = reinterpret_cast<RenderSvg>(picturesFunction("cppnb_root_pictures_render_svg", error, errlen));
  return render ? render(svg, len, path, format, width, height, error, errlen) : -1;
}

extern "C" int cppnb_root_multipage(const char *path, int action, const char *format, const char *svg, size_t len, double width,
                                    double height, char *error, size_t errlen) {
  // Before the plugin is loaded no file can be open: asking does not load it.
  if (action == cppnb::root::io::kPageIsOpen && !cppnb::root::plugin::loaded("pictures")) return 0;
  auto step = reinterpret_cast<Multipage>(picturesFunction("cppnb_root_pictures_multipage", error, errlen));
  return step ? step(path, action, format, svg, len, width, height, error, errlen) : -1;
}
