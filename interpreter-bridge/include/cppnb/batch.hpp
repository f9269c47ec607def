// What a %%slurm cell can ask of the batch job it runs in, and how its outputs
// travel back: each task writes the values it sends to one file in the job's
// directory; cppnb-merge (host/merger.cpp, which knows every type that can be
// sent) merges them into one file, from which the session loads each merged
// value by name.
//
// Outside a job (in the session) task_id() is 0, task_count() is 1, inputs()
// is empty and output() does nothing, so a cell can be tried before it is sent.
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

namespace cppnb::batch {

namespace detail {

// The environment the job's wrapper script sets (batch/slurm-backend.ts).
inline const char *env(const char *name) { return std::getenv(name); }
inline std::string job_dir() { return env("CPPNB_JOB_DIR") ? env("CPPNB_JOB_DIR") : ""; }

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

// Merging knows the outputs' types by their names in the files: cppnb-merge
// registers a codec for every type that can be sent.
struct Codec {
  void *(*read)(Reader &);
  bool (*merge)(void *, void *, std::string &);
  void (*write)(Writer &, const void *);
  void (*destroy)(void *);
};

inline std::map<std::string, Codec> &codecs() {
  static std::map<std::string, Codec> m;
  return m;
}

template <class T> bool register_codec() {
  codecs()[type_name<T>()] = Codec{
      [](Reader &r) -> void * {
        auto v = std::make_unique<T>();
        stream(r, *v);
        return v.release();
      },
      [](void *a, void *b, std::string &why) { return merge(*static_cast<T *>(a), *static_cast<T *>(b), why); },
      [](Writer &w, const void *v) { stream(w, *static_cast<const T *>(v)); },
      [](void *v) { delete static_cast<T *>(v); },
  };
  return true;
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

// This task's outputs, by name, in the order first sent; written when main returns or exit is called.
struct Outputs {
  std::vector<Record> records;
  bool hooked = false;
};
inline Outputs &outputs() {
  static Outputs o;
  return o;
}

inline std::string task_file(const std::string &task) { return job_dir() + "/outputs/task-" + task + ".bin"; }

inline void finish() {
  if (job_dir().empty() || !env("CPPNB_TASK_ID")) return;
  try {
    write_file(task_file(env("CPPNB_TASK_ID")), outputs().records);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "cppnb::batch: %s\n", e.what());
    std::_Exit(70);
  }
}

// A name the session can declare a variable by: an identifier, not a keyword.
inline bool is_identifier(const std::string &s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  static const char *const keywords[] = {
      "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case", "catch",
      "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const", "consteval", "constexpr",
      "constinit", "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype", "default", "delete",
      "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false", "float", "for",
      "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
      "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register", "reinterpret_cast",
      "requires", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct",
      "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename",
      "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq"};
  for (const char *k : keywords)
    if (s == k) return false;
  return true;
}

} // namespace detail

// This task's number (the array index Slurm gave it); 0 outside a job.
inline int task_id() {
  const char *id = detail::env("CPPNB_TASK_ID");
  return id ? std::atoi(id) : 0;
}

// How many tasks the job has; 1 outside a job.
inline int task_count() {
  const char *n = detail::env("CPPNB_TASK_COUNT");
  return n ? std::atoi(n) : 1;
}

// This task's share of the files given with --inputs.
inline const std::vector<std::string> &inputs() {
  static const std::vector<std::string> files = [] {
    std::vector<std::string> v;
    if (detail::job_dir().empty() || !detail::env("CPPNB_TASK_ID")) return v;
    std::ifstream in(detail::job_dir() + "/inputs/task-" + detail::env("CPPNB_TASK_ID") + ".txt");
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) v.push_back(line);
    return v;
  }();
  return files;
}

