// Where a file's bytes come from: a local file today; root:// and https://
// sources (issue 21) implement the same two calls.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace cppnb::root::io {

class ByteSource {
public:
  virtual ~ByteSource() = default;
  virtual uint64_t size() const = 0;
  // Exactly n bytes at offset into dst, or io::Error.
  virtual void read(uint64_t offset, size_t n, char *dst) const = 0;
  virtual const std::string &name() const = 0;
};

// A file on disk, read with pread (safe from several threads).
std::unique_ptr<ByteSource> openLocalFile(const std::string &path);

} // namespace cppnb::root::io
