#include "idle_memory.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/mman.h>

namespace cppnb {

int idleReleaseMs() {
  static int ms = [] {
    const char *v = getenv("CPPNB_IDLE_RELEASE_MS");
    return v ? atoi(v) : 30000;
  }();
  return ms;
}

long releaseFilePages() {
  FILE *f = fopen("/proc/self/smaps", "r");
  if (!f) return 0;
  char line[4096];
  unsigned long start = 0, end = 0;
  bool candidate = false;
  long rss = 0, dropped = 0;
  auto finish = [&](long anonymous) {
    if (candidate && anonymous == 0 && rss > 0 && madvise(reinterpret_cast<void *>(start), end - start, MADV_DONTNEED) == 0)
      dropped += rss;
    candidate = false;
  };
  while (fgets(line, sizeof line, f)) {
    unsigned long a, b;
    char perms[8] = "", path[4096] = "";
    if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %4095s", &a, &b, perms, path) >= 3 && strchr(line, '-') < strchr(line, ' ')) {
      start = a, end = b, rss = 0;
      // Not writable, private, backed by a file (not [heap], [stack], [vdso]…).
      candidate = perms[1] == '-' && perms[3] == 'p' && path[0] == '/';
    } else if (strncmp(line, "Rss:", 4) == 0) {
      rss = atol(line + 4);
    } else if (strncmp(line, "Anonymous:", 10) == 0) {
      finish(atol(line + 10)); // a page written once (relocations) is a private copy: kept
    }
  }
  fclose(f);
  return dropped;
}

} // namespace cppnb
