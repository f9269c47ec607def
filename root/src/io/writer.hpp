// Writes ROOT's on-disk encoding: big-endian numbers, TStrings, objects with
// byte counts and versions, class tags. Positions for tags count from the
// start of the key, as readers count them (origin: the key's length).
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <string>

namespace cppnb::root::io {

class Writer {
public:
  explicit Writer(int64_t origin = 0) : fOrigin(origin) {}
  const std::string &bytes() const { return fOut; }
  std::string &bytes() { return fOut; }
  size_t size() const { return fOut.size(); }

  template <class T> void put(T v) {
    unsigned char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    for (size_t i = 0; i < sizeof(T); ++i) fOut.push_back(char(b[sizeof(T) - 1 - i]));
  }
  void u8(uint8_t v) { fOut.push_back(char(v)); }
  void i16(int16_t v) { put(v); }
  void u16(uint16_t v) { put(v); }
  void i32(int32_t v) { put(v); }
  void u32(uint32_t v) { put(v); }
  void i64(int64_t v) { put(v); }
  void f32(float v) { put(v); }
  void f64(double v) { put(v); }
  void raw(const std::string &s) { fOut += s; }
  void tstring(const std::string &s) {
    if (s.size() < 255) u8(uint8_t(s.size()));
    else u8(255), u32(uint32_t(s.size()));
    fOut += s;
  }
  // A byte count to fill in and a version; end() fills the count.
  size_t begin(int16_t version) {
    size_t at = fOut.size();
    u32(0);
    i16(version);
    return at;
  }
  void end(size_t at) {
    uint32_t count = uint32_t(fOut.size() - at - 4) | 0x40000000u;
    for (int i = 0; i < 4; ++i) fOut[at + size_t(i)] = char(count >> (24 - 8 * i));
  }
  void patch32(size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) fOut[at + size_t(i)] = char(v >> (24 - 8 * i));
  }
  // The class tag of an object written by pointer: the name the first time in
  // this buffer, a reference to that after.
  void classTag(const std::string &cls) {
    auto it = fClasses.find(cls);
    if (it != fClasses.end()) {
      u32(uint32_t(it->second) | 0x80000000u);
      return;
    }
    fClasses[cls] = int64_t(fOut.size()) + fOrigin + 2;
    u32(0xFFFFFFFFu);
    fOut += cls;
    fOut.push_back('\0');
  }

  // Objects written by pointer in this buffer: a second pointer to one is a
  // reference to where the first was written.
  bool objectTag(const void *obj, uint32_t &tag) const {
    auto it = fObjects.find(obj);
    if (it == fObjects.end()) return false;
    tag = uint32_t(it->second);
    return true;
  }
  void rememberObject(const void *obj, size_t at) { fObjects[obj] = int64_t(at) + fOrigin + 2; }

private:
  std::string fOut;
  std::map<const void *, int64_t> fObjects;
  int64_t fOrigin;
  std::map<std::string, int64_t> fClasses;
};

} // namespace cppnb::root::io
