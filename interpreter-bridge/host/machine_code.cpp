#include "machine_code.h"
#include "guard.h"

#include "llvm/Analysis/RuntimeLibcallInfo.h"
#include "llvm/CodeGen/LibcallLoweringInfo.h"
#include "llvm/ExecutionEngine/Orc/CompileUtils.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCContext.h"
#include "llvm/InitializePasses.h"
#include "llvm/PassRegistry.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/SmallVectorMemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <array>

namespace cppnb {
namespace {

// One level's pipeline, writing its objects into object.
struct Pipeline {
  llvm::SmallVector<char, 0> object;
  llvm::raw_svector_ostream out{object};
  llvm::legacy::PassManager passes;
};

// The pipeline's library-call table, kept from module to module. LLVM's own
// empties it after each run (releaseMemory): a map of 64 buckets of ~3 KB
// whose emptying writes every bucket, ~50 pages, copy-on-write traps after
// the per-cell snapshot; the next module then lays its one entry out again.
// What it holds depends only on the subtarget (its key, which the machine
// keeps for its lifetime) and on the library-call set the pipeline computed
// once from the first module, so keeping it changes no module's code. Added
// before the target's passes, it is the one they find (same pass ID): the
// pass manager drops the target's own. So does the library-call set it
// requires, added first as the target adds it: a default-built one knows no
// library call, and a variable-length memcpy became a byte loop (4.5x slower).
class KeptLibcallLowering final : public llvm::LibcallLoweringInfoWrapper {
public:
  void releaseMemory() override {}
};

// The code generator's run, for the guard (also when it unwinds).
struct MachineCodeScope {
  MachineCodeScope() { beginMachineCode(); }
  ~MachineCodeScope() { endMachineCode(); }
};

class ReusedPipelineCompiler : public llvm::orc::IRCompileLayer::IRCompiler {
public:
  explicit ReusedPipelineCompiler(std::unique_ptr<llvm::TargetMachine> machine)
      : IRCompiler(llvm::orc::irManglingOptionsFromTargetOptions(machine->Options)), fMachine(std::move(machine)) {}

  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> operator()(llvm::Module &module) override {
    auto level = static_cast<size_t>(fMachine->getOptLevel());
    if (level >= fPipelines.size()) level = 0;
    std::unique_ptr<Pipeline> &pipeline = fPipelines[level];
    if (!pipeline) {
      pipeline = std::make_unique<Pipeline>();
      llvm::initializeLibcallLoweringInfoWrapperPass(*llvm::PassRegistry::getPassRegistry());
      const llvm::TargetOptions &options = fMachine->Options;
      pipeline->passes.add(new llvm::RuntimeLibraryInfoWrapper(fMachine->getTargetTriple(), options.ExceptionModel, options.FloatABIType,
                                                               options.EABIVersion, options.MCOptions.ABIName, options.VecLib));
      pipeline->passes.add(new KeptLibcallLowering());
      llvm::MCContext *context = nullptr;
      if (fMachine->addPassesToEmitMC(pipeline->passes, context, pipeline->out)) {
        pipeline.reset();
        return llvm::make_error<llvm::StringError>("the target cannot emit machine code", llvm::inconvertibleErrorCode());
      }
    }
    // Building the -O0 pipeline turns the machine's fast instruction
    // selector on, and the optimising pipelines read that flag when they run.
    fMachine->setFastISel(level == 0);
    {
      // Never left half way: an error that stops it (LLVM's exit(1) for an
      // error it reports, a fatal error, a fault) ends the process (guard.h),
      // and the snapshot from before the cell takes over.
      MachineCodeScope generating;
      pipeline->passes.run(module);
    }
    auto object = std::make_unique<llvm::SmallVectorMemoryBuffer>(std::move(pipeline->object),
                                                                  module.getModuleIdentifier() + "-jitted-objectbuffer",
                                                                  /*RequiresNullTerminator=*/false);
    pipeline->object.clear(); // moved from: empty, still the stream's vector
    auto checked = llvm::object::ObjectFile::createObjectFile(object->getMemBufferRef());
    if (!checked) return checked.takeError();
    return std::move(object);
  }

private:
  std::unique_ptr<llvm::TargetMachine> fMachine;
  // By CodeGenOptLevel (None, Less, Default, Aggressive).
  std::array<std::unique_ptr<Pipeline>, 4> fPipelines;
};

} // namespace

std::unique_ptr<llvm::orc::IRCompileLayer::IRCompiler> reusedPipelineCompiler(std::unique_ptr<llvm::TargetMachine> machine) {
  return std::make_unique<ReusedPipelineCompiler>(std::move(machine));
}

} // namespace cppnb
