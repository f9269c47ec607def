#include "file_writer.hpp"

#include "byte_source.hpp"
#include "class_infos.hpp"
#include "reader.hpp"
#include "record_writer.hpp"

#include <lz4.h>
#include <lz4hc.h>
#include <lzma.h>
#include <xxhash.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <random>
#include <unistd.h>

namespace cppnb::root::io {
namespace {

constexpr int64_t kBegin = 100;
constexpr int64_t kStartBigFile = 2000000000;
constexpr int kDirectoryVersion = 5, kKeyVersion = 4;
constexpr size_t kBlock = 0xffffff; // the largest block ROOT's 3-byte sizes allow

size_t tstringSize(const std::string &s) { return s.size() + (s.size() < 255 ? 1 : 5); }

// A key header's length: its fixed fields (32-bit or 64-bit seeks) and strings.
int16_t keyLength(const std::string &cls, const std::string &name, const std::string &title, bool bigSeeks) {
  return int16_t((bigSeeks ? 34 : 26) + tstringSize(cls) + tstringSize(name) + tstringSize(title));
}

void threeBytes(std::string &out, size_t n) {
  out.push_back(char(n & 0xff));
  out.push_back(char((n >> 8) & 0xff));
  out.push_back(char((n >> 16) & 0xff));
}

// One block compressed with the setting's algorithm, or empty when it does not shrink.
std::string compressBlock(const char *src, size_t n, int settings) {
  int algorithm = settings / 100, level = settings % 100;
  std::string body;
  char head[3] = {0, 0, 0};
  if (algorithm == 0 || algorithm == 1) { // zlib (0: ROOT's "global default", zlib too)
    uLongf size = compressBound(uLong(n));
    body.resize(size);
    if (compress2(reinterpret_cast<Bytef *>(body.data()), &size, reinterpret_cast<const Bytef *>(src), uLong(n), level) != Z_OK) return {};
    body.resize(size);
    head[0] = 'Z', head[1] = 'L', head[2] = 8; // Z_DEFLATED
  } else if (algorithm == 2) {
    // The streaming encoder, as ROOT uses: its blocks carry no sizes, which
    // jsroot's decoder needs.
    lzma_stream z = LZMA_STREAM_INIT;
    if (lzma_easy_encoder(&z, uint32_t(std::min(level, 9)), LZMA_CHECK_CRC32) != LZMA_OK) return {};
    body.resize(lzma_stream_buffer_bound(n));
    z.next_in = reinterpret_cast<const uint8_t *>(src), z.avail_in = n;
    z.next_out = reinterpret_cast<uint8_t *>(body.data()), z.avail_out = body.size();
    lzma_ret rc = lzma_code(&z, LZMA_FINISH);
    size_t size = z.total_out;
    lzma_end(&z);
    if (rc != LZMA_STREAM_END) return {};
    body.resize(size);
    head[0] = 'X', head[1] = 'Z', head[2] = 0;
  } else if (algorithm == 4) {
    std::string block(size_t(LZ4_compressBound(int(n))), '\0');
    int size = level >= 4 ? LZ4_compress_HC(src, block.data(), int(n), int(block.size()), level)
                          : LZ4_compress_default(src, block.data(), int(n), int(block.size()));
    if (size <= 0) return {};
    block.resize(size_t(size));
    uint64_t sum = XXH64(block.data(), block.size(), 0);
    for (int i = 7; i >= 0; --i) body.push_back(char(sum >> (8 * i)));
    body += block;
    head[0] = 'L', head[1] = '4', head[2] = char(LZ4_versionNumber() / 10000);
  } else if (algorithm == 5) {
    body.resize(ZSTD_compressBound(n));
    size_t size = ZSTD_compress(body.data(), body.size(), src, n, level);
    if (ZSTD_isError(size)) return {};
    body.resize(size);
    head[0] = 'Z', head[1] = 'S', head[2] = 1;
  } else {
    throw Error("compression algorithm " + std::to_string(algorithm) + " is not one cppnb writes (1 zlib, 2 lzma, 4 lz4, 5 zstd)");
  }
  std::string out(head, 3);
  threeBytes(out, body.size());
  threeBytes(out, n);
  return out + body;
}

} // namespace

uint32_t datimeNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return uint32_t(tm.tm_year + 1900 - 1995) << 26 | uint32_t(tm.tm_mon + 1) << 22 | uint32_t(tm.tm_mday) << 17 |
         uint32_t(tm.tm_hour) << 12 | uint32_t(tm.tm_min) << 6 | uint32_t(tm.tm_sec);
}

