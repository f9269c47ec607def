// ROOT files: TFile, TDirectory (TDirectoryFile), TKey. Reading, for now:
// keys, nested directories, cycles, and objects read into the library's
// classes (file_objects.hpp says which). Implemented in the I/O library
// (root/src/io, libcppnb-root), which the kernel's host, %%slurm programs and
// g++ programs link; the inline parts here are what must be the session's own
// code (turning a record into a histogram).
#pragma once

#include "collections.hpp"
#include "histograms.hpp"
#include "io/record.hpp"

#include <map>
#include <memory>
#include <string>

namespace cppnb::root {

namespace io {
class FileData;
class FileWriter;
struct DirectoryInfo;
struct KeyInfo;
} // namespace io

class TDirectory;
class TFile;

class TKey : public TNamed {
public:
  TKey(TDirectory *dir, const std::string &name, const std::string &title, const std::string &cls, short cycle,
       int nbytes, int objlen, int keylen, Long64_t seek)
      : TNamed(name.c_str(), title.c_str()), fDir(dir), fClass(cls), fCycle(cycle), fNbytes(nbytes), fObjlen(objlen),
        fKeylen(keylen), fSeek(seek) {}
  const char *ClassName() const override { return "TKey"; }
  const char *GetClassName() const { return fClass.c_str(); }
  short GetCycle() const { return fCycle; }
  int GetNbytes() const { return fNbytes; }
  int GetObjlen() const { return fObjlen; }
  int GetKeylen() const { return fKeylen; }
  Long64_t GetSeekKey() const { return fSeek; }
  TDirectory *GetMotherDir() const { return fDir; }
  bool IsFolder() const { return fClass == "TDirectory" || fClass == "TDirectoryFile"; }
  inline TObject *ReadObj();
  template <class T> T *ReadObject() { return dynamic_cast<T *>(ReadObj()); }
  void Print(Option_t * = "") const override {
    std::printf("TKey Name = %s, Title = %s, Cycle = %d\n", GetName(), GetTitle(), int(fCycle));
  }

private:
  TDirectory *fDir;
  std::string fClass;
  short fCycle;
  int fNbytes, fObjlen, fKeylen;
  Long64_t fSeek;
};

class TDirectory : public TNamed {
public:
  TDirectory(const char *name = "", const char *title = "", TDirectory *mother = nullptr);
  ~TDirectory() override;
  TDirectory(const TDirectory &) = delete;
  TDirectory &operator=(const TDirectory &) = delete;
  const char *ClassName() const override { return "TDirectoryFile"; }

  // "name", "name;cycle", "dir/sub/name": the object, read once and owned by
  // this directory (as ROOT's), or nullptr with an error printed.
  inline TObject *Get(const char *namecycle);
  template <class T> T *Get(const char *namecycle) { return dynamic_cast<T *>(Get(namecycle)); }
  template <class T> void GetObject(const char *namecycle, T *&ptr) { ptr = Get<T>(namecycle); }
  TList *GetListOfKeys() { return &fKeys; }
  TKey *GetKey(const char *name, short cycle = 9999) const;
  TKey *FindKey(const char *namecycle) const;
  TDirectory *GetDirectory(const char *path);
  TDirectory *GetMotherDir() const { return fMother; }
  TFile *GetFile() const;
  // "file.root:/dir/sub"
  std::string GetPathString() const;
  const char *GetPath() const;
  bool cd(const char *path = nullptr);
  // A subdirectory (or "a/b/c", each level made when missing) of a directory
  // being written; nullptr with ROOT's message when name exists already
  // (unless returnExistingDirectory) or the file is not writable.
  TDirectory *mkdir(const char *name, const char *title = "", bool returnExistingDirectory = false);
  virtual void ls(Option_t *option = "") const;
  void Print(Option_t *option = "") const override { ls(option); }
  virtual void Close(Option_t *option = "");
  // Writes the histograms that belong to this directory (made while it was
  // current), as ROOT's TDirectoryFile::Write. The bytes written.
  int Write(const char *name = nullptr, int option = 0, int bufsize = 0) const override;
  // obj into this directory, under name (its own by default).
  // ROOT's typed form: obj under name (the objects cppnb writes are TObjects).
  template <class T> int WriteObject(const T *obj, const char *name, Option_t *option = "", int bufsize = 0) {
    static_assert(std::is_base_of_v<TObject, T>, "WriteObject: cppnb writes histograms, graphs and trees (TObjects)");
    return WriteTObject(obj, name, option, bufsize);
  }
  int WriteTObject(const TObject *obj, const char *name = nullptr, Option_t * = "", int = 0) {
    TDirectory *saved = CurrentDirectory();
    CurrentDirectory() = this;
    int n = obj ? obj->Write(name) : 0;
    CurrentDirectory() = saved;
    return n;
  }
  // The objects in memory that belong to this directory.
  TList *GetList() { return &fMemory; }
  // What gDirectory reads and sets.
  static TDirectory *&CurrentDirectory();

