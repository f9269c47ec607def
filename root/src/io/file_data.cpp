#include "file_data.hpp"

#include "compression.hpp"
#include "object_reader.hpp"
#include "reader.hpp"

namespace cppnb::root::io {
namespace {

// Longest key header: fixed part (4+2+4+4+2+2+8+8) and three strings.
constexpr size_t kKeyHeaderGuess = 34 + 3 * 256;

} // namespace

KeyInfo readKeyFields(Reader &r) {
  KeyInfo k;
  k.nbytes = r.i32();
  k.version = r.i16();
  k.objLen = r.i32();
  k.datime = r.u32();
  k.keyLen = r.i16();
  k.cycle = r.i16();
  bool large = k.version > 1000;
  k.seekKey = large ? r.i64() : r.i32();
  k.seekPdir = large ? r.i64() : r.i32();
  k.className = r.tstring();
  k.name = r.tstring();
  k.title = r.tstring();
  return k;
}

KeyInfo parseKey(Reader &r) {
  KeyInfo k = readKeyFields(r);
  if (k.nbytes < k.keyLen || k.keyLen <= 0 || k.objLen < 0)
    throw Error(r.what() + ": a key has impossible sizes; the file is damaged");
  return k;
}

FileData::FileData(std::unique_ptr<ByteSource> source) : fSource(std::move(source)) {
  const std::string &path = fSource->name();
  size_t n = size_t(std::min<uint64_t>(fSource->size(), 64));
  std::string head(n, '\0');
  fSource->read(0, n, head.data());
  if (n < 4 || head.compare(0, 4, "root") != 0) throw Error(path + " is not a ROOT file (it does not start with \"root\")");
  Reader r(head.data(), n, path + ": file header");
  r.skip(4);
  fVersion = r.i32();
  bool large = fVersion >= 1000000;
  fBegin = r.i32();
  fEnd = large ? r.i64() : r.i32();
  large ? r.i64() : r.i32(); // fSeekFree
  r.i32(), r.i32();           // fNbytesFree, nfree
  fNbytesName = r.i32();
  r.u8(); // fUnits
  fCompress = r.i32();
  fSeekInfo = large ? r.i64() : r.i32();
  fNbytesInfo = r.i32();
  // "root" followed by nonsense (a text file that starts with the word).
  if (fVersion <= 0 || fBegin < 32 || uint64_t(fBegin) >= fSource->size() || fNbytesName <= 0 || fEnd < fBegin)
    throw Error(path + " is not a ROOT file (its header makes no sense)");
  fVersion %= 1000000;
  if (uint64_t(fEnd) > fSource->size())
    throw Error(path + " is truncated: its header says " + std::to_string(fEnd) + " bytes, the file has " +
                std::to_string(fSource->size()));
  KeyInfo fileKey = readKey(fBegin);
  fTitle = fileKey.title;
  fTop = readDirectory(fBegin + fNbytesName, 128);
}

KeyInfo FileData::readKey(int64_t seek) const {
  if (seek < 0 || uint64_t(seek) >= fSource->size())
    throw Error(name() + ": a key points outside the file (byte " + std::to_string(seek) + "); the file is damaged");
  size_t n = size_t(std::min<uint64_t>(kKeyHeaderGuess, fSource->size() - uint64_t(seek)));
  std::string bytes(n, '\0');
  fSource->read(uint64_t(seek), n, bytes.data());
  Reader r(bytes.data(), n, name() + ": key at byte " + std::to_string(seek));
  return parseKey(r);
}

std::string FileData::payload(const KeyInfo &key) const {
  size_t stored = size_t(key.nbytes - key.keyLen);
  std::string raw(stored, '\0');
  fSource->read(uint64_t(key.seekKey + key.keyLen), stored, raw.data());
  if (!key.compressed()) return raw;
  std::string out(size_t(key.objLen), '\0');
  decompress(raw.data(), raw.size(), out.data(), out.size(), name() + ": " + key.className + " " + key.name);
  return out;
}

RecordPtr FileData::readRecord(const KeyInfo &key) {
  const StreamerInfos &known = infos();
  std::string bytes = payload(key);
  Reader r(bytes.data(), bytes.size(), name() + ": " + key.className + " " + key.name, key.keyLen);
  ObjectReader objects(r, &known);
  return objects.readObject(key.className);
}

const StreamerInfos &FileData::infos() {
  std::call_once(fInfosRead, [this] {
    if (fSeekInfo <= 0) return;
    KeyInfo key = readKey(fSeekInfo);
    std::string bytes = payload(key);
    Reader r(bytes.data(), bytes.size(), name() + ": StreamerInfo", key.keyLen);
    ObjectReader objects(r, nullptr);
    RecordPtr list = objects.readObject("TList");
    fInfos.add(*list);
  });
  return fInfos;
}

DirectoryInfo FileData::readDirectory(int64_t at, size_t maxBytes) const {
  size_t n = size_t(std::min<uint64_t>(maxBytes, fSource->size() - uint64_t(at)));
  std::string bytes(n, '\0');
  fSource->read(uint64_t(at), n, bytes.data());
  Reader r(bytes.data(), n, name() + ": directory at byte " + std::to_string(at));
  DirectoryInfo d;
  int version = r.i16();
  d.datimeC = r.u32();
  d.datimeM = r.u32();
  r.i32(), r.i32(); // fNbytesKeys, fNbytesName
  bool large = version > 1000;
  d.seekDir = large ? r.i64() : r.i32();
  d.seekParent = large ? r.i64() : r.i32();
  d.seekKeys = large ? r.i64() : r.i32();
  if (d.seekKeys > 0) d.keys = readKeyList(d.seekKeys);
  return d;
}

std::vector<KeyInfo> FileData::readKeyList(int64_t seekKeys) const {
  KeyInfo listKey = readKey(seekKeys);
  std::string bytes(size_t(listKey.nbytes), '\0');
  fSource->read(uint64_t(seekKeys), bytes.size(), bytes.data());
  Reader r(bytes.data(), bytes.size(), name() + ": list of keys");
  r.skip(size_t(listKey.keyLen));
  int32_t n = r.i32();
  if (n < 0) throw Error(name() + ": a list of keys has a negative size; the file is damaged");
  std::vector<KeyInfo> keys;
  for (int32_t i = 0; i < n; ++i) keys.push_back(parseKey(r));
  return keys;
}

DirectoryInfo FileData::readSubdirectory(const KeyInfo &key) const {
  // Directories are never compressed: the record follows the key.
  return readDirectory(key.seekKey + key.keyLen, size_t(key.objLen));
}

} // namespace cppnb::root::io
