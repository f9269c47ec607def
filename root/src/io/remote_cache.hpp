// Remote files (root://, https://) are read through a cache of large aligned
// blocks: a tree's many small basket reads become few requests, and a block
// fetched once serves every basket in it. A read that misses several blocks
// fetches them in one request, and the blocks after the last one read are
// fetched ahead by worker threads, several requests in flight (each worker on
// a connection of its own), so that reading over a long round trip is bound
// by bandwidth rather than by latency.
// A tree's reader asks ahead for the baskets it will read (prefetch, from
// basket_prefetch.cpp): those come in spans, one vector read for a window of
// them, and the blocks' read-ahead stops (it would fetch the branches nobody
// reads).
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
  struct Piece {
    uint64_t offset;
    size_t n;
    char *dst;
  };
  // Several ranges in as few round trips as the protocol allows (an XRootD
  // vector read, an HTTP multi-range request), or io::Error, also when the
  // server does not answer such requests (the cache then reads the ranges
  // one at a time, and from then on if that works); by default one fetch each.
  virtual void fetchMany(const std::vector<Piece> &pieces) { fetchEach(pieces); }
  void fetchEach(const std::vector<Piece> &pieces) {
    for (const Piece &p : pieces) fetch(p.offset, p.n, p.dst);
  }
  virtual const std::string &url() const = 0;
};

class CachedRemote : public ByteSource {
public:
  static constexpr uint64_t kBlock = uint64_t(4) << 20;
  static constexpr size_t kBlocksKept = 16;
  // Blocks fetched ahead of the last one read, and requests in flight at most.
  static constexpr uint64_t kAhead = 4;
  static constexpr size_t kWorkers = 3;
  // Prefetched ranges closer than kGap are fetched as one span (of at most a
  // block, unless one range is larger); spans kept (ready) up to
  // kSpanBytesKept: those read dropped first (least recently read first),
  // those not read yet (windows ahead) only beyond twice that, oldest first.
  static constexpr uint64_t kGap = 16 << 10;
  static constexpr uint64_t kSpanBytesKept = uint64_t(24) << 20; // 3 windows
  // Spans of one request at most (Apache answers up to 200 ranges).
  static constexpr size_t kSpansPerJob = 100;

  // reopen: the same file again, for the other workers' connections (and a
  // child of fork's own).
  CachedRemote(std::unique_ptr<RemoteFile> file, std::function<std::unique_ptr<RemoteFile>()> reopen);
  ~CachedRemote() override;
  uint64_t size() const override { return fSize; }
  const std::string &name() const override { return fUrl; }
  void read(uint64_t offset, size_t n, char *dst) const override;
  bool prefetches() const override { return true; }
  void prefetch(const std::vector<ByteRange> &ranges, bool restart) const override;

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
  // Prefetched bytes [begin, end), begin its key in fSpans.
  struct Span {
    uint64_t end = 0;
    bool ready = false; // fetching otherwise (a failed span is dropped)
    std::vector<char> bytes;
    bool read = false;
    uint64_t used = 0;  // the read counter when last read
    uint64_t asked = 0; // the read counter when asked for
  };
  struct Job {
    uint64_t first, last; // blocks
    bool demand;          // a reader waits for it (read-ahead otherwise)
    std::vector<uint64_t> spans; // a span job instead: their keys
  };
  void want(uint64_t first, uint64_t last, bool demand) const;
  void work(size_t worker) const;
  void evict() const;
  void startWorkers() const;
  template <class F> std::string onConnection(size_t worker, F &&fetch) const;
  void fetchSpans(std::unique_lock<std::mutex> &lock, size_t worker, const std::vector<uint64_t> &spans) const;
  bool readSpan(std::unique_lock<std::mutex> &lock, uint64_t offset, size_t n, char *dst) const;
  std::map<uint64_t, Span>::iterator spanHolding(uint64_t offset, uint64_t n) const;
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
  mutable std::map<uint64_t, Span> fSpans;
  mutable std::deque<Job> fJobs;
  mutable bool fStopping = false, fLarge = false, fPrefetched = false;
  mutable bool fOneRangeARequest = false; // the server failed fetchMany, and fetch worked
  mutable size_t fBusy = 0; // workers fetching
  mutable uint64_t fReads = 0, fLastBlock = 0;
};

} // namespace cppnb::root::io
