#include "basket_prefetch.hpp"

#include "tree_data.hpp"

#include <algorithm>
#include <limits>
#include <vector>

namespace cppnb::root::io {

void BasketPrefetch::open(const BranchInfo &branch) {
  std::lock_guard<std::mutex> lock(fMutex);
  ++fOpen[&branch];
}

void BasketPrefetch::close(const BranchInfo &branch) {
  std::lock_guard<std::mutex> lock(fMutex);
  auto it = fOpen.find(&branch);
  if (it != fOpen.end() && --it->second == 0) fOpen.erase(it), fAsked.erase(&branch);
}

void BasketPrefetch::before(const TreeData &tree, const BranchInfo &branch, int basket) {
  std::lock_guard<std::mutex> lock(fMutex);
  if (!fOpen.count(&branch)) return;
  int64_t entry = branch.basketEntry[size_t(basket)];
  auto asked = fAsked.find(&branch);
  if (asked == fAsked.end() || basket < asked->second.first || basket > asked->second.second) {
    // A jump (another range, a restart, a column opened since): what was
    // asked for and not fetched yet is dropped, and small windows are asked
    // from here, this one and the next (a Show or a GetEntry reads little; a
    // loop grows them).
    fAsked.clear();
    fWindowBytes = kFirstWindowBytes;
    fLastWindow = ask(tree, entry, true);
    fAskedTo = nextWindow(tree, fLastWindow);
  } else if (entry >= fLastWindow && fAskedTo > fLastWindow) {
    // Reading entered the last window asked: the one after it comes while
    // this one is read. (Asked no later: a branch whose next basket starts
    // where the window ends needs it next.)
    fLastWindow = fAskedTo;
    fAskedTo = nextWindow(tree, fLastWindow);
  }
}

// The next window, twice as large as the last up to kWindowBytes.
int64_t BasketPrefetch::nextWindow(const TreeData &tree, int64_t from) {
  fWindowBytes = std::min(kWindowBytes, 2 * fWindowBytes);
  return ask(tree, from, false);
}

// Asks for the baskets of every open branch from entry from on, until about
// fWindowBytes are asked for; returns the entry up to which every open branch
// (that has entries that far) is covered. jump: what is still queued is dropped.
int64_t BasketPrefetch::ask(const TreeData &tree, int64_t from, bool jump) {
  std::vector<ByteRange> ranges;
  uint64_t bytes = 0;
  int64_t entry = from, end = 0;
  for (const auto &open : fOpen) end = std::max(end, open.first->entries);
  while (entry < end && bytes < fWindowBytes) {
    int64_t step = end;
    for (const auto &open : fOpen) {
      const BranchInfo &b = *open.first;
      if (entry >= b.entries) continue; // a shorter branch: done
      int i = basketOf(b, entry);
      if (i < 0 || i >= b.baskets) continue;
      auto [it, fresh] = fAsked.try_emplace(&b, i, i - 1);
      if (i > it->second.second) {
        it->second.second = i;
        int64_t seek = b.basketSeek[size_t(i)];
        int32_t size = b.basketBytes[size_t(i)];
        if (seek > 0 && size > 0) ranges.push_back({uint64_t(seek), size_t(size)}), bytes += uint64_t(size);
      }
      step = std::min(step, i + 1 < b.baskets ? b.basketEntry[size_t(i) + 1] : b.entries);
    }
    if (step <= entry) break; // a damaged basket table: the columns report it
    entry = step;
  }
  if (!ranges.empty() || jump) tree.file->source().prefetch(ranges, jump);
  return entry;
}

} // namespace cppnb::root::io