// The stored form of an object: compressed block by block when the setting
// asks and it shrinks, as ROOT does (not for 256 bytes or fewer).
static std::string stored(const std::string &object, int settings, bool allow) {
  if (!allow || settings % 100 == 0 || object.size() <= 256) return object;
  std::string out;
  for (size_t at = 0; at < object.size(); at += kBlock) {
    size_t n = std::min(kBlock, object.size() - at);
    std::string block = compressBlock(object.data() + at, n, settings);
    if (block.empty() || block.size() >= n + 9) return object;
    out += block;
  }
  return out.size() < object.size() ? out : object;
}

FileWriter::FileWriter(const std::string &path, const std::string &mode, const std::string &title, int compression,
                       FileData *existing)
    : fPath(path), fTitle(title), fCompress(compression) {
  if (mode == "UPDATE" && existing) {
    openExisting(*existing);
    return;
  }
  if (mode == "UPDATE" && ::access(path.c_str(), F_OK) == 0) {
    FileData file(openLocalFile(path));
    openExisting(file);
    return;
  }
  int flags = O_RDWR | O_CREAT | O_CLOEXEC | (mode == "RECREATE" ? O_TRUNC : O_EXCL);
  fFd = ::open(path.c_str(), flags, 0644);
  if (fFd < 0) {
    if (errno == EEXIST) throw Error("file " + path + " already exists");
    throw Error("cannot create " + path + ": " + std::strerror(errno));
  }
  size_t slash = path.find_last_of('/');
  fName = slash == std::string::npos ? path : path.substr(slash + 1);
  std::random_device rd;
  fUuid = std::string("\x00\x01", 2);
  for (int i = 0; i < 16; ++i) fUuid.push_back(char(rd() & 0xff));
  // The top directory's key, its name and title, and the directory record.
  Dir top;
  top.name = fName, top.title = fTitle, top.seekDir = kBegin, top.created = datimeNow();
  top.nbytesName = keyLength("TFile", fName, fTitle, false) + int32_t(tstringSize(fName) + tstringSize(fTitle));
  fDirs.push_back(top);
  fEnd = kBegin + top.nbytesName + 60;
  writeAt(0, header());
  writeAt(kBegin, topDirectoryRecord());
}

void FileWriter::openExisting(FileData &file) {
  fFd = ::open(fPath.c_str(), O_RDWR | O_CLOEXEC);
  if (fFd < 0) throw Error("cannot open " + fPath + " for writing: " + std::strerror(errno));
  if (file.begin() != kBegin) throw Error(fPath + ": its first key is at " + std::to_string(file.begin()) + ", not 100; cppnb cannot update it");
  KeyInfo topKey = file.readKey(file.begin());
  fName = topKey.name, fTitle = topKey.title;
  fCompress = file.compression();
  fEnd = file.end();
  fUuid = std::string("\x00\x01", 2) + std::string(16, '\0');
  Dir top;
  top.name = fName, top.title = fTitle, top.seekDir = kBegin, top.nbytesName = file.nbytesName();
  top.created = file.top().datimeC, top.keys = file.top().keys;
  fDirs.push_back(top);
  addExistingDirectories(file, top.keys, 0);
  if (file.seekInfo() > 0) {
    KeyInfo info = file.readKey(file.seekInfo());
    fOldInfos = file.payload(info);
    fOldInfosKeyLen = info.keyLen;
    for (const auto &c : file.infos().described()) fOldClasses.insert(c);
  }
}

void FileWriter::addExistingDirectories(const FileData &file, const std::vector<KeyInfo> &keys, int parent) {
  for (const KeyInfo &k : keys) {
    if (k.className != "TDirectory" && k.className != "TDirectoryFile") continue;
    DirectoryInfo sub = file.readSubdirectory(k);
    Dir d;
    d.name = k.name, d.title = k.title, d.seekDir = k.seekKey, d.seekParent = fDirs[size_t(parent)].seekDir;
    d.nbytesName = k.keyLen, d.created = sub.datimeC, d.keys = sub.keys;
    fDirs.push_back(d);
    addExistingDirectories(file, sub.keys, int(fDirs.size() - 1));
  }
}

