// What the JIT reports when a cell does not link (symbols defined nowhere),
// turned into an error a user can act on.
//
// ORC reports such failures to its session's error reporter (by default a line
// "JIT session error: Symbols not found: [ _Z3fooiv ]" on stderr) and the cell's
// Execute then fails with "Failed to materialize symbols". The interpreter is
// not usable after that: every later cell fails to materialize its own
// initialisers. So a cell that does not link is rolled back, like one that
// does not compile (main.cpp hands over to the snapshot from before it).
#pragma once
#include <string>
#include <vector>

namespace llvm::orc {
class LLJIT;
}

namespace cppnb {

// Routes the JIT's session errors to this module instead of stderr.
void collectJitErrors(llvm::orc::LLJIT &jit);

// Forgets what earlier requests collected.
void clearJitErrors();

struct LinkFailure {
  std::vector<std::string> missing; // demangled names of the symbols not found
  std::string message;              // everything the JIT said, when not only that
};

// True when the last Execute failed to link: what was missing, from what the
// JIT reported and from the error Execute returned.
bool linkFailed(const std::string &executeError, LinkFailure &out);

// The error a user sees: "undefined symbol: f(int)" with what to do about it.
std::string linkFailureValue(const LinkFailure &f);
std::string linkFailureTraceback(const LinkFailure &f);

} // namespace cppnb
