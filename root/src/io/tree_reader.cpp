// TTreeReader and the set-up of its values and arrays.
#include <cppnb/root/all.hpp>

#include "column.hpp"
#include "progress.hpp"

#include <algorithm>

namespace cppnb::root {

TTreeReader::TTreeReader() = default;

TTreeReader::TTreeReader(TTree *tree) : fTree(tree) {
  if (!tree) {
    std::fprintf(stderr, "Error in <TTreeReader::SetTree()>: The tree is a null pointer\n");
    fStatus = kEntryNoTree;
  }
}

TTreeReader::TTreeReader(const char *keyname, TDirectory *dir) {
  if (!dir) dir = gDirectory;
  std::string name = keyname ? keyname : "";
  TKey *key = dir ? dir->FindKey(name.c_str()) : nullptr;
  TObject *obj = dir ? dir->Get(name.c_str()) : nullptr;
  fTree = dynamic_cast<TTree *>(obj);
  if (!fTree) {
    std::string where = dir ? dir->GetPathString() : std::string("(no directory)");
    if (obj || key)
      std::fprintf(stderr, "Error in <TTreeReader::SetTree()>: The object \"%s\" in %s is a %s, not a TTree\n", name.c_str(),
                   where.c_str(), key ? key->GetClassName() : obj->ClassName());
    else
      std::fprintf(stderr, "Error in <TTreeReader::SetTree()>: There is no tree called \"%s\" in %s\n", name.c_str(), where.c_str());
    fStatus = kEntryNoTree;
  }
}

void TTreeReader::progressStep() {
  if (!fProgress) fProgress = std::make_unique<io::LoopProgress>();
  progressShow(false);
}

void TTreeReader::progressEnd() {
  if (fProgress) progressShow(true);
}

// Entries done of the loop's, the file of a chain, the bytes decompressed so far.
void TTreeReader::progressShow(bool last) {
  uint64_t bytes = 0;
  for (TTreeReaderValueBase *v : fValues) bytes += v->bytesRead();
  auto *chain = dynamic_cast<TChain *>(fTree);
  int files = chain ? chain->GetNtrees() : 1;
  if (last) fProgress->finish(fEntry - fBegin, fEndCache - fBegin, fTree->GetTreeNumber(), files, bytes);
  else fProgress->tick(fEntry - fBegin + 1, fEndCache - fBegin, fTree->GetTreeNumber(), files, bytes);
}

TTreeReader::~TTreeReader() {
  for (TTreeReaderValueBase *v : fValues) v->readerGone();
}

void TTreeReader::attach(TTreeReaderValueBase *value) {
  fValues.push_back(value);
  if (fTree && fTreeNumber < 0 && fTree->LoadTree(std::max(fBegin, fEntry)) >= 0) fTreeNumber = fTree->GetTreeNumber();
  if (!fTree || !fTree->GetTree() || !value->setup(fTree->GetTree())) fBad = true;
}

bool TTreeReader::load(Long64_t entry) {
  Long64_t local = fTree->LoadTree(entry);
  if (local < 0) {
    fStatus = local == -2 ? kEntryBeyondEnd : kEntryChainFileError;
    return false;
  }
  if (fTree->GetTreeNumber() != fTreeNumber) {
    fTreeNumber = fTree->GetTreeNumber();
    for (TTreeReaderValueBase *v : fValues)
      if (!v->setup(fTree->GetTree())) {
        fBad = true;
        fStatus = kEntryBadReader;
        return false;
      }
  }
  fLocal = local;
  return true;
}

void TTreeReader::detach(TTreeReaderValueBase *value) { fValues.erase(std::remove(fValues.begin(), fValues.end(), value), fValues.end()); }

Long64_t TTreeReader::GetEntries() const { return fTree ? fTree->GetEntries() : -1; }

bool TTreeReader::nextSlow() {
  fFast = false;
  if (!fTree) {
    fStatus = kEntryNoTree;
    return false;
  }
  if (fBad) {
    fStatus = kEntryBadReader;
    return false;
  }
  Long64_t end = fEnd >= 0 ? std::min(fEnd, GetEntries()) : GetEntries();
  Long64_t next = fEntry < fBegin ? fBegin : fEntry + 1;
  if (next >= end) {
    fEntry = end;
    fStatus = kEntryBeyondEnd;
    progressEnd();
    return false;
  }
  fEntry = next;
  fEndCache = end;
  if (!load(next)) {
    progressEnd();
    return false;
  }
  fStatus = kEntryValid;
  fLocalEnd = fTree->GetTree() ? fTree->GetTree()->GetEntries() : 0;
  fFast = true;
  if ((++fSteps & 127) == 0) progressStep();
  return true;
}

TTreeReader::EEntryStatus TTreeReader::SetEntry(Long64_t entry) {
  if (!fTree) return fStatus = kEntryNoTree;
  fFast = false;
  if (entry < 0 || entry >= GetEntries()) return fStatus = kEntryNotFound;
  fEntry = entry;
  if (!load(entry)) return fStatus;
  return fStatus = kEntryValid;
}

TTreeReader::EEntryStatus TTreeReader::SetEntriesRange(Long64_t beginEntry, Long64_t endEntry) {
  if (!fTree) return fStatus = kEntryNoTree;
  fFast = false;
  if (beginEntry < 0 || beginEntry >= GetEntries() || (endEntry > 0 && endEntry <= beginEntry)) return kEntryNotFound;
  fBegin = beginEntry;
  fEnd = endEntry > 0 ? endEntry : -1;
  fEntry = beginEntry - 1;
  return kEntryValid;
}

void TTreeReader::Restart() {
  fFast = false;
  if (fProgress) fProgress->restart();
  fEntry = fBegin - 1;
  fStatus = kEntryNotLoaded;
}

// ---- values and arrays ----

TTreeReaderValueBase::TTreeReaderValueBase(TTreeReader &reader, const char *branch, io::Elem wanted, bool collection, std::string what,
                                           bool nested)
    : fReader(&reader), fBranch(branch ? branch : ""), fWhat(std::move(what)), fWanted(wanted), fCollection(collection), fNested(nested) {
  reader.attach(this);
}

TTreeReaderValueBase::~TTreeReaderValueBase() {
  if (fReader) fReader->detach(this);
  delete fColumn;
}

const char *TTreeReaderValueBase::valuesSlow(size_t &count) {
  if (!fColumn) fail("is not set up");
  std::string error;
  const char *p = io::entryValues(*fColumn, fReader ? fReader->GetLocalEntry() : -1, fCursor, count, error);
  if (!p && !error.empty()) throw std::runtime_error(fWhat + " " + fBranch + ": " + error);
  return p;
}

uint64_t TTreeReaderValueBase::bytesRead() const { return fColumn ? fColumn->bytesRead() : fBytesBefore; }

bool TTreeReaderValueBase::setup(TTree *tree) {
  std::string error;
  if (fColumn) fBytesBefore += fColumn->bytesRead();
  delete fColumn;
  fColumn = nullptr;
  fCursor = io::EntryCursor{};
  fColumn = tree->openColumn(fBranch.c_str(), error);
  if (!fColumn) {
    std::fprintf(stderr, "Error in <TTreeReaderValueBase::CreateProxy()>: %s\n", error.c_str());
    fSetup = kSetupMissingBranch;
    return false;
  }
  const io::BranchInfo &b = fColumn->branch();
  bool isCollection = io::manyPerEntry(*fColumn);
  std::string has = b.layout == io::Layout::CString ? "string" : io::heldType(*fColumn);
  bool typeOk = fColumn->type() == fWanted;
  bool shapeOk = io::nested(*fColumn) ? fNested : fNested ? false : fWanted == io::Elem::String ? !fCollection : isCollection == fCollection;
  if (!typeOk || !shapeOk) {
    std::fprintf(stderr, "Error in <%s::CreateProxy()>: The branch %s contains data of type %s%s. It cannot be accessed by a %s\n",
                 fCollection && fWhat.rfind("TTreeReaderArray", 0) == 0 ? "TTreeReaderArrayBase" : "TTreeReaderValueBase",
                 fBranch.c_str(), has.c_str(), isCollection && b.layout != io::Layout::Vector ? " (an array)" : "", fWhat.c_str());
    delete fColumn;
    fColumn = nullptr;
    fSetup = kSetupMismatch;
    return false;
  }
  fSetup = kSetupMatch;
  return true;
}

} // namespace cppnb::root
