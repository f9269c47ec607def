#include "record_writer.hpp"

namespace cppnb::root::io {
namespace {

constexpr uint32_t kObjectBits = 0x03000000; // kIsOnHeap | kNotDeleted, as ROOT 6.2x writes them

void writeTObject(Writer &w, uint32_t bits = kObjectBits) {
  w.i16(1);
  w.u32(0); // fUniqueID
  w.u32(bits);
}

void writeBasic(Writer &w, int type, double v) {
  switch (type) {
  case kChar: w.put<int8_t>(int8_t(v)); break;
  case kShort: w.i16(int16_t(v)); break;
  case kInt: case kCounter: w.i32(int32_t(v)); break;
  case kLong: case kLong64: w.i64(int64_t(v)); break;
  case kFloat: case kDouble32: w.f32(float(v)); break;
  case kDouble: w.f64(v); break;
  case kUChar: case kBool: case kLegacyChar: w.u8(uint8_t(v)); break;
  case kUShort: w.u16(uint16_t(v)); break;
  case kUInt: case kBits: w.u32(uint32_t(v)); break;
  case kULong: case kULong64: w.put<uint64_t>(uint64_t(v)); break;
  default: throw Error("cannot write member type code " + std::to_string(type));
  }
}

// A TArray: its length and values, no header.
void writeArray(Writer &w, char kind, const std::vector<double> &values) {
  static const std::string kinds = "CSILFD";
  static const int types[] = {kChar, kShort, kInt, kLong64, kFloat, kDouble};
  size_t k = kinds.find(kind);
  if (k == std::string::npos) throw Error(std::string("cannot write TArray") + kind);
  w.i32(int32_t(values.size()));
  for (double v : values) writeBasic(w, types[k], v);
}

void writeList(Writer &w, const Record *list) {
  size_t at = w.begin(5);
  writeTObject(w);
  w.tstring(list ? list->text("fName") : "");
  w.i32(0); // the functions of a fit are not written yet
  w.end(at);
}

void writeMembers(Writer &w, const Record &r, const ClassInfo &info);

void writePointer(Writer &w, const Record *r, const std::string &cls);

// TObjArray's own streamer: its items by pointer (nulls kept).
void writeObjArray(Writer &w, const Record &r) {
  const RecordList &items = r.list("");
  size_t at = w.begin(3);
  writeTObject(w, 0);
  w.tstring(r.text("fName"));
  w.i32(int32_t(items.size()));
  w.i32(0); // fLowerBound
  for (const RecordPtr &item : items) writePointer(w, item.get(), "");
  w.end(at);
}

void writeClassBody(Writer &w, const Record &r, const std::string &cls) {
  if (cls == "TList" || cls == "THashList") {
    writeList(w, &r);
    return;
  }
  if (cls == "TObjArray") {
    writeObjArray(w, r);
    return;
  }
  const ClassInfo *info = writableClass(cls);
  if (!info) throw Error("cppnb cannot write objects of class " + cls + " yet");
  // A class without ROOT's ClassDef (ROOT::TIOFeatures) goes as version 0
  // and its checksum.
  bool foreign = cls.find("::") != std::string::npos;
  size_t at = w.begin(int16_t(foreign ? 0 : info->version));
  if (foreign) w.u32(info->checksum);
  writeMembers(w, r, *info);
  w.end(at);
}

// An object by pointer: null, or its byte count, class tag and body.
void writePointer(Writer &w, const Record *r, const std::string &cls) {
  if (!r) {
    w.u32(0);
    return;
  }
  uint32_t tag = 0;
  if (w.objectTag(r, tag)) {
    w.u32(tag);
    return;
  }
  size_t at = w.size();
  w.rememberObject(r, at);
  w.u32(0);
  w.classTag(r->className.empty() ? cls : r->className);
  writeClassBody(w, *r, r->className.empty() ? cls : r->className);
  w.patch32(at, uint32_t(w.size() - at - 4) | 0x40000000u);
}

void writeElement(Writer &w, const Record &r, const Element &e, const std::string &owner) {
  int t = e.type;
  if (t == kTObject) {
    writeTObject(w);
  } else if (t == kBase || t == kTNamed) {
    if (e.name.size() == 7 && e.name.compare(0, 6, "TArray") == 0) writeArray(w, e.name[6], r.numbers("fArray"));
    else writeClassBody(w, r, e.name);
  } else if (t > 0 && t < 20) {
    writeBasic(w, t, r.number(e.name));
  } else if (t > kOffsetP && t < kOffsetP + 20) {
    const std::vector<double> &values = r.numbers(e.name);
    size_t n = size_t(std::max(0.0, r.number(e.countName)));
    if (values.size() < n) throw Error(owner + "::" + e.name + " has fewer values than " + e.countName);
    w.u8(n > 0 ? 1 : 0);
    for (size_t i = 0; i < n; ++i) writeBasic(w, t - kOffsetP, values[i]);
  } else if (t == kTString) {
    w.tstring(r.text(e.name));
  } else if (t == kAny && e.typeName.compare(0, 6, "TArray") == 0) {
    writeArray(w, e.typeName[6], r.numbers(e.name));
  } else if (t == kObject || t == kAny) {
    const Record *sub = r.record(e.name);
    Record empty;
    empty.className = e.typeName;
    writeClassBody(w, sub ? *sub : empty, e.typeName);
  } else if (t == kObjectp) { // "->": always there, written in place
    const Record *sub = r.record(e.name);
    std::string cls = e.typeName.substr(0, e.typeName.find('*'));
    Record empty;
    empty.className = cls;
    writeClassBody(w, sub ? *sub : empty, cls);
  } else if (t == kObjectP) {
    std::string cls = e.typeName.substr(0, e.typeName.find('*'));
    writePointer(w, r.record(e.name), cls);
  } else {
    throw Error("cannot write member " + owner + "::" + e.name + " (type code " + std::to_string(t) + ")");
  }
}

void writeMembers(Writer &w, const Record &r, const ClassInfo &info) {
  for (const Element &e : info.elements) writeElement(w, r, e, info.name);
}

// ---- the streamer infos themselves ----

void writeNamed(Writer &w, const std::string &name, const std::string &title, uint32_t bits) {
  size_t at = w.begin(1);
  writeTObject(w, bits);
  w.tstring(name);
  w.tstring(title);
  w.end(at);
}

void writeStreamerElement(Writer &w, const Element &e) {
  size_t wrapper = w.size();
  w.u32(0);
  w.classTag(e.kind);
  int version = e.kind == "TStreamerBase" ? 3 : 2;
  size_t at = w.begin(int16_t(version));
  size_t element = w.begin(4);
  writeNamed(w, e.name, e.title, kObjectBits);
  w.i32(e.type);
  w.i32(e.size);
  w.i32(e.arrayLength);
  w.i32(0); // fArrayDim
  w.i32(0);
  w.u32(e.kind == "TStreamerBase" ? e.baseChecksum : 0); // fMaxIndex[1]: a base's checksum
  w.i32(0), w.i32(0), w.i32(0);
  w.tstring(e.typeName);
  w.end(element);
  if (e.kind == "TStreamerBase") w.i32(e.baseVersion);
  if (e.kind == "TStreamerBasicPointer") {
    w.i32(e.countVersion);
    w.tstring(e.countName);
    w.tstring(e.countClass);
  }
  w.end(at);
  w.patch32(wrapper, uint32_t(w.size() - wrapper - 4) | 0x40000000u);
}

} // namespace

void writeStreamerInfo(Writer &w, const ClassInfo &c) {
  size_t wrapper = w.size();
  w.u32(0);
  w.classTag("TStreamerInfo");
  size_t at = w.begin(9);
  writeNamed(w, c.name, "", 0x03010000);
  w.u32(c.checksum);
  w.i32(c.version);
  size_t arrayWrapper = w.size();
  w.u32(0);
  w.classTag("TObjArray");
  size_t array = w.begin(3);
  writeTObject(w, 0);
  w.tstring("");
  w.i32(int32_t(c.elements.size()));
  w.i32(0); // fLowerBound
  for (const Element &e : c.elements) writeStreamerElement(w, e);
  w.end(array);
  w.patch32(arrayWrapper, uint32_t(w.size() - arrayWrapper - 4) | 0x40000000u);
  w.end(at);
  w.patch32(wrapper, uint32_t(w.size() - wrapper - 4) | 0x40000000u);
}

void writeRecord(Writer &w, const Record &record) { writeClassBody(w, record, record.className); }

void writeStreamerInfos(Writer &w, const std::vector<const ClassInfo *> &infos) {
  size_t at = w.begin(5);
  writeTObject(w, 0x02000000);
  w.tstring("");
  w.i32(int32_t(infos.size()));
  for (const ClassInfo *c : infos) {
    writeStreamerInfo(w, *c);
    w.u8(0); // the option it was added with
  }
  w.end(at);
}

} // namespace cppnb::root::io
