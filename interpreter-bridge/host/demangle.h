// A C++ symbol or type name as the user wrote it.
#pragma once
#include <cstdlib>
#include <cxxabi.h>
#include <string>

namespace cppnb {

// The demangled name, or the name itself when it is not a mangled one (a C function).
inline std::string demangle(const char *name) {
  int status = 0;
  char *d = abi::__cxa_demangle(name, nullptr, nullptr, &status);
  std::string out = status == 0 && d ? d : name;
  std::free(d);
  return out;
}

} // namespace cppnb
