// cppnb-reaper: what the host's first process becomes (main.cpp, becomeReaper).
//
// The process the kernel starts stays a small reaper: snapshots that take over
// are orphans, and must not become zombies of a PID 1 that never waits (as in
// many containers). The host makes itself the child subreaper, forks the host
// proper, then executes this program, which keeps that attribute and the pid
// but none of the host's memory: a forked copy of the host held ~45 MB of
// libLLVM's and libclang's pages it had written at load time. It exits when no
// child is left.
#include <cerrno>
#include <csignal>
#include <sys/wait.h>

int main() {
  signal(SIGINT, SIG_IGN);
  for (;;) {
    int status;
    if (waitpid(-1, &status, 0) < 0 && errno == ECHILD) return 0;
  }
}
