// `#pragma cling …` as cling (and so ROOT macros, xeus-cling notebooks and
// R__LOAD_LIBRARY's _Pragma) spell them, acted on while the cell is read, so
// a header from a directory added on one line can be included on the next:
//
//   #pragma cling load("libname"[, …])      the kernel's %lib (several at once)
//   #pragma cling add_include_path("dir")   the kernel's %include
//   #pragma cling add_library_path("dir")   where load() looks first
//   #pragma cling optimize(N)               this cell at -ON (cell_optimization.h)
//
// What they did is reported with the cell's reply, so the kernel keeps it as
// it keeps %lib and %include (after %undo and %reset, for %%slurm programs).
// A pragma that fails is a compile error at its line.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace clang {
class Interpreter;
}

namespace cppnb {

void installClingPragmas(clang::Interpreter &I);

// What this cell's pragmas did, as {"include"|"lib"|"libpath", path}; emptied.
std::vector<std::pair<std::string, std::string>> takePragmaSettings();

} // namespace cppnb
