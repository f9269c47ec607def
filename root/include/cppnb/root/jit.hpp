// Compiling C++ while a cell runs, as ROOT's interpreter compiles the strings
// users hand it (TTree::Draw expressions). In a cppnb session the host
// compiles the text in the session's interpreter (so it sees everything the
// session defined); in a program built without the host there is no compiler,
// and the caller says so.
#pragma once

#include <map>
#include <string>

// Provided by cppnb-host; weak so that a program built without it still links.
extern "C" __attribute__((weak)) void *cppnb_host_compile(const char *code, const char *symbol, char *error,
                                                          unsigned long errorSize);

namespace cppnb::root::jit {

// True when code can be compiled here (a cppnb session).
inline bool available() { return cppnb_host_compile != nullptr; }

// The address of the extern "C" function named symbol that source(symbol)
// defines, made once per key in a session (the same expression compiles
// once). Null with the compiler's first error in error.
template <class F, class Source>
F function(const std::string &key, const char *prefix, Source source, std::string &error) {
  static std::map<std::string, void *> compiled; // key → address, for this F
  static unsigned attempts = 0;                  // a new name each time: a failed one stays declared
  auto found = compiled.find(key);
  if (found != compiled.end()) return reinterpret_cast<F>(found->second);
  if (!available()) {
    error = "there is no interpreter to compile it (cppnb compiles it in a notebook session only)";
    return nullptr;
  }
  std::string symbol = prefix + std::to_string(++attempts);
  char why[2048] = "";
  void *address = cppnb_host_compile(source(symbol).c_str(), symbol.c_str(), why, sizeof why);
  if (!address) {
    error = why;
    return nullptr;
  }
  compiled[key] = address;
  return reinterpret_cast<F>(address);
}

} // namespace cppnb::root::jit
