// A ROOT file being written: its header and top directory at creation, each
// object as a (compressed) key appended at the end, and at close the
// StreamerInfo record, the list of keys, the free segments and the header
// again, in the order ROOT writes them.
#pragma once

#include "file_data.hpp"
#include "writer.hpp"

#include <set>

namespace cppnb::root::io {

class FileWriter {
public:
  // mode: RECREATE (replace), NEW or CREATE (fail if it exists). compression:
  // ROOT's setting, algorithm*100 + level (101: zlib 1, 404: lz4 4, 505: zstd 5, 207: lzma 7).
  FileWriter(const std::string &path, const std::string &mode, const std::string &title, int compression);
  ~FileWriter();
  FileWriter(const FileWriter &) = delete;
  FileWriter &operator=(const FileWriter &) = delete;

  // Writes record as a key of the top directory (the next cycle of its name).
  KeyInfo write(const Record &record, const std::string &name, const std::string &title);
  // A basket of a tree's branch: the entries' bytes and, when entries differ
  // in size, where each starts. Compressed as objects are.
  struct Basket {
    int64_t seek;
    int32_t nbytes, objlen, keylen;
  };
  Basket writeBasket(const std::string &branch, const std::string &tree, const std::string &data,
                     const std::vector<int32_t> *offsets, int32_t entries, int32_t bufferSize);
  void setCompression(int settings) { fCompress = settings; }
  int compression() const { return fCompress; }
  const std::vector<KeyInfo> &keys() const { return fKeys; }
  const std::string &path() const { return fPath; }
  // Writes what closes the file; the writer can do nothing after.
  void close();
  bool closed() const { return fFd < 0; }

private:
  // A key record (header and stored bytes) for an object whose uncompressed
  // bytes (after the key) are object, at the end of the file.
  KeyInfo append(const std::string &cls, const std::string &name, const std::string &title, const std::string &object,
                 int64_t seekPdir, short cycle, bool compress);
  void writeAt(int64_t at, const std::string &bytes);
  std::string keyHeader(const KeyInfo &k) const;
  void noteClasses(const Record &r);
  std::string directoryRecord() const;
  std::string header() const;

  std::string fPath, fName, fTitle;
  int fFd = -1;
  int fCompress;
  int64_t fEnd = 0, fSeekInfo = 0, fSeekKeys = 0, fSeekFree = 0;
  int32_t fNbytesName = 0, fNbytesInfo = 0, fNbytesKeys = 0, fNbytesFree = 0;
  uint32_t fCreated = 0;
  std::string fUuid;
  std::vector<KeyInfo> fKeys;
  std::set<std::string> fClasses; // written, for the StreamerInfo record
};

// ROOT's date encoding of now.
uint32_t datimeNow();

} // namespace cppnb::root::io
