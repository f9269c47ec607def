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
  int releaseFd; // write end of its pipe: one byte tells it to exit
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

size_t undoableSteps() { return gChain.empty() ? 0 : gChain.size() - 1; }

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

void prepareUndo(size_t steps) {
  // The newest snapshot is the present state; after `steps` releases, the
  // state `steps` cells back is the newest, and takes over when this exits.
  for (size_t i = 0; i < steps && gChain.size() > 1; ++i) releaseSnapshot();
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
      gChain.push_back({pid, p[1]});
      return;
    }
    // The snapshot: wait until released (exit) or orphaned (take over).
    close(p[1]);
    if (gChildHook) gChildHook();
    char k;
    ssize_t r;
    while ((r = ::read(p[0], &k, 1)) < 0 && errno == EINTR) {}
    if (r == 1) _exit(0);
    close(p[0]);
    forgetDeadSnapshots();
    if (gRestartThreads) gRestartThreads();
    resumed = true;
    // Loop: the new host needs a snapshot of its own before it serves.
  }
}

} // namespace cppnb
