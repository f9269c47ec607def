#include "framing.h"

#include <cerrno>
#include <cstdint>
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

static bool writeAll(int fd, const char *buf, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, buf, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    buf += w;
    n -= size_t(w);
  }
  return true;
}

bool readFrame(int fd, char &kind, std::string &payload) {
  unsigned char len[4];
  if (!readAll(fd, reinterpret_cast<char *>(len), 4)) return false;
  uint32_t n = uint32_t(len[0]) | uint32_t(len[1]) << 8 | uint32_t(len[2]) << 16 | uint32_t(len[3]) << 24;
  if (n == 0) return false;
  std::string body(n, '\0');
  if (!readAll(fd, body.data(), n)) return false;
  kind = body[0];
  payload = body.substr(1);
  return true;
}

bool writeFrame(int fd, char kind, const char *data, size_t size) {
  uint32_t n = uint32_t(size + 1);
  char head[5] = {char(n & 0xff), char(n >> 8 & 0xff), char(n >> 16 & 0xff), char(n >> 24 & 0xff), kind};
  return writeAll(fd, head, 5) && writeAll(fd, data, size);
}

} // namespace cppnb