int FileWriter::directoryAt(int64_t seekKey) const {
  for (size_t i = 0; i < fDirs.size(); ++i)
    if (fDirs[i].seekDir == seekKey) return int(i);
  return -1;
}

std::string FileWriter::streamerInfoRecord(const std::vector<const ClassInfo *> &infos, int16_t keyLen) const {
  Writer w(keyLen);
  if (fOldInfos.empty() || fOldInfosKeyLen != keyLen) {
    writeStreamerInfos(w, infos);
    return w.bytes();
  }
  // The file's own list, byte for byte (its references count from the key's
  // start, the same in a key of the same length), with infos appended: its
  // byte count and its number of objects patched.
  Reader r(fOldInfos.data(), fOldInfos.size(), fPath + ": StreamerInfo");
  r.skip(4 + 2);     // TList's byte count and version
  r.skip(2 + 4);     // TObject's version and unique id
  if (r.u32() & (1u << 4)) r.skip(2); // a referenced object's pid
  r.tstring();       // the list's name
  size_t countAt = r.size() - r.left();
  int32_t n = r.i32();
  w.raw(fOldInfos);
  for (const ClassInfo *c : infos) {
    writeStreamerInfo(w, *c);
    w.u8(0); // the option it was added with
  }
  std::string out = w.bytes();
  auto patch = [&](size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) out[at + size_t(i)] = char(v >> (8 * (3 - i)));
  };
  patch(0, uint32_t(out.size() - 4) | 0x40000000u);
  patch(countAt, uint32_t(n + int32_t(infos.size())));
  return out;
}

FileWriter::~FileWriter() {
  if (fFd >= 0) {
    try {
      close();
    } catch (...) {
      ::close(fFd);
    }
  }
}

void FileWriter::writeAt(int64_t at, const std::string &bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::pwrite(fFd, bytes.data() + done, bytes.size() - done, off_t(at + int64_t(done)));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw Error("cannot write " + fPath + ": " + std::strerror(errno));
    done += size_t(n);
  }
}

std::string FileWriter::keyHeader(const KeyInfo &k) const {
  Writer w;
  bool big = k.version > 1000;
  w.i32(k.nbytes);
  w.i16(k.version);
  w.i32(k.objLen);
  w.u32(k.datime);
  w.i16(k.keyLen);
  w.i16(k.cycle);
  if (big) w.i64(k.seekKey), w.i64(k.seekPdir);
  else w.i32(int32_t(k.seekKey)), w.i32(int32_t(k.seekPdir));
  w.tstring(k.className);
  w.tstring(k.name);
  w.tstring(k.title);
  return w.bytes();
}

std::string FileWriter::directoryBody(const Dir &d) const {
  Writer w;
  bool big = d.seekKeys > kStartBigFile || d.seekDir > kStartBigFile;
  w.i16(int16_t(kDirectoryVersion + (big ? 1000 : 0)));
  w.u32(d.created);
  w.u32(datimeNow());
  w.i32(d.nbytesKeys);
  w.i32(d.nbytesName);
  if (big) {
    w.i64(d.seekDir), w.i64(d.seekParent), w.i64(d.seekKeys);
    w.raw(fUuid);
  } else {
    w.i32(int32_t(d.seekDir)), w.i32(int32_t(d.seekParent)), w.i32(int32_t(d.seekKeys));
    w.raw(fUuid);
    w.i32(0), w.i32(0), w.i32(0); // room for 64-bit seeks
  }
  return w.bytes();
}

std::string FileWriter::topDirectoryRecord() const {
  const Dir &d = fDirs[0];
  KeyInfo top;
  top.className = "TFile", top.name = fName, top.title = fTitle;
  top.version = kKeyVersion, top.cycle = 1, top.seekKey = kBegin, top.seekPdir = 0, top.datime = d.created;
  top.keyLen = keyLength(top.className, top.name, top.title, false);
  top.objLen = int32_t(tstringSize(fName) + tstringSize(fTitle)) + 60;
  top.nbytes = top.keyLen + top.objLen;
  Writer w;
  w.raw(keyHeader(top));
  w.tstring(fName);
  w.tstring(fTitle);
  w.raw(directoryBody(d));
  return w.bytes();
}

