#include "column.hpp"

#include "reader.hpp"

#include <cstring>

namespace cppnb::root::io {
namespace {

template <class T> void swapInto(const char *src, size_t n, char *dst) {
  for (size_t i = 0; i < n; ++i) {
    T v;
    std::memcpy(&v, src + i * sizeof(T), sizeof(T));
    if constexpr (sizeof(T) == 2) v = T(__builtin_bswap16(uint16_t(v)));
    else if constexpr (sizeof(T) == 4) v = T(__builtin_bswap32(uint32_t(v)));
    else if constexpr (sizeof(T) == 8) v = T(__builtin_bswap64(uint64_t(v)));
    std::memcpy(dst + i * sizeof(T), &v, sizeof(T));
  }
}

// n elements of leaf's disk type at src, appended to out in the machine's order.
void append(const LeafInfo &leaf, const char *src, size_t n, std::vector<char> &out) {
  size_t at = out.size();
  if (leaf.double32) {
    out.resize(at + n * 8);
    for (size_t i = 0; i < n; ++i) {
      uint32_t bits;
      std::memcpy(&bits, src + i * 4, 4);
      bits = __builtin_bswap32(bits);
      float f;
      std::memcpy(&f, &bits, 4);
      double d = f;
      std::memcpy(out.data() + at + i * 8, &d, 8);
    }
    return;
  }
  out.resize(at + n * leaf.diskSize);
  char *dst = out.data() + at;
  switch (leaf.diskSize) {
  case 1: std::memcpy(dst, src, n); break;
  case 2: swapInto<uint16_t>(src, n, dst); break;
  case 4: swapInto<uint32_t>(src, n, dst); break;
  case 8: swapInto<uint64_t>(src, n, dst); break;
  }
}

} // namespace

Column::Column(std::shared_ptr<const TreeData> tree, const BranchInfo &branch, int leaf)
    : fTree(std::move(tree)), fBranch(branch), fLeaf(leaf), fType(branch.leaves[size_t(leaf)].type) {
  if (fTree->prefetch) fTree->prefetch->open(fBranch);
}

Column::~Column() { setPrefetched(false); }

void Column::setPrefetched(bool on) {
  if (on == fPrefetched) return;
  fPrefetched = on;
  if (!fTree->prefetch) return;
  if (on) fTree->prefetch->open(fBranch);
  else fTree->prefetch->close(fBranch);
}

bool Column::load(int64_t entry, EntryCursor &cur, std::string &error) {
  if (entry < 0 || entry >= fBranch.entries) {
    error = "entry " + std::to_string(entry) + " is outside branch " + fBranch.name + " (" + std::to_string(fBranch.entries) + " entries)";
    return false;
  }
  if (entry < fFirst || entry >= fEnd) {
    int basket = basketOf(fBranch, entry);
    if (basket < 0 || basket >= fBranch.baskets) {
      error = "branch " + fBranch.name + " has no basket for entry " + std::to_string(entry) + " (the file is damaged or was not closed)";
      return false;
    }
    try {
      if (fTree->prefetch) fTree->prefetch->before(*fTree, fBranch, basket);
      RawBasket raw = readBasket(*fTree, fBranch, basket);
      fBytesRead += raw.data.size();
      convert(raw);
      fFirst = raw.first;
      fEnd = raw.first + raw.count;
    } catch (const Error &e) {
      error = e.what();
      fFirst = fEnd = 0;
      return false;
    }
    if (entry >= fEnd) {
      error = "branch " + fBranch.name + ": entry " + std::to_string(entry) + " is missing from its basket; the file is damaged";
      return false;
    }
  }
  cur.first = fFirst;
  cur.end = fEnd;
  cur.values = fValues.data();
  cur.starts = fStarts.data();
  cur.inner = fInner.empty() ? nullptr : fInner.data();
  cur.size = elemSize(fType);
  return true;
}

void Column::convert(const RawBasket &raw) {
  const LeafInfo &l = leaf();
  size_t n = size_t(raw.count);
  fValues.clear();
  fStarts.assign(n + 1, 0);
  const char *data = raw.data.data();
  std::string what = fTree->file->name() + ": branch " + fBranch.name;
  switch (fBranch.layout) {
  case Layout::Fixed:
    if (fBranch.leaves.size() == 1 && fBranch.entryBytes * n == raw.data.size()) { // one swap for the basket
      append(l, data, n * size_t(l.len), fValues);
    } else {
      for (size_t e = 0; e < n; ++e) {
        if (raw.offsets[e] + l.offset + l.diskSize * size_t(l.len) > raw.offsets[e + 1])
          throw Error(what + ": an entry is shorter than its leaves; the file is damaged");
        append(l, data + raw.offsets[e] + l.offset, size_t(l.len), fValues);
      }
    }
    for (size_t e = 0; e <= n; ++e) fStarts[e] = uint32_t(e * size_t(l.len));
    break;
  case Layout::VarArray:
    append(l, data, raw.data.size() / l.diskSize, fValues);
    for (size_t e = 0; e <= n; ++e) fStarts[e] = raw.offsets[e] / uint32_t(l.diskSize);
    break;
  case Layout::CString:
  case Layout::StdString:
    for (size_t e = 0; e < n; ++e) {
      Reader r(data + raw.offsets[e], raw.offsets[e + 1] - raw.offsets[e], what);
      std::string s = r.tstring();
      fValues.insert(fValues.end(), s.begin(), s.end());
      fStarts[e + 1] = uint32_t(fValues.size());
    }
    break;
  case Layout::Vector:
    for (size_t e = 0; e < n; ++e) {
      Reader r(data + raw.offsets[e], raw.offsets[e + 1] - raw.offsets[e], what);
      r.version();
      int32_t count = r.i32();
      if (count < 0 || size_t(count) * l.diskSize > r.left()) throw Error(what + ": a vector's length runs past its entry; the file is damaged");
      append(l, r.here(), size_t(count), fValues);
      fStarts[e + 1] = uint32_t(fValues.size() / elemSize(fType));
    }
    break;
  case Layout::VectorOfVectors:
  case Layout::VectorOfStrings:
    // Entry e holds the sequences fStarts[e] to fStarts[e+1]; sequence j
    // the elements fInner[j] to fInner[j+1].
    fInner.assign(1, 0);
    for (size_t e = 0; e < n; ++e) {
      Reader r(data + raw.offsets[e], raw.offsets[e + 1] - raw.offsets[e], what);
      r.version();
      int32_t count = r.i32();
      if (count < 0 || size_t(count) > r.left()) throw Error(what + ": a vector's length runs past its entry; the file is damaged");
      for (int32_t j = 0; j < count; ++j) {
        if (fBranch.layout == Layout::VectorOfStrings) {
          std::string s = r.tstring();
          fValues.insert(fValues.end(), s.begin(), s.end());
        } else {
          int32_t m = r.i32();
          if (m < 0 || size_t(m) * l.diskSize > r.left()) throw Error(what + ": a vector's length runs past its entry; the file is damaged");
          append(l, r.here(), size_t(m), fValues);
          r.skip(size_t(m) * l.diskSize);
        }
        fInner.push_back(uint32_t(fValues.size() / elemSize(fType)));
      }
      fStarts[e + 1] = uint32_t(fInner.size() - 1);
    }
    break;
  case Layout::Unsupported:
    throw Error(what + ": " + fBranch.unsupported);
  }
}

bool loadEntry(Column &column, int64_t entry, EntryCursor &cur, std::string &error) { return column.load(entry, cur, error); }

} // namespace cppnb::root::io
