// `#pragma cling optimize(N)`, as cling has it: the cell it is in is
// compiled with optimisation level N (0-3), for loops that must run at
// compiled speed; other cells stay at -O0, which compiles fastest.
//
// clang is told at the pragma (its code generator then emits the cell's
// functions without optnone), and LLVM's -ON pipeline runs on the cell's
// module before it is linked. The precompiled header's code is not inlined
// into the cell: clang emits no copy of it (library_code.h), so calls into
// the library stay calls to its -O2 code.
#pragma once

namespace clang {
class CompilerInstance;
}
namespace llvm {
class Module;
class TargetMachine;
}

namespace cppnb {

// The pragma: the rest of the current cell is compiled at level (0-3).
void requestOptimization(clang::CompilerInstance &CI, unsigned level);

// After the cell is parsed: optimises its module when the cell asked for it,
// sets the JIT's code generator to the cell's level, and the compiler back to
// -O0 for the next one; returns the cell's level. Safe to call always.
unsigned optimizeCell(clang::CompilerInstance &CI, llvm::Module *module);

// The target machine the JIT compiles cells with. At -O0 its code generator
// runs at its own -O0 too (fast instruction selection and register
// allocation): a cell that runs code compiles 1-3 ms faster than with LLVM's
// default -O2 pipeline, which builds ~100 passes for each cell.
void useJitMachine(llvm::TargetMachine &machine);

} // namespace cppnb
