#include "copy_ahead.h"
#include "guard.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

#define XXH_INLINE_ALL
#include <xxhash.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 // Linux 5.14
#endif

namespace cppnb {

namespace {

const size_t kPage = 4096;
// More written pages than this and the cell wrote data: nothing is copied.
const size_t kMostPages = 2048;
// Pages asked for at once, and read from the page map at once, between looks
// at the request pipe.
const size_t kSlice = 32, kMapChunk = 512;
// How long the host waits, idle, before it copies.
const int kSettleMs = 10;

// /proc/self/pagemap: one 64-bit entry per page.
const uint64_t kPresent = 1ull << 63, kFileOrShared = 1ull << 61, kExclusive = 1ull << 56;

bool gDisabled = false;
uint64_t gMapChunk[kMapChunk];
int gPageMap = -1;
// Where cells write again and again: the process's private writable memory
// (the heap, large blocks malloc maps apart, the stacks, the libraries' data),
// read from /proc/self/maps before each fork. The main stack's top MB only
// (the compiler's recursion goes deep); none larger than kLargestMapping
// but the heap (such a block holds a cell's data, not the compiler's).
const uintptr_t kStackSpan = 1 << 20;
const uintptr_t kLargestMapping = uintptr_t(64) << 20;
struct Range {
  uintptr_t start, end;
};
std::vector<Range> gRanges;
std::string gMaps;

// Cells differ (a declaration, a value, a loop): a page is copied when any of
// the last kCells cells wrote it.
const uint8_t kCells = 4;
struct Noted {
  char *page;
  uint8_t age; // cells since one wrote it
};
std::vector<Noted> gNoted;   // to copy after this fork (sorted)
// Copied ahead after the last fork (sorted), with a hash of what each held then.
struct Copied {
  char *page;
  uint64_t hash;
  bool operator<(const char *p) const { return page < p; }
};
std::vector<Copied> gCopied;
std::vector<Noted> gMerged;  // scratch for the merge

bool requestWaiting(int fd) {
  pollfd p{fd, POLLIN, 0};
  return poll(&p, 1, 0) > 0;
}

// The private writable mappings, as ranges (sorted, as the kernel lists them).
bool readWritableRanges() {
  gRanges.clear();
  int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  gMaps.clear();
  char buf[16384];
  for (ssize_t got; (got = read(fd, buf, sizeof buf)) != 0;) {
    if (got < 0) {
      if (errno == EINTR) continue;
      break;
    }
    gMaps.append(buf, size_t(got));
  }
  close(fd);
  for (size_t at = 0; at < gMaps.size();) {
    size_t end = gMaps.find('\n', at);
    if (end == std::string::npos) end = gMaps.size();
    const char *line = gMaps.c_str() + at;
    char *p = nullptr;
    uintptr_t start = strtoull(line, &p, 16), stop = strtoull(p + 1, &p, 16);
    bool writablePrivate = p[0] == ' ' && p[1] == 'r' && p[2] == 'w' && p[4] == 'p';
    std::string_view name(line, end - at);
    size_t slash = name.find_first_of("/[");
    name = slash == std::string_view::npos ? std::string_view() : name.substr(slash);
    at = end + 1;
    if (!writablePrivate) continue;
    if (name == "[stack]") start = std::max(start, stop - kStackSpan);
    else if (name != "[heap]" && stop - start > kLargestMapping) continue;
    gRanges.push_back({start, stop});
  }
  return !gRanges.empty();
}

bool ready() {
  if (gDisabled) return false;
  if (gPageMap >= 0) return true;
  gDisabled = true;
  const char *off = getenv("CPPNB_COPY_AHEAD"); // 0: never (to compare, or where it misbehaves)
  if (off && strcmp(off, "0") == 0) return false;
  // Linux 5.14 and later know MADV_POPULATE_WRITE: asked once, on a page of
  // our own, so that a later failure (a noted page whose mapping changed) only
  // skips that page.
  static char probe[2 * kPage];
  char *page = reinterpret_cast<char *>((reinterpret_cast<uintptr_t>(probe) + kPage - 1) & ~(kPage - 1));
  if (madvise(page, kPage, MADV_POPULATE_WRITE) != 0) return false;
  if ((gPageMap = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC)) < 0) return false;
  gDisabled = false;
  return true;
}

uint64_t hashOf(const char *page) { return XXH3_64bits(page, kPage); }

// True when page p was copied ahead and still holds what it held then: the
// cell did not write it (it is the host's own only because it was copied).
bool copiedAndUnchanged(char *p) {
  auto at = std::lower_bound(gCopied.begin(), gCopied.end(), p);
  return at != gCopied.end() && at->page == p && at->hash == hashOf(p);
}

bool inRanges(const char *page) {
  auto p = reinterpret_cast<uintptr_t>(page);
  auto after = std::upper_bound(gRanges.begin(), gRanges.end(), p, [](uintptr_t a, const Range &r) { return a < r.start; });
  return after != gRanges.begin() && p < (after - 1)->end;
}

// Adds the pages written in the last cell (sorted) to those the cells before
// it wrote, one cell older.
void remember(const std::vector<char *> &written) {
  gMerged.clear();
  size_t w = 0;
  for (const Noted &n : gNoted) {
    for (; w < written.size() && written[w] < n.page; ++w) gMerged.push_back({written[w], 0});
    if (w < written.size() && written[w] == n.page) gMerged.push_back({written[w++], 0});
    else if (n.age + 1 < kCells && inRanges(n.page)) gMerged.push_back({n.page, uint8_t(n.age + 1)});
  }
  for (; w < written.size(); ++w) gMerged.push_back({written[w], 0});
  gNoted.swap(gMerged);
  if (gNoted.size() > kMostPages) gNoted.clear();
}

} // namespace

