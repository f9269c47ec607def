// Cells that change nothing: one expression whose value is shown and that
// writes nothing (`1 + 1`, `a`, `x * y`, `h`). After such a cell the snapshot
// of the state before it is still the state after it, so the host takes no
// new one: the fork and the page copies it costs (5-20 ms a cell on the
// virtual machines kernels often run on) are saved, and an undo steps over
// the cell without going back (snapshot.h).
#pragma once
#include <string>

namespace clang {
struct PartialTranslationUnit;
}

namespace cppnb {

// Whether the cell (code, compiled to ptu, its module not yet in the JIT)
// cannot have changed the session: it declares nothing, has no preprocessor
// directive but #line, its module defines no variable (no static member or
// variable template instantiated and initialised for it), and its only
// statement prints an expression without side effects in clang's judgement
// (which counts every call, constructor and assignment as one), reading no
// thread_local and sizing no variable-length array. The printers of the
// shown value (value.hpp, a type's operator<< or mime_bundle_repr) are
// trusted to change nothing.
bool onlyShowsAValue(const clang::PartialTranslationUnit &ptu, const std::string &code);

} // namespace cppnb
