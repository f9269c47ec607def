// How a %%slurm task's outputs travel: values as bytes (the ROOT-like
// objects by their Streamer), the types that can be sent and the C++ name the
// session declares each by, how two values of a type merge, and the files of
// records (name, type, bytes) the tasks write and the merge reads.
#pragma once
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace cppnb::batch::detail {

// ---- values as bytes ----

struct Writer {
  std::string bytes;
  template <class... T> void operator()(const T &...v) { (put(v), ...); }
  template <class T> void put(const T &v) {
    if constexpr (std::is_arithmetic_v<T>) {
      bytes.append(reinterpret_cast<const char *>(&v), sizeof v);
    } else if constexpr (std::is_same_v<T, std::string>) {
      put(std::uint64_t(v.size()));
      bytes.append(v);
    } else {
      put(std::uint64_t(v.size()));
      for (const auto &e : v) put(e);
    }
  }
};

struct Reader {
  const char *p, *end;
  template <class... T> void operator()(T &...v) { (get(v), ...); }
  void need(std::size_t n) {
    if (std::size_t(end - p) < n) throw std::runtime_error("truncated batch output");
  }
  template <class T> void get(T &v) {
    if constexpr (std::is_arithmetic_v<T>) {
      need(sizeof v);
      std::memcpy(&v, p, sizeof v);
      p += sizeof v;
    } else if constexpr (std::is_same_v<T, std::string>) {
      std::uint64_t n;
      get(n);
      need(n);
      v.assign(p, n);
      p += n;
    } else {
      std::uint64_t n;
      get(n);
      v.clear();
      for (std::uint64_t i = 0; i < n; ++i) {
        typename T::value_type e{};
        get(e);
        v.push_back(std::move(e));
      }
    }
  }
};

// ---- what can be sent, and how it merges ----

template <class T, class... U> constexpr bool one_of = (std::is_same_v<T, U> || ...);
template <class T>
constexpr bool is_number = one_of<T, double, float, long double, int, unsigned, long, unsigned long, long long,
                                  unsigned long long, short, unsigned short, signed char, unsigned char>;

// The ROOT-like histograms and graphs: their Streamer and a cppnb_merge found
// by ADL. (A trait, not a concept: sessions may be C++17.)
template <class T, class = void> struct is_root_object : std::false_type {};
template <class T>
struct is_root_object<T, std::void_t<decltype(std::declval<T &>().Streamer(std::declval<Writer &>())),
                                     decltype(cppnb_merge(std::declval<T &>(), std::declval<const T &>())),
                                     decltype(std::declval<const T &>().ClassName())>>
    : std::is_default_constructible<T> {};
template <class T> constexpr bool root_object = is_root_object<T>::value;

template <class T> struct is_vector : std::false_type {};
template <class T> struct is_vector<std::vector<T>> : std::true_type {};
template <class T> struct is_root_vector : std::false_type {};
template <class T> struct is_root_vector<std::vector<T>> : is_root_object<T> {};

template <class T> constexpr bool sendable() {
  if constexpr (is_number<T> || root_object<T> || std::is_same_v<T, std::string>) return true;
  else if constexpr (is_vector<T>::value) {
    using E = typename T::value_type;
    return is_number<E> || root_object<E> || std::is_same_v<E, std::string>;
  } else return false;
}

template <class T> std::string number_name() {
  if constexpr (std::is_same_v<T, double>) return "double";
  else if constexpr (std::is_same_v<T, float>) return "float";
  else if constexpr (std::is_same_v<T, long double>) return "long double";
  else if constexpr (std::is_same_v<T, int>) return "int";
  else if constexpr (std::is_same_v<T, unsigned>) return "unsigned int";
  else if constexpr (std::is_same_v<T, long>) return "long";
  else if constexpr (std::is_same_v<T, unsigned long>) return "unsigned long";
  else if constexpr (std::is_same_v<T, long long>) return "long long";
  else if constexpr (std::is_same_v<T, unsigned long long>) return "unsigned long long";
  else if constexpr (std::is_same_v<T, short>) return "short";
  else if constexpr (std::is_same_v<T, unsigned short>) return "unsigned short";
  else if constexpr (std::is_same_v<T, signed char>) return "signed char";
  else return "unsigned char";
}

// The C++ type the session declares for a value of type T (also its tag in files).
template <class T> std::string type_name() {
  if constexpr (is_number<T>) return number_name<T>();
  else if constexpr (std::is_same_v<T, std::string>) return "std::string";
  else if constexpr (is_vector<T>::value) return "std::vector<" + type_name<typename T::value_type>() + ">";
  else return std::string("cppnb::root::") + T().ClassName();
}

template <class T> void stream(Writer &w, const T &v) {
  if constexpr (root_object<T>) const_cast<T &>(v).Streamer(w);
  else if constexpr (is_root_vector<T>::value) {
    w.put(std::uint64_t(v.size()));
    for (const auto &e : v) stream(w, e);
  } else w.put(v);
}

template <class T> void stream(Reader &r, T &v) {
  if constexpr (root_object<T>) v.Streamer(r);
  else if constexpr (is_root_vector<T>::value) {
    std::uint64_t n;
    r.get(n);
    v.clear();
    v.resize(n);
    for (auto &e : v) stream(r, e);
  } else r.get(v);
}

// Adds from into into; false (with why) when they cannot be merged.
template <class T> bool merge(T &into, T &from, std::string &why) {
  if constexpr (root_object<T>) {
    if (cppnb_merge(into, from)) return true;
    why = "they have different bins or axis ranges";
    return false;
  } else if constexpr (is_vector<T>::value) {
    for (auto &e : from) into.push_back(std::move(e));
    return true;
  } else {
    into += from;
    return true;
  }
}

// ---- files: records of name, type and bytes ----

inline const char kMagic[] = "cppnb-batch-1\n";

inline void write_record(std::ostream &out, const std::string &name, const std::string &type, const std::string &bytes) {
  Writer w;
  w(name, type, bytes);
  out.write(w.bytes.data(), std::streamsize(w.bytes.size()));
}

struct Record {
  std::string name, type, bytes;
};

// Reads a whole file of records (one task's outputs, or the merged ones).
inline std::vector<Record> read_records(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string all = ss.str();
  if (all.compare(0, sizeof kMagic - 1, kMagic) != 0) throw std::runtime_error(path + " is not a cppnb batch output file");
  Reader r{all.data() + sizeof kMagic - 1, all.data() + all.size()};
  std::vector<Record> records;
  while (r.p < r.end) {
    Record rec;
    r(rec.name, rec.type, rec.bytes);
    records.push_back(std::move(rec));
  }
  return records;
}

inline void write_file(const std::string &path, const std::vector<Record> &records) {
  std::string tmp = path + ".part";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(kMagic, sizeof kMagic - 1);
    for (const auto &r : records) write_record(out, r.name, r.type, r.bytes);
    if (!out) throw std::runtime_error("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw std::runtime_error("cannot write " + path);
}

} // namespace cppnb::batch::detail
