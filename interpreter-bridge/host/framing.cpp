#include "framing.h"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <unistd.h>

namespace cppnb {

static bool readAll(int fd, char *buf, size_t n) {
  while (n > 0) {
    ssize_t r = ::read(fd, buf, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    buf += r;
    n -= size_t(r);
  }
  return true;
}

// One piece, in one write: at most PIPE_BUF bytes, so never split (a signal
// before anything is written is EINTR, and the write is made again).
static bool writePiece(int fd, const char *piece, size_t n) {
  for (;;) {
    ssize_t w = ::write(fd, piece, n);
    if (w < 0 && errno == EINTR) continue;
    return w == ssize_t(n);
  }
}

bool readFrame(int fd, char &kind, std::string &payload) {
  // Requests come from the kernel alone: its pieces follow each other.
  payload.clear();
  for (;;) {
    unsigned char head[kPieceHeader];
    if (!readAll(fd, reinterpret_cast<char *>(head), kPieceHeader)) return false;
    size_t n = size_t(head[0]) | size_t(head[1]) << 8;
    if (n > kPieceMax - kPieceHeader) return false; // not this protocol
    kind = char(head[2]);
    size_t at = payload.size();
    payload.resize(at + n);
    if (n > 0 && !readAll(fd, payload.data() + at, n)) return false;
    if ((head[3] & 1) == 0) return true;
  }
}

bool writeFrame(int fd, char kind, const char *data, size_t size) {
  uint32_t self = uint32_t(getpid()); // a snapshot that took over writes as itself
  char piece[kPieceMax];
  do {
    size_t n = size < kPieceMax - kPieceHeader ? size : kPieceMax - kPieceHeader;
    bool more = n < size;
    piece[0] = char(n & 0xff);
    piece[1] = char(n >> 8 & 0xff);
    piece[2] = kind;
    piece[3] = more ? 1 : 0;
    for (int i = 0; i < 4; ++i) piece[4 + i] = char(self >> (8 * i) & 0xff);
    if (n > 0) memcpy(piece + kPieceHeader, data, n);
    if (!writePiece(fd, piece, kPieceHeader + n)) return false;
    data += n;
    size -= n;
  } while (size > 0);
  return true;
}

} // namespace cppnb
