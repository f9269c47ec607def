#include "stdin.h"
#include "guard.h"
#include "protocol.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <stdio_ext.h>
#include <iostream>
#include <string>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

namespace cppnb {

static int gStdinWrite = -1;
static pid_t gMainTid = 0;

static void openStdinPipe() {
  int p[2];
  if (pipe2(p, O_CLOEXEC) != 0) return;
  dup2(p[0], 0); // fd 0 itself stays inheritable
  close(p[0]);
  gStdinWrite = p[1];
}

// True when the main thread sits in read(0, ...): /proc shows the syscall
// number (0 = read on x86-64) and its first argument.
static bool mainThreadReadsStdin() {
  char path[64];
  snprintf(path, sizeof path, "/proc/self/task/%d/syscall", int(gMainTid));
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char buf[128];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return false;
  buf[n] = '\0';
  return std::string(buf).rfind("0 0x0 ", 0) == 0;
}

static void watchStdin() {
  for (;;) {
    waitWhileNoUserCode();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (!userCodeRunning() || gStdinWrite < 0 || !mainThreadReadsStdin()) continue;
    // The prompt the cell printed must reach the kernel before the request.
    forwardPendingOutput();
    sendFrame(RepInput, "{\"prompt\":\"\",\"password\":false}");
    char kind;
    std::string text;
    if (!readFrame(kInputFd, kind, text)) return; // kernel gone
    if (kind == InputText) {
      (void)!write(gStdinWrite, text.data(), text.size());
    } else if (kind == InputEof) {
      close(gStdinWrite);
      gStdinWrite = -1;
    }
  }
}

void forgetStdinWriter() {
  if (gStdinWrite >= 0) close(gStdinWrite);
  gStdinWrite = -1;
}

// The watcher asks /proc about the main thread by its thread id, which is
// per process: a snapshot that takes over has a main thread of a new id (its
// pid), and a watcher still asking about the old one never sees a read.
void restartStdinWatcher() {
  gMainTid = pid_t(syscall(SYS_gettid));
  std::thread(watchStdin).detach();
}

void startStdin() {
  openStdinPipe();
  restartStdinWatcher();
}

void resetStdinForCell() {
  if (gStdinWrite < 0) openStdinPipe();
  // Input typed for an earlier cell and left unread is not this cell's: a
  // cell that reads gets its own input_request (std::cin reads through stdin's
  // buffer, as sync_with_stdio is on).
  __fpurge(stdin);
  int flags = fcntl(0, F_GETFL);
  fcntl(0, F_SETFL, flags | O_NONBLOCK);
  char junk[4096];
  while (read(0, junk, sizeof junk) > 0) {}
  fcntl(0, F_SETFL, flags);
  clearerr(stdin);
  std::cin.clear();
}

} // namespace cppnb
