// Building the interpreter: the compiler from the kernel's arguments, clang's
// JIT with pooled memory, our AST consumer (shadowing), diagnostics as text,
// the cling pragmas.
#include "host.h"
#include "cell_optimization.h"
#include "cling_pragmas.h"
#include "guard.h"
#include "jit_errors.h"
#include "jit_memory.h"
#include "json.h"
#include "library_code.h"
#include "machine_code.h"

#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Interpreter/IncrementalExecutor.h"
#include "llvm/ExecutionEngine/Orc/Debugging/DebuggerSupport.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/SelfExecutorProcessControl.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/TargetSelect.h"

#include <cstdio>
#include <vector>

namespace cppnb {

// clang's own JIT set-up (the host's target, debugger registration), except
// that linked cells get their memory from pools (jit_memory.h).
static llvm::Expected<std::unique_ptr<clang::IncrementalExecutorBuilder>> executorBuilder() {
  auto machine = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!machine) return machine.takeError();
  auto memory = createPooledJITMemory();
  if (!memory) return memory.takeError();
  // Cells are compiled on this thread, one at a time, by one target machine,
  // as in clang's default. (Left to itself, the process control would bring a
  // thread pool, and LLJIT would then build a new target machine for every
  // cell: ~5 ms more per cell that runs code.)
  auto process = llvm::orc::SelfExecutorProcessControl::Create(
      nullptr, std::make_unique<llvm::orc::InPlaceTaskDispatcher>(), std::move(*memory));
  if (!process) return process.takeError();
  auto jit = std::make_unique<llvm::orc::LLJITBuilder>();
  jit->setJITTargetMachineBuilder(std::move(*machine));
  jit->setExecutorProcessControl(std::move(*process));
  jit->setSupportConcurrentCompilation(false);
  // One target machine, whose code generator's level each cell sets
  // (cell_optimization.h), and its pipelines kept from cell to cell
  // (machine_code.h).
  jit->setCompileFunctionCreator([](llvm::orc::JITTargetMachineBuilder builder)
                                     -> llvm::Expected<std::unique_ptr<llvm::orc::IRCompileLayer::IRCompiler>> {
    auto target = builder.createTargetMachine();
    if (!target) return target.takeError();
    useJitMachine(**target);
    return reusedPipelineCompiler(std::move(*target));
  });
  jit->setPrePlatformSetup([](llvm::orc::LLJIT &J) {
    llvm::consumeError(llvm::orc::enableDebuggerSupport(J));
    collectJitErrors(J);
    return llvm::Error::success();
  });
  auto builder = std::make_unique<clang::IncrementalExecutorBuilder>();
  builder->JITBuilder = std::move(jit);
  return builder;
}

bool Host::start(int argc, char **argv) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  // Cells' inline assembly (asm("...")) is assembled by the target's parser.
  llvm::InitializeNativeTargetAsmParser();
  llvm::install_fatal_error_handler([](void *, const char *reason, bool) { dieOfCompilerError(reason); });

  std::vector<const char *> args;
  for (int i = 1; i < argc; ++i) args.push_back(argv[i]);
  std::string why;
  if (!loadHeaderCode(args, why)) {
    dprintf(LogFd, "cppnb-host: %s\n", why.c_str());
    return false;
  }
  clang::IncrementalCompilerBuilder builder;
  builder.SetCompilerArgs(args);
  auto ci = builder.CreateCpp();
  if (!ci) {
    std::string msg = llvm::toString(ci.takeError());
    dprintf(LogFd, "cppnb-host: cannot create the compiler: %s\n", msg.c_str());
    return false;
  }
  auto &diagOpts = (*ci)->getDiagnosticOpts();
  diagOpts.ShowColors = true;
  auto executor = executorBuilder();
  if (!executor) {
    std::string msg = llvm::toString(executor.takeError());
    dprintf(LogFd, "cppnb-host: cannot create the JIT: %s\n", msg.c_str());
    return false;
  }
  std::vector<std::unique_ptr<clang::ASTConsumer>> consumers;
  consumers.push_back(std::make_unique<ShadowingConsumer>());
  Shadowing = static_cast<ShadowingConsumer *>(consumers.back().get());
  consumers.push_back(std::make_unique<CompiledOnce>());
  Once = static_cast<CompiledOnce *>(consumers.back().get());
  llvm::Error err = llvm::Error::success();
  Interp = std::make_unique<CellInterpreter>(std::move(*ci), err, std::move(*executor),
                                             std::make_unique<clang::MultiplexConsumer>(std::move(consumers)));
  if (err) {
    std::string msg = llvm::toString(std::move(err));
    dprintf(LogFd, "cppnb-host: cannot create the interpreter: %s\n", msg.c_str());
    return false;
  }
  // The printer must see BeginSourceFile after it is installed, or it prints nothing.
  clang::CompilerInstance *CI = Interp->getCompilerInstance();
  auto diags = std::make_unique<CellDiagnostics>(CI->getDiagnosticOpts());
  Diags = diags.get();
  CI->getDiagnostics().setClient(diags.release(), /*ShouldOwnClient=*/true);
  Diags->BeginSourceFile(CI->getLangOpts(), &CI->getPreprocessor());
  installClingPragmas(*Interp);
  return true;
}

std::string Host::finishReply(std::string reply) const {
  reply.pop_back(); // the closing brace
  reply += ",\"timing\":{\"user\":" + std::to_string(Last.user) + ",\"system\":" + std::to_string(Last.system) +
           ",\"run\":" + std::to_string(Last.run) + ",\"compile\":" + std::to_string(Last.compile) + "}";
  // What the cell's #pragma cling lines changed, for the kernel to keep: also
  // when the cell then failed but this process goes on (an exception, exit(),
  // an interrupt). A process that hands over takes its changes with it.
  auto settings = takePragmaSettings();
  if (!settings.empty() && !HandOver) {
    reply += ",\"settings\":[";
    for (size_t i = 0; i < settings.size(); ++i)
      reply += (i ? ",[" : "[") + jsonString(settings[i].first) + "," + jsonString(settings[i].second) + "]";
    reply += "]";
  }
  return reply + "}";
}

} // namespace cppnb
