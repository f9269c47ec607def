// Reads ROOT's on-disk encoding: big-endian numbers, TStrings, versions with
// byte counts. Every read is bounds-checked and throws io::Error, so a damaged
// file or basket gives a message, never a read past the buffer.
#pragma once

#include <cppnb/root/io/record.hpp>

#include <cstdint>
#include <cstring>
#include <string>

namespace cppnb::root::io {

// ROOT's tag constants (TBufferFile).
constexpr uint32_t kByteCountMask = 0x40000000;
constexpr uint32_t kNewClassTag = 0xFFFFFFFF;
constexpr uint32_t kClassMask = 0x80000000;
constexpr uint32_t kMapOffset = 2;

class Reader {
public:
  // origin: where position 0 of this buffer sits in ROOT's numbering of
  // object references (the key's length, for an object read from a key).
  Reader(const char *data, size_t size, std::string what, int64_t origin = 0)
      : fData(data), fSize(size), fWhat(std::move(what)), fOrigin(origin) {}

  size_t pos() const { return fPos; }
  size_t size() const { return fSize; }
  size_t left() const { return fSize - fPos; }
  const char *here() const { return fData + fPos; }
  const std::string &what() const { return fWhat; }
  // Position in ROOT's numbering, for the reference map.
  int64_t displacement() const { return int64_t(fPos) + fOrigin; }

  void need(size_t n) const {
    if (n > fSize - fPos)
      throw Error(fWhat + ": the data ends early (needed " + std::to_string(n) + " bytes at offset " +
                  std::to_string(fPos) + " of " + std::to_string(fSize) + "); the file is damaged or truncated");
  }
  void seek(size_t p) {
    if (p > fSize) throw Error(fWhat + ": a byte count points past the end of the data; the file is damaged");
    fPos = p;
  }
  void skip(size_t n) {
    need(n);
    fPos += n;
  }

  template <class T> T read() {
    need(sizeof(T));
    T v;
    unsigned char b[sizeof(T)];
    std::memcpy(b, fData + fPos, sizeof(T));
    for (size_t i = 0; i < sizeof(T) / 2; ++i) std::swap(b[i], b[sizeof(T) - 1 - i]);
    std::memcpy(&v, b, sizeof(T));
    fPos += sizeof(T);
    return v;
  }
  uint8_t u8() { return read<uint8_t>(); }
  int16_t i16() { return read<int16_t>(); }
  uint16_t u16() { return read<uint16_t>(); }
  int32_t i32() { return read<int32_t>(); }
  uint32_t u32() { return read<uint32_t>(); }
  int64_t i64() { return read<int64_t>(); }
  float f32() { return read<float>(); }
  double f64() { return read<double>(); }
  std::string bytes(size_t n) {
    need(n);
    std::string s(fData + fPos, n);
    fPos += n;
    return s;
  }
  // A TString: one length byte, or 255 then a 4-byte length.
  std::string tstring() {
    size_t n = u8();
    if (n == 255) n = u32();
    return bytes(n);
  }
  // A NUL-terminated class name (after kNewClassTag).
  std::string cstring() {
    const void *end = std::memchr(fData + fPos, 0, fSize - fPos);
    if (!end) throw Error(fWhat + ": a class name runs past the end of the data; the file is damaged");
    size_t n = static_cast<const char *>(end) - (fData + fPos);
    std::string s = bytes(n);
    ++fPos;
    return s;
  }

  // A version, after the byte count when there is one. end is where the
  // object ends (0 when it was written without a byte count).
  struct Version {
    int version = 0;
    size_t end = 0;
  };
  Version version() {
    Version v;
    uint16_t first = u16();
    if (first & 0x4000) {
      uint32_t count = (uint32_t(first & ~0x4000) << 16) | u16();
      v.end = fPos + count;
      if (v.end > fSize) throw Error(fWhat + ": an object's byte count points past the end of the data; the file is damaged");
    } else {
      fPos -= 2;
    }
    v.version = i16();
    return v;
  }
  // Moves to the end of an object read with version(), whatever was read of it.
  void finish(const Version &v) {
    if (v.end) seek(v.end);
  }

private:
  const char *fData;
  size_t fSize;
  size_t fPos = 0;
  std::string fWhat;
  int64_t fOrigin;
};

} // namespace cppnb::root::io
