// cppnb-host: runs C++ cells for the cppnb kernel on clang's incremental compiler.
//
// The kernel starts this program with the compiler arguments on the command line
// and talks to it over the framed protocol in protocol.h. One request is served
// at a time; user output is forwarded while a cell runs.
#include "demangle.h"
#include "diagnostics.h"
#include "guard.h"
#include "jit_errors.h"
#include "jit_memory.h"
#include "cling_pragmas.h"
#include "search_paths.h"
#include "protocol.h"
#include "shadowing.h"
#include "snapshot.h"
#include "stdin.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/Version.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Sema/Sema.h"
#include "clang/Interpreter/IncrementalExecutor.h"
#include "clang/Interpreter/Interpreter.h"
#include "llvm/ExecutionEngine/Orc/Debugging/DebuggerSupport.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/SelfExecutorProcessControl.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/TargetSelect.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <sys/resource.h>
#include <csignal>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <cxxabi.h>
#include <exception>
#include <map>
#include <sstream>
#include <memory>
#include <typeinfo>
#include <unistd.h>
#include <vector>

namespace cppnb {

// Gives access to the constructor that takes our own AST consumer.
class CellInterpreter : public clang::Interpreter {
public:
  CellInterpreter(std::unique_ptr<clang::CompilerInstance> CI, llvm::Error &Err,
                  std::unique_ptr<clang::IncrementalExecutorBuilder> Executor,
                  std::unique_ptr<clang::ASTConsumer> Consumer)
      : Interpreter(std::move(CI), Err, std::move(Executor), std::move(Consumer)) {}
};

// Rich results a cell's last expression produced (mime type → data).
static std::map<std::string, std::string> gResult;

// Functions user code asked to run after each cell (cppnb::at_end_of_cell),
// e.g. the plotting library showing the canvases the cell changed.
static std::vector<void (*)()> gEndOfCell;

static std::string errorReply(const std::string &ename, const std::string &evalue,
                              const std::string &traceback, bool handover = false) {
  return "{\"status\":\"error\",\"ename\":" + jsonString(ename) +
         ",\"evalue\":" + jsonString(evalue) + ",\"traceback\":" + jsonString(traceback) +
         (handover ? ",\"handover\":true}" : "}");
}

struct ExecuteCall {
  clang::Interpreter *Interp;
  clang::PartialTranslationUnit *PTU;
  std::string ename, evalue; // set when the cell threw or failed to link
};

// Runs f, turning an exception into the call's error (the first one wins).
template <class F> static void catching(ExecuteCall *call, F f) {
  try {
    f();
  } catch (const std::exception &e) {
    if (!call->ename.empty()) return;
    std::type_info *t = abi::__cxa_current_exception_type();
    call->ename = t ? demangle(t->name()) : "std::exception";
    call->evalue = e.what();
  } catch (...) {
    if (!call->ename.empty()) return;
    std::type_info *t = abi::__cxa_current_exception_type();
    call->ename = t ? demangle(t->name()) : "unknown exception";
    call->evalue = "uncaught exception of type " + call->ename;
  }
}

static void executeCell(void *arg) {
  auto *call = static_cast<ExecuteCall *>(arg);
  catching(call, [&] {
    if (llvm::Error err = call->Interp->Execute(*call->PTU)) {
      call->ename = "ExecutionError";
      call->evalue = llvm::toString(std::move(err));
    }
  });
  // Also after an exception: what the cell drew before it threw is shown.
  for (size_t i = 0; i < gEndOfCell.size(); ++i) catching(call, gEndOfCell[i]);
}

class Host {
public:
  explicit Host(int logFd) : LogFd(logFd) {}
  bool start(int argc, char **argv);
  std::string execute(const std::string &code);
  std::string command(const std::string &verb, const std::string &arg);
  // Appends where the last request's time went to its reply, and what its
  // #pragma cling lines changed.
  std::string finishReply(std::string reply) const;
  // Set when the reply just built must be the last thing this process does.
  bool HandOver = false;

private:
  int LogFd;
  std::unique_ptr<CellInterpreter> Interp;
  ShadowingConsumer *Shadowing = nullptr;
  CellDiagnostics *Diags = nullptr;
  unsigned Cell = 0;
  struct Timings {
    long user = 0, system = 0, run = 0, compile = 0; // microseconds
  } Last;
};

static long micros(const timeval &t) { return t.tv_sec * 1000000L + t.tv_usec; }

static long microsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
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

