// ROOT's JSON (the layout TBufferJSON writes, which JSROOT reads) of a record:
// written by libcppnb-root (root/src/json), reached through a weak symbol so
// that a program that only draws need not link it.
#pragma once

#include "record.hpp"

#include <cstdlib>
#include <string>

extern "C" __attribute__((weak)) char *cppnb_root_json(const cppnb::root::io::Record *record);

namespace cppnb::root::io {

// Whether this program can write ROOT JSON (it links libcppnb-root).
inline bool canWriteJson() { return cppnb_root_json != nullptr; }

// The record as ROOT JSON; empty when the library is not linked.
inline std::string jsonFromRecord(const Record &record) {
  if (!cppnb_root_json) return {};
  char *text = cppnb_root_json(&record);
  if (!text) return {};
  std::string out(text);
  std::free(text);
  return out;
}

} // namespace cppnb::root::io
