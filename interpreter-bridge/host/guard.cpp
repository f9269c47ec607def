#include "guard.h"
#include "protocol.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <link.h>
#include <mutex>
#include <pthread.h>
#include <thread>
#include <ucontext.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace cppnb {

static sigjmp_buf gJump;
static volatile sig_atomic_t gInUserCode = 0;
// The code generator runs on this thread (guard.h): an exit or fault on another
// thread (one a cell started) is not the code generator's.
static thread_local volatile sig_atomic_t gInMachineCode = 0;
static std::atomic<bool> gInterruptPending{false};
// An interrupt arrived while this cell ran: even if it only cut a sleep or a
// read short and the cell then finished, the cell was interrupted.
static volatile sig_atomic_t gInterruptedThisCell = 0;
static pthread_t gMainThread;
static Outcome *gOutcome = nullptr;

// The helper threads that watch a running cell (the watchdog, the stdin
// watcher) poll only while JIT code runs, and otherwise sleep on this gate.
// An idle host then wakes no thread (hundreds of idle kernels on a hub node),
// and between cells only the main thread uses the host's memory: the
// copy-on-write faults that follow each snapshot's fork then need no TLB
// shootdown on another CPU (on the 2-core VM the pollers' wake-ups cost
// several ms a cell). Pointers: a snapshot that takes over makes new ones (a
// helper may have held the mutex when the host forked).
static std::mutex *gGateMutex = new std::mutex;
static std::condition_variable *gGateOpened = new std::condition_variable;
static bool gGateOpen = false;

static void setGate(bool open) {
  {
    std::lock_guard<std::mutex> lock(*gGateMutex);
    gGateOpen = open;
  }
  if (open) gGateOpened->notify_all();
}

void waitWhileNoUserCode() {
  std::unique_lock<std::mutex> lock(*gGateMutex);
  gGateOpened->wait(lock, [] { return gGateOpen; });
}

void resetUserCodeGate() {
  gGateMutex = new std::mutex;
  gGateOpened = new std::condition_variable;
  gGateOpen = false;
}

// Address ranges of every loaded shared object (and the host). A PC outside
// all of them while user code runs is in JIT-compiled code.
struct Range { uintptr_t lo, hi; };
static std::vector<Range> gLoaded;

static int collectRange(struct dl_phdr_info *info, size_t, void *) {
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const auto &ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_LOAD) continue;
    uintptr_t lo = info->dlpi_addr + ph.p_vaddr;
    gLoaded.push_back({lo, lo + ph.p_memsz});
  }
  return 0;
}

static bool pcInJitCode(void *ctx) {
  auto *uc = static_cast<ucontext_t *>(ctx);
  uintptr_t pc = uintptr_t(uc->uc_mcontext.gregs[REG_RIP]);
  for (const auto &r : gLoaded)
    if (pc >= r.lo && pc < r.hi) return false;
  return true;
}

bool userCodeRunning() { return gInUserCode != 0; }

const char *signalErrorName(int sig) {
  switch (sig) {
  case SIGSEGV: return "SegmentationFault";
  case SIGBUS: return "BusError";
  case SIGFPE: return "FloatingPointException";
  case SIGILL: return "IllegalInstruction";
  case SIGABRT: return "Aborted";
  case SIGINT: return "Interrupted";
  default: return "Signal";
  }
}

static bool onMainThread() { return pthread_equal(pthread_self(), gMainThread) != 0; }

static void onFault(int sig, siginfo_t *info, void *) {
  if (!gInUserCode || !onMainThread() || gInMachineCode) {
    // A fault in the host or the compiler, or on another thread than the
    // cell's (a std::thread or an OpenMP worker of it: the jump back to the
    // host's loop is only valid on the main thread's stack): nothing safe to
    // return to. Die with the signal; the snapshot from before the cell takes
    // over.
    signal(sig, SIG_DFL);
    raise(sig);
    return;
  }
  gInUserCode = 0;
  if (gOutcome && info && (sig == SIGSEGV || sig == SIGBUS)) {
    char buf[64];
    snprintf(buf, sizeof buf, "%p", info->si_addr);
    gOutcome->where = buf;
  }
  siglongjmp(gJump, sig);
}

static volatile sig_atomic_t gCompiling = 0;
static volatile sig_atomic_t gInterruptedWhileCompiling = 0;

void beginCompile() {
  gInterruptedWhileCompiling = 0;
  gCompiling = 1;
}

bool endCompile() {
  gCompiling = 0;
  return gInterruptedWhileCompiling != 0;
}

static void onInterrupt(int, siginfo_t *, void *ctx) {
  // Never unwind out of the compiler: remember, and do not run what it made.
  if (gCompiling) gInterruptedWhileCompiling = 1;
  if (!gInUserCode) return; // idle, or compiling: nothing to interrupt here
  gInterruptedThisCell = 1;
  // The signal may land on any thread of the process; only the main thread's
  // own stack can be unwound to the host's loop.
  if (onMainThread() && pcInJitCode(ctx)) {
    gInUserCode = 0;
    gInterruptPending = false;
    siglongjmp(gJump, SIGINT);
  }
  gInterruptPending = true; // the watchdog re-sends until it lands in JIT code
}

