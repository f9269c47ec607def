// TTreeReader, TTreeReaderValue<T> and TTreeReaderArray<T>: ROOT's modern loop
// over a tree. The reader steps through the entries; each value or array reads
// its branch's current basket through an inline cursor (io/column.hpp), so a
// loop pays a library call only when it crosses into a new basket.
#pragma once

#include "file.hpp"
#include "tree.hpp"

#include "tstring.hpp"

#include <set>
#include <stdexcept>
#include <typeinfo>

namespace cppnb::root {

class TTreeReaderValueBase;
namespace io {
class LoopProgress;
}

class TTreeReader : public TObject {
public:
  enum EEntryStatus {
    kEntryValid = 0, kEntryNotLoaded, kEntryNoTree, kEntryNotFound, kEntryChainSetupError,
    kEntryChainFileError, kEntryDictionaryError, kEntryBeyondEnd, kEntryBadReader, kEntryUnknownError
  };
  TTreeReader();
  explicit TTreeReader(TTree *tree);
  TTreeReader(const char *keyname, TDirectory *dir = nullptr);
  ~TTreeReader() override;
  TTreeReader(const TTreeReader &) = delete;
  TTreeReader &operator=(const TTreeReader &) = delete;
  const char *ClassName() const override { return "TTreeReader"; }

  // The next entry: inline while it is in the same tree, so that a loop pays
  // a library call only at a tree's end (and every 128 entries, for progress).
  bool Next() {
    if (fFast && fEntry + 1 < fEndCache && fLocal + 1 < fLocalEnd) {
      ++fEntry, ++fLocal;
      if ((++fSteps & 127) == 0) progressStep();
      return true;
    }
    return nextSlow();
  }
  EEntryStatus SetEntry(Long64_t entry);
  EEntryStatus SetEntriesRange(Long64_t beginEntry, Long64_t endEntry);
  void Restart();
  Long64_t GetCurrentEntry() const { return fEntry; }
  // The current entry's number in its own tree (a chain's file).
  Long64_t GetLocalEntry() const { return fLocal; }
  Long64_t GetEntries() const;
  Long64_t GetEntries(bool) const { return GetEntries(); }
  EEntryStatus GetEntryStatus() const { return fStatus; }
  TTree *GetTree() const { return fTree; }
  bool IsInvalid() const { return !fTree; }

  // ---- for the values and arrays ----
  void attach(TTreeReaderValueBase *value);
  void detach(TTreeReaderValueBase *value);

private:
  // Loads entry into the tree (a chain's file), setting the values up again
  // when the chain moved to another tree.
  bool load(Long64_t entry);
  bool nextSlow();

  TTree *fTree = nullptr;
  Long64_t fEntry = -1, fLocal = -1, fBegin = 0, fEnd = -1;
  int fTreeNumber = -1;
  // The fast path of Next: the end of the loop, of the current tree.
  bool fFast = false;
  Long64_t fEndCache = 0, fLocalEnd = 0;
  uint64_t fSteps = 0;
  // After about two seconds, a loop shows its progress (root/src/io/progress.hpp).
  std::unique_ptr<io::LoopProgress> fProgress;
  void progressStep();
  void progressEnd();
  void progressShow(bool last);
  EEntryStatus fStatus = kEntryNotLoaded;
  bool fBad = false;
  std::vector<TTreeReaderValueBase *> fValues;
};

class TTreeReaderValueBase {
public:
  enum ESetupStatus { kSetupNotSetup = -7, kSetupMissingBranch = -5, kSetupMismatch = -2, kSetupMatch = 0 };
  TTreeReaderValueBase(const TTreeReaderValueBase &) = delete;
  TTreeReaderValueBase &operator=(const TTreeReaderValueBase &) = delete;
  virtual ~TTreeReaderValueBase();
  const char *GetBranchName() const { return fBranch.c_str(); }
  ESetupStatus GetSetupStatus() const { return fSetup; }
  bool IsValid() const { return fSetup == kSetupMatch; }

