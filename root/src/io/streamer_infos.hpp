// The classes a file describes in its StreamerInfo record: for each class and
// version, its members in the order they were written. Read once per file;
// the object reader (object_reader.hpp) follows them.
#pragma once

#include <cppnb/root/io/record.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace cppnb::root::io {

// ROOT's member type codes (TVirtualStreamerInfo::EReadWrite).
enum TypeCode : int {
  kBase = 0, kChar = 1, kShort = 2, kInt = 3, kLong = 4, kFloat = 5, kCounter = 6, kCharStar = 7,
  kDouble = 8, kDouble32 = 9, kLegacyChar = 10, kUChar = 11, kUShort = 12, kUInt = 13, kULong = 14,
  kBits = 15, kLong64 = 16, kULong64 = 17, kBool = 18, kFloat16 = 19,
  kOffsetL = 20, kOffsetP = 40, kObject = 61, kAny = 62, kObjectp = 63, kObjectP = 64,
  kTString = 65, kTObject = 66, kTNamed = 67, kAnyp = 68, kAnyP = 69, kSTLp = 71,
  kSTL = 300, kSTLstring = 365, kStreamer = 500, kStreamLoop = 501,
};

struct Element {
  std::string kind; // TStreamerBase, TStreamerBasicType, ...
  std::string name, title, typeName, countName, countClass;
  int type = 0, size = 0, arrayLength = 0, baseVersion = -1, stlType = 0, ctype = 0, countVersion = 0;
  uint32_t baseChecksum = 0; // a base's checksum (written in fMaxIndex[1])
};

struct ClassInfo {
  std::string name;
  int version = 0;
  uint32_t checksum = 0;
  std::vector<Element> elements;
};

class StreamerInfos {
public:
  // From the StreamerInfo TList's record.
  void add(const Record &list);
  // The description of cls at version, else the newest the file has of cls.
  const ClassInfo *find(const std::string &cls, int version) const;
  size_t size() const { return fInfos.size(); }
  // Every (class, version) the file describes.
  std::vector<std::pair<std::string, int>> described() const {
    std::vector<std::pair<std::string, int>> out;
    for (const auto &i : fInfos) out.push_back(i.first);
    return out;
  }

private:
  std::map<std::pair<std::string, int>, ClassInfo> fInfos;
};

} // namespace cppnb::root::io
