// Code compiled while a cell runs. ROOT compiles the strings users give it —
// TTree::Draw expressions, formulas — with its interpreter, so they can be any
// C++ and call anything the session defined. The ROOT-like library asks the
// host here (cppnb/root/jit.hpp): the text is compiled in the session's own
// interpreter, as a cell of its own, and the address of one of its extern "C"
// functions comes back.
//
// Only code the library generated comes here, one extern "C" function wrapped
// around the user's expression: such a definition escapes the cell namespaces
// (shadowing.h), and when it fails to compile its declaration never reaches
// the code generator, so a failed compile leaves nothing behind for the next
// cell.
#include "host.h"
#include "library_code.h"

#include "clang/Frontend/CompilerInstance.h"
#include "llvm/Support/Error.h"

#include <cstring>

namespace cppnb {

static Host *gHost = nullptr;

void Host::serveCompiles() { gHost = this; }

void *Host::compileWhileRunning(const std::string &code, const std::string &symbol, std::string &error) {
  clang::CompilerInstance *CI = Interp->getCompilerInstance();
  // The cell's own warnings were sent before it ran; what this compile says
  // is collected on its own and given back as the error.
  Diags->startCell();
  CI->getDiagnostics().Reset(/*soft=*/true);
  auto ptu = Interp->Parse(code);
  if (!ptu) {
    llvm::consumeError(ptu.takeError());
    error = Diags->firstError().empty() ? "it did not compile" : Diags->firstError();
    Diags->startCell();
    return nullptr;
  }
  Diags->startCell();
  if (ptu->TheModule) useLibraryCode(*ptu->TheModule);
  if (llvm::Error err = Interp->Execute(*ptu)) {
    error = llvm::toString(std::move(err));
    return nullptr;
  }
  auto address = Interp->getSymbolAddress(symbol);
  if (!address) {
    error = llvm::toString(address.takeError());
    return nullptr;
  }
  return address->toPtr<void *>();
}

} // namespace cppnb

// The library's request (cppnb/root/jit.hpp): the address of symbol once code
// is compiled, or null with the first error in error (at most errorSize bytes).
extern "C" void *cppnb_host_compile(const char *code, const char *symbol, char *error, unsigned long errorSize) {
  std::string why = "the interpreter is not running";
  void *address = cppnb::gHost ? cppnb::gHost->compileWhileRunning(code, symbol, why) : nullptr;
  if (!address && error && errorSize) {
    std::strncpy(error, why.c_str(), errorSize - 1);
    error[errorSize - 1] = 0;
  }
  return address;
}