static void watchdog() {
  for (;;) {
    waitWhileNoUserCode();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (gInterruptPending && gInUserCode) pthread_kill(gMainThread, SIGINT);
    else if (!gInUserCode) gInterruptPending = false;
  }
}

void beginMachineCode() { gInMachineCode = 1; }
void endMachineCode() { gInMachineCode = 0; }

void dieOfCompilerError(const char *reason) {
  // Once: an exit on the way (a frame that cannot be sent) ends the process as is.
  static std::atomic<bool> dying{false};
  if (dying.exchange(true)) syscall(SYS_exit_group, 134);
  gInMachineCode = 0;
  gInUserCode = 0;
  // What the code generator printed (its diagnostic) and the reason go out
  // from this process: forwarded by the snapshot that takes over, they would
  // come after its hello, when the cell is over.
  flushOutput();
  sendOutput(RepStderr, std::string("LLVM ERROR: ") + (reason ? reason : "(no reason given)") + "\n");
  // Dies holding the send lock: no thread of it starts a frame it cannot end.
  SendLock sending;
  signal(SIGABRT, SIG_DFL);
  raise(SIGABRT);
  syscall(SYS_exit_group, 134); // not _exit: this file's own, which would come back here
  __builtin_unreachable();
}

void installGuard() {
  gMainThread = pthread_self();
  static std::vector<char> altStack(1 << 16);
  stack_t ss{};
  ss.ss_sp = altStack.data();
  ss.ss_size = altStack.size();
  sigaltstack(&ss, nullptr);

  struct sigaction sa {};
  sa.sa_sigaction = onFault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) sigaction(sig, &sa, nullptr);

  struct sigaction si {};
  si.sa_sigaction = onInterrupt;
  si.sa_flags = SA_SIGINFO | SA_ONSTACK; // no SA_RESTART: blocking calls return EINTR
  sigemptyset(&si.sa_mask);
  sigaction(SIGINT, &si, nullptr);

  restartWatchdog();
}

void restartWatchdog() { std::thread(watchdog).detach(); }

bool runGuarded(void (*fn)(void *), void *arg, Outcome &out) {
  gLoaded.clear();
  dl_iterate_phdr(collectRange, nullptr);
  gOutcome = &out;
  gInterruptedThisCell = 0;
  int sig = sigsetjmp(gJump, 1);
  if (sig == 0) {
    setGate(true);
    gInUserCode = 1;
    fn(arg);
    gInUserCode = 0;
    setGate(false);
    gOutcome = nullptr;
    gInterruptPending = false;
    if (!gInterruptedThisCell) return true;
    out.signal = SIGINT;
    return false;
  }
  gInUserCode = 0;
  setGate(false);
  gOutcome = nullptr;
  if (sig > 0xff) {
    out.exited = true;
    out.exitCode = sig - 0x100;
  } else {
    out.signal = sig;
  }
  return false;
}

static int gHostThreads = 0;

static int threadCount() {
  FILE *f = fopen("/proc/self/status", "r");
  if (!f) return 0;
  char line[256];
  int n = 0;
  while (fgets(line, sizeof line, f))
    if (sscanf(line, "Threads: %d", &n) == 1) break;
  fclose(f);
  return n;
}

void countHostThreads() { gHostThreads = threadCount(); }

bool onlyHostThreads() { return threadCount() <= gHostThreads; }

bool leftParallelRegion() {
  // A region of more than one thread has threads beyond the host's own. Only
  // then is libomp asked (its first call would set up its runtime).
  if (onlyHostThreads()) return false;
  // omp_get_level() counts the parallel regions the calling thread is in;
  // after a jump out of one it still counts it (and the team's other threads
  // still run it). libomp is linked into the host (Makefile).
  using LevelFn = int (*)();
  static auto level = reinterpret_cast<LevelFn>(dlsym(RTLD_DEFAULT, "omp_get_level"));
  return level && level() > 0;
}

// exit() and friends called from JIT code resolve to these (the JIT looks up
// symbols in the host first; the host is linked with -rdynamic). While a cell
// runs they end the cell instead of the process, keeping the session.
[[noreturn]] static void exitFromUserCode(int code, const char *real) {
  using ExitFn = void (*)(int);
  if (gInMachineCode) {
    char reason[96];
    snprintf(reason, sizeof reason, "the code generator gave up on the cell's code (it called %s(%d))", real, code);
    dieOfCompilerError(reason);
  }
  if (gInUserCode && onMainThread()) {
    gInUserCode = 0;
    siglongjmp(gJump, 0x100 + (code & 0xff));
  }
  // From another thread of a running cell: end the process at once, without
  // exit handlers under the cell's feet; the snapshot from before it takes over.
  if (gInUserCode) real = "_exit";
  auto fn = reinterpret_cast<ExitFn>(dlsym(RTLD_NEXT, real));
  fn(code);
  __builtin_unreachable();
}

} // namespace cppnb

extern "C" {
void exit(int code) { cppnb::exitFromUserCode(code, "exit"); }
void _exit(int code) { cppnb::exitFromUserCode(code, "_exit"); }
void _Exit(int code) { cppnb::exitFromUserCode(code, "_Exit"); }
void quick_exit(int code) { cppnb::exitFromUserCode(code, "quick_exit"); }
}
