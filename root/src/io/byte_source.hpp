// Where a file's bytes come from: a local file, or a remote one (root://
// through XRootD, http(s):// through libcurl; remote_cache.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cppnb::root::io {

struct ByteRange {
  uint64_t offset;
  size_t n;
};

class ByteSource {
public:
  virtual ~ByteSource() = default;
  virtual uint64_t size() const = 0;
  // Exactly n bytes at offset into dst, or io::Error.
  virtual void read(uint64_t offset, size_t n, char *dst) const = 0;
  virtual const std::string &name() const = 0;
  // Whether prefetch is worth calling: ranges about to be read, for a remote
  // source to fetch together ahead of the reads (one round trip for all).
  // restart: the reader jumped; what it asked for before and is not on its
  // way yet is not wanted any more.
  virtual bool prefetches() const { return false; }
  virtual void prefetch(const std::vector<ByteRange> &ranges, bool restart) const {}
};

// A file on disk, read with pread (safe from several threads).
std::unique_ptr<ByteSource> openLocalFile(const std::string &path);

// Whether name is a URL of a remote file (root://, xroot://, http://, https://).
bool isRemote(const std::string &name);
// The file name names, local or remote (file:// is a local path).
std::unique_ptr<ByteSource> openSource(const std::string &name);
// The remote files a wildcard (*, ?, [) in the last path element matches
// (root:// only: HTTP has no listing; io::Error says so).
std::vector<std::string> expandRemote(const std::string &pattern);

} // namespace cppnb::root::io