  std::vector<const char *> args;
  for (int i = 1; i < argc; ++i) args.push_back(argv[i]);
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
  auto shadowing = std::make_unique<ShadowingConsumer>();
  Shadowing = shadowing.get();
  llvm::Error err = llvm::Error::success();
  Interp = std::make_unique<CellInterpreter>(std::move(*ci), err, std::move(*executor), std::move(shadowing));
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

// At the end of every cell clang checks each `delete` of a class member
// against how the member was allocated (-Wmismatched-new-delete), reading the
// precompiled header's deletes again and adding them to those it already
// checked. The list only grew, and so did the check: after 1,000 cells a
// trivial cell compiled in ~2.2 ms instead of ~0.8. What a cell's end has
// checked need not be checked again.
static void forgetAnalysedDeletes(clang::Sema &S) {
  using Deletes = std::remove_cv_t<std::remove_reference_t<decltype(S.getMismatchingDeleteExpressions())>>;
  const_cast<Deletes &>(S.getMismatchingDeleteExpressions()).clear();
}

std::string Host::execute(const std::string &request) {
  // An optional first line names the functions the cell defines (see
  // kRedefinesHeader); it is not part of the code the compiler sees.
  std::string code = request;
  std::vector<std::string> redefined;
  if (code.rfind(kRedefinesHeader, 0) == 0) {
    size_t nl = code.find('\n');
    std::istringstream names(code.substr(strlen(kRedefinesHeader), nl - strlen(kRedefinesHeader)));
    for (std::string n; names >> n;) redefined.push_back(n);
    code = nl == std::string::npos ? "" : code.substr(nl + 1);
  }
  Diags->startCell();
  gResult.clear();
  takePragmaSettings(); // what an earlier cell that failed did is not this cell's
  Shadowing->beginCell(++Cell);
  Shadowing->hideBeforeRedefinition(redefined);
  clang::CompilerInstance *CI = Interp->getCompilerInstance();
  CI->getDiagnostics().Reset(/*soft=*/true);

  Last = Timings{};
  auto compileStart = std::chrono::steady_clock::now();
  forgetAnalysedDeletes(CI->getSema());
  beginCompile();
  auto ptu = Interp->Parse(code);
  bool interruptedCompile = endCompile();
  Last.compile = microsSince(compileStart);
  if (ptu && interruptedCompile) {
    // Compiled but not run: the snapshot from before the cell takes over.
    HandOver = haveSnapshot();
    std::string v = "the cell was interrupted while it compiled; nothing of it ran";
    return errorReply("Interrupted", v, v, HandOver);
  }
  if (!ptu) {
    llvm::consumeError(ptu.takeError());
    // clang's code generator keeps what it was given of a cell that then failed
    // and emits it with the next cell, which can crash it. The snapshot from
    // before this cell is clean: hand over to it after replying.
    HandOver = haveSnapshot();
    if (!HandOver) Shadowing->rollbackCell();
    std::string first = Diags->firstError();
    return errorReply("CompileError", first.empty() ? "the cell did not compile" : first,
                      Diags->text(), HandOver);
  }
  Shadowing->settleRedefinitions();
  // Warnings of a cell that compiled go to its stderr, as a compiler would print them.
  std::string warnings = Diags->text();
  if (!warnings.empty()) sendOutput(RepStderr, warnings);

  resetStdinForCell();
  clearJitErrors();
  sendFrame(RepRunning, "1");
  ExecuteCall call{Interp.get(), &*ptu, "", ""};
  Outcome outcome;
  rusage before, after;
  getrusage(RUSAGE_SELF, &before);
  auto runStart = std::chrono::steady_clock::now();
  bool finished = runGuarded(executeCell, &call, outcome);
  Last.run = microsSince(runStart);
  getrusage(RUSAGE_SELF, &after);
  Last.user = micros(after.ru_utime) - micros(before.ru_utime);
  Last.system = micros(after.ru_stime) - micros(before.ru_stime);
  drainOutput();
  if (!finished) {
    std::string ename = outcome.exited ? "SystemExit" : signalErrorName(outcome.signal);
    std::string v = outcome.exited ? "the cell called exit(" + std::to_string(outcome.exitCode) + ")"
                    : outcome.signal == SIGINT ? "the cell was interrupted"
                                               : std::string(strsignal(outcome.signal));
    if (leftParallelRegion()) {
      HandOver = haveSnapshot();
      v += " inside an OpenMP parallel region, whose other threads cannot be stopped; the interpreter was rolled "
           "back to its state before the cell";
      return errorReply(ename, v, v, HandOver);
    }
    if (outcome.exited) v += "; the interpreter kept its state";
    if (!outcome.where.empty()) v += " (address " + outcome.where + ")";
    return errorReply(ename, v, v);
  }
  LinkFailure link;
  if (call.ename == "ExecutionError" && linkFailed(call.evalue, link)) {
    // Nothing of the cell ran, and this interpreter would fail every later
    // cell: the snapshot from before it takes over (jit_errors.h).
    HandOver = haveSnapshot();
    return errorReply("LinkError", linkFailureValue(link), linkFailureTraceback(link), HandOver);
  }
  if (!call.ename.empty()) return errorReply(call.ename, call.evalue, call.evalue);

  std::string reply = "{\"status\":\"ok\",\"data\":{";
  bool first = true;
  for (auto &[mime, data] : gResult) {
    if (!first) reply += ",";
    first = false;
    reply += jsonString(mime) + ":" + jsonString(data);
  }
  return reply + "}}";
}

static std::string okReply(const std::string &valueJson = "null") {
  return "{\"status\":\"ok\",\"value\":" + valueJson + "}";
}

// Requests that are not cells. Each changes or reads the interpreter's state
// without compiling anything the user typed.
std::string Host::command(const std::string &verb, const std::string &arg) {
  if (verb == "chdir") {
    if (::chdir(arg.c_str()) != 0) return errorReply("OSError", "cannot change to " + arg + ": " + strerror(errno), "");
    return okReply();
  }
  if (verb == "setenv") {
    size_t eq = arg.find('=');
    int r = eq == std::string::npos ? unsetenv(arg.c_str())
                                    : setenv(arg.substr(0, eq).c_str(), arg.substr(eq + 1).c_str(), 1);
    if (r != 0) return errorReply("OSError", std::string("cannot set ") + arg + ": " + strerror(errno), "");
    return okReply();
  }
  if (verb == "include") {
    bool added;
    std::string problem = addIncludeDir(*Interp->getCompilerInstance(), arg, added);
    if (!problem.empty()) return errorReply("FileNotFoundError", problem, "");
    return okReply(added ? "true" : "false");
  }
  if (verb == "libpath") {
    std::string problem = addLibraryDir(arg);
    if (!problem.empty()) return errorReply("FileNotFoundError", problem, "");
    return okReply();
  }
  if (verb == "lib") {
    std::string loaded;
    std::string problem = loadLibrary(*Interp, arg, loaded);
    if (!problem.empty()) return errorReply("LibraryError", problem, "");
    return okReply(jsonString(loaded));
  }
  if (verb == "who") {
    std::string out = "[";
    for (auto &[name, type] : Shadowing->variables()) {
      if (out.size() > 1) out += ",";
      out += "{\"name\":" + jsonString(name) + ",\"type\":" + jsonString(type) + "}";
    }
    return okReply(out + "]");
  }
  if (verb == "undo") {
    size_t want = strtoul(arg.c_str(), nullptr, 10);
    size_t steps = std::min(want, undoableSteps());
    if (steps == 0) return okReply("0");
    prepareUndo(steps);
    HandOver = true;
    return "{\"status\":\"ok\",\"value\":" + std::to_string(steps) + ",\"handover\":true}";
  }
  return errorReply("ProtocolError", "unknown command " + verb, "");
}

} // namespace cppnb

