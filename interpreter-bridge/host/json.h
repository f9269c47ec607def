// JSON string literals, for what the host and the completer send the kernel.
#pragma once
#include <cstdio>
#include <string>

namespace cppnb {

// JSON string literal for s (with quotes); invalid UTF-8 is passed as bytes and
// repaired by the kernel.
inline std::string jsonString(const std::string &s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
      if (c < 0x20) {
        char esc[8];
        snprintf(esc, sizeof esc, "\\u%04x", c);
        out += esc;
      } else {
        out += char(c);
      }
    }
  }
  return out + "\"";
}

} // namespace cppnb
