// TFile, TDirectory: keys, subdirectories, the objects read from them.
#include <cppnb/root/all.hpp>

#include "file_data.hpp"
#include "file_writer.hpp"
#include "tree_data.hpp"

#include <algorithm>
#include <cstring>
#include <unistd.h>
#include <set>

namespace cppnb::root {

namespace {

// gDirectory before any file is opened, and after the current one closes:
// ROOT's in-memory "Rint" directory.
TDirectory &memoryDirectory() {
  static TDirectory *rint = new TDirectory("Rint", "ROOT session");
  return *rint;
}

std::string upper(const char *s) {
  std::string u = s ? s : "";
  for (char &c : u) c = char(std::toupper(static_cast<unsigned char>(c)));
  return u;
}

// "name;cycle" into its parts (cycle 9999: the highest).
std::pair<std::string, short> splitCycle(const std::string &namecycle) {
  size_t semi = namecycle.find(';');
  if (semi == std::string::npos) return {namecycle, short(9999)};
  return {namecycle.substr(0, semi), short(std::atoi(namecycle.c_str() + semi + 1))};
}

} // namespace

// The directories holding histograms in memory (files being written).
std::set<TDirectory *> &writableDirectories() {
  static std::set<TDirectory *> dirs;
  return dirs;
}

TDirectory *&TDirectory::CurrentDirectory() {
  static TDirectory *current = &memoryDirectory();
  return current;
}

TDirectory::TDirectory(const char *name, const char *title, TDirectory *mother)
    : TNamed(name, title), fMother(mother) {}

TDirectory::~TDirectory() {
  writableDirectories().erase(this);
  TDirectory *&current = CurrentDirectory();
  if (current == this) current = this == &memoryDirectory() ? nullptr : &memoryDirectory();
  clearContents();
}

void TDirectory::clearContents() {
  fMemory.Clear();
  TDirectory *&current = CurrentDirectory();
  for (auto &d : fSubdirs)
    if (current == d.get()) current = &memoryDirectory();
  fObjects.clear();
  fDirs.clear();
  fSubdirs.clear();
  fKeys.Clear();
  fKeyStore.clear();
}

void TDirectory::Close(Option_t *) { clearContents(); }

void TDirectory::setKeys(const io::DirectoryInfo &info) {
  for (const io::KeyInfo &k : info.keys) {
    auto key = std::make_unique<TKey>(this, k.name, k.title, k.className, k.cycle, k.nbytes, k.objLen, k.keyLen, k.seekKey);
    fKeys.Add(key.get());
    fKeyStore.push_back(std::move(key));
  }
}

void TDirectory::addKey(const io::KeyInfo &k) {
  auto key = std::make_unique<TKey>(this, k.name, k.title, k.className, k.cycle, k.nbytes, k.objLen, k.keyLen, k.seekKey);
  fKeys.Add(key.get());
  fKeyStore.push_back(std::move(key));
}

void TDirectory::forget(const TObject *obj) { fMemory.Remove(const_cast<TObject *>(obj)); }

int TDirectory::Write(const char *, int, int) const {
  if (!fileWriter()) {
    std::fprintf(stderr, "Error in <TDirectoryFile::Write>: %s is not open for writing\n", GetName());
    return 0;
  }
  int bytes = 0;
  std::vector<TObject *> objects(fMemory.begin(), fMemory.end());
  for (TObject *o : objects) bytes += const_cast<TDirectory *>(this)->WriteTObject(o);
  for (const auto &d : fSubdirs) bytes += d->Write(); // as ROOT: the subdirectories' objects too
  return bytes;
}

TKey *TDirectory::GetKey(const char *name, short cycle) const {
  TKey *best = nullptr;
  for (TObject *o : fKeys) {
    auto *k = static_cast<TKey *>(o);
    if (std::strcmp(k->GetName(), name) != 0) continue;
    if (cycle == 9999 ? (!best || k->GetCycle() > best->GetCycle()) : k->GetCycle() == cycle) best = k;
  }
  return best;
}

TKey *TDirectory::FindKey(const char *namecycle) const {
  auto [name, cycle] = splitCycle(namecycle ? namecycle : "");
  return GetKey(name.c_str(), cycle);
}

TObject *TDirectory::cached(const TKey *key) const {
  auto d = fDirs.find(key);
  if (d != fDirs.end()) return d->second;
  auto it = fObjects.find(key);
  return it == fObjects.end() ? nullptr : it->second.get();
}

void TDirectory::adopt(const TKey *key, TObject *obj) { fObjects[key].reset(obj); }

TObject *TDirectory::readKey(TKey &key, io::RecordPtr &record) {
  std::shared_ptr<io::FileData> file = fileData();
  if (!file) throw io::Error(std::string(GetName()) + " is closed");
  std::string cls = key.GetClassName();
  io::KeyInfo k = file->readKey(key.GetSeekKey());
  if (key.IsFolder()) {
    auto dir = std::make_unique<TDirectory>(key.GetName(), key.GetTitle(), this);
    dir->setKeys(file->readSubdirectory(k));
    if (std::shared_ptr<io::FileWriter> writer = fileWriter()) dir->fWriterDirectory = writer->directoryAt(k.seekKey);
    TDirectory *d = dir.get();
    fSubdirs.push_back(std::move(dir));
    fDirs[&key] = d; // owned by fSubdirs; Get gives the same one again
    return d;
  }
  io::RecordPtr r = file->readRecord(k);
  if (cls == "TTree" || cls == "TNtuple" || cls == "TNtupleD") {
    auto data = io::readTree(file, *r);
    TTree *tree = cls == "TNtuple" ? new TNtuple(data, this) : new TTree(data, this);
    adopt(&key, tree);
    return tree;
  }
  record = r;
  return nullptr;
}

TDirectory *TDirectory::GetDirectory(const char *path) {
  std::string p = path ? path : "";
  TDirectory *dir = this;
  size_t colon = p.find(":/");
  if (colon != std::string::npos) {
    dir = GetFile();
    p = p.substr(colon + 2);
  }
  size_t start = 0;
  while (dir && start <= p.size()) {
    size_t slash = p.find('/', start);
    std::string part = p.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    start = slash == std::string::npos ? p.size() + 1 : slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      dir = dir->fMother ? dir->fMother : dir;
      continue;
    }
    TKey *key = dir->FindKey(part.c_str());
    if (!key || !key->IsFolder()) return nullptr;
    dir = dynamic_cast<TDirectory *>(dir->Get(part.c_str()));
  }
  return dir;
}

