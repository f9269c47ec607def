// TTree, TBranch, TLeaf: a tree read from a file (structure, SetBranchAddress
// and GetEntry) or being written (Branch, Fill, Write: tree_writer.hpp).
#include <cppnb/root/all.hpp>

#include "column.hpp"
#include "file_writer.hpp"
#include "lists.hpp"
#include "tree_writer.hpp"

#include <cstring>

namespace cppnb::root {

// ---- TLeaf, TBranch ----

TLeaf::TLeaf(TBranch *branch, const io::LeafInfo &info)
    : TNamed(info.name.c_str(), info.title.c_str()), fBranch(branch), fClass(info.className), fLen(info.len), fType(info.type) {}

const char *TLeaf::GetTypeName() const {
  switch (fType) {
  case io::Elem::Bool: return "Bool_t";
  case io::Elem::Char: return "Char_t";
  case io::Elem::UChar: return "UChar_t";
  case io::Elem::Short: return "Short_t";
  case io::Elem::UShort: return "UShort_t";
  case io::Elem::Int: return "Int_t";
  case io::Elem::UInt: return "UInt_t";
  case io::Elem::Long64: return "Long64_t";
  case io::Elem::ULong64: return "ULong64_t";
  case io::Elem::Float: return "Float_t";
  case io::Elem::Double: return "Double_t";
  case io::Elem::String: return "Char_t";
  default: return "";
  }
}

TBranch::TBranch(TTree *tree, const io::BranchInfo &info)
    : TNamed(info.name.c_str(), info.title.c_str()), fTree(tree), fInfo(info), fClass(info.className) {}
TBranch::~TBranch() = default;
const char *TBranch::GetClassName() const { return fInfo.typeName.c_str(); }
Long64_t TBranch::GetEntries() const { return fInfo.entries; }
Long64_t TBranch::GetTotBytes(Option_t *) const { return fInfo.totBytes; }
Long64_t TBranch::GetZipBytes(Option_t *) const { return fInfo.zipBytes; }
int TBranch::GetBasketSize() const { return fInfo.basketSize; }
int TBranch::GetWriteBasket() const { return fInfo.baskets; }
TLeaf *TBranch::GetLeaf(const char *name) const { return static_cast<TLeaf *>(fLeaves.FindObject(name)); }
void TBranch::addLeaf(std::unique_ptr<TLeaf> leaf) {
  fLeaves.Add(leaf.get());
  fLeafStore.push_back(std::move(leaf));
}

void deleteColumn(io::Column *column) { delete column; }

// ---- TTree ----

struct TTree::Binding {
  std::unique_ptr<io::Column> column;
  io::EntryCursor cursor;
  void *addr;
  Assign assign;
};

TTree::TTree(std::shared_ptr<const io::TreeData> data, TDirectory *dir)
    : TNamed(data->name.c_str(), data->title.c_str()), fData(std::move(data)), fDir(dir) {
  std::vector<TBranch *> byDepth;
  for (const io::BranchInfo &info : fData->branches) {
    auto b = std::make_unique<TBranch>(this, info);
    for (const io::LeafInfo &l : info.leaves) {
      auto leaf = std::make_unique<TLeaf>(b.get(), l);
      fLeaves.Add(leaf.get());
      b->addLeaf(std::move(leaf));
    }
    byDepth.resize(size_t(info.depth) + 1);
    byDepth[size_t(info.depth)] = b.get();
    if (info.depth == 0) fBranches.Add(b.get());
    else byDepth[size_t(info.depth) - 1]->addBranch(b.get());
    fBranchStore.push_back(std::move(b));
  }
  for (TObject *o : fLeaves) { // counters: Muon_pt[nMuon] knows nMuon
    auto *leaf = static_cast<TLeaf *>(o);
    const io::LeafInfo *info = nullptr;
    for (const io::LeafInfo &l : leaf->GetBranch()->info().leaves)
      if (l.name == leaf->GetName()) info = &l;
    if (info && !info->countName.empty()) leaf->setCount(GetLeaf(info->countName.c_str()));
  }
}

TTree::TTree(ChainTag, const char *name, const char *title) : TNamed(name, title), fDir(nullptr) {}

TTree::TTree(const char *name, const char *title, int, TDirectory *dir)
    : TNamed(name, title), fDir(dir ? dir : TDirectory::CurrentDirectory()), fWriter(std::make_unique<io::TreeWriter>(name ? name : "", title ? title : "")) {
  if (!fDir || !fDir->fileWriter())
    std::fprintf(stderr, "Warning in <TTree::TTree>: tree %s is not attached to a file open for writing; Fill will fail\n", GetName());
  else if (cppnb_root_object_created) cppnb_root_object_created(this); // the file's Write writes it
}

TBranch *TTree::branch(const char *name, void *address, const char *leaflist, io::Elem elem, int bufsize) {
  if (!fWriter) {
    std::fprintf(stderr, "Error in <TTree::Branch>: tree %s was read from a file; cppnb adds branches only to trees it writes\n", GetName());
    return nullptr;
  }
  try {
    if (leaflist) fWriter->addBranch(name ? name : "", address, leaflist, bufsize);
    else fWriter->addBranch(name ? name : "", address, elem, bufsize);
  } catch (const io::Error &e) {
    std::fprintf(stderr, "Error in <TTree::Branch>: %s\n", e.what());
    return nullptr;
  }
  return writtenBranch(name, leaflist ? leaflist : "", "TBranch");
}

// The TBranch a Branch call returns for a branch being written.
TBranch *TTree::writtenBranch(const char *name, const char *title, const char *cls) {
  auto info = std::make_unique<io::BranchInfo>();
  info->name = name;
  info->title = title;
  info->className = cls;
  auto b = std::make_unique<TBranch>(this, *info);
  TBranch *made = b.get();
  fBranches.Add(made);
  fBranchStore.push_back(std::move(b));
  fWrittenBranches.push_back(std::move(info));
  return made;
}

TBranch *TTree::vectorBranch(const char *name, const void *address, io::Elem elem, VectorView view, int bufsize) {
  if (!fWriter) {
    std::fprintf(stderr, "Error in <TTree::Branch>: tree %s was read from a file; cppnb adds branches only to trees it writes\n", GetName());
    return nullptr;
  }
  try {
    fWriter->addVectorBranch(name ? name : "", address, elem, view, bufsize);
  } catch (const io::Error &e) {
    std::fprintf(stderr, "Error in <TTree::Branch>: %s\n", e.what());
    return nullptr;
  }
  return writtenBranch(name, name, "TBranchElement");
}

TNtuple::TNtuple(const char *name, const char *title, const char *varlist, int bufsize) : TTree(name, title) {
  std::vector<std::string> names = io::splitList(varlist ? varlist : "");
  fValues.assign(names.size(), 0.0f); // fixed from here on: the branches keep its addresses
  for (size_t i = 0; i < names.size(); ++i) Branch(names[i].c_str(), &fValues[i], (names[i] + "/F").c_str(), bufsize);
}

int TNtuple::Fill(const float *x) { return fillN(x, fValues.size()); }

int TNtuple::fillN(const float *x, size_t n) {
  if (n != fValues.size())
    std::fprintf(stderr, "Warning in <TNtuple::Fill>: %zu values given, the ntuple %s has %zu columns\n", n, GetName(), fValues.size());
  for (size_t i = 0; i < fValues.size(); ++i) fValues[i] = i < n ? x[i] : 0.0f;
  return TTree::Fill();
}

int TTree::Fill() {
  if (!fWriter) {
    std::fprintf(stderr, "Error in <TTree::Fill>: tree %s was read from a file\n", GetName());
    return -1;
  }
  std::shared_ptr<io::FileWriter> out = fDir ? fDir->fileWriter() : nullptr;
  if (!out || out->closed()) {
    std::fprintf(stderr, "Error in <TTree::Fill>: the file of tree %s is not open for writing\n", GetName());
    return -1;
  }
  try {
    return fWriter->fill(*out);
  } catch (const io::Error &e) {
    std::fprintf(stderr, "Error in <TTree::Fill>: %s\n", e.what());
    return -1;
  }
}

int TTree::Write(const char *name, int, int) const {
  if (!fWriter) return TObject::Write(name);
  std::shared_ptr<io::FileWriter> out = fDir ? fDir->fileWriter() : nullptr;
  if (!out || out->closed()) {
    std::fprintf(stderr, "Error in <TTree::Write>: the file of tree %s is not open for writing\n", GetName());
    return 0;
  }
  try {
    io::RecordPtr record = fWriter->finish(*out);
    io::KeyInfo k = out->write(*record, name && *name ? name : GetName(), GetTitle(), fDir->writerDirectory());
    fDir->addKey(k);
    return k.nbytes;
  } catch (const std::exception &e) {
    std::fprintf(stderr, "Error in <TTree::Write>: %s\n", e.what());
    return 0;
  }
}

TTree::~TTree() = default;

Long64_t TTree::GetEntries() const { return fWriter ? fWriter->entries() : fData ? fData->entries : 0; }
Long64_t TTree::GetTotBytes() const { return fWriter ? fWriter->totBytes() : fData ? fData->totBytes : 0; }
Long64_t TTree::GetZipBytes() const { return fWriter ? fWriter->zipBytes() : fData ? fData->zipBytes : 0; }

TBranch *TTree::GetBranch(const char *name) const {
  for (const auto &b : fBranchStore)
    if (std::strcmp(b->GetName(), name) == 0) return b.get();
  return nullptr;
}

TLeaf *TTree::GetLeaf(const char *name) const {
  for (TObject *o : fLeaves)
    if (std::strcmp(o->GetName(), name) == 0) return static_cast<TLeaf *>(o);
  std::string n = name;
  size_t dot = n.rfind('.');
  if (dot != std::string::npos)
    if (TBranch *b = GetBranch(n.substr(0, dot).c_str())) return b->GetLeaf(n.substr(dot + 1).c_str());
  return nullptr;
}

io::Column *TTree::openColumn(const char *name, std::string &error) const {
  int leaf = 0;
  if (!fData) {
    error = "The tree " + std::string(GetName()) + " is being written; read it back from its file after Write.";
    return nullptr;
  }
  const io::BranchInfo *b = fData->findBranch(name ? name : "", &leaf);
  if (!b) {
    error = "The tree does not have a branch called " + std::string(name ? name : "") +
            ". You could check with TTree::Print() for available branches.";
    return nullptr;
  }
  if (b->layout == io::Layout::Unsupported) {
    error = "The branch " + b->name + " cannot be read: " + b->unsupported + ".";
    return nullptr;
  }
  if (b->leaves.empty()) {
    error = "The branch " + b->name + " has no leaves.";
    return nullptr;
  }
  return new io::Column(fData, *b, leaf);
}

bool TTree::columnType(const char *name, io::Elem &elem, bool &collection, std::string &error) const {
  std::unique_ptr<io::Column> column(openColumn(name, error));
  if (!column) return false;
  if (io::nested(*column)) {
    error = "The branch " + column->branch().name + " holds " + column->branch().typeName + "; cppnb reads it with TTreeReaderValue only.";
    return false;
  }
  elem = column->type();
  collection = io::manyPerEntry(*column);
  return true;
}

int TTree::bind(const char *bname, void *addr, io::Elem elem, Assign assign, bool nested) {
  std::string error;
  std::unique_ptr<io::Column> column(openColumn(bname, error));
  if (!column) {
    std::fprintf(stderr, "Error in <TTree::SetBranchAddress>: unknown branch -> %s\n", bname);
    return -5; // kMissingBranch
  }
  if (column->type() != elem || io::nested(*column) != nested) {
    std::string has = io::heldType(*column);
    std::fprintf(stderr,
                 "Error in <TTree::SetBranchAddress>: The pointer type given \"%s\" does not correspond to the type "
                 "needed \"%s\" by the branch: %s\n",
                 nested ? (std::string("a vector of ") + (elem == io::Elem::String ? "strings" : io::elemName(elem)) + " sequences").c_str()
                        : io::elemName(elem),
                 has.c_str(), bname);
    return -2; // kMismatch
  }
  for (auto &b : fBindings)
    if (b.column->branch().name == column->branch().name && b.column->leaf().name == column->leaf().name) {
      b.addr = addr, b.assign = assign;
      return 0;
    }
  fBindings.push_back(Binding{std::move(column), {}, addr, assign});
  return 0;
}

void TTree::ResetBranchAddresses() { fBindings.clear(); }

void TTree::SetBranchStatus(const char *bname, bool status, unsigned int *found) {
  std::string pattern = bname ? bname : "*";
  auto matches = [&](const std::string &name) {
    if (pattern == "*") return true;
    if (!pattern.empty() && pattern.back() == '*') return name.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
    return name == pattern;
  };
  unsigned n = 0;
  for (TObject *o : *GetListOfBranches()) {
    std::string name = o->GetName();
    if (!matches(name)) continue;
    ++n;
    auto it = std::find(fDisabled.begin(), fDisabled.end(), name);
    if (status && it != fDisabled.end()) fDisabled.erase(it);
    if (!status && it == fDisabled.end()) fDisabled.push_back(name);
  }
  if (found) *found = n;
  if (!n) std::fprintf(stderr, "Error in <TTree::SetBranchStatus>: unknown branch -> %s\n", pattern.c_str());
}

bool TTree::GetBranchStatus(const char *bname) const {
  return std::find(fDisabled.begin(), fDisabled.end(), std::string(bname ? bname : "")) == fDisabled.end();
}

Long64_t TTree::LoadTree(Long64_t entry) {
  if (entry < 0 || entry >= GetEntries()) return -2;
  fReadEntry = entry;
  return entry;
}

int TTree::GetEntry(Long64_t entry, int) {
  if (entry < 0 || entry >= GetEntries()) return 0;
  fReadEntry = entry;
  int bytes = 0;
  for (Binding &b : fBindings) {
    bool on = GetBranchStatus(b.column->branch().name.c_str());
    b.column->setPrefetched(on);
    if (!on) continue;
    size_t count = 0;
    std::string error;
    const char *values = io::entryValues(*b.column, entry, b.cursor, count, error);
    if (!values && !error.empty()) {
      std::fprintf(stderr, "Error in <TTree::GetEntry>: %s\n", error.c_str());
      return -1;
    }
    size_t size = io::elemSize(b.column->type());
    if (b.assign) b.assign(b.addr, values, count, b.cursor);
    else if (b.column->type() == io::Elem::String) {
      std::memcpy(b.addr, values, count);
      static_cast<char *>(b.addr)[count] = '\0';
    } else std::memcpy(b.addr, values, count * size);
    bytes += int(count * size);
  }
  return bytes;
}

} // namespace cppnb::root
