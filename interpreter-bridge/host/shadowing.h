// Definition shadowing: lets a cell redefine what an earlier cell defined.
//
// clang's Interpreter rejects `int x = 6;` after `int x = 5;`. Like cling, each
// definition typed in a cell is moved into a fresh inline namespace for that cell
// (so its mangled name is new and the JIT sees no duplicate symbol), and every
// older definition of the same name is hidden from name lookup. Code compiled
// earlier keeps pointing at what it saw.
#pragma once
#include "clang/Sema/SemaConsumer.h"
#include <map>
#include <string>
#include <vector>

namespace clang {
class DeclContext;
class NamedDecl;
class NamespaceDecl;
class Sema;
class VarDecl;
} // namespace clang

namespace cppnb {

// Definitions typed in cell N live in the inline namespace __cppnb_cell_N.
constexpr const char *kCellNamespacePrefix = "__cppnb_cell_";

// Text as the user wrote it: every "__cppnb_cell_N::" removed.
std::string withoutCellNamespaces(std::string text);

class ShadowingConsumer : public clang::SemaConsumer {
public:
  void InitializeSema(clang::Sema &S) override { Sema = &S; }
  void ForgetSema() override { Sema = nullptr; }
  bool HandleTopLevelDecl(clang::DeclGroupRef DGR) override;

  // Starts a new cell: its definitions go into a namespace of their own.
  void beginCell(unsigned cellNumber);
  // Before the cell compiles: hides earlier cells' definitions of the
  // functions it defines, so its own calls to them are not ambiguous.
  void hideBeforeRedefinition(const std::vector<std::string> &names);
  // After it compiled: what was hidden ahead but turned out to be an overload
  // of the new definitions (not replaced by them) comes back.
  void settleRedefinitions();
  // The cell failed to compile: bring back what it hid.
  void rollbackCell();
  // Variables the cells declared at top level (name → type), for %who.
  const std::map<std::string, std::string> &variables() const { return Variables; }

private:
  void shadow(clang::NamedDecl *D);
  bool conflictsWithDefinition(clang::NamedDecl *D);
  std::vector<clang::NamedDecl *> visibleDecls(clang::NamedDecl *D);
  bool isOverloadOf(clang::NamedDecl *D, clang::NamedDecl *Prev);
  void hidePreviousDefinitions(clang::NamedDecl *D);
  void hide(clang::NamedDecl *D);
  void noteVariable(clang::VarDecl *VD);

  struct Hidden {
    clang::NamedDecl *Decl;
    clang::DeclContext *Context; // the cell namespace it was listed in
    bool InScope, InResolver;
  };

  void restore(const Hidden &H);
  // Hidden ahead of the cell by hideBeforeRedefinition (also in HiddenThisCell).
  std::vector<clang::NamedDecl *> HiddenAhead;

  clang::Sema *Sema = nullptr;
  unsigned Cell = 0;
  clang::NamespaceDecl *CellNamespace = nullptr;
  std::vector<Hidden> HiddenThisCell;
  std::map<std::string, std::string> Variables;
  std::vector<std::string> VariablesThisCell;
};

} // namespace cppnb
