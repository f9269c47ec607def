#include "shadowing.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclContextInternals.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Sema/Lookup.h"
#include "clang/Sema/Scope.h"
#include "clang/Sema/Sema.h"

#include <algorithm>
#include <string>

using namespace clang;

namespace cppnb {

static bool isDefinition(const Decl *D) {
  if (auto *FD = dyn_cast<FunctionDecl>(D)) return FD->isThisDeclarationADefinition();
  if (auto *TD = dyn_cast<TagDecl>(D)) return TD->isThisDeclarationADefinition();
  if (auto *VD = dyn_cast<VarDecl>(D)) return VD->isThisDeclarationADefinition();
  if (auto *TD = dyn_cast<TemplateDecl>(D)) return isDefinition(TD->getTemplatedDecl());
  return true;
}

static bool isInstantiationOrSpecialization(const Decl *D) {
  if (auto *FD = dyn_cast<FunctionDecl>(D))
    return FD->isTemplateInstantiation() || FD->isFunctionTemplateSpecialization();
  if (auto *CT = dyn_cast<ClassTemplateSpecializationDecl>(D))
    return CT->getSpecializationKind() != TSK_Undeclared;
  if (auto *VT = dyn_cast<VarTemplateSpecializationDecl>(D))
    return VT->getSpecializationKind() != TSK_Undeclared;
  return false;
}

// Only what the user typed in a cell is shadowed, never what headers declare.
static bool typedInCell(const Decl *D) {
  const SourceManager &SM = D->getASTContext().getSourceManager();
  SourceLocation L = SM.getExpansionLoc(D->getLocation());
  if (L.isInvalid()) return false;
  PresumedLoc P = SM.getPresumedLoc(L);
  return P.isValid() && llvm::StringRef(P.getFilename()).starts_with("input_line_");
}

void ShadowingConsumer::beginCell(unsigned cellNumber) {
  Cell = cellNumber;
  CellNamespace = nullptr;
  HiddenThisCell.clear();
  VariablesThisCell.clear();
}

bool ShadowingConsumer::HandleTopLevelDecl(DeclGroupRef DGR) {
  if (!Sema) return true;
  for (Decl *D : DGR) {
    if (auto *VD = dyn_cast<VarDecl>(D))
      if (auto *VTD = VD->getDescribedVarTemplate()) D = VTD;
    auto *ND = dyn_cast<NamedDecl>(D);
    if (!ND || !ND->getDeclName() || D->isInvalidDecl()) continue;
    if (!isa<TranslationUnitDecl>(D->getLexicalDeclContext())) continue;
    if (isa<NamespaceDecl, UsingDirectiveDecl, UsingDecl, NamespaceAliasDecl,
            TopLevelStmtDecl, LinkageSpecDecl>(D))
      continue;
    if (isInstantiationOrSpecialization(D) || !typedInCell(D)) continue;
    if (auto *VD = dyn_cast<VarDecl>(D)) noteVariable(VD);
    shadow(ND);
  }
  return true;
}

// Everything the TU's lookup finds under D's name, D included.
std::vector<NamedDecl *> ShadowingConsumer::visibleDecls(NamedDecl *D) {
  TranslationUnitDecl *TU = D->getASTContext().getTranslationUnitDecl();
  LookupResult Found(*Sema, D->getDeclName(), D->getLocation(), Sema::LookupOrdinaryName,
                     RedeclarationKind::NotForRedeclaration);
  Found.suppressDiagnostics();
  Sema->LookupQualifiedName(Found, TU);
  return std::vector<NamedDecl *>(Found.begin(), Found.end());
}

// Overloads coexist; neither hides the other (for templates, IsOverload
// follows C++ [temp.over.link]).
bool ShadowingConsumer::isOverloadOf(NamedDecl *D, NamedDecl *Prev) {
  if (isa<FunctionDecl>(Prev) && isa<FunctionDecl>(D))
    return Sema->IsOverload(cast<FunctionDecl>(D), cast<FunctionDecl>(Prev), false);
  if (isa<FunctionTemplateDecl>(Prev) && isa<FunctionTemplateDecl>(D))
    return Sema->IsOverload(cast<FunctionTemplateDecl>(D)->getTemplatedDecl(),
                            cast<FunctionTemplateDecl>(Prev)->getTemplatedDecl(), false);
  return false;
}

// Whether another visible definition of the name would make D ambiguous.
bool ShadowingConsumer::conflictsWithDefinition(NamedDecl *D) {
  for (NamedDecl *Prev : visibleDecls(D)) {
    if (Prev->getCanonicalDecl() == D->getCanonicalDecl() || !isDefinition(Prev)) continue;
    if (!isOverloadOf(D, Prev)) return true;
  }
  return false;
}

void ShadowingConsumer::shadow(NamedDecl *D) {
  // A declaration that is not a definition has no symbol of its own: it stays
  // where Sema put it, so a definition later in the cell links to it (moving it
  // would leave `struct Node; ... struct Node {...};` as two types). One that
  // comes after a definition of the same entity would only make uses ambiguous.
  if (!isDefinition(D)) {
    if (conflictsWithDefinition(D)) D->setInvalidDecl();
    return;
  }
  // The definition of something declared before stays with its declaration.
  if (D->getPreviousDecl() || (isa<TemplateDecl>(D) && cast<TemplateDecl>(D)->getTemplatedDecl() &&
                               cast<TemplateDecl>(D)->getTemplatedDecl()->getPreviousDecl()))
    return;
  ASTContext &Ctx = D->getASTContext();
  // Each cell has a TranslationUnitDecl of its own (redeclarations of one TU).
  auto *TU = cast<TranslationUnitDecl>(D->getDeclContext());
  if (!CellNamespace) {
    std::string name = kCellNamespacePrefix + std::to_string(Cell);
    CellNamespace = NamespaceDecl::Create(Ctx, TU, /*Inline=*/true, SourceLocation(),
                                          SourceLocation(), &Ctx.Idents.get(name),
                                          nullptr, /*Nested=*/false);
    CellNamespace->setImplicit();
    TU->addDecl(CellNamespace);
  }
  TU->removeDecl(D);
  D->setDeclContext(CellNamespace);
  if (auto *FTD = dyn_cast<FunctionTemplateDecl>(D))
    FTD->getTemplatedDecl()->setDeclContext(CellNamespace);
  if (auto *CTD = dyn_cast<ClassTemplateDecl>(D))
    CTD->getTemplatedDecl()->setDeclContext(CellNamespace);
  if (auto *VTD = dyn_cast<VarTemplateDecl>(D))
    VTD->getTemplatedDecl()->setDeclContext(CellNamespace);
  CellNamespace->addDecl(D);
  hidePreviousDefinitions(D);
}

void ShadowingConsumer::hidePreviousDefinitions(NamedDecl *D) {
  for (NamedDecl *Prev : visibleDecls(D)) {
    if (Prev == D || isOverloadOf(D, Prev)) continue;
    hide(Prev);
    // An unscoped enum's enumerators live in the enclosing scope: hide them too.
    if (auto *ED = dyn_cast<EnumDecl>(Prev))
      if (!ED->isScoped())
        for (Decl *E : ED->decls())
          if (auto *EN = dyn_cast<NamedDecl>(E)) hide(EN);
  }
}

static bool onResolverChain(Sema &S, NamedDecl *D) {
  for (auto I = S.IdResolver.begin(D->getDeclName()), E = S.IdResolver.end(); I != E; ++I)
    if (*I == D) return true;
  return false;
}

void ShadowingConsumer::hide(NamedDecl *D) {
  TranslationUnitDecl *TU = D->getASTContext().getTranslationUnitDecl();
  Hidden H{D, nullptr, false, false};
  if (Scope *S = Sema->getScopeForContext(TU)) {
    H.InScope = S->isDeclScope(D);
    S->RemoveDecl(D);
  }
  if (onResolverChain(*Sema, D)) {
    Sema->IdResolver.RemoveDecl(D);
    H.InResolver = true;
  }
  // Its cell namespace's decl list must lose it too, or the next rebuild of
  // the TU's lookup table (which re-collects inline namespaces) brings it back.
  DeclContext *DC = D->getDeclContext();
  if (auto *NS = dyn_cast<NamespaceDecl>(DC); NS && NS->isInline() && NS->containsDecl(D)) {
    NS->removeDecl(D);
    H.Context = NS;
  }
  if (StoredDeclsMap *Map = TU->getPrimaryContext()->getLookupPtr()) {
    auto It = Map->find(D->getDeclName());
    if (It != Map->end()) It->second.remove(D);
  }
  HiddenThisCell.push_back(H);
}

std::string withoutCellNamespaces(std::string text) {
  const std::string mark = kCellNamespacePrefix;
  for (size_t at = 0; (at = text.find(mark, at)) != std::string::npos;) {
    size_t digits = at + mark.size();
    size_t end = digits;
    while (end < text.size() && isdigit(static_cast<unsigned char>(text[end]))) ++end;
    if (end > digits && text.compare(end, 2, "::") == 0) text.erase(at, end + 2 - at);
    else at = end;
  }
  return text;
}

void ShadowingConsumer::noteVariable(VarDecl *VD) {
  std::string name = VD->getNameAsString();
  if (name.empty() || name.rfind("__cppnb", 0) == 0) return;
  PrintingPolicy Policy(VD->getASTContext().getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  Variables[name] = withoutCellNamespaces(VD->getType().getAsString(Policy));
  VariablesThisCell.push_back(name);
}

void ShadowingConsumer::rollbackCell() {
  for (const std::string &name : VariablesThisCell) Variables.erase(name);
  VariablesThisCell.clear();
  TranslationUnitDecl *TU = Sema ? Sema->getASTContext().getTranslationUnitDecl() : nullptr;
  for (auto It = HiddenThisCell.rbegin(); It != HiddenThisCell.rend(); ++It) {
    if (It->Context) It->Context->addDecl(It->Decl);
    else if (TU) TU->getPrimaryContext()->makeDeclVisibleInContext(It->Decl);
    if (It->InResolver) Sema->IdResolver.AddDecl(It->Decl);
    if (It->InScope)
      if (Scope *S = Sema->getScopeForContext(TU)) S->AddDecl(It->Decl);
  }
  HiddenThisCell.clear();
  CellNamespace = nullptr;
}

} // namespace cppnb
