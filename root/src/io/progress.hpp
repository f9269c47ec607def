// The progress of a long loop over a tree or chain, in a notebook: after about
// two seconds, one display updated in place (entries read of the total, files
// of a chain, MB/s of branch data, time left), completed at the end, as
// RDataFrame's progress bar does. Nothing outside a notebook (jobs, programs).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace cppnb::root::io {

class LoopProgress {
public:
  // Called every 128 entries or so: looks at the clock.
  void tick(int64_t done, int64_t total, int file, int files, uint64_t bytes) { check(done, total, file, files, bytes, false); }
  // The loop ended (or was abandoned): the display, if shown, says so.
  void finish(int64_t done, int64_t total, int file, int files, uint64_t bytes);
  void restart() { *this = LoopProgress(); }

private:
  using Clock = std::chrono::steady_clock;
  void check(int64_t done, int64_t total, int file, int files, uint64_t bytes, bool last);
  bool fStarted = false, fShown = false;
  Clock::time_point fStart, fLast;
  std::string fId;
};

} // namespace cppnb::root::io
