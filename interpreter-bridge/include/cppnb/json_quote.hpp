// JSON string literals: for the display messages user code sends, and for
// everything the host and the completer send the kernel (host/json.h).
#pragma once
#include <cstdio>
#include <string>

namespace cppnb::detail {

// Appends one byte as it goes inside a JSON string literal: quotes,
// backslashes and control characters escaped, everything else as it is.
inline void json_escape_byte(std::string &out, unsigned char c) {
  switch (c) {
  case '"': out += "\\\""; break;
  case '\\': out += "\\\\"; break;
  case '\n': out += "\\n"; break;
  case '\r': out += "\\r"; break;
  case '\t': out += "\\t"; break;
  default:
    if (c < 0x20) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\u%04x", c);
      out += esc;
    } else {
      out += char(c);
    }
  }
}

// The JSON string literal for s (with quotes); invalid UTF-8 is passed as
// bytes and repaired by the kernel.
inline std::string json_quote(const std::string &s) {
  std::string out = "\"";
  for (unsigned char c : s) json_escape_byte(out, c);
  return out + "\"";
}

} // namespace cppnb::detail
