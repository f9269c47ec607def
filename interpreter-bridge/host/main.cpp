// cppnb-host: runs C++ cells for the cppnb kernel on clang's incremental compiler.
//
// The kernel starts this program with the compiler arguments on the command line
// and talks to it over the framed protocol in protocol.h. One request is served
// at a time (host.h); user output is forwarded while a cell runs. This file is
// the process: its start, the loop over requests, the snapshots after each, and
// the reaper that outlives them.
#include "copy_ahead.h"
#include "guard.h"
#include "host.h"
#include "idle_memory.h"
#include "protocol.h"
#include "replies.h"
#include "snapshot.h"
#include "stdin.h"

#include "clang/Basic/Version.h"

#include <cerrno>
#include <csignal>
#include <poll.h>
#include <string>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static void restartThreads() {
  cppnb::resetUserCodeGate();
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

// Takes a snapshot; true in the host, false in a snapshot that took over (it
// announced itself; what the old host noted for copying ahead is not its own).
static bool snapshot(bool replaceNewest) {
  bool resumed = false;
  cppnb::takeSnapshot(resumed, replaceNewest);
  if (!resumed) return true;
  cppnb::forgetPagesWritten();
  sendHello(true);
  return false;
}

// A snapshot after a request. Until the next request the host copies the
// pages it will write again (copy_ahead.h).
static void snapshotAfterRequest(bool replaceNewest) {
  cppnb::notePagesWritten(cppnb::kRequestFd);
  if (snapshot(replaceNewest)) cppnb::copyAheadWhileIdle(cppnb::kRequestFd);
}

// A new snapshot of the same state in place of the newest. The pages copied
// ahead for the next cell are the host's own, their originals the snapshot's:
// an idle kernel would hold both for as long as it stays idle (~6 MB). The
// new snapshot shares them again, and the old one exits with the originals.
static void snapshotAgainWhenIdle() { snapshot(/*replaceNewest=*/true); }

// The process the kernel starts stays a small reaper (reaper.cpp): snapshots
// that take over are orphans, and must not become zombies of a PID 1 that
// never waits (as in many containers). It holds neither protocol fd, so the
// kernel still sees the reply pipe close when the last host is gone; it exits
// when no host is left.
static void becomeReaper() {
  if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) return;
  pid_t child = fork();
  if (child <= 0) return; // the host proper (or no reaper if fork failed)
  close(cppnb::kRequestFd);
  close(cppnb::kReplyFd);
  close(cppnb::kInputFd);
  signal(SIGINT, SIG_IGN);
  // The small program beside this one, which keeps the subreaper attribute
  // and none of this process's memory; this loop if it cannot be run.
  char self[4096];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) {
    std::string reaper(self, size_t(n));
    reaper = reaper.substr(0, reaper.rfind('/') + 1) + "cppnb-reaper";
    execl(reaper.c_str(), "cppnb-reaper", static_cast<char *>(nullptr));
  }
  for (;;) {
    int status;
    if (waitpid(-1, &status, 0) < 0 && errno == ECHILD) _exit(0);
  }
}

// The reply fd is a socket (Node's stdio pipes are socketpairs): it passes a
// write of one frame piece (framing.h) whole only while its send buffer holds
// two pieces; a machine's wmem_default could be smaller.
static void keepPiecesWhole() {
  int size = 0;
  socklen_t len = sizeof size;
  if (getsockopt(cppnb::kReplyFd, SOL_SOCKET, SO_SNDBUF, &size, &len) != 0) return; // a pipe: whole up to PIPE_BUF
  int want = 64 * 1024;
  if (size < want) setsockopt(cppnb::kReplyFd, SOL_SOCKET, SO_SNDBUF, &want, sizeof want);
}

int main(int argc, char **argv) {
  using namespace cppnb;
  becomeReaper();
  signal(SIGPIPE, SIG_IGN); // a vanished kernel shows up as EPIPE, handled in writes
  keepPiecesWhole();
  int logFd = startOutputCapture();
  installGuard();
  startStdin();
  setThreadRestarter(restartThreads);
  setSnapshotChildHook(forgetStdinWriter);
  Host host(logFd);
  if (!host.start(argc, argv)) return 2;
  host.serveCompiles();
  countHostThreads();
  sendHello(false);
  snapshotAfterRequest(false);
  char kind;
  std::string payload;
  for (;;) {
    // Idle for a while: give back the file pages the next cell can read again.
    int idle = idleReleaseMs();
    pollfd request{kRequestFd, POLLIN, 0};
    if (idle > 0 && poll(&request, 1, idle) == 0) {
      releaseFilePages();
      snapshotAgainWhenIdle();
    }
    if (!readFrame(kRequestFd, kind, payload)) break;
    switch (kind) {
    case ReqExecute: {
      std::string reply = host.finishReply(host.execute(payload));
      drainOutput();
      sendFrame(RepDone, reply);
      if (host.HandOver) _exit(0);
      // The newest snapshot still holds the state after a cell that changed nothing.
      if (host.ChangedNothing) noteUnchangedStep();
      else snapshotAfterRequest(false);
      break;
    }
    case ReqCommand: {
      size_t nl = payload.find('\n');
      std::string verb = payload.substr(0, nl);
      std::string arg = nl == std::string::npos ? "" : payload.substr(nl + 1);
      bool readsOnly;
      std::string reply = host.command(verb, arg, readsOnly);
      sendFrame(RepDone, reply);
      if (host.HandOver) _exit(0);
      // The state changed: the newest snapshot must have it.
      if (!readsOnly) snapshotAfterRequest(true);
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
