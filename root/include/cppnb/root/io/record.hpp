// An object as a ROOT file holds it, before it becomes one of the library's
// classes: its class, its version and its members by name, read by following
// the file's own streamer infos (so files from ROOT 5 and 6 read alike).
// Members of base classes come flattened into the same record, as ROOT's
// streamer infos lay them out. Numbers are doubles (file metadata never needs
// more than 53 bits); arrays of numbers are vectors of doubles.
//
// The I/O library (root/src/io) makes records; the classes' converters
// (file_objects.hpp) and the trees read them. Part of the public headers
// because those converters are inline: the classes' code then comes from one
// place, the session's, not from the I/O library too.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace cppnb::root::io {

// Every failure of the I/O: its message names the file and the object.
struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Record;
using RecordPtr = std::shared_ptr<const Record>;
using RecordList = std::vector<RecordPtr>;
// Texts: the draw options of a TList's items (ROOT's TList streams them beside the items).
using Texts = std::vector<std::string>;
using Value = std::variant<std::monostate, double, std::string, std::vector<double>, RecordPtr, RecordList, Texts>;

struct Record {
  std::string className;
  int version = 0;
  std::vector<std::pair<std::string, Value>> members;

  const Value *find(const std::string &name) const {
    for (const auto &m : members)
      if (m.first == name) return &m.second;
    return nullptr;
  }
  bool has(const std::string &name) const { return find(name) != nullptr; }
  double number(const std::string &name, double otherwise = 0) const {
    const Value *v = find(name);
    return v && std::holds_alternative<double>(*v) ? std::get<double>(*v) : otherwise;
  }
  std::string text(const std::string &name) const {
    const Value *v = find(name);
    return v && std::holds_alternative<std::string>(*v) ? std::get<std::string>(*v) : std::string();
  }
  const std::vector<double> &numbers(const std::string &name) const {
    const Value *v = find(name);
    return v && std::holds_alternative<std::vector<double>>(*v) ? std::get<std::vector<double>>(*v) : fNoNumbers;
  }
  const Texts &texts(const std::string &name) const {
    const Value *v = find(name);
    return v && std::holds_alternative<Texts>(*v) ? std::get<Texts>(*v) : fNoTexts;
  }
  const Record *record(const std::string &name) const {
    const Value *v = find(name);
    return v && std::holds_alternative<RecordPtr>(*v) ? std::get<RecordPtr>(*v).get() : nullptr;
  }
  // A collection (TList, TObjArray) as a member, or the record itself when it is one.
  const RecordList &list(const std::string &name) const {
    const Value *v = find(name);
    if (v && std::holds_alternative<RecordList>(*v)) return std::get<RecordList>(*v);
    if (const Record *r = record(name)) return r->list("");
    return fNoRecords;
  }

private:
  // What numbers() and list() give for a missing member. Not function-local
  // statics: the library and a program compiled with another -std could share
  // one (a C++20 program puts a constant one in read-only memory).
  std::vector<double> fNoNumbers;
  RecordList fNoRecords;
  Texts fNoTexts;
};

} // namespace cppnb::root::io
