#include "snapshot.h"
#include "protocol.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace cppnb {

struct Snapshot {
  pid_t pid;
  int releaseFd; // write end of its pipe: 'K' tells it to exit, 'U' and 'D' count (below)
  // Cells since it that changed nothing (read_only_cell.h): it is still the
  // state after them, and an undo steps over them without going back. The
  // snapshot process counts them too ('U' one more, 'D' one fewer), so that
  // when it takes over, its own undo steps are right.
  size_t unchanged = 0;
};

// Oldest first. The newest is the state the host serves from now; each one
// before it is the state before one more cell.
//
// Why handing over works for any of them: a snapshot's pipe is held open by
// the host that forked it and by every snapshot forked later (they inherit
// it), so it sees end of file only when the host and every newer snapshot are
// gone -- when the host dies, exactly the newest one takes over.
static std::vector<Snapshot> gChain;
static void (*gRestartThreads)() = nullptr;
static void (*gChildHook)() = nullptr;

static size_t maxDepth() {
  static size_t depth = [] {
    const char *v = getenv("CPPNB_UNDO_DEPTH");
    long n = v ? strtol(v, nullptr, 10) : 0;
    return static_cast<size_t>(n > 0 ? n + 1 : 11); // the current state + N steps back
  }();
  return depth;
}

void setThreadRestarter(void (*restart)()) { gRestartThreads = restart; }
void setSnapshotChildHook(void (*hook)()) { gChildHook = hook; }

bool haveSnapshot() { return !gChain.empty(); }

size_t undoableSteps() {
  size_t steps = gChain.empty() ? 0 : gChain.size() - 1;
  for (const Snapshot &s : gChain) steps += s.unchanged;
  return steps;
}

static void tell(const Snapshot &s, char what, size_t times) {
  for (size_t i = 0; i < times; ++i) (void)::write(s.releaseFd, &what, 1);
}

void noteUnchangedStep() {
  if (gChain.empty()) return;
  ++gChain.back().unchanged;
  tell(gChain.back(), 'U', 1);
}

// Released snapshots of this process still exiting. Tearing down a copy of
// the host's memory takes milliseconds (on a 2-core VM, 2-4 ms a cell): the
// next cell need not wait for it, so they are collected later, without waiting.
static std::vector<pid_t> gExiting;

static void collectExited(bool wait) {
  std::vector<pid_t> still;
  for (pid_t pid : gExiting) {
    int r;
    while ((r = waitpid(pid, nullptr, wait ? 0 : WNOHANG)) < 0 && errno == EINTR) {}
    // 0: still exiting. -1 (ECHILD): not this process's child (a snapshot that
    // took over inherited the list; the reaper collects those).
    if (r == 0) still.push_back(pid);
  }
  gExiting.swap(still);
}

static void release(const Snapshot &s) {
  char k = 'K';
  (void)::write(s.releaseFd, &k, 1);
  close(s.releaseFd);
  gExiting.push_back(s.pid);
  collectExited(false);
}

void releaseSnapshot() {
  if (gChain.empty()) return;
  release(gChain.back());
  gChain.pop_back();
}

void releaseAllSnapshots() {
  while (!gChain.empty()) releaseSnapshot();
  collectExited(true);
}

bool prepareUndo(size_t steps) {
  // The newest snapshot is the present state, as it is after the cells that
  // changed nothing since; each release goes back over one that changed it.
  bool released = false;
  while (steps > 0 && !gChain.empty()) {
    Snapshot &newest = gChain.back();
    if (newest.unchanged > 0) {
      --newest.unchanged;
      tell(newest, 'D', 1);
    } else if (gChain.size() > 1) {
      releaseSnapshot();
      released = true;
    } else {
      break;
    }
    --steps;
  }
  return released;
}

// A snapshot that takes over inherits the chain as it was when it was forked;
// some of those may have been released since.
static void forgetDeadSnapshots() {
  std::vector<Snapshot> alive;
  for (const Snapshot &s : gChain) {
    if (kill(s.pid, 0) == 0) alive.push_back(s);
    else close(s.releaseFd);
  }
  gChain.swap(alive);
}

void takeSnapshot(bool &resumed, bool replaceNewest) {
  // The new snapshot holds the same state as the one it replaces: the cells
  // that changed nothing since that one count for it too.
  size_t unchanged = replaceNewest && !gChain.empty() ? gChain.back().unchanged : 0;
  if (replaceNewest) releaseSnapshot();
  for (;;) {
    while (gChain.size() >= maxDepth()) {
      release(gChain.front());
      gChain.erase(gChain.begin());
    }
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) return;
    fflush(stdout);
    fflush(stderr);
    pid_t pid;
    {
      // No other thread may hold the send lock across fork: the child would
      // inherit it locked forever.
      SendLock lock;
      pid = fork();
    }
    if (pid < 0) {
      close(p[0]);
      close(p[1]);
      return;
    }
    if (pid > 0) {
      close(p[0]);
      gChain.push_back({pid, p[1], unchanged});
      tell(gChain.back(), 'U', unchanged);
      return;
    }
    // The snapshot: wait until released (exit) or orphaned (take over).
    close(p[1]);
    if (gChildHook) gChildHook();
    unchanged = 0;
    for (;;) {
      char k;
      ssize_t r = ::read(p[0], &k, 1);
      if (r < 0 && errno == EINTR) continue;
      if (r == 1 && k == 'U') ++unchanged;
      else if (r == 1 && k == 'D') unchanged -= unchanged > 0;
      else if (r == 1) _exit(0);
      else break;
    }
    close(p[0]);
    forgetDeadSnapshots();
    if (gRestartThreads) gRestartThreads();
    resumed = true;
    // Loop: the new host needs a snapshot of its own before it serves.
  }
}

} // namespace cppnb
