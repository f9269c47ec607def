// Rich output from C++ cells: cppnb::display, update_display, clear_output, and
// builders for HTML, Markdown, LaTeX, SVG, JSON and image files.
//
//   cppnb::display(cppnb::html("<b>bold</b>"));
//   cppnb::display(progress(0), "bar");       // a display with an id ...
//   cppnb::update_display(progress(50), "bar"); // ... replaced in place
//   cppnb::clear_output(true);                 // clear when the next output comes
//
// Outside the kernel (a plain g++ program) display() prints the text/plain form.
#pragma once

#include <cppnb/mime_bundle.hpp>
#include <cppnb/value.hpp>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <type_traits>

// Provided by cppnb-host; weak so that a program built without it still links.
extern "C" __attribute__((weak)) void cppnb_host_at_end_of_cell(void (*fn)());

namespace cppnb {

// Runs fn after every cell from now on (once however often it is registered),
// as IPython's post_run_cell: the plotting library shows changed canvases so.
// Outside the kernel it does nothing.
inline void at_end_of_cell(void (*fn)()) {
  if (cppnb_host_at_end_of_cell) cppnb_host_at_end_of_cell(fn);
}

// ---- builders -------------------------------------------------------------

inline mime_bundle html(const std::string &s) { return {{"text/html", s}, {"text/plain", "<HTML>"}}; }
inline mime_bundle markdown(const std::string &s) { return {{"text/markdown", s}, {"text/plain", s}}; }
inline mime_bundle latex(const std::string &s) { return {{"text/latex", s}, {"text/plain", s}}; }
inline mime_bundle svg(const std::string &s) { return {{"image/svg+xml", s}, {"text/plain", "<SVG>"}}; }
inline mime_bundle json(const std::string &s) { return {{"application/json", s}, {"text/plain", s}}; }

namespace detail {

inline std::string base64(const std::string &bytes) {
  static const char *abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned n = (unsigned char)bytes[i] << 16 | (unsigned char)bytes[i + 1] << 8 | (unsigned char)bytes[i + 2];
    out += abc[n >> 18 & 63];
    out += abc[n >> 12 & 63];
    out += abc[n >> 6 & 63];
    out += abc[n & 63];
  }
  if (i < bytes.size()) {
    unsigned n = (unsigned char)bytes[i] << 16;
    if (i + 1 < bytes.size()) n |= (unsigned char)bytes[i + 1] << 8;
    out += abc[n >> 18 & 63];
    out += abc[n >> 12 & 63];
    out += i + 1 < bytes.size() ? abc[n >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

// The image type of a file, by its first bytes; "" when it is none we show.
inline std::string image_type(const std::string &bytes) {
  auto starts = [&](const char *magic, size_t n) { return bytes.size() >= n && bytes.compare(0, n, magic, n) == 0; };
  if (starts("\x89PNG\r\n\x1a\n", 8)) return "image/png";
  if (starts("\xff\xd8\xff", 3)) return "image/jpeg";
  if (starts("GIF87a", 6) || starts("GIF89a", 6)) return "image/gif";
  std::string head = bytes.substr(0, 4096);
  if (head.find("<svg") != std::string::npos) return "image/svg+xml";
  return "";
}

template <class T> mime_bundle bundle_of(const T &x) {
  mime_bundle b;
  if (rich_bundle(x, b)) return b;
  return {{"text/plain", repr(x)}};
}

inline void send(const std::string &message, const mime_bundle &b) {
  if (cppnb_host_display) {
    cppnb_host_display(message.data(), message.size());
    return;
  }
  auto text = b.data.find("text/plain");
  if (text != b.data.end()) std::fwrite(text->second.data(), 1, text->second.size(), stdout), std::fputc('\n', stdout);
}

} // namespace detail

// An image from a file, PNG, JPEG, GIF or SVG (told by its content, not its
// name), optionally shown `width` pixels wide. Throws when the file cannot be
// read or is no such image.
inline mime_bundle image_file(const std::string &path, int width = 0) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cppnb::image_file: cannot read '" + path + "'");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string type = detail::image_type(bytes);
  if (type.empty()) throw std::runtime_error("cppnb::image_file: '" + path + "' is not a PNG, JPEG, GIF or SVG image");
  mime_bundle b;
  b.data[type] = type == "image/svg+xml" ? bytes : detail::base64(bytes);
  b.data["text/plain"] = "<image " + path + ">";
  if (width > 0) b.metadata[type] = "{\"width\":" + std::to_string(width) + "}";
  return b;
}

// ---- display --------------------------------------------------------------

// Shows x below the cell now: its mime_bundle_repr if it has one, else its
// value as the cell's last expression would print it. With an id, a later
// update_display(…, id) replaces it.
template <class T> void display(const T &x, const std::string &display_id = "") {
  mime_bundle b = detail::bundle_of(x);
  detail::send(detail::display_message("display", b, display_id), b);
}

// Replaces what display(…, display_id) showed, wherever it is.
template <class T> void update_display(const T &x, const std::string &display_id) {
  if (display_id.empty()) throw std::invalid_argument("cppnb::update_display needs the display_id given to display");
  mime_bundle b = detail::bundle_of(x);
  detail::send(detail::display_message("update", b, display_id), b);
}

// Clears the cell's output; with wait, only when the next output arrives (no flicker).
inline void clear_output(bool wait = false) {
  std::string message = std::string("{\"kind\":\"clear\",\"wait\":") + (wait ? "true" : "false") + "}";
  if (cppnb_host_display) cppnb_host_display(message.data(), message.size());
}

} // namespace cppnb
