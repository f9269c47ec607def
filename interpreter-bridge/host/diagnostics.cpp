#include "diagnostics.h"
#include "shadowing.h"

#include "llvm/ADT/SmallString.h"
#include <regex>

namespace cppnb {

// What the user sees speaks their terms: ROOT's names (the library lives in
// cppnb::root, whose names ROOT code knows unqualified) and header names, not
// the installation's absolute paths.
std::string inUsersTerms(std::string text) {
  static const std::regex library("cppnb::root::");
  static const std::regex installation("(?:/[^\\s:'\"]*)?/(?:root|interpreter-bridge)/include(?:-fallback)?/");
  return std::regex_replace(std::regex_replace(withoutCellNamespaces(std::move(text)), library, ""), installation, "");
}

CellDiagnostics::CellDiagnostics(clang::DiagnosticOptions &Opts)
    : Printer(std::make_unique<clang::TextDiagnosticPrinter>(Stream, Opts)) {
  Stream.enable_colors(true); // a string stream has no terminal to ask
}

void CellDiagnostics::BeginSourceFile(const clang::LangOptions &LO,
                                      const clang::Preprocessor *PP) {
  Printer->BeginSourceFile(LO, PP);
}

void CellDiagnostics::EndSourceFile() { Printer->EndSourceFile(); }

// With incremental extensions, clang reports some errors two or three times
// at the same place: a top-level statement that starts with an unknown
// `X::` is tried as a declaration and as an expression (plain clang++ with
// -fincremental-extensions does the same). A diagnostic and the notes under
// it are one group; a group printed before in this cell, word for word at the
// same places, is taken back out. (Two instantiations of a template that fail
// alike differ in their notes, so both stay.)
void CellDiagnostics::endGroup() {
  Stream.flush();
  if (!GroupKey.empty() && !Seen.insert(GroupKey).second) Buffer.resize(GroupStart);
  GroupKey.clear();
}

void CellDiagnostics::HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                                       const clang::Diagnostic &Info) {
  llvm::SmallString<256> Msg;
  Info.FormatDiagnostic(Msg);
  if (Level != clang::DiagnosticsEngine::Note) {
    endGroup();
    GroupStart = Buffer.size();
  }
  GroupKey += std::to_string(Info.getLocation().getRawEncoding()) + ":" + std::to_string(int(Level)) + ":" +
              Msg.str().str() + "\n";
  DiagnosticConsumer::HandleDiagnostic(Level, Info);

  if (Level >= clang::DiagnosticsEngine::Error && FirstError.empty()) FirstError = inUsersTerms(Msg.str().str());
  Printer->HandleDiagnostic(Level, Info);
}

void CellDiagnostics::startCell() {
  Stream.flush();
  Buffer.clear();
  FirstError.clear();
  Seen.clear();
  GroupKey.clear();
  NumErrors = 0;
  NumWarnings = 0;
}

std::string CellDiagnostics::text() {
  endGroup();
  // Cells are "included" from clang's synthetic main file; that note is noise.
  static const std::regex includedFrom("In file included from <<< inputs >>>:[0-9]+:\n");
  static const std::regex inputLine("input_line_[0-9]+");
  // What is missing at the very end of a cell is reported at the synthetic
  // main file's first line, which the user never saw.
  static const std::regex atEnd("<<< inputs >>>:[0-9]+:[0-9]+:");
  std::string out = inUsersTerms(std::regex_replace(Buffer, includedFrom, ""));
  out = std::regex_replace(out, atEnd, "cell (at its end):");
  return std::regex_replace(out, inputLine, "cell");
}

} // namespace cppnb
