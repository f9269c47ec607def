#include "read_only_cell.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Interpreter/PartialTranslationUnit.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Module.h"

namespace cppnb {

using namespace clang;

// A #define, #include, #pragma or _Pragma changes the session without
// declaring anything the AST would show; the kernel's own #line directives do
// not. Any other '#' (a directive after a comment, or only inside a string),
// the digraph %: and _Pragma count as one.
static bool onlyLineDirectives(const std::string &code) {
  if (code.find("%:") != std::string::npos || code.find("_Pragma") != std::string::npos) return false;
  for (size_t hash = code.find('#'); hash != std::string::npos; hash = code.find('#', hash + 1)) {
    size_t lineStart = code.rfind('\n', hash);
    lineStart = lineStart == std::string::npos ? 0 : lineStart + 1;
    if (code.find_first_not_of(" \t", lineStart) != hash) return false;
    size_t word = code.find_first_not_of(" \t", hash + 1);
    if (word == std::string::npos || code.compare(word, 4, "line") != 0) return false;
  }
  return true;
}

// The expression `e` of the kernel's `cppnb::detail::print_last(((e), cppnb::detail::no_value{}))`.
static const Expr *shownExpression(const Stmt *statement) {
  auto *expr = dyn_cast_or_null<Expr>(statement);
  auto *call = expr ? dyn_cast<CallExpr>(expr->IgnoreImplicit()) : nullptr;
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

// What compiling or evaluating an expression may change that clang's
// HasSideEffects does not see: the first read of a thread_local runs its
// initializer, and a variably modified type (`sizeof(int[x++])`) evaluates
// its size.
static bool touchesHiddenState(const Stmt *S) {
  if (!S) return false;
  if (auto *E = dyn_cast<Expr>(S)) {
    if (E->getType()->isVariablyModifiedType()) return true;
    if (auto *T = dyn_cast<UnaryExprOrTypeTraitExpr>(E); T && T->isArgumentType() && T->getArgumentType()->isVariablyModifiedType())
      return true;
    const ValueDecl *D = nullptr;
    if (auto *R = dyn_cast<DeclRefExpr>(E)) D = R->getDecl();
    if (auto *M = dyn_cast<MemberExpr>(E)) D = M->getMemberDecl();
    if (auto *V = dyn_cast_or_null<VarDecl>(D); V && V->getTLSKind() != VarDecl::TLS_None) return true;
  }
  for (const Stmt *child : S->children())
    if (touchesHiddenState(child)) return true;
  return false;
}

// The module has no variable of its own and no initializer but the
// statement's: a static data member or variable template instantiated for
// the cell (`Reg<int>::id`) is defined, and dynamically initialised, there.
static bool definesNoVariable(const llvm::Module &M) {
  for (const llvm::GlobalVariable &G : M.globals()) {
    if (G.isDeclaration() || G.isConstant()) continue;
    if (G.getName() == "llvm.global_ctors") {
      auto *ctors = llvm::dyn_cast<llvm::ConstantArray>(G.getInitializer());
      if (ctors && ctors->getNumOperands() > 1) return false;
      continue;
    }
    if (G.getName().starts_with("llvm.")) continue;
    return false;
  }
  return true;
}

bool onlyShowsAValue(const PartialTranslationUnit &ptu, const std::string &code) {
  if (!ptu.TUPart || !ptu.TheModule || !onlyLineDirectives(code) || !definesNoVariable(*ptu.TheModule)) return false;
  const Expr *shown = nullptr;
  for (const Decl *D : ptu.TUPart->decls()) {
    auto *statement = dyn_cast<TopLevelStmtDecl>(D);
    if (!statement || shown) return false;
    shown = shownExpression(statement->getStmt());
    if (!shown) return false;
  }
  return shown && !shown->HasSideEffects(ptu.TUPart->getASTContext(), /*IncludePossibleEffects=*/true) &&
         !touchesHiddenState(shown);
}

} // namespace cppnb
