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
  // mode: RECREATE (replace), NEW or CREATE (fail if it exists), UPDATE (add
  // to the file, made when missing; it keeps its own compression). compression:
  // ROOT's setting, algorithm*100 + level (101: zlib 1, 404: lz4 4, 505: zstd 5, 207: lzma 7).
  // existing: the file as read already (UPDATE of a file that exists), so
  // that it is not read twice; else the writer reads it itself.
  FileWriter(const std::string &path, const std::string &mode, const std::string &title, int compression,
             FileData *existing = nullptr);
  ~FileWriter();
  FileWriter(const FileWriter &) = delete;
  FileWriter &operator=(const FileWriter &) = delete;

  // Writes record as a key of directory dir (0: the top one; the next cycle of its name).
  KeyInfo write(const Record &record, const std::string &name, const std::string &title, int dir = 0);
  // A subdirectory name of directory parent: its key (class TDirectory) and
  // its number for write. io::Error when parent holds that name already.
  int mkdir(int parent, const std::string &name, const std::string &title, KeyInfo &key);
  // The number of the directory whose key is at seekKey (UPDATE: the file's
  // own subdirectories), or -1.
  int directoryAt(int64_t seekKey) const;
  // A basket of a tree's branch: the entries' bytes and, when entries differ
  // in size, where each starts. Compressed as objects are.
  struct Basket {
    int64_t seek;
    int32_t nbytes, objlen, keylen;
  };
  Basket writeBasket(const std::string &branch, const std::string &tree, const std::string &data,
                     const std::vector<int32_t> *offsets, int32_t entries, int32_t bufferSize, int dir = 0);
  void setCompression(int settings) { fCompress = settings; }
  int compression() const { return fCompress; }
  const std::vector<KeyInfo> &keys() const { return fDirs[0].keys; }
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
  // A directory: where its key starts (seekDir), the length of what precedes
  // its TDirectory record there (nbytesName), its keys, and where its list of
  // keys went at close.
  struct Dir {
    std::string name, title;
    int64_t seekDir = 0, seekParent = 0, seekKeys = 0;
    int32_t nbytesName = 0, nbytesKeys = 0;
    uint32_t created = 0;
    std::vector<KeyInfo> keys;
  };
  // The TDirectory record of d (60 bytes), as ROOT writes it after a directory's key and strings.
  std::string directoryBody(const Dir &d) const;
  std::string topDirectoryRecord() const;
  std::string header() const;
  const Dir &directory(int dir) const;
  // UPDATE of an existing file: its directories and what describes its classes.
  void openExisting(FileData &file);
  void addExistingDirectories(const FileData &file, const std::vector<KeyInfo> &keys, int parent);
  // The StreamerInfo record: the file's own (UPDATE), and infos appended.
  std::string streamerInfoRecord(const std::vector<const ClassInfo *> &infos, int16_t keyLen) const;

  std::string fPath, fName, fTitle;
  int fFd = -1;
  int fCompress;
  int64_t fEnd = 0, fSeekInfo = 0, fSeekFree = 0;
  int32_t fNbytesInfo = 0, fNbytesFree = 0;
  std::string fUuid;
  std::vector<Dir> fDirs; // [0]: the top directory
  std::set<std::string> fClasses; // written, for the StreamerInfo record
  // UPDATE: the file's StreamerInfo list as it was (uncompressed), its key's
  // length, and the classes it describes (name, version).
  std::string fOldInfos;
  int16_t fOldInfosKeyLen = 0;
  std::set<std::pair<std::string, int>> fOldClasses;
};

// ROOT's date encoding of now.
uint32_t datimeNow();

} // namespace cppnb::root::io
