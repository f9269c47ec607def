// See jit_memory.h for why cells' JIT memory is pooled by protection.
#include "jit_memory.h"

#include "llvm/ExecutionEngine/JITLink/JITLink.h"
#include "llvm/ExecutionEngine/Orc/Shared/AllocationActions.h"
#include "llvm/Support/Memory.h"
#include "llvm/Support/Process.h"

#include <mutex>
#include <sys/mman.h>
#include <unordered_set>
#include <vector>

namespace cppnb {
namespace {

using llvm::Error;
using llvm::jitlink::BasicLayout;
using llvm::jitlink::InProcessMemoryManager;
using llvm::jitlink::JITLinkDylib;
using llvm::jitlink::JITLinkMemoryManager;
using llvm::jitlink::LinkGraph;
using llvm::orc::ExecutorAddr;
using llvm::orc::MemLifetime;
using llvm::orc::MemProt;
using llvm::orc::shared::WrapperFunctionCall;

// Pools, each a slice of one reservation. All four fit in 2 GiB, so any two
// segments of a cell stay within reach of x86-64's 32-bit PC-relative fixups.
enum Pool { Code, ReadOnly, Data, Scratch, PoolCount };
constexpr size_t kPoolSize = size_t(512) << 20;

Error systemError(const char *what) {
  return llvm::createStringError(std::error_code(errno, std::generic_category()), "JIT memory: %s failed", what);
}

int protectionOf(MemProt prot) {
  unsigned flags = llvm::orc::toSysMemoryProtectionFlags(prot);
  int p = PROT_NONE;
  if (flags & llvm::sys::Memory::MF_READ) p |= PROT_READ;
  if (flags & llvm::sys::Memory::MF_WRITE) p |= PROT_WRITE;
  if (flags & llvm::sys::Memory::MF_EXEC) p |= PROT_EXEC;
  return p;
}

Pool poolOf(llvm::orc::AllocGroup group) {
  // Finalize-lifetime segments (and NoAlloc ones, which only need working
  // memory) are gone once the cell is linked: they share a pool that is reset.
  if (group.getMemLifetime() != MemLifetime::Standard) return Scratch;
  int p = protectionOf(group.getMemProt());
  if (p & PROT_EXEC) return Code;
  if (p & PROT_WRITE) return Data;
  return ReadOnly;
}

// Pages no longer in use: their memory goes back to the system and they can
// no longer be touched. (Their addresses are not handed out again.)
void retire(char *start, size_t size) {
  if (size == 0) return;
  madvise(start, size, MADV_DONTNEED);
  mprotect(start, size, PROT_NONE);
}

class PooledJITMemory : public JITLinkMemoryManager {
public:
  PooledJITMemory(char *base, size_t pageSize, std::unique_ptr<InProcessMemoryManager> fallback)
      : Base(base), PageSize(pageSize), Fallback(std::move(fallback)) {
    for (int p = 0; p < PoolCount; ++p) Next[p] = Base + p * kPoolSize;
  }

  void allocate(const JITLinkDylib *JD, LinkGraph &G, OnAllocatedFunction OnAllocated) override;
  void deallocate(std::vector<FinalizedAlloc> Allocs, OnDeallocatedFunction OnDeallocated) override;
  using JITLinkMemoryManager::allocate;
  using JITLinkMemoryManager::deallocate;

private:
  class InFlight;
  struct Range {
    char *start;
    size_t size;
    int protection;
  };
  // What a linked cell keeps until it is removed.
  struct Finalized {
    std::vector<Range> ranges;
    std::vector<WrapperFunctionCall> deallocActions;
  };

  char *poolEnd(Pool p) const { return Base + (p + 1) * kPoolSize; }
  void scratchDone();

  char *const Base;
  const size_t PageSize;
  // A cell that does not fit in what is left of a pool is linked the default way.
  const std::unique_ptr<InProcessMemoryManager> Fallback;
  std::mutex Lock;
  char *Next[PoolCount];
  unsigned ScratchUsers = 0;
  std::unordered_set<Finalized *> Ours;
};

class PooledJITMemory::InFlight : public JITLinkMemoryManager::InFlightAlloc {
public:
  InFlight(PooledJITMemory &Memory, LinkGraph &G, BasicLayout BL, std::vector<Range> Standard, bool UsesScratch)
      : Memory(Memory), G(G), BL(std::move(BL)), Standard(std::move(Standard)), UsesScratch(UsesScratch) {}

  void finalize(OnFinalizedFunction OnFinalized) override {
    for (const Range &r : Standard) {
      if (r.size == 0) continue;
      if (mprotect(r.start, r.size, r.protection) != 0) {
        releaseScratch();
        return OnFinalized(systemError("mprotect"));
      }
      if (r.protection & PROT_EXEC) llvm::sys::Memory::InvalidateInstructionCache(r.start, r.size);
    }
    auto deallocActions = llvm::orc::shared::runFinalizeActions(G.allocActions());
    releaseScratch();
    if (!deallocActions) return OnFinalized(deallocActions.takeError());
    auto *done = new Finalized{std::move(Standard), std::move(*deallocActions)};
    {
      std::lock_guard<std::mutex> guard(Memory.Lock);
      Memory.Ours.insert(done);
    }
    OnFinalized(FinalizedAlloc(ExecutorAddr::fromPtr(done)));
  }

