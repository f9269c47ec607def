#include "progress.hpp"

#include <cppnb/display.hpp>

#include <atomic>
#include <cstdio>
#include <set>

namespace cppnb::root::io {
namespace {

constexpr double kShowAfter = 2.0;   // seconds before a loop shows its progress
constexpr double kUpdateEvery = 0.5; // seconds between updates

std::string count(int64_t n) {
  std::string s = std::to_string(n);
  for (int i = int(s.size()) - 3; i > 0; i -= 3) s.insert(size_t(i), ",");
  return s;
}

// The displays showing a loop that has not finished.
std::set<LoopProgress *> &running() {
  static std::set<LoopProgress *> shown;
  return shown;
}

void stopRunning() {
  std::set<LoopProgress *> shown;
  shown.swap(running());
  for (LoopProgress *p : shown) p->stopped();
}

std::string text(int64_t done, int64_t total, int file, int files, uint64_t bytes, double seconds, bool last, bool stopped = false) {
  char buf[256];
  double mbs = seconds > 0 ? double(bytes) / 1e6 / seconds : 0;
  std::string s = (stopped ? "stopped after " : last ? "read " : "reading ") + count(done) + " of " + count(total) + " entries";
  if (total > 0 && !last) {
    std::snprintf(buf, sizeof buf, " (%.0f%%)", 100.0 * double(done) / double(total));
    s += buf;
  }
  if (files > 1) s += ", file " + std::to_string(std::min(file + 1, files)) + " of " + std::to_string(files);
  std::snprintf(buf, sizeof buf, ", %.1f MB/s", mbs);
  s += buf;
  if (last || stopped) {
    std::snprintf(buf, sizeof buf, " in %.1f s", seconds);
    s += buf;
  } else if (done > 0 && total > done) {
    std::snprintf(buf, sizeof buf, ", %.0f s left", seconds * double(total - done) / double(done));
    s += buf;
  }
  return s;
}

cppnb::mime_bundle bundle(const std::string &line, double fraction) {
  char width[32];
  std::snprintf(width, sizeof width, "%.1f%%", 100.0 * std::min(1.0, std::max(0.0, fraction)));
  std::string html = "<div style=\"font-family:monospace\"><div style=\"width:30em;height:0.8em;border:1px solid #888\">"
                     "<div style=\"height:100%;background:#3a7bd5;width:" + std::string(width) + "\"></div></div>" + line + "</div>";
  return {{"text/plain", line}, {"text/html", html}};
}

} // namespace

void LoopProgress::check(int64_t done, int64_t total, int file, int files, uint64_t bytes, bool last) {
  if (!cppnb_host_display) return; // not in a notebook
  fLastSeen = {done, total, file, files, bytes};
  Clock::time_point now = Clock::now();
  if (!fStarted) {
    fStarted = true;
    fStart = fLast = now;
    return;
  }
  double seconds = std::chrono::duration<double>(now - fStart).count();
  if (!fShown && (last || seconds < kShowAfter)) return;
  if (fShown && !last && std::chrono::duration<double>(now - fLast).count() < kUpdateEvery) return;
  fLast = now;
  auto b = bundle(text(done, total, file, files, bytes, seconds, last), total > 0 ? double(done) / double(total) : 0);
  if (!fShown) {
    static std::atomic<unsigned> serial{0};
    fId = "cppnb-tree-progress-" + std::to_string(++serial);
    cppnb::display(b, fId);
    fShown = true;
    running().insert(this);
    cppnb::at_end_of_cell(stopRunning);
  } else {
    cppnb::update_display(b, fId);
  }
}

void LoopProgress::finish(int64_t done, int64_t total, int file, int files, uint64_t bytes) {
  if (fShown) check(done, total, file, files, bytes, true);
  restart();
}

void LoopProgress::restart() {
  running().erase(this);
  fStarted = fShown = false;
  fId.clear();
  fLastSeen = {};
}

void LoopProgress::stopped() {
  if (!fShown) return;
  const Last &l = fLastSeen;
  double seconds = std::chrono::duration<double>(Clock::now() - fStart).count();
  cppnb::update_display(bundle(text(l.done, l.total, l.file, l.files, l.bytes, seconds, false, true),
                               l.total > 0 ? double(l.done) / double(l.total) : 0),
                        fId);
  restart();
}

LoopProgress::~LoopProgress() { running().erase(this); }

} // namespace cppnb::root::io
