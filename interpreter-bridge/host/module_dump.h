// What each cell compiled to, for whoever wants to see it: with
// CPPNB_DUMP_MODULES=DIR the host writes each cell's LLVM module, as the JIT
// gets it, to DIR/cell-N.ll (N counts this host's cells).
#pragma once

namespace llvm {
class Module;
}

namespace cppnb {

void dumpModuleIfAsked(const llvm::Module &M, unsigned cell);

} // namespace cppnb
