#include "copy_ahead.h"
#include "guard.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
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
// The heap, from its first program break, and the main thread's stack (the
// compiler's recursion goes deep): the memory cells write again and again.
uintptr_t gHeapStart = 0, gStackTop = 0;
const uintptr_t kStackSpan = 1 << 20;
struct Range {
  uintptr_t start, end;
};
Range gRanges[2];

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

// Field n of /proc/self/stat, a number.
uintptr_t statField(int n) {
  char buf[2048];
  int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  ssize_t got = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (got <= 0) return 0;
  buf[got] = 0;
  const char *p = strrchr(buf, ')'); // the command name (field 2) may hold spaces
  for (int field = 2; field < n && p; ++field) p = strchr(p + 1, ' ');
  return p ? strtoull(p + 1, nullptr, 10) : 0;
}

bool ready() {
  if (gDisabled) return false;
  if (gPageMap >= 0) return true;
  gDisabled = true;
  const char *off = getenv("CPPNB_COPY_AHEAD"); // 0: never (to compare, or where it misbehaves)
  if (off && strcmp(off, "0") == 0) return false;
  if ((gHeapStart = statField(47)) == 0 || (gStackTop = statField(28)) == 0) return false;
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
  for (const Range &r : gRanges)
    if (p >= r.start && p < r.end) return true;
  return false;
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
  uintptr_t top = (gStackTop + kPage - 1) & ~(kPage - 1);
  gRanges[0] = {gHeapStart, reinterpret_cast<uintptr_t>(sbrk(0))};
  gRanges[1] = {top - kStackSpan, top};
  // A page exclusively the host's, present, anonymous: written since the
  // fork (the fork shared it with the snapshot), or copied ahead.
  const uint64_t want = kPresent | kExclusive, mask = kPresent | kExclusive | kFileOrShared;
  static std::vector<char *> written;
  written.clear();
  for (const Range &r : gRanges) {
    for (uintptr_t page = r.start; page < r.end; page += kMapChunk * kPage) {
      if (requestWaiting(requestFd)) return;
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
    if (madvise(gNoted[i].page, (j - i) * kPage, MADV_POPULATE_WRITE) == 0) {
      for (size_t k = i; k < j; ++k) {
        gCopied.push_back({gNoted[k].page, hashOf(gNoted[k].page)});
      }
    } else if (errno == EINVAL) {
      gDisabled = true; // a kernel before 5.14
      break;
    }
    i = j;
  }
}

void forgetPagesWritten() {
  gNoted.clear();
  gCopied.clear();
}

} // namespace cppnb
