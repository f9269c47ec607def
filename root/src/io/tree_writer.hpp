// A TTree being written: branches of numbers, fixed arrays, counted arrays
// (a[n]) and leaf lists, their entries serialised into baskets of about the
// branch's buffer size, each basket written to the file as it fills, and at
// Write the tree's record (branches, leaves, where the baskets are).
#pragma once

#include "file_writer.hpp"

#include <cppnb/root/io/column.hpp>

namespace cppnb::root::io {

class TreeWriter {
public:
  TreeWriter(std::string name, std::string title) : fName(std::move(name)), fTitle(std::move(title)) {}
  // A branch of leaves described by ROOT's leaf list ("x/F", "a[n]/D",
  // "x/D:y/I:z/B"; no type: F), read from address at each Fill. io::Error
  // when the list is malformed or a counter is unknown.
  void addBranch(const std::string &name, void *address, const std::string &leaflist, int bufsize);
  // A branch of one number of type elem (Branch("x", &x) with no leaf list).
  void addBranch(const std::string &name, void *address, Elem elem, int bufsize);
  // A std::vector of numbers (elem) at address, or a std::string (elem
  // String); view gives its data and size.
  using VectorView = const char *(*)(const void *address, size_t &count);
  void addVectorBranch(const std::string &name, const void *address, Elem elem, VectorView view, int bufsize);
  // One entry of every branch; baskets that are full go to the file. The bytes filled.
  int fill(FileWriter &file);
  // The baskets still open go to the file, then the tree's record.
  RecordPtr finish(FileWriter &file);
  int64_t entries() const { return fEntries; }
  int64_t totBytes() const;
  int64_t zipBytes() const;

  struct Leaf {
    std::string name, title;
    char code = 'F';
    Elem type = Elem::Float;
    int len = 1;          // fixed elements per entry
    int counter = -1;     // the counting leaf (index in fLeaves), for a[n]
    const char *address = nullptr;
    VectorView vector = nullptr; // a std::vector branch's leaf
    bool isCounter = false;
    double minimum = 0, maximum = 0;
  };
  struct Branch {
    std::string name, title;
    std::vector<int> leaves; // indices in fLeaves
    bool variable = false;
    int basketSize = 32000;
    std::string data;
    std::vector<int32_t> offsets;
    int64_t basketFirst = 0;
    std::vector<int32_t> basketBytes;
    std::vector<int64_t> basketEntry, basketSeek;
    int64_t entries = 0, totBytes = 0, zipBytes = 0;
  };

private:
  void flush(FileWriter &file, Branch &b);
  int64_t countOf(const Leaf &l) const;

  std::string fName, fTitle;
  std::vector<Leaf> fLeaves;
  std::vector<Branch> fBranches;
  int64_t fEntries = 0;
};

} // namespace cppnb::root::io