  // ---- for the reader ----
  // Opens the column on tree and checks its type; false after printing ROOT's message.
  bool setup(TTree *tree);
  void readerGone() { fReader = nullptr; }
  // Bytes of branch data decompressed so far (every file of a chain).
  uint64_t bytesRead() const;

protected:
  // wanted: the element type asked for (None: any); collection: an array or a
  // vector is asked for; nested: sequences of them (vector<vector<T>>,
  // vector<string>); what: "TTreeReaderValue<float>" for messages.
  TTreeReaderValueBase(TTreeReader &reader, const char *branch, io::Elem wanted, bool collection, std::string what,
                       bool nested = false);
  // A nested entry (n sequences at offsets, as values() gave them) into out,
  // a vector of vectors or of strings.
  template <class V> void nestedInto(V &out, const char *offsets, size_t n) {
    out.resize(n);
    using S = typename V::value_type;
    for (size_t j = 0; j < n; ++j) {
      size_t m = 0;
      const char *p = io::sequenceAt(fCursor, offsets, j, m);
      if constexpr (std::is_same_v<S, std::string> || std::is_same_v<S, TString>) out[j] = S(std::string(p, m));
      else out[j].assign(reinterpret_cast<const typename S::value_type *>(p), reinterpret_cast<const typename S::value_type *>(p) + m);
    }
  }
  // The current entry's values of the branch.
  const char *values(size_t &count) {
    Long64_t e = fReader ? fReader->GetLocalEntry() : -1;
    if (e >= fCursor.first && e < fCursor.end) return io::valuesAt(fCursor, e, count); // the basket in hand
    return valuesSlow(count);
  }
  // Another basket, or the error that there is none.
  const char *valuesSlow(size_t &count);
  [[noreturn]] void fail(const char *why) const { throw std::runtime_error(fWhat + " of branch " + fBranch + " " + why); }

