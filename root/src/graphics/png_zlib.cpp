// zlib for the pictures' PNG images (png.hpp), which header-only programs
// write uncompressed.
#include <cppnb/root/png.hpp>

#include <zlib.h>

extern "C" int cppnb_root_zlib(const unsigned char *in, size_t len, unsigned char **out, size_t *outlen) {
  uLongf size = compressBound(uLong(len));
  auto *buf = static_cast<unsigned char *>(std::malloc(size));
  if (!buf) return -1;
  if (compress2(buf, &size, in, uLong(len), 6) != Z_OK) {
    std::free(buf);
    return -1;
  }
  *out = buf, *outlen = size;
  return 0;
}
