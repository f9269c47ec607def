// ROOT's colon-separated lists ("x:y:z" of TNtuple and Scan, "x/D:y/I" of a
// leaf list), split into their parts; empty parts are kept (callers reject them).
#pragma once

#include <string>
#include <vector>

namespace cppnb::root::io {

inline std::vector<std::string> splitList(const std::string &list, char separator = ':') {
  std::vector<std::string> parts;
  for (size_t start = 0; start <= list.size();) {
    size_t at = list.find(separator, start);
    parts.push_back(list.substr(start, at == std::string::npos ? std::string::npos : at - start));
    start = at == std::string::npos ? list.size() + 1 : at + 1;
  }
  return parts;
}

} // namespace cppnb::root::io