const FileWriter::Dir &FileWriter::directory(int dir) const {
  if (dir < 0 || size_t(dir) >= fDirs.size()) throw Error(fPath + ": no directory " + std::to_string(dir) + " is being written");
  return fDirs[size_t(dir)];
}

int FileWriter::mkdir(int parent, const std::string &name, const std::string &title, KeyInfo &key) {
  if (fFd < 0) throw Error(fPath + " is closed");
  const Dir &p = directory(parent);
  for (const KeyInfo &k : p.keys)
    if (k.name == name) throw Error("An object with name " + name + " exists already");
  Dir d;
  d.name = name, d.title = title, d.seekParent = p.seekDir, d.created = datimeNow();
  d.seekDir = fEnd;
  d.nbytesName = keyLength("TDirectory", name, title, fEnd > kStartBigFile);
  // Written again at close, in place, with where its keys went.
  key = append("TDirectory", name, title, directoryBody(d), p.seekDir, 1, false);
  fDirs[size_t(parent)].keys.push_back(key);
  fDirs.push_back(d);
  return int(fDirs.size() - 1);
}

std::string FileWriter::header() const {
  Writer w;
  w.raw("root");
  bool big = fEnd > kStartBigFile;
  w.i32(62206 + (big ? 1000000 : 0)); // the ROOT version whose layout cppnb writes (6.22/06)
  w.i32(int32_t(kBegin));
  if (big) w.i64(fEnd), w.i64(fSeekFree);
  else w.i32(int32_t(fEnd)), w.i32(int32_t(fSeekFree));
  w.i32(fNbytesFree);
  w.i32(fSeekFree ? 1 : 0); // nfree
  w.i32(fDirs[0].nbytesName);
  w.u8(big ? 8 : 4);
  w.i32(fCompress);
  if (big) w.i64(fSeekInfo);
  else w.i32(int32_t(fSeekInfo));
  w.i32(fNbytesInfo);
  w.raw(fUuid);
  std::string h = w.bytes();
  h.resize(size_t(kBegin), '\0');
  return h;
}

KeyInfo FileWriter::append(const std::string &cls, const std::string &name, const std::string &title, const std::string &object,
                           int64_t seekPdir, short cycle, bool compress) {
  KeyInfo k;
  k.className = cls, k.name = name, k.title = title, k.cycle = cycle, k.seekPdir = seekPdir, k.datime = datimeNow();
  k.seekKey = fEnd;
  bool big = fEnd > kStartBigFile;
  k.version = int16_t(kKeyVersion + (big ? 1000 : 0));
  k.keyLen = keyLength(cls, name, title, big);
  std::string data = stored(object, fCompress, compress);
  k.objLen = int32_t(object.size());
  k.nbytes = k.keyLen + int32_t(data.size());
  writeAt(fEnd, keyHeader(k) + data);
  fEnd += k.nbytes;
  return k;
}

KeyInfo FileWriter::write(const Record &record, const std::string &name, const std::string &title, int dir) {
  if (fFd < 0) throw Error(fPath + " is closed");
  const Dir &d = directory(dir);
  short cycle = 1;
  for (const KeyInfo &k : d.keys) {
    if (k.name != name) continue;
    if (k.className == "TDirectory") throw Error("An object with name " + name + " exists already (a directory)");
    cycle = std::max<short>(cycle, short(k.cycle + 1));
  }
  // Object references count from the key's start: the key's length, known
  // from its strings before the object is written.
  Writer w(keyLength(record.className, name, title, fEnd > kStartBigFile));
  writeRecord(w, record);
  noteClasses(record);
  KeyInfo k = append(record.className, name, title, w.bytes(), d.seekDir, cycle, true);
  fDirs[size_t(dir)].keys.push_back(k);
  return k;
}

// Every class in record, nested ones too, for the StreamerInfo record.
void FileWriter::noteClasses(const Record &r) {
  if (!r.className.empty()) fClasses.insert(r.className);
  for (const auto &m : r.members) {
    if (const RecordPtr *p = std::get_if<RecordPtr>(&m.second)) {
      if (*p) noteClasses(**p);
    } else if (const RecordList *l = std::get_if<RecordList>(&m.second)) {
      for (const RecordPtr &item : *l)
        if (item) noteClasses(*item);
    }
  }
}

