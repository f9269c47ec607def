#include "object_reader.hpp"

#include "file_data.hpp"

#include <cmath>

namespace cppnb::root::io {
namespace {

bool isTArray(const std::string &cls) { return cls.size() == 7 && cls.compare(0, 6, "TArray") == 0; }

std::string stripPointer(std::string t) {
  while (!t.empty() && (t.back() == '*' || t.back() == ' ')) t.pop_back();
  return t;
}

void put(Record &rec, const std::string &name, Value v) { rec.members.emplace_back(name, std::move(v)); }

} // namespace

RecordPtr ObjectReader::readAny() {
  int64_t beg = fR.displacement();
  uint32_t first = fR.u32();
  bool counted = (first & kByteCountMask) && first != kNewClassTag;
  size_t end = 0;
  int64_t start = beg;
  uint32_t tag = first;
  if (counted) {
    end = fR.pos() + (first & ~kByteCountMask);
    if (end > fR.size()) throw Error(fR.what() + ": an object's byte count points past the end of the data; the file is damaged");
    start = fR.displacement();
    tag = fR.u32();
  }
  if (!(tag & kClassMask)) { // null, or a reference to an object read before
    if (tag == 0) return nullptr;
    auto it = fObjects.find(tag);
    if (counted) fR.seek(end);
    return it == fObjects.end() ? nullptr : it->second;
  }
  std::string cls;
  if (tag == kNewClassTag) {
    cls = fR.cstring();
    fClasses[counted ? start + kMapOffset : int64_t(fClasses.size() + 1)] = cls;
  } else {
    auto it = fClasses.find(int64_t(tag & ~kClassMask));
    if (it == fClasses.end()) {
      if (!counted) throw Error(fR.what() + ": a reference to an unknown class; the file is damaged");
      fR.seek(end);
      return nullptr;
    }
    cls = it->second;
  }
  auto rec = std::make_shared<Record>();
  rec->className = cls;
  fObjects[counted ? beg + kMapOffset : int64_t(fObjects.size() + 1)] = rec;
  if (cls == "TClonesArray") { // not needed as a record: skipped whole
    if (!counted) throw Error(fR.what() + ": an uncounted " + cls + " cannot be skipped");
  } else {
    readInto(*rec, cls);
  }
  if (counted) fR.seek(end);
  return rec;
}

RecordPtr ObjectReader::readObject(const std::string &cls) {
  auto rec = std::make_shared<Record>();
  rec->className = cls;
  readInto(*rec, cls);
  return rec;
}

void ObjectReader::readInto(Record &rec, const std::string &cls) {
  if (readCustom(rec, cls)) return;
  Reader::Version v = fR.version();
  if (rec.className == cls) rec.version = v.version;
  const ClassInfo *info = fInfos ? fInfos->find(cls, v.version) : nullptr;
  // A class without ROOT's ClassDef (ROOT::TIOFeatures) is written as
  // version 0 and its checksum; a class whose version is 0 has no checksum.
  if (v.version == 0 && v.end && info && info->version != 0) fR.skip(4);
  if (!info) {
    if (!v.end) throw Error(fR.what() + ": the file does not describe class " + cls + " (version " + std::to_string(v.version) + ")");
    fR.finish(v);
    return;
  }
  readMembers(rec, *info);
  fR.finish(v);
}

void ObjectReader::readMembers(Record &rec, const ClassInfo &info) {
  for (const Element &e : info.elements) readElement(rec, e, info.name);
}

double ObjectReader::readBasic(int type, const Element *e) {
  switch (type) {
  case kChar: return fR.read<int8_t>();
  case kShort: return fR.i16();
  case kInt: case kCounter: return fR.i32();
  case kLong: case kLong64: return double(fR.i64());
  case kFloat: return fR.f32();
  case kDouble: return fR.f64();
  case kDouble32: {
    // "[xmin,xmax,nbits]" in the member's comment packs it into nbits; else a float.
    double lo = 0, hi = 0;
    int bits = 32;
    if (e && !e->title.empty() && e->title[0] == '[' &&
        std::sscanf(e->title.c_str(), "[%lf,%lf,%d]", &lo, &hi, &bits) >= 2 && hi > lo) {
      uint32_t raw = fR.u32();
      double maxint = std::ldexp(1.0, bits > 0 && bits < 32 ? bits : 32) - 1;
      return lo + raw * (hi - lo) / maxint;
    }
    return fR.f32();
  }
  case kLegacyChar: case kUChar: case kBool: return fR.u8();
  case kUShort: return fR.u16();
  case kUInt: case kBits: return fR.u32();
  case kULong: case kULong64: return double(fR.read<uint64_t>());
  default: throw Error(fR.what() + ": member type code " + std::to_string(type) + " is not a number");
  }
}

void ObjectReader::readElement(Record &rec, const Element &e, const std::string &owner) {
  int t = e.type;
  if (t == kBase) {
    readInto(rec, e.name);
  } else if ((t > 0 && t < 20 && t != kCharStar)) {
    put(rec, e.name, readBasic(t, &e));
  } else if (t == kCharStar) {
    int32_t n = fR.i32();
    put(rec, e.name, n > 0 ? fR.bytes(size_t(n)) : std::string());
  } else if (t > kOffsetL && t < kOffsetP) {
    std::vector<double> a(size_t(std::max(e.arrayLength, 0)));
    for (double &x : a) x = readBasic(t - kOffsetL, &e);
    put(rec, e.name, std::move(a));
  } else if (t > kOffsetP && t < kOffsetP + 20) {
    std::vector<double> a;
    if (fR.u8()) {
      double n = rec.number(e.countName);
      if (n < 0 || n > double(fR.left())) throw Error(fR.what() + ": array " + owner + "::" + e.name + " has a bad length; the file is damaged");
      a.resize(size_t(n));
      for (double &x : a) x = readBasic(t - kOffsetP, &e);
    }
    put(rec, e.name, std::move(a));
  } else if (t == kTString) {
    put(rec, e.name, fR.tstring());
  } else if (t == kTObject) {
    readTObject(rec);
  } else if (t == kTNamed) {
    readTNamed(rec);
  } else if (t == kObject || t == kAny || t == kObjectp || t == kAnyp) {
    std::string cls = stripPointer(e.typeName);
    if (isTArray(cls)) {
      Record arr;
      readCustom(arr, cls);
      put(rec, e.name, arr.numbers("fArray"));
    } else if (e.arrayLength > 1) {
      RecordList items;
      for (int i = 0; i < e.arrayLength; ++i) items.push_back(readObject(cls));
      put(rec, e.name, std::move(items));
    } else {
      put(rec, e.name, readObject(cls));
    }
  } else if (t == kObjectP || t == kAnyP) {
    put(rec, e.name, readAny());
  } else if (t == kSTL || t == kSTLstring || t == kStreamer || t == kStreamLoop || t == kSTLp) {
    Reader::Version v = fR.version();
    if (!v.end) throw Error(fR.what() + ": member " + owner + "::" + e.name + " (" + e.typeName + ") cannot be read");
    if (t == kSTLstring || e.typeName == "string" || e.typeName == "std::string") {
      put(rec, e.name, fR.tstring());
    } else if (e.stlType == 1 && e.ctype > 0 && e.ctype < 20 && !(v.version & 0x4000)) { // vector of numbers
      int32_t n = fR.i32();
      if (n < 0 || size_t(n) > fR.left()) throw Error(fR.what() + ": vector " + owner + "::" + e.name + " has a bad length");
      std::vector<double> a(static_cast<size_t>(n));
      for (double &x : a) x = readBasic(e.ctype, &e);
      put(rec, e.name, std::move(a));
    }
    fR.finish(v);
  } else {
    throw Error(fR.what() + ": member " + owner + "::" + e.name + " has type code " + std::to_string(t) +
                ", which cppnb cannot read yet");
  }
}

void ObjectReader::readTObject(Record &rec) {
  fR.version();
  put(rec, "fUniqueID", double(fR.u32()));
  uint32_t bits = fR.u32();
  put(rec, "fBits", double(bits));
  if (bits & (1u << 4)) fR.skip(2); // kIsReferenced: the process id
}

void ObjectReader::readTNamed(Record &rec) {
  Reader::Version v = fR.version();
  readTObject(rec);
  put(rec, "fName", fR.tstring());
  put(rec, "fTitle", fR.tstring());
  fR.finish(v);
}

RecordList ObjectReader::readCollection(int version, bool isObjArray, Record &rec) {
  if (version > (isObjArray ? 2 : 3)) readTObject(rec);
  if (!isObjArray || version > 1) put(rec, "fName", fR.tstring());
  int32_t n = fR.i32();
  if (isObjArray) fR.i32(); // lower bound
  if (n < 0 || size_t(n) > fR.left()) throw Error(fR.what() + ": a collection has a bad size; the file is damaged");
  RecordList items;
  for (int32_t i = 0; i < n; ++i) {
    items.push_back(readAny());
    if (!isObjArray) { // the option each entry was added with
      size_t len = fR.u8();
      if (len == 255 && version > 4) len = fR.u32();
      fR.skip(len);
    }
  }
  return items;
}

// A basket kept inside its branch (a tree written without flushing its last
// baskets, as NanoAOD files often are): its key, its entry offsets and its
// uncompressed bytes.
void ObjectReader::readBasket(Record &rec) {
  int16_t keyLen = readKeyFields(fR).keyLen;
  Reader::Version v = fR.version();
  fR.i32(); // fBufferSize
  int32_t nevBufSize = fR.i32();
  if (nevBufSize < 0) fR.u8(); // fIOBits
  int32_t nevBuf = fR.i32();
  int32_t last = fR.i32();
  int flag = fR.u8();
  put(rec, "fKeylen", double(keyLen));
  put(rec, "fNevBuf", double(nevBuf));
  put(rec, "fLast", double(last));
  if (flag >= 80) flag -= 80; // offsets to be generated: none stored
  else if (flag && flag % 10 != 2) {
    std::vector<double> offsets;
    if (nevBuf) {
      int32_t n = fR.i32();
      if (n < 0 || size_t(n) * 4 > fR.left()) throw Error(fR.what() + ": a basket's entry offsets run past its end");
      offsets.resize(size_t(n));
      bool displaced = flag > 20 && flag < 40; // displacements packed in the top byte
      for (double &o : offsets) o = double(displaced ? (fR.i32() & 0x00FFFFFF) : fR.i32());
    }
    put(rec, "fEntryOffset", std::move(offsets));
    if (flag > 40) fR.skip(size_t(fR.i32()) * 4); // displacements
  }
  if ((flag == 1 || flag > 10) && last > 0) {
    if (v.version <= 1) fR.i32();
    put(rec, "fBuffer", fR.bytes(size_t(last)));
  }
}

void ObjectReader::readStreamerElement(Record &rec) {
  Reader::Version v = fR.version();
  readTNamed(rec);
  int type = fR.i32();
  put(rec, "fSize", double(fR.i32()));
  put(rec, "fArrayLength", double(fR.i32()));
  put(rec, "fArrayDim", double(fR.i32()));
  if (v.version == 1) fR.skip(size_t(fR.i32()) * 4);
  else fR.skip(5 * 4); // fMaxIndex[5]
  std::string typeName = fR.tstring();
  if (type == kUChar && (typeName == "Bool_t" || typeName == "bool")) type = kBool;
  put(rec, "fType", double(type));
  put(rec, "fTypeName", typeName);
  fR.finish(v);
}

bool ObjectReader::readCustom(Record &rec, const std::string &cls) {
  if (cls == "TObject") {
    readTObject(rec);
  } else if (cls == "TNamed") {
    readTNamed(rec);
  } else if (cls == "TList" || cls == "THashList" || cls == "TObjArray") {
    Reader::Version v = fR.version();
    put(rec, "", readCollection(v.version, cls == "TObjArray", rec));
    fR.finish(v);
  } else if (isTArray(cls)) { // no version: a length and the values
    int32_t n = fR.i32();
    static const std::string codes = "CSILFD";
    static const int types[] = {kChar, kShort, kInt, kLong64, kFloat, kDouble};
    size_t k = codes.find(cls[6]);
    if (k == std::string::npos) throw Error(fR.what() + ": unknown array class " + cls);
    if (n < 0 || size_t(n) > fR.left()) throw Error(fR.what() + ": " + cls + " has a bad length; the file is damaged");
    std::vector<double> a(static_cast<size_t>(n));
    for (double &x : a) x = readBasic(types[k], nullptr);
    put(rec, "fN", double(n));
    put(rec, "fArray", std::move(a));
  } else if (cls == "TBasket") {
    readBasket(rec);
  } else if (cls == "TStreamerInfo") {
    Reader::Version v = fR.version();
    readTNamed(rec);
    put(rec, "fCheckSum", double(fR.u32()));
    put(rec, "fClassVersion", double(fR.i32()));
    put(rec, "fElements", readAny());
    fR.finish(v);
  } else if (cls == "TStreamerBase" || cls == "TStreamerBasicPointer" || cls == "TStreamerLoop" ||
             cls == "TStreamerSTL" || cls == "TStreamerSTLstring" || cls == "TStreamerBasicType" ||
             cls == "TStreamerObject" || cls == "TStreamerObjectPointer" || cls == "TStreamerObjectAny" ||
             cls == "TStreamerObjectAnyPointer" || cls == "TStreamerString" || cls == "TStreamerArtificial") {
    Reader::Version v = fR.version();
    if (cls == "TStreamerSTLstring") {
      Reader::Version inner = fR.version();
      readStreamerElement(rec);
      put(rec, "fSTLtype", double(fR.i32()));
      put(rec, "fCtype", double(fR.i32()));
      fR.finish(inner);
    } else {
      readStreamerElement(rec);
      if (cls == "TStreamerBase" && v.version > 2) put(rec, "fBaseVersion", double(fR.i32()));
      if (cls == "TStreamerBasicPointer" || cls == "TStreamerLoop") {
        put(rec, "fCountVersion", double(fR.i32()));
        put(rec, "fCountName", fR.tstring());
        put(rec, "fCountClass", fR.tstring());
      }
      if (cls == "TStreamerSTL") {
        put(rec, "fSTLtype", double(fR.i32()));
        put(rec, "fCtype", double(fR.i32()));
      }
    }
    fR.finish(v);
  } else {
    return false;
  }
  return true;
}

} // namespace cppnb::root::io
