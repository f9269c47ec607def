// TTree, TBranch and TLeaf for reading ROOT files: the structure of a tree,
// Print (ROOT's layout), and the classic SetBranchAddress/GetEntry loop.
// TTreeReader (tree_reader.hpp) is the modern way over the same columns.
// Implemented in the I/O library (root/src/io/tree.cpp).
#pragma once

#include "collections.hpp"
#include "io/column.hpp"
#include "tstring.hpp"

#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace cppnb::root {

namespace io {
struct TreeData;
struct BranchInfo;
struct LeafInfo;
class TreeWriter;
} // namespace io

class TDirectory;
class TH1;
class TBranch;
class TTree;

class TLeaf : public TNamed {
public:
  TLeaf(TBranch *branch, const io::LeafInfo &info);
  const char *ClassName() const override { return fClass.c_str(); }
  const char *GetTypeName() const;
  int GetLen() const { return fLen; }
  TLeaf *GetLeafCount() const { return fCount; }
  TBranch *GetBranch() const { return fBranch; }
  void setCount(TLeaf *count) { fCount = count; }

private:
  TBranch *fBranch;
  std::string fClass;
  int fLen;
  io::Elem fType;
  TLeaf *fCount = nullptr;
};

class TBranch : public TNamed {
public:
  TBranch(TTree *tree, const io::BranchInfo &info);
  ~TBranch() override;
  const char *ClassName() const override { return fClass.c_str(); }
  const char *GetClassName() const;
  Long64_t GetEntries() const;
  Long64_t GetTotBytes(Option_t * = "") const;
  Long64_t GetZipBytes(Option_t * = "") const;
  int GetBasketSize() const;
  int GetWriteBasket() const;
  TObjArray *GetListOfLeaves() { return &fLeaves; }
  TObjArray *GetListOfBranches() { return &fBranches; }
  TLeaf *GetLeaf(const char *name) const;
  TTree *GetTree() const { return fTree; }
  const io::BranchInfo &info() const { return fInfo; }
  void addLeaf(std::unique_ptr<TLeaf> leaf);
  void addBranch(TBranch *b) { fBranches.Add(b); }

private:
  TTree *fTree;
  const io::BranchInfo &fInfo;
  std::string fClass;
  TObjArray fLeaves, fBranches;
  std::vector<std::unique_ptr<TLeaf>> fLeafStore;
};

class TTree : public TNamed {
public:
  // A tree read from a file (TDirectory::Get makes them).
  TTree(std::shared_ptr<const io::TreeData> data, TDirectory *dir);
  // A tree to write into the current directory, a file open for writing:
  // Branch, Fill, then Write (or the file's Write).
  TTree(const char *name, const char *title, int splitlevel = 99, TDirectory *dir = nullptr);
  ~TTree() override;
  TTree(const TTree &) = delete;
  TTree &operator=(const TTree &) = delete;
  const char *ClassName() const override { return "TTree"; }

  virtual Long64_t GetEntries() const;
  Long64_t GetEntriesFast() const { return GetEntries(); }
  Long64_t GetTotBytes() const;
  Long64_t GetZipBytes() const;
  TDirectory *GetDirectory() const { return fDir; }
  virtual TBranch *GetBranch(const char *name) const;
  virtual TLeaf *GetLeaf(const char *name) const;
  virtual TObjArray *GetListOfBranches() { return &fBranches; }
  virtual TObjArray *GetListOfLeaves() { return &fLeaves; }
  // The tree being read: this one, or a chain's current one.
  virtual TTree *GetTree() const { return const_cast<TTree *>(this); }
  virtual int GetTreeNumber() const { return 0; }
  void Print(Option_t *option = "") const override;
  // Prints the first entries of the given branches ("x:y:z", all of them when empty).
  Long64_t Scan(const char *varexp = "", const char *selection = "", Option_t *option = "",
                Long64_t nentries = std::numeric_limits<Long64_t>::max(), Long64_t firstentry = 0);