TFile *TDirectory::GetFile() const {
  const TDirectory *d = this;
  while (d->fMother) d = d->fMother;
  return dynamic_cast<TFile *>(const_cast<TDirectory *>(d));
}

std::string TDirectory::GetPathString() const {
  if (!fMother) return std::string(GetName()) + ":/";
  std::string parent = fMother->GetPathString();
  return parent + (parent.back() == '/' ? "" : "/") + GetName();
}

const char *TDirectory::GetPath() const {
  fPath = GetPathString();
  return fPath.c_str();
}

bool TDirectory::cd(const char *path) {
  TDirectory *dir = path && *path ? GetDirectory(path) : this;
  if (!dir) {
    std::fprintf(stderr, "Error in <TDirectoryFile::cd>: Unknown directory %s\n", path);
    return false;
  }
  CurrentDirectory() = dir;
  return true;
}

TDirectory *TDirectory::mkdir(const char *name, const char *title, bool returnExistingDirectory) {
  std::string path = name ? name : "";
  if (path.empty()) {
    std::fprintf(stderr, "Error in <TDirectoryFile::mkdir>: Can not create a directory with an empty name\n");
    return nullptr;
  }
  size_t slash = path.find('/');
  if (slash != std::string::npos) { // each level in turn, made when missing
    TDirectory *first = GetDirectory(path.substr(0, slash).c_str());
    if (!first) first = mkdir(path.substr(0, slash).c_str(), "");
    if (!first) return nullptr;
    return first->mkdir(path.substr(slash + 1).c_str(), title, returnExistingDirectory);
  }
  if (TKey *existing = FindKey(path.c_str())) {
    if (returnExistingDirectory && existing->IsFolder()) return GetDirectory(path.c_str());
    std::fprintf(stderr, "Error in <TDirectoryFile::mkdir>: An object with name %s exists already\n", path.c_str());
    return nullptr;
  }
  std::shared_ptr<io::FileWriter> writer = fileWriter();
  if (!writer || writer->closed()) {
    std::fprintf(stderr, "Error in <TDirectoryFile::mkdir>: %s is not open for writing; cannot make directory %s\n", GetName(), path.c_str());
    return nullptr;
  }
  try {
    io::KeyInfo k;
    int id = writer->mkdir(fWriterDirectory, path, title ? title : "", k);
    addKey(k);
    auto dir = std::make_unique<TDirectory>(path.c_str(), title ? title : "", this);
    dir->fWriterDirectory = id;
    TDirectory *d = dir.get();
    fSubdirs.push_back(std::move(dir));
    fDirs[static_cast<TKey *>(fKeys.Last())] = d;
    return d;
  } catch (const io::Error &e) {
    std::fprintf(stderr, "Error in <TDirectoryFile::mkdir>: %s\n", e.what());
    return nullptr;
  }
}

