// TTree, TBranch, TLeaf over a tree read from a file: structure, Print and
// Scan in ROOT's layout, and SetBranchAddress/GetEntry.
#include <cppnb/root/all.hpp>

#include "column.hpp"

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

TTree::TTree(const char *name, const char *title) : TNamed(name, title), fDir(nullptr) {}

TTree::~TTree() = default;

Long64_t TTree::GetEntries() const { return fData->entries; }
Long64_t TTree::GetTotBytes() const { return fData->totBytes; }
Long64_t TTree::GetZipBytes() const { return fData->zipBytes; }

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

int TTree::bind(const char *bname, void *addr, io::Elem elem, Assign assign) {
  std::string error;
  std::unique_ptr<io::Column> column(openColumn(bname, error));
  if (!column) {
    std::fprintf(stderr, "Error in <TTree::SetBranchAddress>: unknown branch -> %s\n", bname);
    return -5; // kMissingBranch
  }
  if (column->type() != elem) {
    std::fprintf(stderr,
                 "Error in <TTree::SetBranchAddress>: The pointer type given \"%s\" does not correspond to the type "
                 "needed \"%s\" by the branch: %s\n",
                 io::elemName(elem), io::elemName(column->type()), bname);
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
    if (!GetBranchStatus(b.column->branch().name.c_str())) continue;
    size_t count = 0;
    std::string error;
    const char *values = io::entryValues(*b.column, entry, b.cursor, count, error);
    if (!values && !error.empty()) {
      std::fprintf(stderr, "Error in <TTree::GetEntry>: %s\n", error.c_str());
      return -1;
    }
    size_t size = io::elemSize(b.column->type());
    if (b.assign) b.assign(b.addr, values, count);
    else if (b.column->type() == io::Elem::String) {
      std::memcpy(b.addr, values, count);
      static_cast<char *>(b.addr)[count] = '\0';
    } else std::memcpy(b.addr, values, count * size);
    bytes += int(count * size);
  }
  return bytes;
}

// ---- Print and Scan, in ROOT's layout ----

namespace {
void line(const char *fill) {
  std::printf("*");
  for (int i = 0; i < 76; ++i) std::printf("%s", fill);
  std::printf("*\n");
}
double ratio(Long64_t tot, Long64_t zip) { return zip > 0 ? double(tot) / double(zip) : 1.0; }
} // namespace

void TTree::Print(Option_t *) const {
  line("*");
  std::printf("*Tree    :%-10s: %-54s *\n", GetName(), GetTitle());
  std::printf("*Entries : %8lld : Total = %15lld bytes  File  Size = %10lld *\n", GetEntries(), GetTotBytes(), GetZipBytes());
  std::printf("*        :          : Tree compression factor = %6.2f                       *\n", ratio(GetTotBytes(), GetZipBytes()));
  line("*");
  int i = 0;
  for (const io::BranchInfo &b : fData->branches) {
    std::string title = b.title.empty() ? b.name : b.title;
    std::printf("*Br%5d :%-9s : %-54s *\n", i++, b.name.c_str(), title.c_str());
    std::printf("*Entries : %8lld : Total  Size= %11lld bytes  File Size  = %10lld *\n", (long long)b.entries,
                (long long)b.totBytes, (long long)b.zipBytes);
    std::printf("*Baskets : %8d : Basket Size= %11d bytes  Compression= %6.2f     *\n", b.baskets, b.basketSize,
                ratio(b.totBytes, b.zipBytes));
    line(".");
  }
  std::fflush(stdout);
}