  // ---- drawing (tree_player.hpp, in a cppnb session: the expressions are compiled) ----
  // "x", "y:x", "expr>>h(100,0,10)", ">>+h" (adds to h); selection: a cut, or
  // a weight ("w*(pt>20)"). Fills and draws the histogram (option "goff":
  // only fills). The rows selected, or -1 with ROOT's message.
  virtual Long64_t Draw(const char *varexp, const char *selection, Option_t *option = "",
                        Long64_t nentries = std::numeric_limits<Long64_t>::max(), Long64_t firstentry = 0);
  void Draw(Option_t *varexp = "") override { Draw(varexp, "", "", std::numeric_limits<Long64_t>::max(), 0); }
  Long64_t GetSelectedRows() const { return fSelectedRows; }
  // The values of the last Draw's expressions, row by row ("y:x": V1 is y).
  double *GetV1() { return fDrawn[0].data(); }
  double *GetV2() { return fDrawn[1].data(); }
  double *GetV3() { return fDrawn[2].data(); }
  double *GetW() { return fDrawnWeights.data(); }
  TH1 *GetHistogram() { return fHistogram; }
  // cppnb keeps every row of the last Draw; the estimate is kept for ROOT's code.
  void SetEstimate(Long64_t n = 1000000) { fEstimate = n; }
  Long64_t GetEstimate() const { return fEstimate; }

  // ---- writing ----
  // Branch("x", &x, "x/F"), Branch("pt", pt, "pt[n]/F") (n a branch made
  // before), Branch("arr", arr, "arr[3]/D"), Branch("s", &s, "x/D:y/I:z/B")
  // (a struct, packed); Branch("x", &x) takes the type from x.
  template <class T> TBranch *Branch(const char *name, T *address, const char *leaflist, int bufsize = 32000) {
    return branch(name, const_cast<void *>(static_cast<const void *>(address)), leaflist, io::Elem::None, bufsize);
  }
  template <class T> TBranch *Branch(const char *name, T *address, int bufsize = 32000, int = 99) {
    if constexpr (isVector<T>::value) { // Branch("v", &vec): a std::vector of numbers
      using E = typename T::value_type;
      static_assert(io::elemOf<E>() != io::Elem::None && !std::is_same_v<E, bool>, "TTree::Branch: cppnb writes std::vector of numbers");
      return vectorBranch(name, address, io::elemOf<E>(), [](const void *v, size_t &n) {
        const T &vec = *static_cast<const T *>(v);
        n = vec.size();
        return reinterpret_cast<const char *>(vec.data());
      }, bufsize);
    } else if constexpr (std::is_pointer_v<T> && isVector<std::remove_pointer_t<T>>::value) { // Branch("v", &vecptr)
      using V = std::remove_pointer_t<T>;
      using E = typename V::value_type;
      static_assert(io::elemOf<E>() != io::Elem::None && !std::is_same_v<E, bool>, "TTree::Branch: cppnb writes std::vector of numbers");
      return vectorBranch(name, address, io::elemOf<E>(), [](const void *v, size_t &n) {
        const V *vec = *static_cast<const V *const *>(v);
        n = vec ? vec->size() : 0;
        return vec ? reinterpret_cast<const char *>(vec->data()) : nullptr;
      }, bufsize);
    } else if constexpr (std::is_same_v<T, std::string>) { // Branch("s", &str)
      return vectorBranch(name, address, io::Elem::String, [](const void *v, size_t &n) {
        const std::string &s = *static_cast<const std::string *>(v);
        n = s.size();
        return s.data();
      }, bufsize);
    } else {
      static_assert(io::elemOf<T>() != io::Elem::None, "TTree::Branch(name, &x): cppnb writes numbers, std::vector of numbers and std::string (give a leaf list for arrays)");
      return branch(name, const_cast<void *>(static_cast<const void *>(address)), nullptr, io::elemOf<T>(), bufsize);
    }
  }
  // One entry of every branch, read from their addresses. The bytes filled.
  int Fill();
  // The tree (and its baskets still open) into its directory's file.
  int Write(const char *name = nullptr, int option = 0, int bufsize = 0) const override;

