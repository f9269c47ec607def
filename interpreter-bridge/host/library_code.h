// Cells run the headers' compiled code instead of compiling their own.
//
// The precompiled header is built with -fpch-codegen (Makefile): the inline
// functions, template instantiations and inline variables of the common
// headers and of the ROOT-like library are compiled once, with optimisation,
// into build/pch-STD.so, and a cell that uses them only refers to them. The
// host loads that library before the first cell (after libcppnb-root, whose
// copies of the ROOT-like classes' code and statics then come first for
// cells and that library alike: one gStyle, one gRandom).
//
// What a cell still emits itself (a template instantiated first in the cell)
// may exist in those libraries too; such copies become references to theirs
// before the cell is linked, so that a function's statics stay one.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace llvm {
class Module;
}

namespace cppnb {

// Loads the compiled code of the precompiled header that args include
// (-include-pch X.pch → X.so). False with a reason when it cannot; true when
// no precompiled header is used.
bool loadHeaderCode(const std::vector<const char *> &args, std::string &error);

// Turns the module's definitions of the ROOT-like library's inline
// functions, variables and vtables that the loaded libraries export into
// declarations, then drops what only those definitions used. Returns how many
// it turned.
size_t useLibraryCode(llvm::Module &module);

} // namespace cppnb
