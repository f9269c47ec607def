#include "snapshot.h"
#include "protocol.h"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cppnb {

static int gReleasePipe = -1; // write end: one byte tells the snapshot to exit
static pid_t gSnapshotPid = -1;
static void (*gRestartThreads)() = nullptr;
static void (*gChildHook)() = nullptr;

void setThreadRestarter(void (*restart)()) { gRestartThreads = restart; }
void setSnapshotChildHook(void (*hook)()) { gChildHook = hook; }

bool haveSnapshot() { return gSnapshotPid > 0; }

void releaseSnapshot() {
  if (gSnapshotPid <= 0) return;
  char k = 'K';
  (void)::write(gReleasePipe, &k, 1);
  close(gReleasePipe);
  while (waitpid(gSnapshotPid, nullptr, 0) < 0 && errno == EINTR) {}
  gSnapshotPid = -1;
  gReleasePipe = -1;
}

void takeSnapshot(bool &resumed) {
  for (;;) {
    releaseSnapshot();
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
      gReleasePipe = p[1];
      gSnapshotPid = pid;
      return;
    }
    // The snapshot: wait until released (exit) or orphaned (take over).
    close(p[1]);
    if (gChildHook) gChildHook();
    gSnapshotPid = -1;
    char k;
    ssize_t r;
    while ((r = ::read(p[0], &k, 1)) < 0 && errno == EINTR) {}
    if (r == 1) _exit(0);
    close(p[0]);
    if (gRestartThreads) gRestartThreads();
    resumed = true;
    // Loop: the new host needs a snapshot of its own before it serves.
  }
}

} // namespace cppnb