  TTreeReader *fReader;
  std::string fBranch, fWhat;
  io::Elem fWanted;
  bool fCollection, fNested;
  io::Column *fColumn = nullptr;
  io::EntryCursor fCursor;
  ESetupStatus fSetup = kSetupNotSetup;
  uint64_t fBytesBefore = 0; // read through columns of earlier files
};

// What a TTreeReaderValue<T> reads: one kind of each, by what an entry holds.
template <class T> struct readerVector : std::false_type {}; // numbers
template <class E> struct readerVector<std::vector<E>> : std::bool_constant<io::elemOf<E>() != io::Elem::None> {};
template <class E> struct readerVector<std::set<E>> : std::bool_constant<io::elemOf<E>() != io::Elem::None> {};
template <class T> struct readerString : std::bool_constant<std::is_same_v<T, std::string> || std::is_same_v<T, TString>> {};
template <class T> struct readerNested : std::false_type {}; // sequences of numbers, or strings
template <class E> struct readerNested<std::vector<std::vector<E>>> : std::bool_constant<io::elemOf<E>() != io::Elem::None> {};
template <> struct readerNested<std::vector<std::string>> : std::true_type {};
template <> struct readerNested<std::vector<TString>> : std::true_type {};

template <class T> struct readerContainer { static constexpr const char *name = nullptr; };
template <class E> struct readerContainer<std::vector<E>> { static constexpr const char *name = "vector"; };
template <class E> struct readerContainer<std::set<E>> { static constexpr const char *name = "set"; };

// As ROOT spells the type in its messages: "vector<vector<int> >".
template <class T> std::string readerTypeName() {
  if constexpr (io::elemOf<T>() != io::Elem::None) return io::elemName(io::elemOf<T>());
  else if constexpr (std::is_same_v<T, std::string>) return "string";
  else if constexpr (std::is_same_v<T, TString>) return "TString";
  else if constexpr (readerContainer<T>::name != nullptr) {
    std::string inner = readerTypeName<typename T::value_type>();
    return std::string(readerContainer<T>::name) + "<" + inner + (inner.back() == '>' ? " >" : ">");
  } else return typeid(T).name();
}

template <class T> class TTreeReaderValue : public TTreeReaderValueBase {
  static constexpr io::Elem element() {
    if constexpr (readerVector<T>::value) return io::elemOf<typename T::value_type>();
    else if constexpr (readerString<T>::value) return io::Elem::String;
    else if constexpr (readerNested<T>::value) {
      if constexpr (readerString<typename T::value_type>::value) return io::Elem::String;
      else return io::elemOf<typename T::value_type::value_type>();
    } else return io::elemOf<T>();
  }
  static constexpr bool isCollection = readerVector<T>::value;
  static_assert(element() != io::Elem::None,
                "TTreeReaderValue: cppnb reads numbers, strings (std::string, TString), std::vector and std::set of numbers, "
                "std::vector<std::vector<number>> and std::vector of strings (and TTreeReaderArray for arrays)");

public:
  TTreeReaderValue(TTreeReader &reader, const char *branchname)
      : TTreeReaderValueBase(reader, branchname, element(), isCollection, "TTreeReaderValue<" + readerTypeName<T>() + ">",
                             readerNested<T>::value) {}
  // Copied values (vectors, strings) are copied once per entry, so that what
  // Get gave stays valid (and as the cell changed it) until the next entry.
  T *Get() {
    if constexpr (kCopied) {
      Long64_t e = fReader ? fReader->GetCurrentEntry() : -1;
      if (e >= 0 && e == fCopyEntry) return &fCopy;
      size_t n = 0;
      const char *p = values(n);
      if constexpr (readerNested<T>::value) {
        nestedInto(fCopy, p, n);
      } else if constexpr (readerVector<T>::value) {
        using E = typename T::value_type;
        fCopy = T(reinterpret_cast<const E *>(p), reinterpret_cast<const E *>(p) + n);
      } else {
        fCopy = T(std::string(p, n));
      }
      fCopyEntry = e;
      return &fCopy;
    } else {
      size_t n = 0;
      return const_cast<T *>(reinterpret_cast<const T *>(values(n)));
    }
  }
  T &operator*() { return *Get(); }
  T *operator->() { return Get(); }

private:
  static constexpr bool kCopied = readerVector<T>::value || readerString<T>::value || readerNested<T>::value;
  std::conditional_t<kCopied, T, char> fCopy{};
  Long64_t fCopyEntry = -1;
};

template <class T> class TTreeReaderArray : public TTreeReaderValueBase {
  static_assert(io::elemOf<T>() != io::Elem::None, "TTreeReaderArray: cppnb reads arrays and vectors of numbers");

public:
  TTreeReaderArray(TTreeReader &reader, const char *branchname)
      : TTreeReaderValueBase(reader, branchname, io::elemOf<T>(), true, "TTreeReaderArray<" + readerTypeName<T>() + ">") {}
  size_t GetSize() {
    size_t n = 0;
    values(n);
    return n;
  }
  size_t size() { return GetSize(); }
  bool IsEmpty() { return GetSize() == 0; }
  T &At(size_t i) {
    size_t n = 0;
    const T *p = reinterpret_cast<const T *>(values(n));
    if (i >= n) throw std::out_of_range(fWhat + " " + fBranch + ": index " + std::to_string(i) + " >= size " + std::to_string(n));
    return const_cast<T &>(p[i]);
  }
  T &operator[](size_t i) {
    size_t n = 0;
    return const_cast<T *>(reinterpret_cast<const T *>(values(n)))[i];
  }
  T *begin() {
    size_t n = 0;
    return const_cast<T *>(reinterpret_cast<const T *>(values(n)));
  }
  T *end() {
    size_t n = 0;
    return const_cast<T *>(reinterpret_cast<const T *>(values(n))) + n;
  }
};

} // namespace cppnb::root