extern "C" void cppnb_host_set_result(const char *mime, const char *data, unsigned long size) {
  cppnb::gResult[mime] = std::string(data, size);
}

// A display message from user code (include/cppnb/mime_bundle.hpp). What the
// cell printed before it is forwarded first, so the notebook keeps the order.
extern "C" void cppnb_host_display(const char *json, unsigned long size) {
  cppnb::flushOutput();
  cppnb::sendFrame(cppnb::RepDisplay, std::string(json, size));
}

extern "C" void cppnb_host_at_end_of_cell(void (*fn)()) {
  for (auto f : cppnb::gEndOfCell)
    if (f == fn) return;
  cppnb::gEndOfCell.push_back(fn);
}

static void restartThreads() {
  cppnb::restartOutputForwarder();
  cppnb::restartWatchdog();
  cppnb::restartStdinWatcher();
  cppnb::countHostThreads();
}

static void sendHello(bool resumed) {
  using namespace cppnb;
  sendFrame(RepHello, "{\"pid\":" + std::to_string(getpid()) +
                          ",\"resumed\":" + (resumed ? "true" : "false") +
                          ",\"clang\":" + jsonString(clang::getClangFullVersion()) + "}");
}

// Takes a new snapshot after a request; a snapshot that takes over announces itself.
static void snapshotAfterRequest(bool replaceNewest) {
  bool resumed = false;
  cppnb::takeSnapshot(resumed, replaceNewest);
  if (resumed) sendHello(true);
}