// Sends value back to the session under name: once every task is done, the
// values of all tasks are merged and defined in the session as `name`.
template <class T> void output(const std::string &name, const T &value) {
  static_assert(detail::sendable<T>(),
                "cppnb::batch::output sends ROOT-like histograms (TH1D, TH2F, ...) and graphs (TGraph, TGraphErrors), "
                "numbers (int, double, ...), std::string, and std::vector of those; this type is none of them");
  if (!detail::is_identifier(name)) {
    std::fprintf(stderr, "cppnb::batch::output: \"%s\" is not a name a variable can have; the session defines outputs as variables\n", name.c_str());
    std::exit(65);
  }
  // A string comes back as one of many: it is sent as a vector of one, and vectors merge by concatenation.
  if constexpr (std::is_same_v<T, std::string>) {
    output(name, std::vector<std::string>{value});
  } else {
    if (detail::job_dir().empty()) return;
    detail::Writer w;
    detail::stream(w, value);
    auto &o = detail::outputs();
    if (!o.hooked) {
      std::atexit(detail::finish);
      o.hooked = true;
    }
    for (auto &r : o.records)
      if (r.name == name) {
        r = {name, detail::type_name<T>(), std::move(w.bytes)};
        return;
      }
    o.records.push_back({name, detail::type_name<T>(), std::move(w.bytes)});
  }
}

// A string literal is sent as a std::string.
inline void output(const std::string &name, const char *value) { output(name, std::string(value ? value : "")); }

// A merged output, loaded into the session by the code %%slurm generates.
template <class T> T load(const std::string &path, const std::string &name) {
  for (auto &r : detail::read_records(path)) {
    if (r.name != name) continue;
    if (r.type != detail::type_name<T>()) throw std::runtime_error(name + " in " + path + " is a " + r.type + ", not a " + detail::type_name<T>());
    T v{};
    detail::Reader rd{r.bytes.data(), r.bytes.data() + r.bytes.size()};
    detail::stream(rd, v);
    return v;
  }
  throw std::runtime_error("no output called " + name + " in " + path);
}

namespace detail {

// Merges the tasks' outputs (cppnb-merge, host/merger.cpp), in task order, into
// out, one value per name; holds one merged value per name and one task's file
// at a time. 0 on success, else 1 with the reason on stderr.
inline int merge(const std::string &out_path, const std::vector<std::string> &task_files) {
  struct Merged {
    std::string type;
    void *value;
    const Codec *codec;
    std::string first_task;
  };
  std::vector<std::pair<std::string, Merged>> merged;
  try {
    for (const std::string &task : task_files) {
      for (auto &rec : read_records(task)) {
        auto c = codecs().find(rec.type);
        if (c == codecs().end()) throw std::runtime_error("unknown output type " + rec.type + " in " + task);
        Reader r{rec.bytes.data(), rec.bytes.data() + rec.bytes.size()};
        void *value = c->second.read(r);
        Merged *m = nullptr;
        for (auto &[n, v] : merged)
          if (n == rec.name) m = &v;
        if (!m) {
          merged.push_back({rec.name, Merged{rec.type, value, &c->second, task}});
          continue;
        }
        if (m->type != rec.type) {
          c->second.destroy(value);
          throw std::runtime_error("output " + rec.name + " is a " + m->type + " in " + m->first_task + " but a " + rec.type + " in " + task);
        }
        std::string why;
        bool ok = m->codec->merge(m->value, value, why);
        c->second.destroy(value);
        if (!ok) throw std::runtime_error("cannot merge output " + rec.name + " of " + task + ": " + why);
      }
    }
    std::vector<Record> out;
    std::string types;
    for (auto &[name, m] : merged) {
      Writer w;
      m.codec->write(w, m.value);
      out.push_back({name, m.type, std::move(w.bytes)});
      types += name + '\t' + m.type + '\n';
      m.codec->destroy(m.value);
      m.value = nullptr;
    }
    write_file(out_path, out);
    // The names and types the session defines, read by the kernel.
    std::ofstream(out_path + ".types") << types;
  } catch (const std::exception &e) {
    std::fprintf(stderr, "cppnb::batch merge: %s\n", e.what());
    return 1;
  }
  return 0;
}

} // namespace detail
} // namespace cppnb::batch
