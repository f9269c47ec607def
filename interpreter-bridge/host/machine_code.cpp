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
  llvm::MCContext *context = nullptr;
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
      if (fMachine->addPassesToEmitMC(pipeline->passes, pipeline->context, pipeline->out)) {
        pipeline.reset();
        return llvm::make_error<llvm::StringError>("the target cannot emit machine code", llvm::inconvertibleErrorCode());
      }
    }
    pipeline->object.clear();
    // Never left half way: an error that stops it ends the process
    // (guard.h), and the snapshot from before the cell takes over.
    beginMachineCode();
    pipeline->passes.run(module);
    endMachineCode();
    // An error the code generator reported and went on from (LLVM exits on
    // one unless a handler takes it): the next module gets a new pipeline.
    bool failed = pipeline->context && pipeline->context->hadError();
    auto object = std::make_unique<llvm::SmallVectorMemoryBuffer>(std::move(pipeline->object),
                                                                  module.getModuleIdentifier() + "-jitted-objectbuffer",
                                                                  /*RequiresNullTerminator=*/false);
    pipeline->object.clear(); // moved from: empty, still the stream's vector
    if (failed) pipeline.reset();
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
