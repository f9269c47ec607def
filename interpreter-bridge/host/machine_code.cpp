#include "machine_code.h"
#include "guard.h"

#include "llvm/ExecutionEngine/Orc/CompileUtils.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCContext.h"
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
