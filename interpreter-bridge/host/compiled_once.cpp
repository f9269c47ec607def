#include "compiled_once.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Mangle.h"
#include "llvm/IR/Module.h"

namespace cppnb {

using namespace clang;

// Functions with one symbol whose code may be shared: constructors and
// destructors have several (complete, base, deleting), of which a module
// defines only those it used, and a virtual function has thunks, which the
// library-code pass may have dropped as unused; a later cell may need them.
static bool compiledOnceCandidate(const FunctionDecl *FD) {
  auto *method = dyn_cast<CXXMethodDecl>(FD);
  return FD->getTemplateSpecializationKind() == TSK_ImplicitInstantiation && FD->doesThisDeclarationHaveABody() &&
         !isa<CXXConstructorDecl, CXXDestructorDecl>(FD) && !(method && method->isVirtual()) &&
         FD->isExternallyVisible() && !FD->isConsteval() && !FD->isMultiVersion() && !FD->isInvalidDecl();
}

bool CompiledOnce::HandleTopLevelDecl(DeclGroupRef DGR) {
  for (Decl *D : DGR)
    if (auto *FD = dyn_cast<FunctionDecl>(D))
      if (compiledOnceCandidate(FD)) Instantiated.push_back(FD);
  return true;
}

void CompiledOnce::beginCell() {
  Instantiated.clear();
  Defined.clear();
}

void CompiledOnce::noteDefinedIn(const llvm::Module &M) {
  if (Instantiated.empty()) return;
  ASTNameGenerator names(Instantiated.front()->getASTContext());
  for (FunctionDecl *FD : Instantiated) {
    const llvm::Function *F = M.getFunction(names.getName(FD));
    if (F && !F->isDeclaration()) Defined.push_back(FD);
  }
  Instantiated.clear();
}

void CompiledOnce::markCompiled() {
  for (FunctionDecl *FD : Defined) FD->setTemplateSpecializationKind(TSK_ExplicitInstantiationDeclaration);
  Defined.clear();
}

} // namespace cppnb
