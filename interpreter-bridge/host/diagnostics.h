// Collects the compiler's diagnostics of one cell as text, so they can be sent
// to the kernel: the full coloured listing, and the first error on its own.
#pragma once
#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>
#include <set>
#include <string>

namespace cppnb {

// text without the library's namespace (cppnb::root::), the cells'
// namespaces and the installation's include directories.
std::string inUsersTerms(std::string text);

class CellDiagnostics : public clang::DiagnosticConsumer {
public:
  explicit CellDiagnostics(clang::DiagnosticOptions &Opts);
  void BeginSourceFile(const clang::LangOptions &LO, const clang::Preprocessor *PP) override;
  void EndSourceFile() override;
  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override;

  // Not clear(): clang calls DiagnosticConsumer::clear() itself after a failed parse.
  void startCell();
  // Everything printed since clear(), with "input_line_N" renamed "cell".
  std::string text();
  const std::string &firstError() const { return FirstError; }

private:
  // Ends the group of the last diagnostic and its notes, taking it back out
  // of Buffer if this cell printed it before.
  void endGroup();

  std::set<std::string> Seen; // this cell's groups: places, levels, texts
  std::string GroupKey;       // the group being printed
  size_t GroupStart = 0;      // where it starts in Buffer
  std::string Buffer;
  llvm::raw_string_ostream Stream{Buffer};
  std::unique_ptr<clang::TextDiagnosticPrinter> Printer;
  std::string FirstError;
};

} // namespace cppnb