  void abandon(OnAbandonedFunction OnAbandoned) override {
    for (const Range &r : Standard) retire(r.start, r.size);
    releaseScratch();
    OnAbandoned(Error::success());
  }

private:
  void releaseScratch() {
    if (!UsesScratch) return;
    UsesScratch = false;
    Memory.scratchDone();
  }

  PooledJITMemory &Memory;
  LinkGraph &G;
  BasicLayout BL;
  std::vector<Range> Standard;
  bool UsesScratch;
};

void PooledJITMemory::allocate(const JITLinkDylib *JD, LinkGraph &G, OnAllocatedFunction OnAllocated) {
  BasicLayout BL(G);
  // Checks that no segment asks for more than page alignment.
  if (auto sizes = BL.getContiguousPageBasedLayoutSizes(PageSize); !sizes) return OnAllocated(sizes.takeError());

  std::vector<Range> standard;
  bool usesScratch = false;
  {
    std::lock_guard<std::mutex> guard(Lock);
    size_t need[PoolCount] = {};
    for (auto &[group, seg] : BL.segments())
      need[poolOf(group)] += llvm::alignTo(seg.ContentSize + seg.ZeroFillSize, PageSize);
    for (int p = 0; p < PoolCount; ++p) {
      if (need[p] > size_t(poolEnd(Pool(p)) - Next[p])) {
        // Linked the default way: it still works, in a mapping of its own.
        return Fallback->allocate(JD, G, std::move(OnAllocated));
      }
    }
    for (auto &[group, seg] : BL.segments()) {
      Pool pool = poolOf(group);
      size_t size = llvm::alignTo(seg.ContentSize + seg.ZeroFillSize, PageSize);
      char *start = Next[pool];
      Next[pool] += size;
      // Fresh pages read as zeros, as the zero-fill parts of the segment need.
      if (size && mprotect(start, size, PROT_READ | PROT_WRITE) != 0) return OnAllocated(systemError("mprotect"));
      seg.WorkingMem = start;
      seg.Addr = ExecutorAddr::fromPtr(start);
      if (pool == Scratch)
        usesScratch = true;
      else
        standard.push_back({start, size, protectionOf(group.getMemProt())});
    }
    if (usesScratch) ++ScratchUsers;
  }
  if (auto err = BL.apply()) {
    for (const Range &r : standard) retire(r.start, r.size);
    if (usesScratch) scratchDone();
    return OnAllocated(std::move(err));
  }
  OnAllocated(std::make_unique<InFlight>(*this, G, std::move(BL), std::move(standard), usesScratch));
}

void PooledJITMemory::scratchDone() {
  std::lock_guard<std::mutex> guard(Lock);
  if (--ScratchUsers > 0) return;
  char *start = Base + Scratch * kPoolSize;
  retire(start, Next[Scratch] - start);
  Next[Scratch] = start;
}

void PooledJITMemory::deallocate(std::vector<FinalizedAlloc> Allocs, OnDeallocatedFunction OnDeallocated) {
  Error err = Error::success();
  std::vector<FinalizedAlloc> theirs;
  for (auto &alloc : Allocs) {
    auto *done = alloc.getAddress().toPtr<Finalized *>();
    bool ours;
    {
      std::lock_guard<std::mutex> guard(Lock);
      ours = Ours.erase(done) > 0;
    }
    if (!ours) {
      theirs.push_back(std::move(alloc));
      continue;
    }
    alloc.release();
    err = llvm::joinErrors(std::move(err), llvm::orc::shared::runDeallocActions(done->deallocActions));
    for (const Range &r : done->ranges) retire(r.start, r.size);
    delete done;
  }
  if (!theirs.empty()) err = llvm::joinErrors(std::move(err), Fallback->deallocate(std::move(theirs)));
  OnDeallocated(std::move(err));
}

} // namespace

llvm::Expected<std::unique_ptr<JITLinkMemoryManager>> createPooledJITMemory() {
  auto pageSize = llvm::sys::Process::getPageSize();
  if (!pageSize) return pageSize.takeError();
  auto fallback = InProcessMemoryManager::Create();
  if (!fallback) return fallback.takeError();
  // Address space only: nothing is committed until a pool hands pages out.
  void *base = mmap(nullptr, PoolCount * kPoolSize, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (base == MAP_FAILED) return systemError("mmap");
  return std::make_unique<PooledJITMemory>(static_cast<char *>(base), static_cast<size_t>(*pageSize),
                                           std::move(*fallback));
}

} // namespace cppnb
