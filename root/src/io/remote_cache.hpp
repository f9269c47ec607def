// Remote files (root://, https://) are read through a cache of large aligned
// blocks: a tree's many small basket reads become few requests, and a block
// fetched once serves every basket in it. A read that misses several blocks
// fetches them in one request, and the blocks after the last one read are
// fetched ahead by worker threads, several requests in flight (each worker on
// a connection of its own), so that reading over a long round trip is bound
// by bandwidth rather than by latency.
#pragma once

#include "byte_source.hpp"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cppnb::root::io {

// What a remote protocol provides: its size and ranges of bytes. Used by one
// thread at a time (one of the cache's workers).
class RemoteFile {
public:
  virtual ~RemoteFile() = default;
  virtual uint64_t size() const = 0;
  // Exactly n bytes at offset into dst (inside the file), or io::Error.
  virtual void fetch(uint64_t offset, size_t n, char *dst) = 0;
  virtual const std::string &url() const = 0;
};

class CachedRemote : public ByteSource {
public:
  static constexpr uint64_t kBlock = uint64_t(4) << 20;
  static constexpr size_t kBlocksKept = 16;
  // Blocks fetched ahead of the last one read, and requests in flight at most.
  static constexpr uint64_t kAhead = 4;
  static constexpr size_t kWorkers = 3;

  // reopen: the same file again, for the other workers' connections (and a
  // child of fork's own).
  CachedRemote(std::unique_ptr<RemoteFile> file, std::function<std::unique_ptr<RemoteFile>()> reopen);
  ~CachedRemote() override;
  uint64_t size() const override { return fSize; }
  const std::string &name() const override { return fUrl; }
  void read(uint64_t offset, size_t n, char *dst) const override;

  // Around fork (the kernel's host forks a snapshot after every cell): nothing
  // waits for the network (a fetch in flight goes on in the parent, whatever
  // order the fork handlers of XrdCl and this cache run in); the child forgets
  // what was in flight, leaves the connections used for it alone (the
  // parent's), and starts its own workers when it needs them.
  void beforeFork();
  void afterFork(bool child);

private:
  struct Block {
    enum State { Wanted, Fetching, Ready, Failed } state = Wanted;
    std::vector<char> bytes;
    std::string error;
    uint64_t used = 0; // for eviction: the read counter when last used
  };
  struct Job {
    uint64_t first, last;
    bool demand; // a reader waits for it (read-ahead otherwise)
  };
  void want(uint64_t first, uint64_t last, bool demand) const;
  void work(size_t worker) const;
  void evict() const;
  void readLarge(std::unique_lock<std::mutex> &lock, uint64_t offset, size_t n, char *dst) const;

  // fFiles[i]: worker i's (fFiles[0] the one opened first; the others when
  // their worker first needs them).
  mutable std::vector<std::unique_ptr<RemoteFile>> fFiles;
  std::function<std::unique_ptr<RemoteFile>()> fReopen;
  std::string fUrl;
  uint64_t fSize;
  mutable std::mutex fMutex;
  // Pointers: a child of fork leaves its parent's worker and the condition
  // its worker waited on behind (never joined, never signalled) and makes new ones.
  mutable std::unique_ptr<std::condition_variable> fChanged;
  mutable std::vector<std::unique_ptr<std::thread>> fWorkers;
  mutable std::map<uint64_t, Block> fBlocks;
  mutable std::deque<Job> fJobs;
  mutable bool fStopping = false, fLarge = false;
  mutable size_t fBusy = 0; // workers fetching
  mutable uint64_t fReads = 0, fLastBlock = 0;
};

std::unique_ptr<RemoteFile> openXRootD(const std::string &url);
// root:// names a wildcard in the last path element matches, sorted.
std::vector<std::string> listXRootD(const std::string &pattern);
std::unique_ptr<RemoteFile> openHttp(const std::string &url);

} // namespace cppnb::root::io
