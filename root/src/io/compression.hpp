// ROOT's compressed records: blocks of up to 16 MiB, each with a 9-byte header
// naming the algorithm ("ZL" zlib, "XZ" lzma, "L4" lz4 with an xxhash64 of
// the block, "ZS" zstd) and its compressed and uncompressed sizes.
#pragma once

#include <cstddef>
#include <string>

namespace cppnb::root::io {

// Inflates src (srcLen bytes) into dst, which must take exactly dstLen bytes.
// what names the object in errors.
void decompress(const char *src, size_t srcLen, char *dst, size_t dstLen, const std::string &what);

// The algorithm of a ROOT compression setting (algorithm * 100 + level).
const char *algorithmName(int settings);

} // namespace cppnb::root::io
