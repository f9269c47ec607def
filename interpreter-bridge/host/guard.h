// Keeps the host alive through what user code does to it.
//
// Faults (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, stack overflow) and calls of
// exit() while JIT code runs jump back to the host's loop, so the interpreter and
// every earlier definition survive. SIGINT does the same, but only when the
// interrupted instruction is in JIT code: unwinding out of libc or the compiler
// could leave locks held, so elsewhere the interrupt is re-sent until it lands.
#pragma once
#include <csetjmp>
#include <string>

namespace cppnb {

struct Outcome {
  int signal = 0;         // the signal that ended user code, or 0
  bool exited = false;    // user code called exit()/_exit()/quick_exit()
  int exitCode = 0;
  std::string where;      // the faulting address, when known
};

// Installs handlers and the alternate signal stack; call once at start.
void installGuard();

// For LLVM's fatal errors (report_fatal_error, e.g. from the code generator
// while a cell's code is materialised). The compiler's state is broken, not
// the cell's, and a jump back to the host's loop would leave its locks held
// (the next cell would wait for ever): prints the reason as the cell's error
// output and dies, as for a fault in the compiler; the snapshot from before
// the cell takes over.
[[noreturn]] void dieOfCompilerError(const char *reason);

// Around the code generator's work on a module (machine_code.cpp): it runs
// while a cell runs (the cell's code is compiled when first called), and an
// exit() (LLVM's for an error it reports, e.g. bad inline assembly) or a fault
// in it is the compiler's, not the cell's: dieOfCompilerError.
void beginMachineCode();
void endMachineCode();

// Starts the interrupt watchdog thread again in a forked process that takes over.
void restartWatchdog();

// Runs fn as user code. Returns true when fn returned normally; otherwise
// out says what stopped it.
bool runGuarded(void (*fn)(void *), void *arg, Outcome &out);

// Around clang's Parse: endCompile() tells whether an interrupt came meanwhile.
void beginCompile();
bool endCompile();

// After runGuarded returned false: the cell was stopped inside an OpenMP
// parallel region. Its other threads cannot be stopped and the runtime cannot
// start another region: only the snapshot from before the cell can go on.
bool leftParallelRegion();

// Notes how many threads the host itself runs (after starting or restarting them).
void countHostThreads();

// True when no thread runs in the host but its own (none a cell started).
bool onlyHostThreads();

// True while JIT code of a cell runs.
bool userCodeRunning();

// For the threads that watch a running cell: returns once JIT code runs
// (at once if it does), so that they sleep between cells.
void waitWhileNoUserCode();
// In a snapshot that takes over, before its helper threads restart.
void resetUserCodeGate();

// Name for the error a signal produces, e.g. "SegmentationFault".
const char *signalErrorName(int sig);

} // namespace cppnb
