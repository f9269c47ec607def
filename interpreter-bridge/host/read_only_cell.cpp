#include "read_only_cell.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Interpreter/PartialTranslationUnit.h"

namespace cppnb {

using namespace clang;

// A #define, #include or #pragma changes the session without declaring
// anything the AST would show; the kernel's own #line directives do not.
static bool onlyLineDirectives(const std::string &code) {
  for (size_t pos = 0; pos < code.size();) {
    size_t end = code.find('\n', pos);
    if (end == std::string::npos) end = code.size();
    size_t hash = code.find_first_not_of(" \t", pos);
    if (hash < end && code[hash] == '#') {
      size_t word = code.find_first_not_of(" \t", hash + 1);
      if (word >= end || code.compare(word, 4, "line") != 0) return false;
    }
    pos = end + 1;
  }
  return true;
}

// The expression `e` of the kernel's `cppnb::detail::print_last(((e), cppnb::detail::no_value{}))`.
static const Expr *shownExpression(const Stmt *statement) {
  auto *call = dyn_cast_or_null<CallExpr>(dyn_cast_or_null<Expr>(statement) ? cast<Expr>(statement)->IgnoreImplicit() : nullptr);
  auto *callee = call ? dyn_cast_or_null<FunctionDecl>(call->getCalleeDecl()) : nullptr;
  if (!callee || call->getNumArgs() != 1 || callee->getQualifiedNameAsString() != "cppnb::detail::print_last")
    return nullptr;
  const Expr *arg = call->getArg(0)->IgnoreImplicit();
  while (auto *copy = dyn_cast<CXXConstructExpr>(arg)) {
    if (copy->getNumArgs() != 1) return nullptr;
    arg = copy->getArg(0)->IgnoreImplicit();
  }
  arg = arg->IgnoreParens();
  if (auto *comma = dyn_cast<CXXOperatorCallExpr>(arg); comma && comma->getOperator() == OO_Comma)
    return comma->getArg(0)->IgnoreParens();
  if (auto *comma = dyn_cast<BinaryOperator>(arg); comma && comma->getOpcode() == BO_Comma)
    return comma->getLHS()->IgnoreParens();
  return nullptr;
}

bool onlyShowsAValue(const PartialTranslationUnit &ptu, const std::string &code) {
  if (!ptu.TUPart || !onlyLineDirectives(code)) return false;
  const Expr *shown = nullptr;
  for (const Decl *D : ptu.TUPart->decls()) {
    auto *statement = dyn_cast<TopLevelStmtDecl>(D);
    if (!statement || shown) return false;
    shown = shownExpression(statement->getStmt());
    if (!shown) return false;
  }
  return shown && !shown->HasSideEffects(ptu.TUPart->getASTContext(), /*IncludePossibleEffects=*/true);
}

} // namespace cppnb
