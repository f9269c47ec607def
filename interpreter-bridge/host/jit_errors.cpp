#include "jit_errors.h"
#include "diagnostics.h"
#include "demangle.h"
#include "shadowing.h"

#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/Support/Error.h"

#include <mutex>
#include <regex>

namespace cppnb {

static std::mutex gMutex;
static std::vector<std::string> gReported;

void collectJitErrors(llvm::orc::LLJIT &jit) {
  jit.getExecutionSession().setErrorReporter([](llvm::Error err) {
    std::string text = llvm::toString(std::move(err));
    std::lock_guard<std::mutex> lock(gMutex);
    gReported.push_back(text);
  });
}

void clearJitErrors() {
  std::lock_guard<std::mutex> lock(gMutex);
  gReported.clear();
}


// The names inside "Symbols not found: [ a, b ]".
static void addMissing(const std::string &text, std::vector<std::string> &missing) {
  static const std::regex list("Symbols not found: \\[ ([^\\]]*) \\]");
  for (std::sregex_iterator m(text.begin(), text.end(), list), end; m != end; ++m) {
    std::string names = (*m)[1];
    size_t at = 0;
    while (at < names.size()) {
      size_t comma = names.find(", ", at);
      std::string name = names.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
      at = comma == std::string::npos ? names.size() : comma + 2;
      name = inUsersTerms(demangle(name.c_str()));
      bool seen = false;
      for (const auto &n : missing) seen |= n == name;
      if (!name.empty() && !seen) missing.push_back(name);
    }
  }
}

bool linkFailed(const std::string &executeError, LinkFailure &out) {
  std::vector<std::string> reported;
  {
    std::lock_guard<std::mutex> lock(gMutex);
    reported.swap(gReported);
  }
  for (const auto &r : reported) addMissing(r, out.missing);
  addMissing(executeError, out.missing);
  if (out.missing.empty() && reported.empty() && executeError.find("Failed to materialize") == std::string::npos)
    return false;
  if (out.missing.empty()) {
    for (const auto &r : reported) out.message += r + "\n";
    out.message += executeError;
  }
  return true;
}

static std::string joined(const std::vector<std::string> &names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out;
}

std::string linkFailureValue(const LinkFailure &f) {
  if (f.missing.empty()) return "the cell did not link: " + f.message;
  return std::string(f.missing.size() == 1 ? "undefined symbol: " : "undefined symbols: ") + joined(f.missing);
}

// A C function (no parameter list once demangled) or a name in a namespace is
// most likely a library's; a plain C++ function is as likely the user's own.
static bool looksLikeLibrarys(const std::string &name) {
  size_t paren = name.find('(');
  return paren == std::string::npos || name.substr(0, paren).find("::") != std::string::npos;
}

std::string linkFailureTraceback(const LinkFailure &f) {
  std::string text = linkFailureValue(f) + "\n";
  if (f.missing.empty()) return text + "The cell was rolled back; earlier definitions are kept.";
  bool library = false;
  for (const auto &n : f.missing) library |= looksLikeLibrarys(n);
  text += f.missing.size() == 1 ? "It is declared, but defined nowhere the interpreter can see.\n"
                                : "They are declared, but defined nowhere the interpreter can see.\n";
  text += library ? "If a library defines it, load the library (%lib NAME, or #pragma cling load(\"libNAME\")) "
                    "and run the cell again; or define it in a cell first.\n"
                  : "Define it in a cell (or load the library that defines it with %lib NAME) and run "
                    "the cell again.\n";
  return text + "The cell was rolled back: nothing of it ran, earlier definitions are kept.";
}

} // namespace cppnb