void TDirectory::ls(Option_t *) const {
  std::printf(" TDirectoryFile*\t\t%s\t%s\n", GetName(), GetTitle());
  for (TObject *o : fKeys) {
    auto *k = static_cast<TKey *>(o);
    std::printf("  KEY: %s\t%s;%d\t%s\n", k->GetClassName(), k->GetName(), int(k->GetCycle()), k->GetTitle());
  }
}

// ---- TFile ----

TFile::TFile() : TDirectory("", "") {}

TFile::TFile(const char *fname, Option_t *option, const char *ftitle, int compress)
    : TDirectory(fname ? fname : "", ftitle ? ftitle : ""), fOption(upper(option)) {
  if (fOption.empty()) fOption = "READ";
  if (fOption == "RECREATE" || fOption == "NEW" || fOption == "CREATE" || fOption == "UPDATE") {
    if (io::isRemote(GetName())) {
      std::fprintf(stderr, "Error in <TFile::TFile>: cannot write %s: remote files are read only here (option %s); write a local file and copy it (xrdcp)\n",
                   GetName(), fOption.c_str());
      fZombie = true;
      return;
    }
    try {
      // An existing file being updated is read once: its objects stay readable, and the writer adds to it.
      if (fOption == "UPDATE" && ::access(GetName(), F_OK) == 0) fData = std::make_shared<io::FileData>(io::openLocalFile(GetName()));
      fWriter = std::make_shared<io::FileWriter>(GetName(), fOption, GetTitle(), compress, fData.get());
      if (fData) {
        if (!*GetTitle()) SetTitle(fData->title().c_str());
        setKeys(fData->top());
      }
    } catch (const io::Error &e) {
      std::fprintf(stderr, "Error in <TFile::TFile>: %s\n", e.what());
      fWriter.reset();
      fData.reset();
      fZombie = true;
      return;
    }
    CurrentDirectory() = this;
    return;
  }
  if (fOption != "READ") {
    std::fprintf(stderr, "Error in <TFile::TFile>: cannot open %s with option %s: cppnb knows READ, RECREATE, NEW, CREATE and UPDATE\n",
                 GetName(), fOption.c_str());
    fZombie = true;
    return;
  }
  try {
    fData = std::make_shared<io::FileData>(io::openSource(GetName()));
    if (!*GetTitle()) SetTitle(fData->title().c_str());
    setKeys(fData->top());
  } catch (const io::Error &e) {
    std::fprintf(stderr, "Error in <TFile::TFile>: %s\n", e.what());
    fData.reset();
    fZombie = true;
    return;
  }
  CurrentDirectory() = this;
}

