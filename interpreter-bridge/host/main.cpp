// cppnb-host: runs C++ cells for the cppnb kernel on clang's incremental compiler.
//
// The kernel starts this program with the compiler arguments on the command line
// and talks to it over the framed protocol in protocol.h. One request is served
// at a time; user output is forwarded while a cell runs.
#include "diagnostics.h"
#include "guard.h"
#include "protocol.h"
#include "shadowing.h"
#include "snapshot.h"
#include "stdin.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/Version.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Interpreter/Interpreter.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/TargetSelect.h"

#include <cerrno>
#include <csignal>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <cxxabi.h>
#include <exception>
#include <map>
#include <memory>
#include <typeinfo>
#include <unistd.h>

namespace cppnb {

// Gives access to the constructor that takes our own AST consumer.
class CellInterpreter : public clang::Interpreter {
public:
  CellInterpreter(std::unique_ptr<clang::CompilerInstance> CI, llvm::Error &Err,
                  std::unique_ptr<clang::ASTConsumer> Consumer)
      : Interpreter(std::move(CI), Err, nullptr, std::move(Consumer)) {}
};

// Rich results a cell's last expression produced (mime type → data).
static std::map<std::string, std::string> gResult;

static std::string demangle(const char *name) {
  int status = 0;
  char *d = abi::__cxa_demangle(name, nullptr, nullptr, &status);
  std::string out = status == 0 && d ? d : name;
  free(d);
  return out;
}

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

static void executeCell(void *arg) {
  auto *call = static_cast<ExecuteCall *>(arg);
  try {
    if (llvm::Error err = call->Interp->Execute(*call->PTU)) {
      call->ename = "ExecutionError";
      call->evalue = llvm::toString(std::move(err));
    }
  } catch (const std::exception &e) {
    std::type_info *t = abi::__cxa_current_exception_type();
    call->ename = t ? demangle(t->name()) : "std::exception";
    call->evalue = e.what();
  } catch (...) {
    std::type_info *t = abi::__cxa_current_exception_type();
    call->ename = t ? demangle(t->name()) : "unknown exception";
    call->evalue = "uncaught exception of type " + call->ename;
  }
}

class Host {
public:
  explicit Host(int logFd) : LogFd(logFd) {}
  bool start(int argc, char **argv);
  std::string execute(const std::string &code);
  // Set when the reply just built must be the last thing this process does.
  bool HandOver = false;

private:
  int LogFd;
  std::unique_ptr<CellInterpreter> Interp;
  ShadowingConsumer *Shadowing = nullptr;
  CellDiagnostics *Diags = nullptr;
  unsigned Cell = 0;
};

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
  auto shadowing = std::make_unique<ShadowingConsumer>();
  Shadowing = shadowing.get();
  llvm::Error err = llvm::Error::success();
  Interp = std::make_unique<CellInterpreter>(std::move(*ci), err, std::move(shadowing));
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
  return true;
}

std::string Host::execute(const std::string &code) {
  Diags->startCell();
  gResult.clear();
  Shadowing->beginCell(++Cell);
  clang::CompilerInstance *CI = Interp->getCompilerInstance();
  CI->getDiagnostics().Reset(/*soft=*/true);

  beginCompile();
  auto ptu = Interp->Parse(code);
  bool interruptedCompile = endCompile();
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
  // Warnings of a cell that compiled go to its stderr, as a compiler would print them.
  std::string warnings = Diags->text();
  if (!warnings.empty()) sendFrame(RepStderr, warnings);

  resetStdinForCell();
  ExecuteCall call{Interp.get(), &*ptu, "", ""};
  Outcome outcome;
  bool finished = runGuarded(executeCell, &call, outcome);
  drainOutput();
  if (!finished) {
    if (outcome.exited) {
      std::string v = "the cell called exit(" + std::to_string(outcome.exitCode) +
                      "); the interpreter kept its state";
      return errorReply("SystemExit", v, v);
    }
    std::string v = outcome.signal == SIGINT ? "the cell was interrupted"
                                             : std::string(strsignal(outcome.signal));
    if (!outcome.where.empty()) v += " (address " + outcome.where + ")";
    return errorReply(signalErrorName(outcome.signal), v, v);
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

} // namespace cppnb

extern "C" void cppnb_host_set_result(const char *mime, const char *data, unsigned long size) {
  cppnb::gResult[mime] = std::string(data, size);
}

static void restartThreads() {
  cppnb::restartOutputForwarder();
  cppnb::restartWatchdog();
  cppnb::restartStdinWatcher();
}

static void sendHello(bool resumed) {
  using namespace cppnb;
  sendFrame(RepHello, "{\"pid\":" + std::to_string(getpid()) +
                          ",\"resumed\":" + (resumed ? "true" : "false") +
                          ",\"clang\":" + jsonString(clang::getClangFullVersion()) + "}");
}

// Takes a new snapshot after a request; a snapshot that takes over announces itself.
static void snapshotAfterRequest() {
  bool resumed = false;
  cppnb::takeSnapshot(resumed);
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
  sendHello(false);
  snapshotAfterRequest();
  char kind;
  std::string payload;
  while (readFrame(kRequestFd, kind, payload)) {
    switch (kind) {
    case ReqExecute: {
      std::string reply = host.execute(payload);
      drainOutput();
      sendFrame(RepDone, reply);
      if (host.HandOver) _exit(0);
      snapshotAfterRequest();
      break;
    }
    case ReqQuit:
      drainOutput();
      releaseSnapshot();
      _exit(0);
    default:
      sendFrame(RepDone, errorReply("ProtocolError", "unknown request", ""));
    }
  }
  // The kernel closed the channel: end, and end the snapshot with us.
  drainOutput();
  releaseSnapshot();
  _exit(0); // skip static destructors: the JIT's code may already be gone
}
