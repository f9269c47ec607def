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
  LoopProgress() = default;
  LoopProgress(const LoopProgress &) = delete;
  LoopProgress &operator=(const LoopProgress &) = delete;
  ~LoopProgress();
  // Called every 128 entries or so: looks at the clock.
  void tick(int64_t done, int64_t total, int file, int files, uint64_t bytes) { check(done, total, file, files, bytes, false); }
  // The loop ended (or was abandoned): the display, if shown, says so.
  void finish(int64_t done, int64_t total, int file, int files, uint64_t bytes);
  void restart();
  // A loop left before its end (an interrupt, an exception, a break) whose
  // display still shows it running: at the end of the cell it says where it stopped.
  void stopped();

private:
  using Clock = std::chrono::steady_clock;
  void check(int64_t done, int64_t total, int file, int files, uint64_t bytes, bool last);
  bool fStarted = false, fShown = false;
  Clock::time_point fStart, fLast;
  std::string fId;
  struct Last {
    int64_t done = 0, total = 0;
    int file = 0, files = 0;
    uint64_t bytes = 0;
  } fLastSeen;
};

} // namespace cppnb::root::io