TFile::~TFile() { Close(); }

TFile *TFile::Open(const char *name, Option_t *option, const char *ftitle, int compress, int) {
  auto *f = new TFile(name, option, ftitle, compress);
  if (f->IsZombie()) {
    delete f;
    return nullptr;
  }
  return f;
}

void TFile::Close(Option_t *) {
  if (fWriter) {
    try {
      fWriter->close();
    } catch (const io::Error &e) {
      std::fprintf(stderr, "Error in <TFile::Close>: %s\n", e.what());
    }
    fWriter.reset();
  }
  clearContents();
  fData.reset();
  TDirectory *&current = CurrentDirectory();
  if (current == this) current = &memoryDirectory();
}

void TFile::ls(Option_t *) const {
  std::printf("TFile**\t\t%s\t%s\n", GetName(), GetTitle());
  std::printf(" TFile*\t\t%s\t%s\n", GetName(), GetTitle());
  for (TObject *o : fKeys) {
    auto *k = static_cast<TKey *>(o);
    std::printf("  KEY: %s\t%s;%d\t%s\n", k->GetClassName(), k->GetName(), int(k->GetCycle()), k->GetTitle());
  }
}

Long64_t TFile::GetSize() const { return fData ? Long64_t(fData->size()) : 0; }
int TFile::GetVersion() const { return fData ? fData->version() : 0; }
int TFile::GetCompressionSettings() const { return fWriter ? fWriter->compression() : fData ? fData->compression() : 0; }

void TFile::SetCompressionSettings(int settings) {
  if (fWriter) fWriter->setCompression(settings);
}

} // namespace cppnb::root

// ---- the hooks the header-only classes call (weak there) ----

using cppnb::root::TDirectory;
using cppnb::root::TObject;

extern "C" int cppnb_root_write_record(const cppnb::root::io::Record *record, const char *name, const char *title) {
  TDirectory *dir = TDirectory::CurrentDirectory();
  std::shared_ptr<cppnb::root::io::FileWriter> writer = dir ? dir->fileWriter() : nullptr;
  if (dir && !writer && dir->fileData()) {
    std::fprintf(stderr, "Error in <TDirectoryFile::WriteTObject>: Directory %s is not writable (opened for reading)\n", dir->GetName());
    return 0;
  }
  if (!writer || writer->closed()) {
    std::fprintf(stderr,
                 "Error in <TROOT::WriteTObject>: The current directory (%s) is not associated with a file. The object (%s) has not been written.\n",
                 dir ? dir->GetName() : "none", name);
    return 0;
  }
  try {
    cppnb::root::io::KeyInfo k = writer->write(*record, name, title ? title : "", dir->writerDirectory());
    dir->addKey(k);
    return k.nbytes;
  } catch (const std::exception &e) {
    std::fprintf(stderr, "Error in <TObject::Write>: %s: %s\n", name, e.what());
    return 0;
  }
}

extern "C" void cppnb_root_object_created(TObject *obj) { cppnb_root_object_attach(obj, TDirectory::CurrentDirectory()); }

extern "C" void cppnb_root_object_attach(TObject *obj, TDirectory *dir) {
  if (dir && dir->fileWriter()) {
    dir->GetList()->Add(obj);
    cppnb::root::writableDirectories().insert(dir);
  }
}

extern "C" void cppnb_root_object_deleted(const TObject *obj) {
  // Only files being written hold objects in memory; each knows its own.
  for (TDirectory *d : cppnb::root::writableDirectories()) d->forget(obj);
}
