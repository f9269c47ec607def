#include "remote_cache.hpp"

#include <cppnb/root/io/record.hpp>

#include <algorithm>
#include <cstring>
#include <pthread.h>
#include <set>
#include <tuple>

namespace cppnb::root::io {
namespace {

// The live caches, for the fork handlers.
std::mutex gLive;
std::set<CachedRemote *> &live() {
  static std::set<CachedRemote *> caches;
  return caches;
}
void prepareFork() {
  gLive.lock();
  for (CachedRemote *c : live()) c->beforeFork();
}
void parentAfterFork() {
  for (CachedRemote *c : live()) c->afterFork(false);
  gLive.unlock();
}
void childAfterFork() {
  for (CachedRemote *c : live()) c->afterFork(true);
  gLive.unlock();
}

} // namespace

CachedRemote::CachedRemote(std::unique_ptr<RemoteFile> file, std::function<std::unique_ptr<RemoteFile>()> reopen)
    : fReopen(std::move(reopen)), fUrl(file->url()), fSize(file->size()), fChanged(std::make_unique<std::condition_variable>()) {
  fFiles.resize(kWorkers);
  fFiles[0] = std::move(file);
  static bool handlers = pthread_atfork(prepareFork, parentAfterFork, childAfterFork) == 0;
  (void)handlers;
  std::lock_guard<std::mutex> lock(gLive);
  live().insert(this);
}

CachedRemote::~CachedRemote() {
  {
    std::lock_guard<std::mutex> lock(gLive);
    live().erase(this);
  }
  {
    std::lock_guard<std::mutex> lock(fMutex);
    fStopping = true;
  }
  fChanged->notify_all();
  for (auto &w : fWorkers)
    if (w) w->join();
}

// fMutex stays locked across the fork (released in afterFork), so the copy
// sees a consistent cache; the parent goes on as it was.
void CachedRemote::beforeFork() { fMutex.lock(); }

void CachedRemote::afterFork(bool child) {
  if (child) {
    // The workers and their waits stayed in the parent, and so do the
    // connections: the parent goes on using them (a request in flight, an idle
    // connection it reuses), so the child never touches them, not even to
    // close them (which could send on the parent's socket); it opens its own.
    for (auto &w : fWorkers) (void)w.release();
    fWorkers.clear();
    for (auto &file : fFiles) (void)file.release();
    fBusy = 0, fLarge = false;
    (void)fChanged.release();
    fChanged = std::make_unique<std::condition_variable>();
    for (auto it = fBlocks.begin(); it != fBlocks.end();)
      it = it->second.state == Block::Ready ? std::next(it) : fBlocks.erase(it);
    for (auto it = fSpans.begin(); it != fSpans.end();)
      it = it->second.ready ? std::next(it) : fSpans.erase(it);
    fJobs.clear();
  }
  fMutex.unlock();
}

// Marks the blocks first..last that are not there yet as wanted, in runs (one
// request each), for the worker; starts it if needed. Called locked.
void CachedRemote::want(uint64_t first, uint64_t last, bool demand) const {
  for (uint64_t b = first; b <= last;) {
    if (fBlocks.count(b)) {
      ++b;
      continue;
    }
    uint64_t end = b;
    while (end + 1 <= last && !fBlocks.count(end + 1)) ++end;
    for (uint64_t i = b; i <= end; ++i) fBlocks[i].state = Block::Wanted;
    if (demand) {
      fJobs.push_front({b, end, true, {}});
    } else {
      // One block a request: the workers fetch them side by side.
      for (uint64_t i = b; i <= end; ++i) fJobs.push_back({i, i, false, {}});
    }
    b = end + 1;
  }
  startWorkers();
}

// Runs fetch(connection) on the worker's connection (opened when first
// needed), unlocked; returns the error it threw, or "".
template <class F> std::string CachedRemote::onConnection(size_t worker, F &&fetch) const {
  try {
    if (!fFiles[worker]) fFiles[worker] = fReopen();
    fetch(*fFiles[worker]);
    return "";
  } catch (const std::exception &e) {
    return e.what();
  }
}

// As many workers as jobs to do, up to kWorkers. Called locked.
void CachedRemote::startWorkers() const {
  while (fWorkers.size() < std::min(kWorkers, fJobs.size() + fBusy)) {
    size_t i = fWorkers.size();
    fWorkers.push_back(std::make_unique<std::thread>([this, i] { work(i); }));
  }
  fChanged->notify_all();
}

// The ranges as spans (ranges closer than kGap joined), those not there or on
// their way yet asked for in jobs of about a block (one vector read each, the
// workers side by side). The first prefetch also ends the blocks' read-ahead,
// now the reader says what it needs.
void CachedRemote::prefetch(const std::vector<ByteRange> &ranges, bool restart) const {
  std::vector<ByteRange> sorted(ranges);
  std::sort(sorted.begin(), sorted.end(), [](const ByteRange &a, const ByteRange &b) { return a.offset < b.offset; });
  std::lock_guard<std::mutex> lock(fMutex);
  // Queued jobs no reader waits for: the blocks' read-ahead (once), and after
  // a jump the spans asked for before it (the new ones must not wait behind them).
  bool dropBlocks = !fPrefetched;
  fPrefetched = true;
  for (auto it = fJobs.begin(); it != fJobs.end();) {
    bool blocks = !it->demand && it->spans.empty();
    if (!(blocks && dropBlocks) && !(restart && !it->spans.empty())) {
      ++it;
      continue;
    }
    for (uint64_t b = it->first; blocks && b <= it->last; ++b)
      if (fBlocks.count(b) && fBlocks[b].state == Block::Wanted) fBlocks.erase(b);
    for (uint64_t key : it->spans) fSpans.erase(key); // queued: not fetching
    it = fJobs.erase(it);
  }
  fChanged->notify_all(); // a reader waiting on what was dropped reads it itself
  // Spans never overlap: a range is a basket, either inside a span already
  // or apart from every span, and a gap is joined only when no span starts in it.
  std::vector<uint64_t> keys;
  uint64_t begin = 0, end = 0;
  auto add = [&] {
    if (end == begin) return;
    auto [span, fresh] = fSpans.try_emplace(begin);
    if (!fresh) return; // (a damaged basket table)
    span->second.end = end, span->second.asked = fReads;
    keys.push_back(begin);
  };
  for (const ByteRange &r : sorted) {
    if (r.n == 0 || r.offset >= fSize) continue;
    uint64_t rEnd = std::min(fSize, r.offset + r.n);
    if (spanHolding(r.offset, rEnd - r.offset) != fSpans.end()) continue; // there, or on its way
    auto next = fSpans.lower_bound(end);
    bool join = end > begin && r.offset <= end + kGap && rEnd - begin <= kBlock && (next == fSpans.end() || next->first >= r.offset);
    if (join) {
      end = std::max(end, rEnd);
      continue;
    }
    add();
    begin = r.offset, end = rEnd;
  }
  add();
  if (keys.empty()) return;
  std::vector<uint64_t> job;
  uint64_t bytes = 0;
  for (uint64_t key : keys) {
    job.push_back(key);
    bytes += fSpans[key].end - key;
    if (bytes >= kBlock || job.size() == kSpansPerJob) fJobs.push_back({0, 0, false, std::move(job)}), job.clear(), bytes = 0;
  }
  if (!job.empty()) fJobs.push_back({0, 0, false, std::move(job)});
  startWorkers();
}

// A span job: its spans in one request (fetchMany), or one request each from
// a server that does not answer fetchMany. Called locked; a span that failed
// is dropped (its reads go through the blocks, which report the error).
void CachedRemote::fetchSpans(std::unique_lock<std::mutex> &lock, size_t worker, const std::vector<uint64_t> &keys) const {
  std::vector<RemoteFile::Piece> pieces;
  for (uint64_t key : keys) {
    Span &span = fSpans.at(key);
    span.bytes.resize(size_t(span.end - key));
    pieces.push_back({key, span.bytes.size(), span.bytes.data()});
  }
  ++fBusy;
  bool oneByOne = fOneRangeARequest;
  lock.unlock();
  bool failed = !onConnection(worker, [&](RemoteFile &file) { oneByOne ? file.fetchEach(pieces) : file.fetchMany(pieces); }).empty();
  // The server refused several ranges at once: one at a time, from now on if that works.
  bool learnt = failed && !oneByOne && onConnection(worker, [&](RemoteFile &file) { file.fetchEach(pieces); }).empty();
  failed = failed && !learnt;
  lock.lock();
  --fBusy;
  fOneRangeARequest = fOneRangeARequest || learnt;
  for (uint64_t key : keys) {
    if (failed) {
      fSpans.erase(key);
      continue;
    }
    fSpans.at(key).ready = true;
  }
  evict();
  fChanged->notify_all();
}

// The span holding bytes [offset, offset + n), or fSpans.end().
std::map<uint64_t, CachedRemote::Span>::iterator CachedRemote::spanHolding(uint64_t offset, uint64_t n) const {
  auto it = fSpans.upper_bound(offset);
  if (it == fSpans.begin()) return fSpans.end();
  --it;
  return offset + n <= it->second.end ? it : fSpans.end();
}

// Copies a range that a span holds (waiting while it is fetched); false when
// no span holds it (or its fetch failed).
bool CachedRemote::readSpan(std::unique_lock<std::mutex> &lock, uint64_t offset, size_t n, char *dst) const {
  for (;;) {
    auto it = spanHolding(offset, n);
    if (it == fSpans.end()) return false;
    if (!it->second.ready) {
      fChanged->wait(lock);
      continue;
    }
    if (offset + n > it->first + it->second.bytes.size()) return false;
    std::memcpy(dst, it->second.bytes.data() + (offset - it->first), n);
    it->second.used = fReads, it->second.read = true;
    return true;
  }
}

// A worker: one request per job, on its own connection.
void CachedRemote::work(size_t worker) const {
  std::unique_lock<std::mutex> lock(fMutex);
  for (;;) {
    fChanged->wait(lock, [&] { return fStopping || (!fJobs.empty() && !fLarge); });
    if (fStopping) return;
    Job job = std::move(fJobs.front());
    fJobs.pop_front();
    if (!job.spans.empty()) {
      fetchSpans(lock, worker, job.spans);
      continue;
    }
    for (uint64_t b = job.first; b <= job.last; ++b) fBlocks[b].state = Block::Fetching;
    ++fBusy;
    lock.unlock();
    uint64_t begin = job.first * kBlock, end = std::min(fSize, (job.last + 1) * kBlock);
    std::vector<char> span(size_t(end - begin));
    std::string error = onConnection(worker, [&](RemoteFile &file) { file.fetch(begin, span.size(), span.data()); });
    lock.lock();
    --fBusy;
    for (uint64_t b = job.first; b <= job.last; ++b) {
      if (!error.empty() && !job.demand) {
        fBlocks.erase(b); // read-ahead fails silently: the read that needs it asks again
        continue;
      }
      Block &block = fBlocks[b];
      block.used = fReads;
      if (!error.empty()) {
        block.state = Block::Failed, block.error = error;
        continue;
      }
      uint64_t from = b * kBlock - begin, to = std::min<uint64_t>(span.size(), from + kBlock);
      block.bytes.assign(span.begin() + ptrdiff_t(from), span.begin() + ptrdiff_t(to));
      block.state = Block::Ready;
    }
    evict();
    fChanged->notify_all();
  }
}

// At most kBlocksKept blocks kept, the least recently used going first, and
// about kSpanBytesKept of spans (see there).
void CachedRemote::evict() const {
  std::vector<std::tuple<bool, uint64_t, uint64_t>> spans; // not read yet, when read or asked, key
  uint64_t spanBytes = 0;
  for (const auto &[key, span] : fSpans)
    if (span.ready) spans.push_back({!span.read, span.read ? span.used : span.asked, key}), spanBytes += span.bytes.size();
  std::sort(spans.begin(), spans.end());
  for (const auto &[ahead, when, key] : spans) {
    if (spanBytes <= (ahead ? 2 : 1) * kSpanBytesKept) continue;
    spanBytes -= fSpans[key].bytes.size();
    fSpans.erase(key);
  }

  std::vector<std::pair<uint64_t, uint64_t>> ready; // used, index
  for (const auto &[index, block] : fBlocks)
    if (block.state == Block::Ready) ready.push_back({block.used, index});
  if (ready.size() <= kBlocksKept) return;
  std::sort(ready.begin(), ready.end());
  for (size_t i = 0; i + kBlocksKept < ready.size(); ++i) fBlocks.erase(ready[i].second);
}

// A read larger than half the cache: straight from the first connection, once
// its worker is idle (no worker takes a job meanwhile).
void CachedRemote::readLarge(std::unique_lock<std::mutex> &lock, uint64_t offset, size_t n, char *dst) const {
  fChanged->wait(lock, [&] { return fBusy == 0 && !fLarge; });
  fLarge = true;
  lock.unlock();
  std::string error = onConnection(0, [&](RemoteFile &file) { file.fetch(offset, n, dst); });
  lock.lock();
  fLarge = false;
  fChanged->notify_all();
  if (!error.empty()) throw Error(error);
}

void CachedRemote::read(uint64_t offset, size_t n, char *dst) const {
  if (offset > fSize || n > fSize - offset)
    throw Error(fUrl + ": a record at byte " + std::to_string(offset) + " runs past the end of the file (" +
                std::to_string(fSize) + " bytes); the file is truncated or damaged");
  if (n == 0) return;
  std::unique_lock<std::mutex> lock(fMutex);
  ++fReads;
  if (readSpan(lock, offset, n, dst)) return;
  uint64_t first = offset / kBlock, last = (offset + n - 1) / kBlock, lastInFile = (fSize - 1) / kBlock;
  if (last - first + 1 > kBlocksKept / 2) return readLarge(lock, offset, n, dst);
  // Wanted again after each change: a block may have gone meanwhile (evicted,
  // or its read-ahead failed).
  for (;;) {
    want(first, last, true);
    bool waiting = false;
    for (uint64_t b = first; b <= last; ++b) {
      Block::State state = fBlocks[b].state;
      waiting = waiting || state == Block::Wanted || state == Block::Fetching;
    }
    if (!waiting) break;
    fChanged->wait(lock);
  }
  for (uint64_t b = first; b <= last; ++b) {
    Block &block = fBlocks[b];
    if (block.state == Block::Failed) {
      std::string error = block.error;
      for (uint64_t i = first; i <= last; ++i)
        if (fBlocks[i].state == Block::Failed) fBlocks.erase(i); // tried again by the next read
      throw Error(error);
    }
  }
  for (uint64_t b = first; b <= last; ++b) {
    Block &block = fBlocks[b];
    block.used = fReads;
    uint64_t from = std::max(offset, b * kBlock), to = std::min(offset + n, b * kBlock + block.bytes.size());
    std::memcpy(dst + (from - offset), block.bytes.data() + (from - b * kBlock), size_t(to - from));
  }
  // Reading forward into the next block: the blocks after it are fetched
  // meanwhile. Not for the scattered reads of opening a file (its header,
  // keys and streamer infos), nor once a tree's reader says what it needs.
  if (!fPrefetched && last > fLastBlock && first <= fLastBlock + 1 && last < lastInFile) want(last + 1, std::min(lastInFile, last + kAhead), false);
  fLastBlock = last;
}

} // namespace cppnb::root::io
