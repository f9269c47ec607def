#include "diagnostics.h"
#include "shadowing.h"

#include "llvm/ADT/SmallString.h"
#include <regex>

namespace cppnb {

CellDiagnostics::CellDiagnostics(clang::DiagnosticOptions &Opts)
    : Printer(std::make_unique<clang::TextDiagnosticPrinter>(Stream, Opts)) {
  Stream.enable_colors(true); // a string stream has no terminal to ask
}

void CellDiagnostics::BeginSourceFile(const clang::LangOptions &LO,
                                      const clang::Preprocessor *PP) {
  Printer->BeginSourceFile(LO, PP);
}

void CellDiagnostics::EndSourceFile() { Printer->EndSourceFile(); }

void CellDiagnostics::HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                                       const clang::Diagnostic &Info) {
  DiagnosticConsumer::HandleDiagnostic(Level, Info);

  if (Level >= clang::DiagnosticsEngine::Error && FirstError.empty()) {
    llvm::SmallString<256> Msg;
    Info.FormatDiagnostic(Msg);
    FirstError = Msg.str().str();
  }
  Printer->HandleDiagnostic(Level, Info);
}

void CellDiagnostics::startCell() {
  Stream.flush();
  Buffer.clear();
  FirstError.clear();
  NumErrors = 0;
  NumWarnings = 0;
}

std::string CellDiagnostics::text() const {
  // Cells are "included" from clang's synthetic main file; that note is noise.
  static const std::regex includedFrom("In file included from <<< inputs >>>:[0-9]+:\n");
  static const std::regex inputLine("input_line_[0-9]+");
  std::string out = withoutCellNamespaces(std::regex_replace(Buffer, includedFrom, ""));
  return std::regex_replace(out, inputLine, "cell");
}

} // namespace cppnb
