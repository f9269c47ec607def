// TChain: trees in several files read as one.
#include <cppnb/root/all.hpp>

#include "byte_source.hpp"
#include "column.hpp"

#include <glob.h>

namespace cppnb::root {

TChain::TChain(const char *name, const char *title) : TTree(ChainTag{}, name, title) {}
TChain::~TChain() = default;

int TChain::AddFile(const char *name, Long64_t nentries, const char *tname) {
  File f;
  f.path = name ? name : "";
  f.tree = tname && *tname ? tname : GetName();
  (void)nentries; // ROOT's hint; the count comes from the file
  fFiles.push_back(f);
  auto n = std::make_unique<TNamed>(f.tree.c_str(), f.path.c_str());
  fFileList.Add(n.get());
  fFileNames.push_back(std::move(n));
  return 1;
}

int TChain::Add(const char *name, Long64_t nentries) {
  std::string spec = name ? name : "";
  std::string tree;
  // "file.root/tree": the part after the file's name names the tree.
  size_t dotRoot = spec.find(".root/");
  if (dotRoot != std::string::npos) {
    tree = spec.substr(dotRoot + 6);
    spec = spec.substr(0, dotRoot + 5);
  }
  if (spec.find_first_of("*?[") == std::string::npos) return AddFile(spec.c_str(), nentries, tree.c_str());
  int added = 0;
  if (io::isRemote(spec)) {
    try {
      for (const std::string &f : io::expandRemote(spec)) added += AddFile(f.c_str(), nentries, tree.c_str());
    } catch (const io::Error &e) {
      std::fprintf(stderr, "Error in <TChain::Add>: %s\n", e.what());
      return 0;
    }
    if (!added) std::fprintf(stderr, "Warning in <TChain::Add>: no file matches %s\n", spec.c_str());
    return added;
  }
  glob_t g{};
  if (::glob(spec.c_str(), 0, nullptr, &g) == 0)
    for (size_t i = 0; i < g.gl_pathc; ++i) added += AddFile(g.gl_pathv[i], nentries, tree.c_str());
  ::globfree(&g);
  if (!added) std::fprintf(stderr, "Warning in <TChain::Add>: no file matches %s\n", spec.c_str());
  return added;
}

bool TChain::open(int i) const {
  if (i == fTreeNumber && fCurrent) return true;
  fCurrent = nullptr;
  fFile.reset();
  fTreeNumber = -1;
  const File &f = fFiles[size_t(i)];
  TDirectory *saved = TDirectory::CurrentDirectory(); // opening a file of the chain leaves gDirectory alone
  auto file = std::make_unique<TFile>(f.path.c_str());
  TDirectory::CurrentDirectory() = saved;
  if (file->IsZombie()) {
    std::fprintf(stderr, "Error in <TChain::LoadTree>: cannot open %s\n", f.path.c_str());
    return false;
  }
  auto *tree = file->Get<TTree>(f.tree.c_str());
  if (!tree) {
    std::fprintf(stderr, "Error in <TChain::LoadTree>: cannot find tree with name %s in file %s\n", f.tree.c_str(), f.path.c_str());
    return false;
  }
  const_cast<File &>(f).entries = tree->GetEntries();
  fFile = std::move(file);
  fCurrent = tree;
  fTreeNumber = i;
  fOffset = 0;
  for (int j = 0; j < i; ++j) fOffset += std::max<Long64_t>(0, fFiles[size_t(j)].entries);
  for (const Address &a : fAddresses) fCurrent->bindAddress(a.branch.c_str(), a.addr, a.elem, a.assign, a.nested);
  for (const std::string &off : fDisabled) fCurrent->SetBranchStatus(off.c_str(), false);
  return true;
}

void TChain::countEntries() const {
  int keep = fTreeNumber;
  for (size_t i = 0; i < fFiles.size(); ++i)
    if (fFiles[i].entries < 0) open(int(i));
  if (keep >= 0 && keep != fTreeNumber) open(keep);
}

Long64_t TChain::GetEntries() const {
  countEntries();
  Long64_t n = 0;
  for (const File &f : fFiles) n += std::max<Long64_t>(0, f.entries);
  return n;
}

Long64_t TChain::LoadTree(Long64_t entry) {
  if (entry < 0) return -2;
  Long64_t first = 0;
  for (size_t i = 0; i < fFiles.size(); ++i) {
    if (fFiles[i].entries < 0 && !open(int(i))) return -4;
    if (entry < first + fFiles[i].entries) {
      if (!open(int(i))) return -4;
      fReadEntry = entry;
      return entry - first;
    }
    first += fFiles[i].entries;
  }
  return -2;
}

int TChain::GetEntry(Long64_t entry, int getall) {
  Long64_t local = LoadTree(entry);
  if (local < 0) return 0;
  return fCurrent->GetEntry(local, getall);
}

int TChain::bind(const char *bname, void *addr, io::Elem elem, Assign assign, bool nested) {
  for (Address &a : fAddresses)
    if (a.branch == bname) {
      a.addr = addr, a.elem = elem, a.assign = assign, a.nested = nested;
      return fCurrent ? fCurrent->bindAddress(bname, addr, elem, assign, nested) : 0;
    }
  fAddresses.push_back(Address{bname, addr, elem, assign, nested});
  openFirst();
  return fCurrent ? fCurrent->bindAddress(bname, addr, elem, assign, nested) : 0;
}

void TChain::openFirst() const {
  if (!fCurrent && !fFiles.empty()) open(0);
}

TBranch *TChain::GetBranch(const char *name) const {
  openFirst();
  return fCurrent ? fCurrent->GetBranch(name) : nullptr;
}
TLeaf *TChain::GetLeaf(const char *name) const {
  openFirst();
  return fCurrent ? fCurrent->GetLeaf(name) : nullptr;
}
TObjArray *TChain::GetListOfBranches() {
  openFirst();
  return fCurrent ? fCurrent->GetListOfBranches() : TTree::GetListOfBranches();
}
TObjArray *TChain::GetListOfLeaves() {
  openFirst();
  return fCurrent ? fCurrent->GetListOfLeaves() : TTree::GetListOfLeaves();
}
io::Column *TChain::openColumn(const char *name, std::string &error) const {
  openFirst();
  if (!fCurrent) {
    error = "The chain " + std::string(GetName()) + " has no tree that can be read.";
    return nullptr;
  }
  return fCurrent->openColumn(name, error);
}

void TChain::Print(Option_t *option) const {
  for (size_t i = 0; i < fFiles.size(); ++i)
    if (open(int(i))) fCurrent->Print(option);
}

} // namespace cppnb::root
