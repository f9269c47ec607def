// A TTree as its record describes it: branches (sub-branches flattened, in
// file order), their leaves with element types and layouts, and where their
// baskets are. Built once when a tree is read; the columns read baskets.
#pragma once

#include "basket_prefetch.hpp"
#include "file_data.hpp"

#include <cppnb/root/io/column.hpp>

namespace cppnb::root::io {

// How one entry of a branch is laid out in a basket.
enum class Layout {
  Fixed,     // the same bytes every entry: scalars, fixed arrays, leaf lists
  VarArray,  // n elements, n from a counter leaf (Muon_pt[nMuon])
  CString,   // a C string leaf (/C): a length byte (or 255 and 4 bytes), the chars
  Vector,    // std::vector<T>: byte count, version, n, the elements
  StdString, // std::string, TString: as a C string
  VectorOfVectors, // vector<vector<T>>: byte count, version, n, then n times (m, m elements)
  VectorOfStrings, // vector<string>, vector<TString>: byte count, version, n, n strings
  Unsupported,
};

struct LeafInfo {
  std::string name, title, className, countName;
  Elem type = Elem::None;
  int len = 1;          // elements per entry (fixed arrays), 1 for a counted array
  size_t offset = 0;    // bytes before this leaf in a leaf list's entry
  size_t diskSize = 0;  // bytes per element on disk
  bool double32 = false; // Double32_t without a range: a float on disk, a double in memory
};

struct RawBasket;

struct BranchInfo {
  std::string name, title, className, typeName;
  std::vector<LeafInfo> leaves;
  Layout layout = Layout::Fixed;
  std::string unsupported; // why, when layout is Unsupported
  int64_t entries = 0, totBytes = 0, zipBytes = 0;
  int basketSize = 0, entryOffsetLen = 0, baskets = 0, depth = 0;
  std::vector<int32_t> basketBytes;
  std::vector<int64_t> basketEntry, basketSeek;
  size_t entryBytes = 0; // Fixed: bytes of one entry on disk
  // Baskets stored inside the tree's record (basketSeek -1), by basket number.
  std::vector<std::shared_ptr<const RawBasket>> embedded;
};

struct TreeData {
  std::string name, title;
  int64_t entries = 0, totBytes = 0, zipBytes = 0;
  std::vector<BranchInfo> branches;
  std::shared_ptr<FileData> file;
  // For a remote file: the open columns' baskets, asked for ahead.
  std::unique_ptr<BasketPrefetch> prefetch;

  // A branch by name, or the branch holding a leaf "branch.leaf" / "leaf".
  const BranchInfo *findBranch(const std::string &name, int *leaf = nullptr) const;
};

std::shared_ptr<TreeData> readTree(std::shared_ptr<FileData> file, const Record &tree);

// The basket of entry, uncompressed: its first entry, entry count, the bytes
// of its entries and where each starts (n+1 offsets into data).
struct RawBasket {
  int64_t first = 0;
  int64_t count = 0;
  std::string data;
  std::vector<uint32_t> offsets;
};
RawBasket readBasket(const TreeData &tree, const BranchInfo &branch, int basket);
int basketOf(const BranchInfo &branch, int64_t entry);

} // namespace cppnb::root::io