  // ---- for the inline parts and the I/O library ----
  // Reads key: an I/O object (a TTree, a TDirectory) made by the library, or
  // the record for the session's converters. Throws io::Error.
  TObject *readKey(TKey &key, io::RecordPtr &record);
  TObject *cached(const TKey *key) const;
  void adopt(const TKey *key, TObject *obj);
  void setKeys(const io::DirectoryInfo &info);
  void addKey(const io::KeyInfo &key);
  virtual std::shared_ptr<io::FileWriter> fileWriter() const { return fMother ? fMother->fileWriter() : nullptr; }
  // This directory's number in the file being written (0: the file's top).
  int writerDirectory() const { return fWriterDirectory; }
  void forget(const TObject *obj);
  virtual std::shared_ptr<io::FileData> fileData() const { return fMother ? fMother->fileData() : nullptr; }

protected:
  void clearContents();
  TDirectory *fMother;
  TList fKeys;
  std::vector<std::unique_ptr<TKey>> fKeyStore;
  std::map<const TKey *, std::unique_ptr<TObject>> fObjects;
  std::vector<std::unique_ptr<TDirectory>> fSubdirs;
  std::map<const TKey *, TDirectory *> fDirs;
  TList fMemory; // histograms made while this directory was current (not owned)
  mutable std::string fPath;
  int fWriterDirectory = 0;
};

using TDirectoryFile = TDirectory;

class TFile : public TDirectory {
public:
  TFile();
  // option: "READ" (the default); "RECREATE", "NEW" or "CREATE" to write one.
  // compress: ROOT's setting, algorithm*100 + level (101 zlib 1, the default;
  // 404 lz4, 505 zstd, 207 lzma; 0 none).
  TFile(const char *fname, Option_t *option = "", const char *ftitle = "", int compress = 101);
  ~TFile() override;
  static TFile *Open(const char *name, Option_t *option = "", const char *ftitle = "", int compress = 101, int netopt = 0);
  const char *ClassName() const override { return "TFile"; }

  bool IsZombie() const { return fZombie; }
  bool IsOpen() const { return fData != nullptr || fWriter != nullptr; }
  bool IsWritable() const { return fWriter != nullptr; }
  void Close(Option_t *option = "") override;
  void ls(Option_t *option = "") const override;
  Long64_t GetSize() const;
  Long64_t GetEND() const { return GetSize(); }
  int GetVersion() const;
  int GetCompressionSettings() const;
  void SetCompressionSettings(int settings = 101);
  void SetCompressionAlgorithm(int algorithm = 1) { SetCompressionSettings(algorithm * 100 + GetCompressionLevel()); }
  void SetCompressionLevel(int level = 1) { SetCompressionSettings(GetCompressionAlgorithm() * 100 + level); }
  int GetCompressionAlgorithm() const { return GetCompressionSettings() / 100; }
  int GetCompressionLevel() const { return GetCompressionSettings() % 100; }
  const char *GetOption() const { return fOption.c_str(); }
  std::shared_ptr<io::FileData> fileData() const override { return fData; }
  std::shared_ptr<io::FileWriter> fileWriter() const override { return fWriter; }

private:
  std::shared_ptr<io::FileData> fData;
  std::shared_ptr<io::FileWriter> fWriter;
  std::string fOption;
  bool fZombie = false;
};

// A record turned into one of the library's classes (file_objects.hpp), or
// nullptr when the class is not one it has.
inline TObject *objectFromRecord(const io::Record &record);

inline TObject *TDirectory::Get(const char *namecycle) {
  std::string path = namecycle ? namecycle : "";
  size_t slash = path.find_last_of('/');
  if (slash != std::string::npos) {
    TDirectory *dir = GetDirectory(path.substr(0, slash).c_str());
    return dir ? dir->Get(path.substr(slash + 1).c_str()) : nullptr;
  }
  TKey *key = FindKey(path.c_str());
  if (!key) {
    // ROOT looks in memory first: the directory's objects, then (cppnb keeps
    // no other list) the histograms booked in the session by that name.
    if (TObject *obj = fMemory.FindObject(path.c_str())) return obj;
    return findHistogramInMemory(path.c_str());
  }
  if (TObject *obj = cached(key)) return obj;
  try {
    io::RecordPtr record;
    TObject *obj = readKey(*key, record);
    if (!obj && record) {
      obj = objectFromRecord(*record);
      if (!obj) {
        std::fprintf(stderr, "Error in <TDirectoryFile::Get>: %s: cppnb cannot read objects of class %s yet\n",
                     path.c_str(), key->GetClassName());
        return nullptr;
      }
      adopt(key, obj);
    }
    return obj;
  } catch (const std::exception &e) {
    std::fprintf(stderr, "Error in <TDirectoryFile::Get>: %s\n", e.what());
    return nullptr;
  }
}

inline TObject *TKey::ReadObj() {
  return fDir ? fDir->Get((std::string(GetName()) + ";" + std::to_string(fCycle)).c_str()) : nullptr;
}

} // namespace cppnb::root

#define gDirectory (::cppnb::root::TDirectory::CurrentDirectory())
