#include "tree_writer.hpp"

#include "lists.hpp"
#include "writer.hpp"

#include <cstring>

namespace cppnb::root::io {
namespace {

struct LeafType {
  char code;
  Elem type;
  const char *leafClass;
};
const LeafType kLeafTypes[] = {
    {'B', Elem::Char, "TLeafB"},    {'b', Elem::UChar, "TLeafB"}, {'S', Elem::Short, "TLeafS"},
    {'s', Elem::UShort, "TLeafS"},  {'I', Elem::Int, "TLeafI"},   {'i', Elem::UInt, "TLeafI"},
    {'L', Elem::Long64, "TLeafL"},  {'l', Elem::ULong64, "TLeafL"}, {'F', Elem::Float, "TLeafF"},
    {'D', Elem::Double, "TLeafD"},  {'O', Elem::Bool, "TLeafO"},   {'C', Elem::String, "TLeafC"},
};

const LeafType *typeOf(char code) {
  for (const LeafType &t : kLeafTypes)
    if (t.code == code) return &t;
  return nullptr;
}
const LeafType *typeOf(Elem e) {
  for (const LeafType &t : kLeafTypes)
    if (t.type == e) return &t;
  return nullptr;
}

double valueAt(const char *p, Elem type) {
  switch (type) {
  case Elem::Bool: return *reinterpret_cast<const bool *>(p);
  case Elem::Char: return *reinterpret_cast<const signed char *>(p);
  case Elem::UChar: return *reinterpret_cast<const unsigned char *>(p);
  case Elem::Short: return *reinterpret_cast<const short *>(p);
  case Elem::UShort: return *reinterpret_cast<const unsigned short *>(p);
  case Elem::Int: return *reinterpret_cast<const int *>(p);
  case Elem::UInt: return *reinterpret_cast<const unsigned *>(p);
  case Elem::Long64: return double(*reinterpret_cast<const long long *>(p));
  case Elem::ULong64: return double(*reinterpret_cast<const unsigned long long *>(p));
  case Elem::Float: return *reinterpret_cast<const float *>(p);
  case Elem::Double: return *reinterpret_cast<const double *>(p);
  default: return 0;
  }
}

// n elements at src appended big-endian.
void appendBigEndian(std::string &out, const char *src, size_t n, size_t size) {
  size_t at = out.size();
  out.resize(at + n * size);
  char *dst = out.data() + at;
  for (size_t i = 0; i < n; ++i)
    for (size_t b = 0; b < size; ++b) dst[i * size + b] = src[i * size + (size - 1 - b)];
}

std::shared_ptr<Record> record(const std::string &cls) {
  auto r = std::make_shared<Record>();
  r->className = cls;
  return r;
}
void put(Record &r, const char *name, Value v) { r.members.emplace_back(name, std::move(v)); }
RecordPtr objArray(RecordList items) {
  auto r = record("TObjArray");
  put(*r, "", std::move(items));
  return r;
}
RecordPtr ioFeatures() {
  auto r = record("ROOT::TIOFeatures");
  put(*r, "fIOBits", 0.0);
  return r;
}

} // namespace

void TreeWriter::addBranch(const std::string &name, void *address, const std::string &leaflist, int bufsize) {
  if (name.empty()) throw Error("a branch needs a name");
  for (const Branch &b : fBranches)
    if (b.name == name) throw Error("tree " + fName + " already has a branch called " + name);
  if (fEntries > 0) throw Error("branches must be made before the first Fill of tree " + fName);
  Branch b;
  b.name = name, b.title = leaflist, b.basketSize = bufsize > 0 ? bufsize : 32000;
  size_t offset = 0;
  for (const std::string &spec : splitList(leaflist)) {
    if (spec.empty()) throw Error("branch " + name + ": an empty leaf in \"" + leaflist + "\"");
    Leaf l;
    size_t slash = spec.rfind('/');
    char code = 'F';
    std::string head = spec;
    if (slash != std::string::npos) {
      if (slash + 2 != spec.size()) throw Error("branch " + name + ": \"" + spec + "\" has no one-letter type after /");
      code = spec[slash + 1];
      head = spec.substr(0, slash);
    }
    const LeafType *t = typeOf(code);
    if (!t) throw Error("branch " + name + ": type /" + std::string(1, code) + " is not one cppnb writes (B b S s I i L l F D O C)");
    l.code = code, l.type = t->type, l.title = head;
    size_t bracket = head.find('[');
    l.name = head.substr(0, bracket);
    if (bracket != std::string::npos) {
      size_t close = head.find(']', bracket);
      if (close == std::string::npos) throw Error("branch " + name + ": \"" + head + "\" lacks its ]");
      std::string inside = head.substr(bracket + 1, close - bracket - 1);
      if (!inside.empty() && std::isdigit(static_cast<unsigned char>(inside[0]))) {
        l.len = std::atoi(inside.c_str());
        if (l.len <= 0) throw Error("branch " + name + ": a fixed array needs a positive length");
      } else {
        for (size_t i = 0; i < fLeaves.size(); ++i)
          if (fLeaves[i].name == inside) l.counter = int(i);
        if (l.counter < 0) throw Error("branch " + name + ": its counter " + inside + " is not a leaf of tree " + fName + " (make it first)");
        const Leaf &c = fLeaves[size_t(l.counter)];
        if (c.len != 1 || c.counter >= 0 || (c.type != Elem::Int && c.type != Elem::UInt && c.type != Elem::Short && c.type != Elem::UShort &&
                                             c.type != Elem::Char && c.type != Elem::UChar))
          throw Error("branch " + name + ": counter " + inside + " must be a single integer");
        fLeaves[size_t(l.counter)].isCounter = true;
        b.variable = true;
      }
    }
    l.address = static_cast<const char *>(address) + offset;
    offset += elemSize(l.type) * size_t(l.len);
    b.leaves.push_back(int(fLeaves.size()));
    fLeaves.push_back(l);
  }
  for (int li : b.leaves)
    if (fLeaves[size_t(li)].type == Elem::String) {
      if (b.leaves.size() > 1) throw Error("branch " + name + ": a C string (/C) must be a branch of its own");
      b.variable = true;
    }
  if (b.variable && b.leaves.size() > 1) throw Error("branch " + name + ": a counted array must be a branch of its own");
  b.basketEntry.push_back(0);
  fBranches.push_back(std::move(b));
}

// ROOT's name of std::vector<elem> (std::string for String), and the
// checksum ROOT gives that class (its name's hash: a collection has no
// members of its own; std::string's is ROOT's fixed one).
static std::string vectorClass(Elem e) {
  switch (e) {
  case Elem::String: return "string";
  case Elem::Char: return "vector<char>";
  case Elem::UChar: return "vector<unsigned char>";
  case Elem::Short: return "vector<short>";
  case Elem::UShort: return "vector<unsigned short>";
  case Elem::Int: return "vector<int>";
  case Elem::UInt: return "vector<unsigned int>";
  case Elem::Long64: return "vector<Long64_t>";
  case Elem::ULong64: return "vector<ULong64_t>";
  case Elem::Float: return "vector<float>";
  case Elem::Double: return "vector<double>";
  default: return "";
  }
}
static uint32_t nameChecksum(const std::string &name) {
  if (name == "string") return 3464614887u;
  uint32_t id = 0;
  for (char c : name) id = id * 3 + uint32_t(int(c));
  return id;
}

void TreeWriter::addVectorBranch(const std::string &name, const void *address, Elem elem, VectorView view, int bufsize) {
  if (vectorClass(elem).empty()) throw Error("branch " + name + ": cppnb writes std::vector of numbers (not of bool) and std::string");
  addBranch(name, const_cast<void *>(address), elem, bufsize);
  Branch &b = fBranches.back();
  b.title = name;
  b.variable = true;
  fLeaves[size_t(b.leaves[0])].vector = view;
  fLeaves[size_t(b.leaves[0])].address = static_cast<const char *>(address);
}

void TreeWriter::addBranch(const std::string &name, void *address, Elem elem, int bufsize) {
  const LeafType *t = typeOf(elem);
  if (!t) throw Error("branch " + name + ": cppnb writes branches of numbers and arrays of numbers");
  addBranch(name, address, name + "/" + std::string(1, t->code), bufsize);
}

int64_t TreeWriter::countOf(const Leaf &l) const {
  if (l.counter < 0) return l.len;
  const Leaf &c = fLeaves[size_t(l.counter)];
  double n = valueAt(c.address, c.type);
  return n < 0 ? 0 : int64_t(n);
}

int TreeWriter::fill(FileWriter &file) {
  int bytes = 0;
  for (Branch &b : fBranches) {
    size_t before = b.data.size();
    if (b.variable) b.offsets.push_back(int32_t(before));
    for (int li : b.leaves) {
      Leaf &l = fLeaves[size_t(li)];
      if (l.vector && l.type == Elem::String) { // std::string: as a C string
        size_t n = 0;
        const char *data = l.vector(l.address, n);
        Writer w;
        w.tstring(std::string(data ? data : "", n));
        b.data += w.bytes();
        continue;
      }
      if (l.vector) { // byte count, the collection's version (9), its size, its elements
        size_t n = 0;
        const char *data = l.vector(l.address, n);
        size_t size = elemSize(l.type);
        Writer head;
        head.u32(uint32_t(2 + 4 + size * n) | 0x40000000u);
        head.i16(9);
        head.i32(int32_t(n));
        b.data += head.bytes();
        appendBigEndian(b.data, data, n, size);
        continue;
      }
      if (l.type == Elem::String) { // a C string: its length (a byte, or 255 and 4 bytes), its chars
        Writer w;
        w.tstring(std::string(l.address));
        b.data += w.bytes();
        l.maximum = std::max(l.maximum, double(std::strlen(l.address) + 1));
        continue;
      }
      int64_t n = countOf(l);
      appendBigEndian(b.data, l.address, size_t(n), elemSize(l.type));
      if (l.isCounter) {
        double v = valueAt(l.address, l.type);
        l.maximum = std::max(l.maximum, v);
      }
    }
    bytes += int(b.data.size() - before);
    ++b.entries;
    if (b.data.size() >= size_t(b.basketSize)) flush(file, b);
  }
  ++fEntries;
  return bytes;
}

void TreeWriter::flush(FileWriter &file, Branch &b) {
  int64_t count = b.entries - b.basketFirst;
  if (count <= 0) return;
  FileWriter::Basket written = file.writeBasket(b.name, fName, b.data, b.variable ? &b.offsets : nullptr, int32_t(count), b.basketSize);
  b.basketBytes.push_back(written.nbytes);
  b.basketSeek.push_back(written.seek);
  b.basketEntry.push_back(b.entries);
  b.totBytes += written.objlen + written.keylen;
  b.zipBytes += written.nbytes;
  b.basketFirst = b.entries;
  b.data.clear();
  b.offsets.clear();
}

int64_t TreeWriter::totBytes() const {
  int64_t n = 0;
  for (const Branch &b : fBranches) n += b.totBytes;
  return n;
}
int64_t TreeWriter::zipBytes() const {
  int64_t n = 0;
  for (const Branch &b : fBranches) n += b.zipBytes;
  return n;
}

RecordPtr TreeWriter::finish(FileWriter &file) {
  for (Branch &b : fBranches) flush(file, b);
  // Leaves first: branches and the tree refer to the same ones.
  std::vector<std::shared_ptr<Record>> leaves;
  for (const Leaf &l : fLeaves) {
    const LeafType *t = typeOf(l.code);
    if (l.vector) { // the one leaf of a std::vector branch
      auto r = record("TLeafElement");
      put(*r, "fName", l.name), put(*r, "fTitle", l.name);
      put(*r, "fLen", 1.0), put(*r, "fLenType", 0.0), put(*r, "fOffset", 0.0), put(*r, "fIsRange", 0.0), put(*r, "fIsUnsigned", 0.0);
      put(*r, "fID", -1.0), put(*r, "fType", -1.0);
      leaves.push_back(r);
      continue;
    }
    auto r = record(t->leafClass);
    put(*r, "fName", l.name), put(*r, "fTitle", l.title);
    put(*r, "fLen", double(l.len)), put(*r, "fLenType", double(elemSize(l.type))), put(*r, "fOffset", 0.0);
    put(*r, "fIsRange", l.isCounter ? 1.0 : 0.0);
    put(*r, "fIsUnsigned", l.type == Elem::UChar || l.type == Elem::UShort || l.type == Elem::UInt || l.type == Elem::ULong64 ? 1.0 : 0.0);
    if (l.counter >= 0) put(*r, "fLeafCount", RecordPtr(leaves[size_t(l.counter)]));
    put(*r, "fMinimum", l.minimum), put(*r, "fMaximum", l.maximum);
    leaves.push_back(r);
  }
  RecordList branches, allLeaves;
  for (const Branch &b : fBranches) {
    const Leaf &first = fLeaves[size_t(b.leaves[0])];
    auto r = record(first.vector ? "TBranchElement" : "TBranch");
    put(*r, "fName", b.name), put(*r, "fTitle", b.title);
    put(*r, "fFillColor", 0.0), put(*r, "fFillStyle", 1001.0);
    put(*r, "fCompress", double(file.compression())), put(*r, "fBasketSize", double(b.basketSize));
    put(*r, "fEntryOffsetLen", b.variable ? 1000.0 : 0.0);
    put(*r, "fWriteBasket", double(b.basketSeek.size())), put(*r, "fEntryNumber", double(b.entries));
    put(*r, "fIOFeatures", ioFeatures());
    put(*r, "fOffset", 0.0);
    size_t maxBaskets = std::max<size_t>(10, b.basketSeek.size() + 1);
    put(*r, "fMaxBaskets", double(maxBaskets)), put(*r, "fSplitLevel", 0.0);
    put(*r, "fEntries", double(b.entries)), put(*r, "fFirstEntry", 0.0);
    put(*r, "fTotBytes", double(b.totBytes)), put(*r, "fZipBytes", double(b.zipBytes));
    put(*r, "fBranches", objArray({}));
    RecordList own;
    for (int li : b.leaves) own.push_back(leaves[size_t(li)]), allLeaves.push_back(leaves[size_t(li)]);
    put(*r, "fLeaves", objArray(own));
    put(*r, "fBaskets", objArray(RecordList(b.basketSeek.size() + 1)));
    std::vector<double> bytes(maxBaskets, 0), entry(maxBaskets, 0), seek(maxBaskets, 0);
    for (size_t i = 0; i < b.basketSeek.size(); ++i) bytes[i] = b.basketBytes[i], seek[i] = double(b.basketSeek[i]);
    for (size_t i = 0; i < b.basketEntry.size() && i < maxBaskets; ++i) entry[i] = double(b.basketEntry[i]);
    put(*r, "fBasketBytes", bytes), put(*r, "fBasketEntry", entry), put(*r, "fBasketSeek", seek);
    put(*r, "fFileName", std::string());
    if (first.vector) {
      std::string cls = vectorClass(first.type);
      put(*r, "fClassName", cls), put(*r, "fParentName", std::string()), put(*r, "fClonesName", std::string());
      bool str = first.type == Elem::String;
      put(*r, "fCheckSum", double(nameChecksum(cls))), put(*r, "fClassVersion", str ? 2.0 : 9.0);
      put(*r, "fID", -1.0), put(*r, "fType", str ? -1.0 : 0.0), put(*r, "fStreamerType", -1.0), put(*r, "fMaximum", 0.0);
    }
    branches.push_back(r);
  }
  auto t = record("TTree");
  put(*t, "fName", fName), put(*t, "fTitle", fTitle);
  put(*t, "fLineColor", 602.0), put(*t, "fLineStyle", 1.0), put(*t, "fLineWidth", 1.0);
  put(*t, "fFillColor", 0.0), put(*t, "fFillStyle", 1001.0);
  put(*t, "fMarkerColor", 1.0), put(*t, "fMarkerStyle", 1.0), put(*t, "fMarkerSize", 1.0);
  put(*t, "fEntries", double(fEntries)), put(*t, "fTotBytes", double(totBytes())), put(*t, "fZipBytes", double(zipBytes()));
  put(*t, "fSavedBytes", double(zipBytes())), put(*t, "fFlushedBytes", 0.0), put(*t, "fWeight", 1.0);
  put(*t, "fTimerInterval", 0.0), put(*t, "fScanField", 25.0), put(*t, "fUpdate", 0.0), put(*t, "fDefaultEntryOffsetLen", 1000.0);
  put(*t, "fNClusterRange", 0.0), put(*t, "fMaxEntries", 1e12), put(*t, "fMaxEntryLoop", 1e12), put(*t, "fMaxVirtualSize", 0.0);
  put(*t, "fAutoSave", -300000000.0), put(*t, "fAutoFlush", -30000000.0), put(*t, "fEstimate", 1000000.0);
  put(*t, "fIOFeatures", ioFeatures());
  put(*t, "fBranches", objArray(branches));
  put(*t, "fLeaves", objArray(allLeaves));
  return t;
}

} // namespace cppnb::root::io
