// What the headers' tree readers (TTreeReaderValue, TTreeReaderArray,
// SetBranchAddress) see of a branch: its element type, and for the basket
// that holds the current entry, its values already in the machine's byte
// order with where each entry starts. The I/O library fills the cursor when
// an entry is outside it; between baskets a read is a few inline loads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>

namespace cppnb::root::io {

enum class Elem : char { None, Bool, Char, UChar, Short, UShort, Int, UInt, Long64, ULong64, Float, Double, String };

inline size_t elemSize(Elem e) {
  switch (e) {
  case Elem::Bool: case Elem::Char: case Elem::UChar: case Elem::String: return 1;
  case Elem::Short: case Elem::UShort: return 2;
  case Elem::Int: case Elem::UInt: case Elem::Float: return 4;
  case Elem::Long64: case Elem::ULong64: case Elem::Double: return 8;
  default: return 0;
  }
}

// As ROOT names them in its messages.
inline const char *elemName(Elem e) {
  switch (e) {
  case Elem::Bool: return "bool";
  case Elem::Char: return "char";
  case Elem::UChar: return "unsigned char";
  case Elem::Short: return "short";
  case Elem::UShort: return "unsigned short";
  case Elem::Int: return "int";
  case Elem::UInt: return "unsigned int";
  case Elem::Long64: return "Long64_t";
  case Elem::ULong64: return "ULong64_t";
  case Elem::Float: return "float";
  case Elem::Double: return "double";
  case Elem::String: return "char*";
  default: return "(unknown)";
  }
}

template <class T> constexpr Elem elemOf() {
  using U = std::remove_cv_t<T>;
  if constexpr (std::is_same_v<U, bool>) return Elem::Bool;
  else if constexpr (std::is_same_v<U, char> || std::is_same_v<U, signed char>) return Elem::Char;
  else if constexpr (std::is_same_v<U, unsigned char>) return Elem::UChar;
  else if constexpr (std::is_same_v<U, short>) return Elem::Short;
  else if constexpr (std::is_same_v<U, unsigned short>) return Elem::UShort;
  else if constexpr (std::is_same_v<U, int>) return Elem::Int;
  else if constexpr (std::is_same_v<U, unsigned int>) return Elem::UInt;
  else if constexpr (std::is_same_v<U, long> || std::is_same_v<U, long long>) return Elem::Long64;
  else if constexpr (std::is_same_v<U, unsigned long> || std::is_same_v<U, unsigned long long>) return Elem::ULong64;
  else if constexpr (std::is_same_v<U, float>) return Elem::Float;
  else if constexpr (std::is_same_v<U, double>) return Elem::Double;
  else return Elem::None;
}

struct EntryCursor {
  int64_t first = 0, end = 0; // the entries of the loaded basket
  const char *values = nullptr;
  const uint32_t *starts = nullptr; // element index of each entry, and one past the last
  size_t size = 0;                  // bytes per element
  // Nested branches (vector<vector<T>>, vector<string>): starts index these
  // instead, the element index where each inner sequence starts.
  const uint32_t *inner = nullptr;
};

// An entry's values: count elements at values, or for a nested branch,
// count sequences whose element offsets are inner[0..count].
inline const char *valuesAt(const EntryCursor &cur, int64_t entry, size_t &count) {
  size_t i = size_t(entry - cur.first);
  count = cur.starts[i + 1] - cur.starts[i];
  if (cur.inner) return reinterpret_cast<const char *>(cur.inner + cur.starts[i]);
  return cur.values + size_t(cur.starts[i]) * cur.size;
}

// The j-th sequence of a nested entry whose offsets valuesAt gave: n elements.
inline const char *sequenceAt(const EntryCursor &cur, const char *offsets, size_t j, size_t &n) {
  const uint32_t *o = reinterpret_cast<const uint32_t *>(offsets);
  n = o[j + 1] - o[j];
  return cur.values + size_t(o[j]) * cur.size;
}

class Column; // a branch (or one leaf of a leaf list) being read: the I/O library's

// Loads the basket of entry into cur; false (with the reason in error) when
// the entry does not exist or its basket cannot be read.
bool loadEntry(Column &column, int64_t entry, EntryCursor &cur, std::string &error);

// The values of entry: count elements at the returned address (which may be
// null when there are none); null with error set when it cannot be read.
inline const char *entryValues(Column &column, int64_t entry, EntryCursor &cur, size_t &count, std::string &error) {
  if (entry < cur.first || entry >= cur.end) {
    if (!loadEntry(column, entry, cur, error)) {
      count = 0;
      return nullptr;
    }
  }
  return valuesAt(cur, entry, count);
}

} // namespace cppnb::root::io