FileWriter::Basket FileWriter::writeBasket(const std::string &branch, const std::string &tree, const std::string &data,
                                           const std::vector<int32_t> *offsets, int32_t entries, int32_t bufferSize, int dir) {
  if (fFd < 0) throw Error(fPath + " is closed");
  KeyInfo k;
  k.className = "TBasket", k.name = branch, k.title = tree, k.cycle = 1, k.seekPdir = directory(dir).seekDir, k.datime = datimeNow();
  k.seekKey = fEnd;
  // Baskets' keys always have 64-bit seeks, as ROOT writes them; the key
  // holds the basket's header too: version, sizes, entries, fLast, flag.
  k.version = int16_t(kKeyVersion + 1000);
  k.keyLen = int16_t(keyLength(k.className, branch, tree, true) + 19);
  std::string object = data;
  int32_t last = k.keyLen + int32_t(data.size());
  if (offsets) { // where each entry starts, counted from the key's start, then fLast
    Writer w;
    w.i32(entries + 1);
    for (int32_t o : *offsets) w.i32(o + k.keyLen);
    w.i32(0); // ROOT leaves the last one 0
    object += w.bytes();
  }
  std::string body = stored(object, fCompress, true);
  k.objLen = int32_t(object.size());
  k.nbytes = k.keyLen + int32_t(body.size());
  Writer head;
  head.raw(keyHeader(k));
  head.i16(3); // TBasket's version
  head.i32(std::max(bufferSize, last));
  head.i32(offsets ? 1000 : int32_t(entries ? data.size() / size_t(entries) : 0)); // fNevBufSize
  head.i32(entries);
  head.i32(last);
  head.u8(0); // flag: header only, entries follow in the record
  writeAt(fEnd, head.bytes() + body);
  fEnd += k.nbytes;
  return {k.seekKey, k.nbytes, k.objLen, k.keyLen};
}

void FileWriter::close() {
  if (fFd < 0) return;
  // The classes written, each described once (and not again when the file
  // describes them already).
  std::vector<const ClassInfo *> infos;
  std::set<std::string> listed;
  for (const std::string &cls : fClasses)
    for (const ClassInfo *c : classClosure(cls))
      if (listed.insert(c->name).second && !fOldClasses.count({c->name, c->version})) infos.push_back(c);
  {
    const std::string cls = "TList", name = "StreamerInfo", title = "Doubly linked list";
    int16_t keyLen = keyLength(cls, name, title, fEnd > kStartBigFile);
    KeyInfo k = append(cls, name, title, streamerInfoRecord(infos, keyLen), kBegin, 1, true);
    fSeekInfo = k.seekKey, fNbytesInfo = k.nbytes;
  }
  // Each directory's list of keys; then its record, written again in place.
  for (size_t i = 0; i < fDirs.size(); ++i) {
    Dir &d = fDirs[i];
    Writer w;
    w.i32(int32_t(d.keys.size()));
    for (const KeyInfo &k : d.keys) w.raw(keyHeader(k));
    KeyInfo k = i == 0 ? append("TFile", fName, fTitle, w.bytes(), kBegin, 1, false)
                       : append("TDirectory", d.name, d.title, w.bytes(), d.seekDir, 1, false);
    d.seekKeys = k.seekKey, d.nbytesKeys = k.nbytes;
    writeAt(d.seekDir + d.nbytesName, directoryBody(d));
  }
  {
    // One free segment: from the end of the file to ROOT's 2 GB mark.
    bool big = fEnd > kStartBigFile;
    int64_t end = fEnd + keyLength("TFile", fName, fTitle, big) + (big ? 18 : 10);
    Writer w;
    if (big) w.i16(1001), w.i64(end), w.i64(std::max<int64_t>(end, kStartBigFile) * 2);
    else w.i16(1), w.i32(int32_t(end)), w.i32(int32_t(kStartBigFile));
    KeyInfo k = append("TFile", fName, fTitle, w.bytes(), kBegin, 1, false);
    fSeekFree = k.seekKey, fNbytesFree = k.nbytes;
  }
  writeAt(0, header());
  int fd = fFd;
  fFd = -1;
  if (::close(fd) != 0) throw Error("cannot close " + fPath + ": " + std::strerror(errno));
}

} // namespace cppnb::root::io
