#include "cling_pragmas.h"
#include "cell_optimization.h"
#include "protocol.h"
#include "search_paths.h"

#include "clang/Frontend/CompilerInstance.h"
#include "clang/Interpreter/Interpreter.h"
#include "clang/Lex/LiteralSupport.h"
#include "clang/Lex/Pragma.h"
#include "clang/Lex/Preprocessor.h"

namespace cppnb {

static std::vector<std::pair<std::string, std::string>> gSettings;

std::vector<std::pair<std::string, std::string>> takePragmaSettings() {
  std::vector<std::pair<std::string, std::string>> out;
  out.swap(gSettings);
  return out;
}

namespace {

class ClingPragmaHandler : public clang::PragmaHandler {
public:
  explicit ClingPragmaHandler(clang::Interpreter &I) : PragmaHandler("cling"), Interp(I) {}

  void HandlePragma(clang::Preprocessor &PP, clang::PragmaIntroducer, clang::Token &First) override {
    std::vector<clang::Token> toks; // what follows `#pragma cling`, to the end of the line
    clang::Token tok;
    for (PP.Lex(tok); tok.isNot(clang::tok::eod) && tok.isNot(clang::tok::eof); PP.Lex(tok)) toks.push_back(tok);
    if (toks.empty() || toks[0].isNot(clang::tok::identifier))
      return error(PP, First.getLocation(), "expected load, add_include_path, add_library_path or optimize after '#pragma cling'");
    std::string verb = toks[0].getIdentifierInfo()->getName().str();
    clang::SourceLocation at = toks[0].getLocation();
    if (verb == "optimize") return optimize(PP, toks, at);
    if (verb != "load" && verb != "add_include_path" && verb != "add_library_path")
      return warning(PP, at, "unknown '#pragma cling " + verb + "' ignored (cppnb knows load, add_include_path, add_library_path, optimize)");
    std::vector<std::string> args;
    if (!stringArguments(PP, toks, args))
      return error(PP, at, "'#pragma cling " + verb + "' takes strings in parentheses, as in " + verb + "(\"name\")");
    // cling takes several at once: load("libA", "libB").
    for (const auto &arg : args) {
      std::string problem = apply(verb, arg);
      if (!problem.empty()) return error(PP, at, problem);
    }
  }

private:
  clang::Interpreter &Interp;

  // optimize(N): this cell at -ON (cell_optimization.h).
  void optimize(clang::Preprocessor &PP, const std::vector<clang::Token> &toks, clang::SourceLocation at) {
    std::string level = toks.size() == 4 && toks[1].is(clang::tok::l_paren) && toks[2].is(clang::tok::numeric_constant) &&
                                toks[3].is(clang::tok::r_paren)
                            ? PP.getSpelling(toks[2])
                            : "";
    if (level.size() != 1 || level[0] < '0' || level[0] > '3')
      return error(PP, at, "'#pragma cling optimize' takes a level from 0 to 3, as in optimize(2)");
    requestOptimization(*Interp.getCompilerInstance(), unsigned(level[0] - '0'));
  }

  // What one argument of a pragma does; an error text, or "".
  std::string apply(const std::string &verb, const std::string &arg) {
    std::string problem;
    if (verb == "load" && isBuiltInRootLibrary(arg)) {
      // ROOT's own library: its classes are in the session already.
    } else if (verb == "load") {
      std::string loaded;
      // The library's initialisers are code of the user's, not the compiler's:
      // if they crash, the kernel must not take it for clang's crash.
      sendFrame(RepRunning, "1");
      problem = loadLibrary(Interp, arg, loaded);
      sendFrame(RepRunning, "0");
      if (problem.empty()) gSettings.push_back({"lib", loaded});
    } else if (verb == "add_include_path") {
      bool added;
      problem = addIncludeDir(*Interp.getCompilerInstance(), arg, added);
      if (problem.empty()) gSettings.push_back({"include", absolutePath(arg)});
    } else {
      problem = addLibraryDir(arg);
      if (problem.empty()) gSettings.push_back({"libpath", absolutePath(arg)});
    }
    return problem;
  }

  // verb ( "a" [, "b"…] ); false when the tokens are not that.
  static bool stringArguments(clang::Preprocessor &PP, const std::vector<clang::Token> &toks, std::vector<std::string> &args) {
    if (toks.size() < 4 || toks[1].isNot(clang::tok::l_paren) || toks.back().isNot(clang::tok::r_paren)) return false;
    for (size_t i = 2; i + 1 < toks.size(); i += 2) {
      if (!clang::tok::isStringLiteral(toks[i].getKind())) return false;
      clang::StringLiteralParser literal(llvm::ArrayRef<clang::Token>(&toks[i], 1), PP);
      if (literal.hadError) return false;
      args.push_back(literal.GetString().str());
      bool last = i + 2 == toks.size();
      if (!last && toks[i + 1].isNot(clang::tok::comma)) return false;
    }
    return true;
  }

  static void report(clang::Preprocessor &PP, clang::SourceLocation at, clang::DiagnosticsEngine::Level level,
                     const std::string &text) {
    clang::DiagnosticsEngine &D = PP.getDiagnostics();
    D.Report(at, D.getCustomDiagID(level, "%0")) << text;
  }
  static void error(clang::Preprocessor &PP, clang::SourceLocation at, const std::string &text) {
    report(PP, at, clang::DiagnosticsEngine::Error, text);
  }
  static void warning(clang::Preprocessor &PP, clang::SourceLocation at, const std::string &text) {
    report(PP, at, clang::DiagnosticsEngine::Warning, text);
  }
};

} // namespace

void installClingPragmas(clang::Interpreter &I) {
  I.getCompilerInstance()->getPreprocessor().AddPragmaHandler(new ClingPragmaHandler(I));
}

} // namespace cppnb
