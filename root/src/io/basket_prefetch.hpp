// Reading a tree from a remote file: the baskets its open columns will need
// next are asked for together, a window of entries at a time (about
// kWindowBytes of baskets, starting from kFirstWindowBytes after a jump), in
// vector reads, and the next window is asked for as soon as reading enters the
// last one asked, so the network works while baskets are decompressed (ROOT's
// TTreeCache does the same). Without it a
// reader of 2 branches out of a thousand would fetch the whole file through
// the block cache, or one round trip per basket.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <utility>

namespace cppnb::root::io {

struct BranchInfo;
struct TreeData;

class BasketPrefetch {
public:
  static constexpr uint64_t kWindowBytes = uint64_t(8) << 20;
  static constexpr uint64_t kFirstWindowBytes = uint64_t(256) << 10;

  // Columns reading a branch, opened and closed.
  void open(const BranchInfo &branch);
  void close(const BranchInfo &branch);
  // A column is about to read basket of branch.
  void before(const TreeData &tree, const BranchInfo &branch, int basket);

private:
  int64_t ask(const TreeData &tree, int64_t from, bool jump);
  int64_t nextWindow(const TreeData &tree, int64_t from);

  std::mutex fMutex;
  std::map<const BranchInfo *, int> fOpen;
  // Per branch, the baskets asked for since the last jump: first, last.
  std::map<const BranchInfo *, std::pair<int, int>> fAsked;
  // Entries: every open branch's baskets are asked for up to fAskedTo; the
  // last window asked for starts at fLastWindow.
  int64_t fLastWindow = 0, fAskedTo = 0;
  uint64_t fWindowBytes = kFirstWindowBytes;
};

} // namespace cppnb::root::io
