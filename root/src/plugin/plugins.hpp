// The parts of the library with large dependencies are plugins beside
// libcppnb-root.so, loaded the first time they are used, as ROOT loads its
// plugins: libcppnb-root-remote.so (root:// through XRootD, https:// through
// libcurl) and libcppnb-root-pictures.so (PNG/PDF/PS through librsvg and
// cairo). A session that reads no remote file and writes no picture never maps
// their ~70 libraries: the interpreter starts sooner, holds less memory, and
// each of its snapshots (a fork per cell) copies fewer mappings.
#pragma once

#include <string>

namespace cppnb::root::plugin {

// The address of symbol in libcppnb-root-<name>.so, found in the folder this
// library was loaded from (loaded once, kept loaded); nullptr and why in
// *error when the plugin cannot be loaded or lacks the symbol.
void *find(const char *name, const char *symbol, std::string *error);

// Whether libcppnb-root-<name>.so is loaded (never loads it).
bool loaded(const char *name);

} // namespace cppnb::root::plugin
