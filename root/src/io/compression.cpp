// Decompression of ROOT's blocks through Debian's zlib, liblzma, liblz4,
// libzstd and libxxhash.
#include "compression.hpp"

#include <cppnb/root/io/record.hpp>

#include <lz4.h>
#include <lzma.h>
#include <xxhash.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdint>
#include <cstring>

namespace cppnb::root::io {
namespace {

constexpr size_t kHeader = 9;
constexpr size_t kChecksum = 8; // lz4 blocks: xxhash64 of the compressed bytes

size_t threeBytes(const unsigned char *p) { return size_t(p[0]) | size_t(p[1]) << 8 | size_t(p[2]) << 16; }

[[noreturn]] void fail(const std::string &what, const std::string &why) {
  throw Error(what + ": cannot decompress: " + why + "; the file is damaged or truncated");
}

void inflateZlib(const char *src, size_t n, char *dst, size_t m, const std::string &what) {
  z_stream z{};
  if (inflateInit(&z) != Z_OK) fail(what, "zlib initialisation failed");
  z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(src));
  z.avail_in = uInt(n);
  z.next_out = reinterpret_cast<Bytef *>(dst);
  z.avail_out = uInt(m);
  int rc = inflate(&z, Z_FINISH);
  size_t out = z.total_out;
  inflateEnd(&z);
  if (rc != Z_STREAM_END || out != m) fail(what, "zlib: " + std::string(z.msg ? z.msg : "wrong size"));
}

void inflateLzma(const char *src, size_t n, char *dst, size_t m, const std::string &what) {
  lzma_stream s = LZMA_STREAM_INIT;
  if (lzma_stream_decoder(&s, UINT64_MAX, 0) != LZMA_OK) fail(what, "lzma initialisation failed");
  s.next_in = reinterpret_cast<const uint8_t *>(src);
  s.avail_in = n;
  s.next_out = reinterpret_cast<uint8_t *>(dst);
  s.avail_out = m;
  lzma_ret rc = lzma_code(&s, LZMA_FINISH);
  size_t out = s.total_out;
  lzma_end(&s);
  if ((rc != LZMA_STREAM_END && rc != LZMA_OK) || out != m) fail(what, "lzma error " + std::to_string(int(rc)));
}

void inflateLz4(const char *src, size_t n, char *dst, size_t m, const std::string &what) {
  if (n < kChecksum) fail(what, "lz4 block shorter than its checksum");
  uint64_t stored = 0;
  for (size_t i = 0; i < kChecksum; ++i) stored = stored << 8 | uint8_t(src[i]);
  if (XXH64(src + kChecksum, n - kChecksum, 0) != stored) fail(what, "lz4 block checksum (xxhash64) does not match");
  int out = LZ4_decompress_safe(src + kChecksum, dst, int(n - kChecksum), int(m));
  if (out < 0 || size_t(out) != m) fail(what, "lz4 error");
}

void inflateZstd(const char *src, size_t n, char *dst, size_t m, const std::string &what) {
  size_t out = ZSTD_decompress(dst, m, src, n);
  if (ZSTD_isError(out) || out != m) fail(what, std::string("zstd: ") + (ZSTD_isError(out) ? ZSTD_getErrorName(out) : "wrong size"));
}

} // namespace

void decompress(const char *src, size_t srcLen, char *dst, size_t dstLen, const std::string &what) {
  size_t in = 0, out = 0;
  while (out < dstLen) {
    if (srcLen - in < kHeader) fail(what, "a block header is cut off");
    auto *h = reinterpret_cast<const unsigned char *>(src + in);
    size_t c = threeBytes(h + 3), u = threeBytes(h + 6);
    if (c > srcLen - in - kHeader || u > dstLen - out) fail(what, "a block is larger than its record");
    const char *payload = src + in + kHeader;
    char *target = dst + out;
    if (h[0] == 'Z' && h[1] == 'L') inflateZlib(payload, c, target, u, what);
    else if (h[0] == 'X' && h[1] == 'Z') inflateLzma(payload, c, target, u, what);
    else if (h[0] == 'L' && h[1] == '4') inflateLz4(payload, c, target, u, what);
    else if (h[0] == 'Z' && h[1] == 'S') inflateZstd(payload, c, target, u, what);
    else if (h[0] == 'C' && h[1] == 'S') fail(what, "ROOT's old own algorithm (\"CS\", before ROOT 5) is not supported");
    else fail(what, "unknown algorithm \"" + std::string(reinterpret_cast<const char *>(h), 2) + "\"");
    in += kHeader + c;
    out += u;
    if (u == 0) fail(what, "an empty block");
  }
}

const char *algorithmName(int settings) {
  switch (settings / 100) {
  case 0: return settings % 100 ? "zlib" : "none";
  case 1: return "zlib";
  case 2: return "lzma";
  case 3: return "old";
  case 4: return "lz4";
  case 5: return "zstd";
  default: return "unknown";
  }
}

} // namespace cppnb::root::io