void notePagesWritten(int requestFd) {
  if (!ready()) return;
  // The next cell is there already (Run All): no time to copy, and no reason
  // to forget what the cells before wrote (nor to read /proc for threads).
  if (requestWaiting(requestFd)) return;
  if (!onlyHostThreads()) {
    gNoted.clear();
    return;
  }
  if (!readWritableRanges()) {
    gNoted.clear();
    return;
  }
  // A page exclusively the host's, present, anonymous: written since the
  // fork (the fork shared it with the snapshot), or copied ahead.
  const uint64_t want = kPresent | kExclusive, mask = kPresent | kExclusive | kFileOrShared;
  static std::vector<char *> written;
  written.clear();
  size_t reads = 0;
  for (const Range &r : gRanges) {
    for (uintptr_t page = r.start; page < r.end; page += kMapChunk * kPage) {
      // Most mappings are a few pages: a look at the request pipe every 16 reads.
      if (reads++ % 16 == 0 && requestWaiting(requestFd)) return;
      size_t n = std::min<size_t>(kMapChunk, (r.end - page) / kPage);
      ssize_t got = pread(gPageMap, gMapChunk, n * sizeof(uint64_t), off_t(page / kPage * sizeof(uint64_t)));
      if (got <= 0) break;
      for (size_t i = 0; i < size_t(got) / sizeof(uint64_t); ++i) {
        if ((gMapChunk[i] & mask) != want) continue;
        char *p = reinterpret_cast<char *>(page + i * kPage);
        if (copiedAndUnchanged(p)) continue;
        written.push_back(p);
        if (written.size() > kMostPages) {
          gNoted.clear();
          return;
        }
      }
    }
  }
  remember(written);
}

void copyAheadWhileIdle(int requestFd) {
  gCopied.clear();
  // The messages a notebook sends around a cell's reply (kernel_info,
  // comm_info, the next cell of a Run All) come first, without competing
  // with the copies for the CPU.
  pollfd settle{requestFd, POLLIN, 0};
  if (gNoted.empty() || poll(&settle, 1, kSettleMs) != 0) return;
  for (size_t i = 0; i < gNoted.size() && !requestWaiting(requestFd);) {
    size_t j = i + 1;
    while (j < gNoted.size() && j - i < kSlice && gNoted[j].page == gNoted[j - 1].page + kPage) ++j;
    // Fails for pages no longer mapped writable: skipped.
    if (madvise(gNoted[i].page, (j - i) * kPage, MADV_POPULATE_WRITE) == 0) {
      for (size_t k = i; k < j; ++k) {
        gCopied.push_back({gNoted[k].page, hashOf(gNoted[k].page)});
      }
    }
    i = j;
  }
}

void forgetPagesWritten() {
  gNoted.clear();
  gCopied.clear();
}

} // namespace cppnb
