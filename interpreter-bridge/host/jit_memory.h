// Memory for the code and data the JIT links, one cell after another.
//
// LLVM's default manager maps every linked cell on its own and gives each of
// its segments its protection there, so every cell that runs code leaves 2-5
// new mappings (VMAs) behind. The host forks a snapshot after every cell, and
// fork (and the teardown of an old snapshot) costs time per mapping: after
// 1,000 cells a trivial cell took 1.6-2x as long as at the start. This manager
// reserves one address range up front and hands out pages from one pool per
// protection (code, read-only, data), so the pages of all cells with the same
// protection are adjacent and the kernel merges them into one mapping: the
// count stays constant however many cells run.
#pragma once

#include "llvm/ExecutionEngine/JITLink/JITLinkMemoryManager.h"
#include "llvm/Support/Error.h"

#include <memory>

namespace cppnb {

llvm::Expected<std::unique_ptr<llvm::jitlink::JITLinkMemoryManager>> createPooledJITMemory();

} // namespace cppnb
