// What a %%slurm cell can ask of the batch job it runs in: its task's number,
// the job's size, its share of the input files, and output(name, value) to send
// a value back. Each task writes the values it sends to one file in the job's
// directory (cppnb/batch/codec.hpp); cppnb-merge (host/merger.cpp, with
// cppnb/batch/merge.hpp) merges them into one file, from which the session
// loads each merged value by name.
//
// Outside a job (in the session) task_id() is 0, task_count() is 1, inputs()
// is empty and output() does nothing, so a cell can be tried before it is sent.
#pragma once
#include <cppnb/batch/codec.hpp>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace cppnb::batch {

namespace detail {

// The environment the job's wrapper script sets (batch/slurm-backend.ts).
inline const char *env(const char *name) { return std::getenv(name); }
inline std::string job_dir() { return env("CPPNB_JOB_DIR") ? env("CPPNB_JOB_DIR") : ""; }

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

} // namespace cppnb::batch
