// A branch, or one leaf of a leaf list, being read entry by entry: the basket
// holding the current entry, converted to the machine's byte order once.
// At most one basket per column is kept in memory.
#pragma once

#include "tree_data.hpp"

namespace cppnb::root::io {

class Column {
public:
  Column(std::shared_ptr<const TreeData> tree, const BranchInfo &branch, int leaf);
  ~Column();
  Column(const Column &) = delete;
  Column &operator=(const Column &) = delete;
  bool load(int64_t entry, EntryCursor &cur, std::string &error);
  Elem type() const { return fType; }
  const BranchInfo &branch() const { return fBranch; }
  const LeafInfo &leaf() const { return fBranch.leaves[size_t(fLeaf)]; }
  // Bytes of branch data this column has decompressed, for progress and rates.
  uint64_t bytesRead() const { return fBytesRead; }
  // Whether a remote tree's prefetch fetches this column's baskets ahead
  // (not for a branch switched off with SetBranchStatus).
  void setPrefetched(bool on);

private:
  void convert(const RawBasket &raw);

  std::shared_ptr<const TreeData> fTree;
  const BranchInfo &fBranch;
  int fLeaf;
  Elem fType;
  int64_t fFirst = 0, fEnd = 0;
  std::vector<char> fValues;
  std::vector<uint32_t> fStarts;
  std::vector<uint32_t> fInner; // nested layouts: where each inner sequence starts
  uint64_t fBytesRead = 0;
  bool fPrefetched = true;
};

// Whether an entry of the column holds several values (an array, a vector),
// which a reader reads with TTreeReaderArray.
inline bool manyPerEntry(const Column &c) {
  Layout l = c.branch().layout;
  return l == Layout::VarArray || l == Layout::Vector || (l == Layout::Fixed && c.leaf().len > 1);
}

// What a branch holds, as ROOT names it in its messages: a class's name
// ("vector<vector<int> >"), else its element type's.
inline std::string heldType(const Column &c) {
  const BranchInfo &b = c.branch();
  return b.className == "TBranchElement" && !b.typeName.empty() ? b.typeName : elemName(c.type());
}

// Whether an entry holds sequences (vector<vector<T>>, vector<string>).
inline bool nested(const Column &c) {
  Layout l = c.branch().layout;
  return l == Layout::VectorOfVectors || l == Layout::VectorOfStrings;
}

} // namespace cppnb::root::io
