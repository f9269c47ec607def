// The tree player: what TTree::Draw selects. ROOT interprets the expressions
// ("px", "py:px", "sqrt(px*px+py*py)", arrays element by element,
// "Muon_pt[0]", a selection that cuts or weights); cppnb turns them into one
// C++ function over the tree's readers, compiled in the session (jit.hpp),
// so any C++ and anything the session defined can be used in them. The
// library (root/src/treeplayer) writes and runs that function into a
// Selection; the histogram is made by session code (tree_draw.hpp).
#pragma once

#include "tree_reader.hpp"

#include <string>
#include <vector>

namespace cppnb::root::draw {

// What the compiled loop fills: per selected row, the value of each
// expression and the weight (the selection's value).
struct Loop {
  explicit Loop(TTree *tree) : reader(tree) {}
  TTreeReader reader;
  std::vector<double> values[3], weights;
  bool next() { return reader.Next(); }
  void add(double w, double a, double b, double c) {
    values[0].push_back(a), values[1].push_back(b), values[2].push_back(c);
    weights.push_back(w);
  }
};
using LoopFunction = void (*)(Loop &);

// arr[i] in an expression: the element, or (when the entry has fewer) none,
// and the row is skipped, as ROOT does.
template <class A> double at(A &array, long long i, bool &valid) {
  if (i < 0 || size_t(i) >= array.GetSize()) {
    valid = false;
    return 0;
  }
  return double(array[size_t(i)]);
}

// A Draw's rows and the histogram they go into.
struct Selection {
  std::vector<std::string> dims; // the expressions: "y:x" gives {"y", "x"}
  std::string title;             // ROOT's: "expr {selection}"
  std::string name = "htemp";    // ">>name", ">>+name" (append), ">>name(bins…)"
  bool named = false, append = false;
  std::vector<double> bins; // as given: nx, xlow, xup, ny, ylow, yup
  // x then y: as given, or round limits around the values (ROOT's 100 bins, 40×40 in 2D).
  int nbins[2] = {100, 40};
  double low[2] = {0, 0}, up[2] = {1, 1};
  std::string option; // the draw option without "goff" and "prof"
  bool graphicsOff = false;
  // "prof" (and "profs", "profi", "profg"): "y:x" makes a TProfile of y in
  // bins of x, whose error option is what follows "prof".
  bool profile = false;
  std::string profileErrors;
  std::vector<double> values[3], weights;
};

// The entries of [first, first + nentries) for which selection is not 0 (each
// once), compiled as Draw's expressions are: TTree::Scan's selection. False
// after ROOT's message.
bool selectedEntries(TTree &tree, const char *selection, Long64_t nentries, Long64_t first, std::vector<Long64_t> &entries);

} // namespace cppnb::root::draw
