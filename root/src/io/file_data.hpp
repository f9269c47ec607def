// One ROOT file's structure: its header, keys, directories and the records of
// its objects (uncompressed and read by its streamer infos).
#pragma once

#include "byte_source.hpp"
#include "streamer_infos.hpp"

#include <cppnb/root/io/record.hpp>

#include <mutex>
#include <vector>

namespace cppnb::root::io {

struct KeyInfo {
  int32_t nbytes = 0, objLen = 0;
  int16_t version = 0, keyLen = 0, cycle = 0;
  uint32_t datime = 0;
  int64_t seekKey = 0, seekPdir = 0;
  std::string className, name, title;
  bool compressed() const { return objLen > nbytes - keyLen; }
};

class Reader;
// A key's header at r's position (also the start of every basket), its sizes checked.
KeyInfo parseKey(Reader &r);
// The same fields unchecked: a basket kept in memory has no sizes on file yet.
KeyInfo readKeyFields(Reader &r);

struct DirectoryInfo {
  int64_t seekDir = 0, seekParent = 0, seekKeys = 0;
  uint32_t datimeC = 0, datimeM = 0;
  std::vector<KeyInfo> keys;
};

class FileData {
public:
  // Reads the header and the top directory; io::Error when it is not a ROOT file.
  explicit FileData(std::unique_ptr<ByteSource> source);

  const std::string &name() const { return fSource->name(); }
  const ByteSource &source() const { return *fSource; }
  int version() const { return fVersion; }
  int compression() const { return fCompress; }
  uint64_t size() const { return fSource->size(); }
  const DirectoryInfo &top() const { return fTop; }
  std::string title() const { return fTitle; }
  // For writing more into the file (UPDATE): its end, the top directory's
  // key length with its strings, where its StreamerInfo record is.
  int64_t begin() const { return fBegin; }
  int64_t end() const { return fEnd; }
  int32_t nbytesName() const { return fNbytesName; }
  int64_t seekInfo() const { return fSeekInfo; }

  KeyInfo readKey(int64_t seek) const;
  // The object's bytes after its key, uncompressed.
  std::string payload(const KeyInfo &key) const;
  RecordPtr readRecord(const KeyInfo &key);
  // The directory a TDirectory key holds.
  DirectoryInfo readSubdirectory(const KeyInfo &key) const;
  const StreamerInfos &infos();

private:
  DirectoryInfo readDirectory(int64_t at, size_t maxBytes) const;
  std::vector<KeyInfo> readKeyList(int64_t seekKeys) const;

  std::unique_ptr<ByteSource> fSource;
  int fVersion = 0, fCompress = 0;
  int64_t fBegin = 0, fEnd = 0, fSeekInfo = 0;
  int32_t fNbytesName = 0, fNbytesInfo = 0;
  std::string fTitle;
  DirectoryInfo fTop;
  StreamerInfos fInfos;
  std::once_flag fInfosRead;
};

} // namespace cppnb::root::io
