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
  HiddenAhead.clear();
  VariablesThisCell.clear();
}

void ShadowingConsumer::hideBeforeRedefinition(const std::vector<std::string> &names) {
  if (!Sema) return;
  ASTContext &Ctx = Sema->getASTContext();
  TranslationUnitDecl *TU = Ctx.getTranslationUnitDecl();
  for (const std::string &name : names) {
    LookupResult Found(*Sema, DeclarationName(&Ctx.Idents.get(name)), SourceLocation(), Sema::LookupOrdinaryName,
                       RedeclarationKind::NotForRedeclaration);
    Found.suppressDiagnostics();
    Sema->LookupQualifiedName(Found, TU);
    std::vector<NamedDecl *> candidates(Found.begin(), Found.end());
    for (NamedDecl *D : candidates) {
      if (!isa<FunctionDecl, FunctionTemplateDecl>(D) || !isDefinition(D) || !typedInCell(D)) continue;
      hide(D);
      HiddenAhead.push_back(D);
    }
  }
}

void ShadowingConsumer::settleRedefinitions() {
  if (HiddenAhead.empty()) return;
  // The functions this cell defined, by name.
  std::vector<NamedDecl *> fresh;
  if (CellNamespace)
    for (Decl *D : CellNamespace->decls())
      if (auto *ND = dyn_cast<NamedDecl>(D); ND && isa<FunctionDecl, FunctionTemplateDecl>(ND)) fresh.push_back(ND);
  for (NamedDecl *Old : HiddenAhead) {
    bool replaced = false;
    for (NamedDecl *New : fresh)
      if (New->getDeclName() == Old->getDeclName() && isa<FunctionTemplateDecl>(New) == isa<FunctionTemplateDecl>(Old) &&
          !isOverloadOf(New, Old))
        replaced = true;
    if (replaced) continue;
    // An overload the cell did not redefine: visible again.
    for (auto It = HiddenThisCell.begin(); It != HiddenThisCell.end(); ++It)
      if (It->Decl == Old) {
        restore(*It);
        HiddenThisCell.erase(It);
        break;
      }
  }
  HiddenAhead.clear();
}

void ShadowingConsumer::restore(const Hidden &H) {
  TranslationUnitDecl *TU = Sema ? Sema->getASTContext().getTranslationUnitDecl() : nullptr;
  if (H.Context) H.Context->addDecl(H.Decl);
  else if (TU) TU->getPrimaryContext()->makeDeclVisibleInContext(H.Decl);
  if (H.InResolver) Sema->IdResolver.AddDecl(H.Decl);
  if (H.InScope)
    if (Scope *S = Sema->getScopeForContext(TU)) S->AddDecl(H.Decl);
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
  for (auto It = HiddenThisCell.rbegin(); It != HiddenThisCell.rend(); ++It) restore(*It);
  HiddenThisCell.clear();
  HiddenAhead.clear();
  CellNamespace = nullptr;
}

} // namespace cppnb
