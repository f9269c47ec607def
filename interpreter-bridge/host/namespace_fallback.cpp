#include "namespace_fallback.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Sema/ExternalSemaSource.h"
#include "clang/Sema/Lookup.h"
#include "clang/Sema/Sema.h"

namespace cppnb {

namespace {

class NamespaceFallback : public clang::ExternalSemaSource {
public:
  NamespaceFallback(clang::Sema &S, std::string ns) : S(S), Name(std::move(ns)) {}

  // Called by Sema when an unqualified lookup found nothing.
  bool LookupUnqualified(clang::LookupResult &R, clang::Scope *) override {
    // A declaration of the session's own is never a redeclaration of std's.
    if (Busy || R.isForRedeclaration()) return false;
    clang::NamespaceDecl *NS = space();
    if (!NS) return false;
    Busy = true;
    clang::LookupResult Found(S, R.getLookupNameInfo(), R.getLookupKind());
    bool any = S.LookupQualifiedName(Found, NS);
    Busy = false;
    if (!any || Found.isAmbiguous()) return false;
    for (clang::NamedDecl *D : Found) R.addDecl(D);
    R.resolveKind();
    return true;
  }

private:
  clang::NamespaceDecl *space() {
    if (NS) return NS;
    clang::ASTContext &C = S.getASTContext();
    clang::LookupResult R(S, clang::DeclarationName(&C.Idents.get(Name)), clang::SourceLocation(),
                          clang::Sema::LookupNamespaceName);
    Busy = true;
    S.LookupQualifiedName(R, C.getTranslationUnitDecl());
    Busy = false;
    NS = R.getAsSingle<clang::NamespaceDecl>();
    return NS;
  }

  clang::Sema &S;
  std::string Name;
  clang::NamespaceDecl *NS = nullptr;
  bool Busy = false;
};

} // namespace

void addNamespaceFallback(clang::Sema &S, const std::string &ns) {
  S.addExternalSource(llvm::IntrusiveRefCntPtr<clang::ExternalSemaSource>(new NamespaceFallback(S, ns)));
}

} // namespace cppnb
