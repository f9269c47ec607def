// Small PNG images for pictures: the cells of a large colour map as one
// image of palette indices (one byte a pixel), so that a 300×300 map is not
// 90000 SVG rectangles. Compressed by zlib in libcppnb-root when the program
// has it (weak symbol), else written as stored (uncompressed) deflate blocks,
// which every PNG reader takes.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

// zlib's compress2 in libcppnb-root: 0 and the zlib stream in out, or -1.
extern "C" __attribute__((weak)) int cppnb_root_zlib(const unsigned char *in, size_t len, unsigned char **out, size_t *outlen);

namespace cppnb::root::png {

// A palette entry, 0-255 a channel.
struct Colour {
  unsigned char r, g, b;
};

inline uint32_t crc32(const std::string &bytes, size_t from) {
  static uint32_t table[256];
  static bool made = false;
  if (!made) {
    for (uint32_t n = 0; n < 256; ++n) {
      uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
      table[n] = c;
    }
    made = true;
  }
  uint32_t c = 0xffffffffu;
  for (size_t i = from; i < bytes.size(); ++i) c = table[(c ^ uint8_t(bytes[i])) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

inline void put32(std::string &out, uint32_t v) {
  for (int i = 3; i >= 0; --i) out.push_back(char((v >> (8 * i)) & 0xff));
}

inline void chunk(std::string &out, const char *type, const std::string &data) {
  put32(out, uint32_t(data.size()));
  size_t start = out.size();
  out += type;
  out += data;
  put32(out, crc32(out, start));
}

// A zlib stream of stored blocks (no compression).
inline std::string storedZlib(const std::string &raw) {
  std::string z = "\x78\x01";
  uint32_t a = 1, b = 0;
  for (unsigned char c : raw) a = (a + c) % 65521, b = (b + a) % 65521;
  size_t at = 0;
  do {
    size_t n = std::min<size_t>(65535, raw.size() - at);
    bool last = at + n == raw.size();
    z.push_back(char(last ? 1 : 0));
    z.push_back(char(n & 0xff)), z.push_back(char(n >> 8));
    z.push_back(char(~n & 0xff)), z.push_back(char((~n >> 8) & 0xff));
    z.append(raw, at, n);
    at += n;
  } while (at < raw.size());
  put32(z, (b << 16) | a);
  return z;
}

inline std::string zlib(const std::string &raw) {
  if (cppnb_root_zlib) {
    unsigned char *out = nullptr;
    size_t len = 0;
    if (cppnb_root_zlib(reinterpret_cast<const unsigned char *>(raw.data()), raw.size(), &out, &len) == 0) {
      std::string z(reinterpret_cast<char *>(out), len);
      std::free(out);
      return z;
    }
  }
  return storedZlib(raw);
}

// An indexed-colour PNG, width × height, row by row from the top: each pixel
// an index into colours (at most 256); index 0 is transparent.
inline std::string indexed(int width, int height, const std::vector<uint8_t> &pixels, const std::vector<Colour> &colours) {
  std::string out = "\x89PNG\r\n\x1a\n";
  std::string header;
  put32(header, uint32_t(width)), put32(header, uint32_t(height));
  header += std::string("\x08\x03\x00\x00\x00", 5); // 8 bits, palette, deflate, no filter, no interlace
  chunk(out, "IHDR", header);
  std::string plte, trns = std::string(1, '\0');
  for (const Colour &c : colours) plte.push_back(char(c.r)), plte.push_back(char(c.g)), plte.push_back(char(c.b));
  chunk(out, "PLTE", plte);
  chunk(out, "tRNS", trns);
  std::string raw;
  raw.reserve(size_t(height) * (size_t(width) + 1));
  for (int y = 0; y < height; ++y) {
    raw.push_back('\0'); // filter: none
    raw.append(reinterpret_cast<const char *>(pixels.data()) + size_t(y) * size_t(width), size_t(width));
  }
  chunk(out, "IDAT", zlib(raw));
  chunk(out, "IEND", "");
  return out;
}

} // namespace cppnb::root::png
