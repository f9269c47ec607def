// TTree::Print and TTree::Scan, in ROOT's layout.
#include <cppnb/root/all.hpp>

#include "column.hpp"
#include "lists.hpp"

namespace cppnb::root {

// ---- Print and Scan, in ROOT's layout ----

namespace {
void line(const char *fill) {
  std::printf("*");
  for (int i = 0; i < 76; ++i) std::printf("%s", fill);
  std::printf("*\n");
}
double ratio(Long64_t tot, Long64_t zip) { return zip > 0 ? double(tot) / double(zip) : 1.0; }
// Whether Scan shows a branch: one value, or one row per value, each entry.
bool scannable(io::Layout l) { return l != io::Layout::Unsupported && l != io::Layout::VectorOfVectors && l != io::Layout::VectorOfStrings; }
} // namespace

void TTree::Print(Option_t *) const {
  line("*");
  std::printf("*Tree    :%-10s: %-54s *\n", GetName(), GetTitle());
  std::printf("*Entries : %8lld : Total = %15lld bytes  File  Size = %10lld *\n", GetEntries(), GetTotBytes(), GetZipBytes());
  std::printf("*        :          : Tree compression factor = %6.2f                       *\n", ratio(GetTotBytes(), GetZipBytes()));
  line("*");
  int i = 0;
  if (!fData) return; // a tree being written: its branches are known once read back
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
  // The entries to show: every one, or those the selection keeps (compiled
  // as TTree::Draw's expressions are).
  Long64_t last = std::min(GetEntries(), first + std::min<Long64_t>(nentries, GetEntries()));
  std::vector<Long64_t> entries;
  if (selection && *selection) {
    if (!draw::selectedEntries(*this, selection, last - first, first, entries)) return -1;
  } else {
    for (Long64_t e = first; e < last; ++e) entries.push_back(e);
  }
  std::vector<std::string> names;
  std::string list = varexp ? varexp : "";
  if (list.empty() || list == "*") {
    for (TObject *o : *GetListOfBranches())
      if (names.size() < 8 && scannable(static_cast<TBranch *>(o)->info().layout)) names.push_back(o->GetName());
  } else {
    names = io::splitList(list);
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
    if (!scannable(c->branch().layout)) {
      std::fprintf(stderr, "Error in <TTree::Scan>: cppnb cannot show branch %s (%s) in a scan yet; read it with TTreeReaderValue\n",
                   n.c_str(), c->branch().typeName.c_str());
      delete c;
      return -1;
    }
    cols.push_back(Col{std::unique_ptr<io::Column>(c), {}});
  }
  // As ROOT: once a column holds several values per entry, every row says
  // which one (Instance).
  bool instances = false;
  for (const Col &c : cols) instances = instances || io::manyPerEntry(*c.column);
  auto rule = [&] {
    std::printf(instances ? "***********************" : "************");
    for (size_t i = 0; i < cols.size(); ++i) std::printf("**************");
    std::printf("\n");
  };
  rule();
  std::printf(instances ? "*    Row   * Instance *" : "*    Row   *");
  for (const std::string &n : names) std::printf(" %11.11s *", n.c_str());
  std::printf("\n");
  rule();
  Long64_t shown = 0;
  for (Long64_t e : entries) {
    ++shown;
    size_t rows = 1;
    std::vector<std::pair<const char *, size_t>> vals;
    for (Col &c : cols) {
      size_t count = 0;
      std::string error;
      const char *v = io::entryValues(*c.column, e, c.cursor, count, error);
      if (!v && !error.empty()) {
        std::fprintf(stderr, "Error in <TTree::Scan>: %s\n", error.c_str());
        return shown - 1;
      }
      vals.emplace_back(v, count);
      if (c.column->type() != io::Elem::String) rows = std::max(rows, count);
    }
    for (size_t r = 0; r < rows; ++r) {
      if (instances) std::printf("* %8lld * %8zu *", e, r);
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