Long64_t TTree::Scan(const char *varexp, const char *selection, Option_t *, Long64_t nentries, Long64_t first) {
  if (selection && *selection)
    std::fprintf(stderr, "Warning in <TTree::Scan>: selections are not supported yet; showing every entry\n");
  std::vector<std::string> names;
  std::string list = varexp ? varexp : "";
  if (list.empty() || list == "*") {
    for (TObject *o : *GetListOfBranches())
      if (names.size() < 8 && static_cast<TBranch *>(o)->info().layout != io::Layout::Unsupported) names.push_back(o->GetName());
  } else {
    for (size_t start = 0; start <= list.size();) {
      size_t colon = list.find(':', start);
      names.push_back(list.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
      start = colon == std::string::npos ? list.size() + 1 : colon + 1;
    }
  }
  struct Col {
    std::unique_ptr<io::Column> column;
    io::EntryCursor cursor;
  };
  std::vector<Col> cols;
  for (const std::string &n : names) {
    std::string error;
    io::Column *c = openColumn(n.c_str(), error);
    if (!c) {
      std::fprintf(stderr, "Error in <TTree::Scan>: %s\n", error.c_str());
      return -1;
    }
    cols.push_back(Col{std::unique_ptr<io::Column>(c), {}});
  }
  auto rule = [&] {
    std::printf("************");
    for (size_t i = 0; i < cols.size(); ++i) std::printf("*************");
    std::printf("\n");
  };
  rule();
  std::printf("*    Row   *");
  for (const std::string &n : names) std::printf(" %11.11s *", n.c_str());
  std::printf("\n");
  rule();
  Long64_t last = std::min(GetEntries(), first + std::min<Long64_t>(nentries, GetEntries()));
  Long64_t shown = 0;
  for (Long64_t e = first; e < last; ++e, ++shown) {
    size_t rows = 1;
    std::vector<std::pair<const char *, size_t>> vals;
    for (Col &c : cols) {
      size_t count = 0;
      std::string error;
      const char *v = io::entryValues(*c.column, e, c.cursor, count, error);
      if (!v && !error.empty()) {
        std::fprintf(stderr, "Error in <TTree::Scan>: %s\n", error.c_str());
        return shown;
      }
      vals.emplace_back(v, count);
      if (c.column->type() != io::Elem::String) rows = std::max(rows, count);
    }
    for (size_t r = 0; r < rows; ++r) {
      if (rows > 1) std::printf("* %8lld * %4zu *", e, r);
      else std::printf("* %8lld *", e);
      for (size_t i = 0; i < cols.size(); ++i) {
        io::Elem t = cols[i].column->type();
        auto [v, count] = vals[i];
        if (t == io::Elem::String) {
          std::string s(v, count);
          std::printf(" %11.11s *", r == 0 ? s.c_str() : "");
          continue;
        }
        if (r >= count) {
          std::printf("             *");
          continue;
        }
        const char *p = v + r * io::elemSize(t);
        double x = 0;
        switch (t) {
        case io::Elem::Bool: x = *reinterpret_cast<const bool *>(p); break;
        case io::Elem::Char: x = *reinterpret_cast<const signed char *>(p); break;
        case io::Elem::UChar: x = *reinterpret_cast<const unsigned char *>(p); break;
        case io::Elem::Short: x = *reinterpret_cast<const short *>(p); break;
        case io::Elem::UShort: x = *reinterpret_cast<const unsigned short *>(p); break;
        case io::Elem::Int: x = *reinterpret_cast<const int *>(p); break;
        case io::Elem::UInt: x = *reinterpret_cast<const unsigned *>(p); break;
        case io::Elem::Long64: x = double(*reinterpret_cast<const long long *>(p)); break;
        case io::Elem::ULong64: x = double(*reinterpret_cast<const unsigned long long *>(p)); break;
        case io::Elem::Float: x = *reinterpret_cast<const float *>(p); break;
        case io::Elem::Double: x = *reinterpret_cast<const double *>(p); break;
        default: break;
        }
        std::printf(" %11.9g *", x);
      }
      std::printf("\n");
    }
  }
  rule();
  std::printf("==> %lld selected %s\n", shown, shown == 1 ? "entry" : "entries");
  std::fflush(stdout);
  return shown;
}

} // namespace cppnb::root
