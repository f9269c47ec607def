// Running a cell: compile it (rolling back what a failed compile hid), run it
// under the guard, and say how it ended. The C hooks user code calls while it
// runs (results, displays, end-of-cell functions) are here too.
#include "host.h"
#include "cell_optimization.h"
#include "demangle.h"
#include "guard.h"
#include "jit_errors.h"
#include "library_code.h"
#include "module_dump.h"
#include "protocol.h"
#include "read_only_cell.h"
#include "replies.h"
#include "snapshot.h"
#include "stdin.h"

#include "clang/Frontend/CompilerInstance.h"
#include "clang/Sema/Sema.h"
#include "llvm/Support/Error.h"

#include <chrono>
#include <csignal>
#include <cstring>
#include <cxxabi.h>
#include <exception>
#include <map>
#include <sstream>
#include <sys/resource.h>
#include <typeinfo>
#include <vector>

namespace cppnb {

// Rich results a cell's last expression produced (mime type → data).
static std::map<std::string, std::string> gResult;

// Functions user code asked to run after each cell (cppnb::at_end_of_cell),
// e.g. the plotting library showing the canvases the cell changed.
static std::vector<void (*)()> gEndOfCell;

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
    call->ename = t ? inUsersTerms(demangle(t->name())) : "std::exception";
    call->evalue = e.what();
  } catch (...) {
    if (!call->ename.empty()) return;
    std::type_info *t = abi::__cxa_current_exception_type();
    call->ename = t ? inUsersTerms(demangle(t->name())) : "unknown exception";
    call->evalue = "uncaught exception of type " + call->ename;
  }
}

static void endOfCell(void *arg) {
  auto *call = static_cast<ExecuteCall *>(arg);
  for (size_t i = 0; i < gEndOfCell.size(); ++i) catching(call, gEndOfCell[i]);
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
  endOfCell(arg);
}

static long micros(const timeval &t) { return t.tv_sec * 1000000L + t.tv_usec; }

static long microsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
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
  ChangedNothing = false;
  Shadowing->beginCell(++Cell);
  Shadowing->hideBeforeRedefinition(redefined);
  clang::CompilerInstance *CI = Interp->getCompilerInstance();
  CI->getDiagnostics().Reset(/*soft=*/true);

  Last = Timings{};
  auto compileStart = std::chrono::steady_clock::now();
  forgetAnalysedDeletes(CI->getSema());
  beginCompile();
  requestOptimization(*CI, 0); // until the cell's own pragma says otherwise
  Once->beginCell();
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
  bool optimised = optimizeCell(*CI, ptu->TheModule.get()) > 0;
  bool onlyShows = false; // decided before the JIT takes the module
  if (ptu->TheModule) {
    useLibraryCode(*ptu->TheModule);
    // An optimised cell's passes may drop what goes with a function (a virtual
    // one's thunks): its instantiations are compiled again where used.
    if (!optimised) Once->noteDefinedIn(*ptu->TheModule);
    dumpModuleIfAsked(*ptu->TheModule, Cell);
    onlyShows = onlyShowsAValue(*ptu, code);
  }
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
  if (!finished && outcome.signal == SIGINT && !leftParallelRegion()) {
    // Interrupted: what the cell drew, and the progress it showed, are shown
    // as they were (the end-of-cell work the interrupt skipped).
    Outcome again;
    runGuarded(endOfCell, &call, again);
  }
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
  // The module is in the JIT: the cell ran, or threw (an ExecutionError may
  // mean its code never got there).
  if (call.ename != "ExecutionError") Once->markCompiled();
  if (!call.ename.empty()) return errorReply(call.ename, call.evalue, call.evalue);

  ChangedNothing = onlyShows;
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