  // ---- the classic loop ----
  // Scalars and fixed arrays into T (the type must be the branch's), counted
  // arrays into a T array large enough, std::vector<T>* and std::string* by
  // pointer to pointer (allocated on the first entry). 0, or ROOT's negative
  // codes with ROOT's message.
  template <class T> int SetBranchAddress(const char *bname, T *add, TBranch ** = nullptr) {
    if constexpr (io::elemOf<T>() != io::Elem::None) {
      return bind(bname, add, io::elemOf<T>(), nullptr, false);
    } else if constexpr (isVectorPointer<T>::value) {
      using V = std::remove_pointer_t<T>;
      using E = typename V::value_type;
      if constexpr (io::elemOf<E>() != io::Elem::None) {
        return bind(bname, add, io::elemOf<E>(), [](void *addr, const char *data, size_t n, const io::EntryCursor &) {
          auto &p = *static_cast<T *>(addr);
          if (!p) p = new V;
          p->assign(reinterpret_cast<const E *>(data), reinterpret_cast<const E *>(data) + n);
        }, false);
      } else { // vector<vector<number>>, vector<string>, vector<TString>
        constexpr bool strings = std::is_same_v<E, std::string> || std::is_same_v<E, TString>;
        static_assert(strings || (isVector<E>::value && io::elemOf<typename E::value_type>() != io::Elem::None),
                      "SetBranchAddress: a vector of numbers, of vectors of numbers, or of strings");
        constexpr io::Elem inner = [] {
          if constexpr (strings) return io::Elem::String;
          else return io::elemOf<typename E::value_type>();
        }();
        return bind(bname, add, inner, [](void *addr, const char *offsets, size_t n, const io::EntryCursor &cur) {
          auto &p = *static_cast<T *>(addr);
          if (!p) p = new V;
          p->resize(n);
          for (size_t j = 0; j < n; ++j) {
            size_t m = 0;
            const char *q = io::sequenceAt(cur, offsets, j, m);
            if constexpr (strings) (*p)[j] = E(std::string(q, m));
            else (*p)[j].assign(reinterpret_cast<const typename E::value_type *>(q), reinterpret_cast<const typename E::value_type *>(q) + m);
          }
        }, true);
      }
    } else if constexpr (std::is_same_v<T, std::string *> || std::is_same_v<T, TString *>) {
      return bind(bname, add, io::Elem::String, [](void *addr, const char *data, size_t n, const io::EntryCursor &) {
        auto &p = *static_cast<T *>(addr);
        if (!p) p = new std::remove_pointer_t<T>;
        *p = std::string(data, n);
      }, false);
    } else {
      static_assert(sizeof(T) == 0, "SetBranchAddress: cppnb reads numbers, arrays of numbers, std::vector of numbers, "
                                    "of vectors of numbers and of strings, and strings (std::string*, TString*)");
      return -1;
    }
  }
  virtual int GetEntry(Long64_t entry, int getall = 0);
  // The entry's number in GetTree() (a chain's current tree), or negative
  // when there is no such entry.
  virtual Long64_t LoadTree(Long64_t entry);
  Long64_t GetReadEntry() const { return fReadEntry; }
  void SetBranchStatus(const char *bname, bool status = true, unsigned int *found = nullptr);
  bool GetBranchStatus(const char *bname) const;
  void ResetBranchAddresses();

