// Template code compiled once.
//
// clang's incremental code generator puts into each cell's module every
// template instantiation the cell uses, also one an earlier cell's module
// already brought to the JIT (which then throws the new copy away): a value
// cell compiled print_last<int>, its comma operator and repr<int> again each
// time (~1.5 ms of a 6 ms cell), a cell calling v.push_back(x) the vector's
// code. Once a module that defines such a function is in the JIT, the function
// is marked as if `extern template` had declared it: clang then emits only its
// declaration (at -O0; optimised cells may still inline the body), and the
// JIT links the code it already has.
#pragma once
#include "clang/AST/ASTConsumer.h"

#include <vector>

namespace clang {
class FunctionDecl;
}
namespace llvm {
class Module;
}

namespace cppnb {

class CompiledOnce : public clang::ASTConsumer {
public:
  // Sema hands over each implicit instantiation's body as a top-level decl.
  bool HandleTopLevelDecl(clang::DeclGroupRef DGR) override;

  // A cell starts compiling: what it instantiates is noted from now on.
  void beginCell();
  // The cell compiled into M (before the JIT takes M): keeps the noted
  // instantiations M defines.
  void noteDefinedIn(const llvm::Module &M);
  // The cell's module is in the JIT: what it defined need not be compiled again.
  void markCompiled();

private:
  std::vector<clang::FunctionDecl *> Instantiated, Defined;
};

} // namespace cppnb
