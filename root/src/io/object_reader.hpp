// Reads objects from a buffer into records: ROOT's tagged references
// (ReadObjectAny), the collections and arrays with hand-written streamers, the
// streamer infos themselves, and every other class by its streamer info.
#pragma once

#include "reader.hpp"
#include "streamer_infos.hpp"

#include <map>

namespace cppnb::root::io {

class ObjectReader {
public:
  // infos may be null while the StreamerInfo record itself is read.
  ObjectReader(Reader &r, const StreamerInfos *infos) : fR(r), fInfos(infos) {}

  // A tagged object, a reference to one read before, or null.
  RecordPtr readAny();
  // An object of class cls, with its version header, in place.
  RecordPtr readObject(const std::string &cls);

private:
  // cls's members into rec (bases flattened).
  void readInto(Record &rec, const std::string &cls);
  bool readCustom(Record &rec, const std::string &cls);
  void readMembers(Record &rec, const ClassInfo &info);
  void readElement(Record &rec, const Element &e, const std::string &owner);
  double readBasic(int type, const Element *e);
  void readTObject(Record &rec);
  void readTNamed(Record &rec);
  void readStreamerElement(Record &rec);
  void readBasket(Record &rec);
  RecordList readCollection(int version, bool isObjArray, Record &rec);

  Reader &fR;
  const StreamerInfos *fInfos;
  std::map<int64_t, std::string> fClasses;
  std::map<int64_t, RecordPtr> fObjects;
};

} // namespace cppnb::root::io
