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
    // A jump (another range, a restart, a column opened since): start again
    // from here, and ask for the window after it at once.
    fAsked.clear();
    fLastWindow = ask(tree, entry);
    fAskedTo = ask(tree, fLastWindow);
  } else if (entry >= fLastWindow && fAskedTo > fLastWindow) {
    fLastWindow = fAskedTo;
    fAskedTo = ask(tree, fLastWindow);
  }
}

// Asks for the baskets of every open branch from entry from on, until about
// kWindowBytes are asked for; returns the entry up to which every open branch
// is covered.
int64_t BasketPrefetch::ask(const TreeData &tree, int64_t from) {
  std::vector<ByteRange> ranges;
  uint64_t bytes = 0;
  int64_t entry = from, end = std::numeric_limits<int64_t>::max();
  for (const auto &open : fOpen) end = std::min(end, open.first->entries);
  while (entry < end && bytes < kWindowBytes) {
    int64_t step = end;
    for (const auto &open : fOpen) {
      const BranchInfo &b = *open.first;
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
  if (!ranges.empty()) tree.file->source().prefetch(ranges);
  return entry;
}

} // namespace cppnb::root::io
