// TChain: one tree read across several files, as one: Add("dir/run*.root")
// (wildcards in the file name), then the TTree API (GetEntries, GetEntry,
// SetBranchAddress) and TTreeReader over all of its entries. Files are opened
// one at a time, when the loop reaches them.
#pragma once

#include "file.hpp"
#include "tree.hpp"

namespace cppnb::root {

class TChain : public TTree {
public:
  TChain(const char *name = "", const char *title = "");
  ~TChain() override;
  const char *ClassName() const override { return "TChain"; }

  // Adds the files matching name (a path with * ? [..] in its last part);
  // "file.root/tree" names another tree than the chain's. The number added.
  int Add(const char *name, Long64_t nentries = -1);
  int AddFile(const char *name, Long64_t nentries = -1, const char *tname = "");
  int GetNtrees() const { return int(fFiles.size()); }
  TObjArray *GetListOfFiles() { return &fFileList; }

  Long64_t GetEntries() const override;
  Long64_t LoadTree(Long64_t entry) override;
  int GetEntry(Long64_t entry, int getall = 0) override;
  TTree *GetTree() const override { return fCurrent; }
  int GetTreeNumber() const override { return fTreeNumber; }
  Long64_t GetChainOffset() const { return fOffset; }
  TBranch *GetBranch(const char *name) const override;
  TLeaf *GetLeaf(const char *name) const override;
  TObjArray *GetListOfBranches() override;
  TObjArray *GetListOfLeaves() override;
  void Print(Option_t *option = "") const override;
  io::Column *openColumn(const char *name, std::string &error) const override;

private:
  int bind(const char *bname, void *addr, io::Elem elem, Assign assign, bool nested) override;
  struct File {
    std::string path, tree;
    Long64_t entries = -1; // -1: not known before the file is opened
  };
  // Opens file i and its tree; false with ROOT's message when it cannot.
  bool open(int i) const;
  // The first file's tree, when no file is open yet (for the chain's structure).
  void openFirst() const;
  void countEntries() const;

  std::vector<File> fFiles;
  TObjArray fFileList;
  std::vector<std::unique_ptr<TNamed>> fFileNames;
  mutable std::unique_ptr<TFile> fFile;
  mutable TTree *fCurrent = nullptr;
  mutable int fTreeNumber = -1;
  mutable Long64_t fOffset = 0;
  struct Address {
    std::string branch;
    void *addr;
    io::Elem elem;
    Assign assign;
    bool nested;
  };
  std::vector<Address> fAddresses;
};

} // namespace cppnb::root