// The process the kernel starts stays a small reaper: snapshots that take over
// are orphans, and must not become zombies of a PID 1 that never waits (as in
// many containers). It holds neither protocol fd, so the kernel still sees the
// reply pipe close when the last host is gone; it exits when no host is left.
static void becomeReaper() {
  if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) return;
  pid_t child = fork();
  if (child <= 0) return; // the host proper (or no reaper if fork failed)
  close(cppnb::kRequestFd);
  close(cppnb::kReplyFd);
  close(cppnb::kInputFd);
  signal(SIGINT, SIG_IGN);
  for (;;) {
    int status;
    if (waitpid(-1, &status, 0) < 0 && errno == ECHILD) _exit(0);
  }
}

int main(int argc, char **argv) {
  using namespace cppnb;
  becomeReaper();
  signal(SIGPIPE, SIG_IGN); // a vanished kernel shows up as EPIPE, handled in writes
  int logFd = startOutputCapture();
  installGuard();
  startStdin();
  setThreadRestarter(restartThreads);
  setSnapshotChildHook(forgetStdinWriter);
  Host host(logFd);
  if (!host.start(argc, argv)) return 2;
  countHostThreads();
  sendHello(false);
  snapshotAfterRequest(false);
  char kind;
  std::string payload;
  while (readFrame(kRequestFd, kind, payload)) {
    switch (kind) {
    case ReqExecute: {
      std::string reply = host.finishReply(host.execute(payload));
      drainOutput();
      sendFrame(RepDone, reply);
      if (host.HandOver) _exit(0);
      snapshotAfterRequest(false);
      break;
    }
    case ReqCommand: {
      size_t nl = payload.find('\n');
      std::string verb = payload.substr(0, nl);
      std::string arg = nl == std::string::npos ? "" : payload.substr(nl + 1);
      std::string reply = host.command(verb, arg);
      sendFrame(RepDone, reply);
      if (host.HandOver) _exit(0);
      // The state changed (or not: `who`): the newest snapshot must have it.
      if (verb != "who") snapshotAfterRequest(true);
      break;
    }
    case ReqQuit:
      drainOutput();
      releaseAllSnapshots();
      _exit(0);
    default:
      sendFrame(RepDone, errorReply("ProtocolError", "unknown request", ""));
    }
  }
  // The kernel closed the channel: end, and end the snapshot with us.
  drainOutput();
  releaseAllSnapshots();
  _exit(0); // skip static destructors: the JIT's code may already be gone
}