  // ---- for the readers ----
  std::shared_ptr<const io::TreeData> data() const { return fData; }
  // A column over branch (or "branch.leaf"), or nullptr with ROOT's message in error.
  virtual io::Column *openColumn(const char *name, std::string &error) const;
  // What a reader of branch (or "branch.leaf") asks for: the element type,
  // and whether an entry holds several (TTreeReaderArray). False, with ROOT's
  // message in error, when it cannot be read.
  bool columnType(const char *name, io::Elem &elem, bool &collection, std::string &error) const;
  // How an entry's values reach an address: count values at data, or for a
  // nested branch count sequences (io::sequenceAt(cursor, data, j, n)).
  using Assign = void (*)(void *addr, const char *data, size_t count, const io::EntryCursor &cursor);
  int bindAddress(const char *bname, void *addr, io::Elem elem, Assign assign, bool nested) {
    return bind(bname, addr, elem, assign, nested);
  }

protected:
  // A chain: no tree of its own (chain.hpp).
  struct ChainTag {};
  TTree(ChainTag, const char *name, const char *title);
  virtual int bind(const char *bname, void *addr, io::Elem elem, Assign assign, bool nested);
  Long64_t fReadEntry = -1;
  std::vector<std::string> fDisabled; // SetBranchStatus(name, false)
  // The last Draw's rows (tree_draw.hpp).
  std::vector<double> fDrawn[3], fDrawnWeights;
  Long64_t fSelectedRows = 0, fEstimate = 1000000;
  TH1 *fHistogram = nullptr;

private:
  template <class T> struct isVectorPointer : std::false_type {};
  template <class E> struct isVectorPointer<std::vector<E> *> : std::true_type {};
  struct Binding;

  std::shared_ptr<const io::TreeData> fData;
  TDirectory *fDir;
  TObjArray fBranches, fLeaves;
  std::vector<std::unique_ptr<TBranch>> fBranchStore;
  std::vector<Binding> fBindings;
  TBranch *branch(const char *name, void *address, const char *leaflist, io::Elem elem, int bufsize);
  template <class V> struct isVector : std::false_type {};
  template <class E, class A> struct isVector<std::vector<E, A>> : std::true_type {};
  using VectorView = const char *(*)(const void *address, size_t &count);
  TBranch *vectorBranch(const char *name, const void *address, io::Elem elem, VectorView view, int bufsize);
  TBranch *writtenBranch(const char *name, const char *title, const char *cls);
  std::unique_ptr<io::TreeWriter> fWriter;
  std::vector<std::unique_ptr<io::BranchInfo>> fWrittenBranches; // what GetBranch shows of them
};

// TNtuple: a tree of float columns named in a list, "x:y:z", filled with
// Fill(x, y, z) (or an array). Read back as any tree; Get<TNtuple> gives one
// for a TNtuple key.
class TNtuple : public TTree {
public:
  TNtuple(const char *name, const char *title, const char *varlist, int bufsize = 32000);
  // A TNtuple read from a file.
  // Its columns are read into GetArgs() by GetEntry, as ROOT's.
  TNtuple(std::shared_ptr<const io::TreeData> data, TDirectory *dir) : TTree(std::move(data), dir) {
    fValues.resize(size_t(GetListOfBranches()->GetEntries()));
    int i = 0;
    for (TObject *b : *GetListOfBranches()) SetBranchAddress(b->GetName(), &fValues[size_t(i++)]);
  }
  const char *ClassName() const override { return "TNtuple"; }
  int GetNvar() const { return int(fValues.size()); }
  // The last entry's values (ROOT's Float_t *, for reading them in a loop).
  float *GetArgs() const { return const_cast<float *>(fValues.data()); }
  using TTree::Fill;
  int Fill(const float *x);
  template <class... X> int Fill(double x0, X... xs) {
    const double v[] = {x0, double(xs)...};
    float f[sizeof...(xs) + 1];
    for (size_t i = 0; i < sizeof...(xs) + 1; ++i) f[i] = float(v[i]);
    return fillN(f, sizeof...(xs) + 1);
  }

private:
  int fillN(const float *x, size_t n);
  std::vector<float> fValues;
};

// A column's owner: columns live as long as the reader that opened them.
void deleteColumn(io::Column *column);

} // namespace cppnb::root
