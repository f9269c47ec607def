// Base64 as xeus's and xtl's headers offer it, for notebooks written for
// xeus-cling and xeus-cpp (their image and audio examples encode files with
// it). This directory is searched after the system's (-idirafter), so a real
// installation of xeus or xtl comes first.
#pragma once
#include <cppnb/display.hpp>

#include <string>

namespace cppnb::detail {

inline std::string base64_decode(const std::string &text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  unsigned bits = 0;
  int have = 0;
  for (char c : text) {
    int v = value(c);
    if (v < 0) continue; // padding, line breaks
    bits = bits << 6 | unsigned(v);
    have += 6;
    if (have >= 8) {
      have -= 8;
      out += char(bits >> have & 0xff);
    }
  }
  return out;
}

} // namespace cppnb::detail
