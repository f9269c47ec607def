// Machine code for each cell's module, by one code generation pipeline per
// optimisation level, built once and run again for every module.
//
// LLVM's own compiler for the JIT (SimpleCompiler) builds the whole codegen
// pipeline anew for every module: ~25% of a small cell's machine code time,
// and the pipeline's library-call table (a map of ~3 KB entries, 64 buckets)
// is laid out again each time, writing ~50 pages: after the per-cell fork
// snapshot, each such write is a copy-on-write trap. The table itself is kept
// too: LLVM's pass would empty it after every run (machine_code.cpp). The legacy pass manager
// runs the same passes over module after module (each pass's doInitialization
// and doFinalization set its per-module state up and down; llc's -run-twice
// check runs one pipeline twice the same way); the object comes out into a
// buffer the pipeline keeps. An error that stops the code generator midway
// ends the host (guard.h), so a pipeline is never left half way through.
#pragma once

#include "llvm/ExecutionEngine/Orc/IRCompileLayer.h"

#include <memory>

namespace llvm {
class TargetMachine;
}

namespace cppnb {

// The JIT's compiler over machine, which it keeps (cells set its optimisation
// level before their module is compiled: cell_optimization.h).
std::unique_ptr<llvm::orc::IRCompileLayer::IRCompiler> reusedPipelineCompiler(std::unique_ptr<llvm::TargetMachine> machine);

} // namespace cppnb
