#include "cell_optimization.h"

#include "clang/Basic/CodeGenOptions.h"
#include "clang/Frontend/CompilerInstance.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>

namespace cppnb {

void requestOptimization(clang::CompilerInstance &CI, unsigned level) {
  clang::CodeGenOptions &opts = CI.getCodeGenOpts();
  opts.OptimizationLevel = level;
  opts.setInlining(level ? clang::CodeGenOptions::NormalInlining : clang::CodeGenOptions::OnlyAlwaysInlining);
}

// The host's own target, for the optimiser's cost models (made once).
static llvm::TargetMachine *hostMachine() {
  static std::unique_ptr<llvm::TargetMachine> machine = [] {
    auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
    if (!builder) {
      llvm::consumeError(builder.takeError());
      return std::unique_ptr<llvm::TargetMachine>();
    }
    auto made = builder->createTargetMachine();
    if (!made) {
      llvm::consumeError(made.takeError());
      return std::unique_ptr<llvm::TargetMachine>();
    }
    return std::move(*made);
  }();
  return machine.get();
}

static llvm::OptimizationLevel pipelineFor(unsigned level) {
  return level >= 3 ? llvm::OptimizationLevel::O3 : level == 2 ? llvm::OptimizationLevel::O2 : llvm::OptimizationLevel::O1;
}

static llvm::TargetMachine *gJitMachine = nullptr;

void useJitMachine(llvm::TargetMachine &machine) { gJitMachine = &machine; }

static llvm::CodeGenOptLevel codeGenLevel(unsigned level) {
  return level >= 3 ? llvm::CodeGenOptLevel::Aggressive
         : level == 2 ? llvm::CodeGenOptLevel::Default
         : level == 1 ? llvm::CodeGenOptLevel::Less
                      : llvm::CodeGenOptLevel::None;
}

unsigned optimizeCell(clang::CompilerInstance &CI, llvm::Module *module) {
  unsigned level = CI.getCodeGenOpts().OptimizationLevel; // the pragma's, if the cell had one
  requestOptimization(CI, 0);
  // The cell's module is compiled to machine code when it runs, next.
  if (gJitMachine) gJitMachine->setOptLevel(codeGenLevel(level));
  if (!level || !module) return level;
  // What clang emitted before the pragma (at -O0) is marked not to be
  // optimised; the whole cell is, as in cling.
  for (llvm::Function &f : *module) {
    if (f.isDeclaration() || !f.hasFnAttribute(llvm::Attribute::OptimizeNone)) continue;
    f.removeFnAttr(llvm::Attribute::OptimizeNone);
    f.removeFnAttr(llvm::Attribute::NoInline); // optnone's companion
  }
  llvm::LoopAnalysisManager LAM;
  llvm::FunctionAnalysisManager FAM;
  llvm::CGSCCAnalysisManager CGAM;
  llvm::ModuleAnalysisManager MAM;
  llvm::PassBuilder PB(hostMachine());
  PB.registerModuleAnalyses(MAM);
  PB.registerCGSCCAnalyses(CGAM);
  PB.registerFunctionAnalyses(FAM);
  PB.registerLoopAnalyses(LAM);
  PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);
  llvm::ModulePassManager MPM = PB.buildPerModuleDefaultPipeline(pipelineFor(level));
  MPM.run(*module, MAM);
  return level;
}

} // namespace cppnb
