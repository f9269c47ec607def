#include "protocol.h"
#include "framing.h"
#include "output_text.h"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <fcntl.h>
#include <mutex>
#include <poll.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

namespace cppnb {

static std::mutex gSendMutex;
static int gOutRead = -1, gErrRead = -1;

SendLock::SendLock() { gSendMutex.lock(); }
SendLock::~SendLock() { gSendMutex.unlock(); }

static void sendFrameLocked(char kind, const char *data, size_t size) {
  // The kernel is gone: nothing left to serve. Not _exit: the guard's, which
  // user code's calls reach, would take it for the cell's (guard.cpp).
  if (!writeFrame(kReplyFd, kind, data, size)) syscall(SYS_exit_group, 0);
}

void sendFrame(char kind, const std::string &payload) {
  std::lock_guard<std::mutex> lock(gSendMutex);
  sendFrameLocked(kind, payload.data(), payload.size());
}

// What each stream has sent so far of a character split between reads.
static OutputText gOutText, gErrText;

static OutputText &textOf(char kind) { return kind == RepStdout ? gOutText : gErrText; }

// end: the stream ends after data (a character left unfinished becomes U+FFFD).
static void sendTextLocked(char kind, const char *data, size_t size, bool end = false) {
  std::string escaped;
  textOf(kind).append(data, size, escaped);
  if (end) textOf(kind).finish(escaped);
  if (!escaped.empty()) sendFrameLocked(kind, escaped.data(), escaped.size());
}

void sendOutput(char kind, const std::string &text) {
  std::lock_guard<std::mutex> lock(gSendMutex);
  sendTextLocked(kind, text.data(), text.size());
}

// Forwards whatever one pipe holds now; false when it is empty.
static bool forwardOnce(int fd, char kind) {
  char buf[65536];
  ssize_t r = ::read(fd, buf, sizeof buf);
  if (r <= 0) return false;
  sendTextLocked(kind, buf, size_t(r));
  return true;
}

void forwardPendingOutput() {
  std::lock_guard<std::mutex> lock(gSendMutex);
  while (forwardOnce(gOutRead, RepStdout)) {}
  while (forwardOnce(gErrRead, RepStderr)) {}
}

void flushOutput() {
  fflush(stdout);
  fflush(stderr);
  forwardPendingOutput();
}

void drainOutput() {
  flushOutput();
  // The request ends: a character left unfinished will not be completed.
  std::lock_guard<std::mutex> lock(gSendMutex);
  for (char kind : {RepStdout, RepStderr}) sendTextLocked(kind, nullptr, 0, /*end=*/true);
}

static void forwarderLoop() {
  for (;;) {
    struct pollfd fds[2] = {{gOutRead, POLLIN, 0}, {gErrRead, POLLIN, 0}};
    int r = ::poll(fds, 2, -1);
    if (r < 0) continue;
    std::lock_guard<std::mutex> lock(gSendMutex);
    if (fds[0].revents & POLLIN) forwardOnce(gOutRead, RepStdout);
    if (fds[1].revents & POLLIN) forwardOnce(gErrRead, RepStderr);
  }
}

static int makeCapturePipe(int target) {
  int p[2];
  if (pipe2(p, O_CLOEXEC) != 0) return -1;
  dup2(p[1], target);   // dup2 clears CLOEXEC on the target fd
  close(p[1]);
  fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
  return p[0];
}

void restartOutputForwarder() { std::thread(forwarderLoop).detach(); }

int startOutputCapture() {
  int logFd = fcntl(2, F_DUPFD_CLOEXEC, 10);
  gOutRead = makeCapturePipe(1);
  gErrRead = makeCapturePipe(2);
  // Line buffering makes printf output stream live while a long cell runs.
  setvbuf(stdout, nullptr, _IOLBF, 0);
  restartOutputForwarder();
  return logFd;
}

} // namespace cppnb
