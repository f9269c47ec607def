#include "tree_data.hpp"

#include "compression.hpp"
#include "reader.hpp"

#include <algorithm>

namespace cppnb::root::io {
namespace {

Elem fromStreamerType(int t, bool &double32) {
  double32 = false;
  switch (t) {
  case 1: return Elem::Char;
  case 2: return Elem::Short;
  case 3: case 6: return Elem::Int;
  case 4: case 16: return Elem::Long64;
  case 5: return Elem::Float;
  case 8: return Elem::Double;
  case 9: double32 = true; return Elem::Double;
  case 11: return Elem::UChar;
  case 12: return Elem::UShort;
  case 13: case 15: return Elem::UInt;
  case 14: case 17: return Elem::ULong64;
  case 18: return Elem::Bool;
  default: return Elem::None;
  }
}

Elem fromTypeName(std::string t) {
  if (t.rfind("std::", 0) == 0) t = t.substr(5);
  static const std::pair<const char *, Elem> names[] = {
      {"bool", Elem::Bool}, {"Bool_t", Elem::Bool}, {"char", Elem::Char}, {"Char_t", Elem::Char},
      {"unsigned char", Elem::UChar}, {"UChar_t", Elem::UChar}, {"short", Elem::Short}, {"Short_t", Elem::Short},
      {"unsigned short", Elem::UShort}, {"UShort_t", Elem::UShort}, {"int", Elem::Int}, {"Int_t", Elem::Int},
      {"unsigned int", Elem::UInt}, {"UInt_t", Elem::UInt}, {"long", Elem::Long64}, {"Long64_t", Elem::Long64},
      {"long long", Elem::Long64}, {"Long_t", Elem::Long64}, {"unsigned long", Elem::ULong64},
      {"ULong64_t", Elem::ULong64}, {"unsigned long long", Elem::ULong64}, {"ULong_t", Elem::ULong64},
      {"float", Elem::Float}, {"Float_t", Elem::Float}, {"double", Elem::Double}, {"Double_t", Elem::Double},
      {"Double32_t", Elem::Double}};
  for (const auto &n : names)
    if (t == n.first) return n.second;
  return Elem::None;
}

LeafInfo leafFrom(const Record &r) {
  LeafInfo l;
  l.className = r.className;
  l.name = r.text("fName");
  l.title = r.text("fTitle");
  l.len = std::max(1, int(r.number("fLen", 1)));
  if (const Record *count = r.record("fLeafCount")) l.countName = count->text("fName");
  bool isUnsigned = r.number("fIsUnsigned") != 0;
  const std::string &c = l.className;
  if (c == "TLeafB") l.type = isUnsigned ? Elem::UChar : Elem::Char;
  else if (c == "TLeafS") l.type = isUnsigned ? Elem::UShort : Elem::Short;
  else if (c == "TLeafI") l.type = isUnsigned ? Elem::UInt : Elem::Int;
  else if (c == "TLeafL") l.type = isUnsigned ? Elem::ULong64 : Elem::Long64;
  else if (c == "TLeafF") l.type = Elem::Float;
  else if (c == "TLeafD") l.type = Elem::Double;
  else if (c == "TLeafO") l.type = Elem::Bool;
  else if (c == "TLeafC") l.type = Elem::String;
  else if (c == "TLeafD32" && l.title.find('[') == std::string::npos) l.type = Elem::Double, l.double32 = true;
  else if (c == "TLeafElement") l.type = fromStreamerType(int(r.number("fType")), l.double32);
  l.diskSize = l.double32 ? 4 : elemSize(l.type);
  return l;
}

// What a vector<T> (or set, list, deque: streamed alike) holds: "T" of
// "vector<T>" or "vector<T, allocator<T> >", empty when cls is none of them.
std::string sequenceElement(const std::string &cls) {
  std::string c = cls.rfind("std::", 0) == 0 ? cls.substr(5) : cls;
  size_t open = c.find('<');
  if (open == std::string::npos || c.back() != '>') return "";
  std::string kind = c.substr(0, open);
  if (kind != "vector" && kind != "set" && kind != "list" && kind != "deque") return "";
  std::string inner = c.substr(open + 1, c.size() - open - 2);
  int depth = 0; // cut ", allocator<...>" at the top level
  for (size_t i = 0; i < inner.size(); ++i) {
    depth += inner[i] == '<' ? 1 : inner[i] == '>' ? -1 : 0;
    if (inner[i] == ',' && depth == 0) inner.resize(i);
  }
  while (!inner.empty() && inner.back() == ' ') inner.pop_back();
  return inner.rfind("std::", 0) == 0 ? inner.substr(5) : inner;
}

bool isStringClass(const std::string &cls) { return cls == "string" || cls == "std::string" || cls == "TString"; }

// The range a split member's class gives it ("[0,100,16]" in its comment),
// which packs a Double32_t into fewer bits; empty when it has none.
std::string rangeOf(TreeData &tree, const Record &b) {
  if (!tree.file) return "";
  const ClassInfo *c = tree.file->infos().find(b.text("fClassName"), int(b.number("fClassVersion")));
  int id = int(b.number("fID", -1));
  if (!c || id < 0 || size_t(id) >= c->elements.size()) return "";
  const std::string &title = c->elements[size_t(id)].title;
  size_t open = title.find_first_not_of(' ');
  if (open == std::string::npos || title[open] != '[') return "";
  size_t close = title.find(']', open);
  return close == std::string::npos ? "" : title.substr(open, close - open + 1);
}

void addBranch(TreeData &tree, const Record &b, int depth) {
  BranchInfo br;
  br.className = b.className;
  br.name = b.text("fName");
  br.title = b.text("fTitle");
  br.depth = depth;
  br.entries = int64_t(b.number("fEntries"));
  br.totBytes = int64_t(b.number("fTotBytes"));
  br.zipBytes = int64_t(b.number("fZipBytes"));
  br.basketSize = int(b.number("fBasketSize"));
  br.entryOffsetLen = int(b.number("fEntryOffsetLen"));
  int written = int(b.number("fWriteBasket"));
  const auto &bytes = b.numbers("fBasketBytes"), &entry = b.numbers("fBasketEntry"), &seek = b.numbers("fBasketSeek");
  for (int i = 0; i < written && size_t(i) < bytes.size() && size_t(i) < entry.size() && size_t(i) < seek.size(); ++i) {
    if (seek[size_t(i)] <= 0) break;
    br.basketBytes.push_back(int32_t(bytes[size_t(i)]));
    br.basketEntry.push_back(int64_t(entry[size_t(i)]));
    br.basketSeek.push_back(int64_t(seek[size_t(i)]));
  }
  // Baskets kept in the record: the one being filled when the tree was written.
  const RecordList &kept = b.list("fBaskets");
  for (size_t i = 0; i < kept.size(); ++i) {
    const RecordPtr &k = kept[i];
    if (!k || k->className != "TBasket" || !k->has("fBuffer") || i < br.basketSeek.size() || i >= entry.size()) continue;
    auto raw = std::make_shared<RawBasket>();
    int keyLen = int(k->number("fKeylen"));
    const std::string &buffer = k->text("fBuffer");
    size_t last = std::min(buffer.size(), size_t(std::max(0.0, k->number("fLast"))));
    if (size_t(keyLen) > last) continue;
    raw->first = int64_t(entry[i]);
    raw->count = int64_t(k->number("fNevBuf"));
    raw->data = buffer.substr(size_t(keyLen), last - size_t(keyLen));
    const std::vector<double> &offsets = k->numbers("fEntryOffset");
    raw->offsets.resize(size_t(raw->count) + 1);
    size_t each = raw->count > 0 ? raw->data.size() / size_t(raw->count) : 0;
    for (int64_t e = 0; e < raw->count; ++e) {
      double o = size_t(e) < offsets.size() ? offsets[size_t(e)] - keyLen : double(each * size_t(e));
      raw->offsets[size_t(e)] = uint32_t(std::clamp(o, 0.0, double(raw->data.size())));
    }
    raw->offsets[size_t(raw->count)] = uint32_t(raw->data.size());
    while (br.basketSeek.size() < i) br.basketSeek.push_back(0), br.basketBytes.push_back(0), br.basketEntry.push_back(0);
    br.embedded.resize(i + 1);
    br.embedded[i] = raw;
    br.basketSeek.push_back(-1);
    br.basketBytes.push_back(0);
    br.basketEntry.push_back(raw->first);
  }
  br.baskets = int(br.basketSeek.size());
  for (const RecordPtr &l : b.list("fLeaves"))
    if (l) br.leaves.push_back(leafFrom(*l));

  const RecordList &children = b.list("fBranches");
  if (br.className == "TBranchElement" || br.className == "TBranchObject") {
    std::string cls = b.text("fClassName");
    int streamerType = int(b.number("fStreamerType", -1));
    br.typeName = cls;
    std::string inner = sequenceElement(cls);
    Elem v = fromTypeName(inner), vv = fromTypeName(sequenceElement(inner));
    bool topLevel = int(b.number("fType")) <= 0; // 0, or -1 in newer files
    auto elementType = [&](Elem e) {
      if (!br.leaves.empty()) br.leaves[0].type = e, br.leaves[0].diskSize = elemSize(e), br.leaves[0].double32 = false;
    };
    if (!children.empty()) {
      br.layout = Layout::Unsupported;
      br.unsupported = "it is split into sub-branches; read those by name";
    } else if (v != Elem::None && topLevel) {
      br.layout = Layout::Vector;
      elementType(v);
    } else if (vv != Elem::None && topLevel) {
      br.layout = Layout::VectorOfVectors;
      elementType(vv);
    } else if (isStringClass(inner) && topLevel) {
      br.layout = Layout::VectorOfStrings;
      elementType(Elem::String);
    } else if (isStringClass(cls) && topLevel) {
      br.layout = Layout::StdString;
      elementType(Elem::String);
    } else if (std::string range = streamerType == kDouble32 ? rangeOf(tree, b) : ""; !range.empty()) {
      br.layout = Layout::Unsupported;
      br.unsupported = "it is a Double32_t packed with a range (" + range + "), which cppnb cannot unpack yet";
    } else if (streamerType > 0 && streamerType < 20 && br.leaves.size() == 1 && br.leaves[0].type != Elem::None) {
      br.layout = Layout::Fixed; // a member of a split object
      br.typeName = elemName(br.leaves[0].type);
    } else if (streamerType > 20 && streamerType < 40 && br.leaves.size() == 1 && br.leaves[0].type != Elem::None) {
      br.layout = Layout::Fixed;
    } else {
      br.layout = Layout::Unsupported;
      br.unsupported = "its type " + (cls.empty() ? std::string("(a member of a class)") : cls) + " cannot be read by cppnb yet";
    }
  } else if (br.leaves.size() == 1 && br.leaves[0].type == Elem::String) {
    br.layout = Layout::CString;
    br.typeName = "char*";
  } else if (br.leaves.size() == 1 && !br.leaves[0].countName.empty()) {
    br.layout = Layout::VarArray;
    br.typeName = elemName(br.leaves[0].type);
  } else {
    br.layout = Layout::Fixed;
    for (LeafInfo &l : br.leaves) {
      if (l.type == Elem::None || l.type == Elem::String) {
        br.layout = Layout::Unsupported;
        br.unsupported = "its leaf " + l.name + " (" + l.className + ") cannot be read by cppnb yet";
      }
      l.offset = br.entryBytes;
      br.entryBytes += l.diskSize * size_t(l.len);
    }
    if (br.leaves.size() == 1) br.typeName = elemName(br.leaves[0].type);
  }
  if (br.layout == Layout::Fixed && br.entryBytes == 0 && br.leaves.size() == 1)
    br.entryBytes = br.leaves[0].diskSize * size_t(br.leaves[0].len);
  tree.branches.push_back(std::move(br));
  for (const RecordPtr &c : children)
    if (c) addBranch(tree, *c, depth + 1);
}

} // namespace

const BranchInfo *TreeData::findBranch(const std::string &name, int *leaf) const {
  if (leaf) *leaf = 0;
  for (const BranchInfo &b : branches)
    if (b.name == name) return &b;
  // "branch.leaf" of a leaf list, or a leaf's own name
  for (const BranchInfo &b : branches)
    for (size_t i = 0; i < b.leaves.size(); ++i)
      if (b.name + "." + b.leaves[i].name == name || (b.leaves.size() > 1 && b.leaves[i].name == name)) {
        if (leaf) *leaf = int(i);
        return &b;
      }
  return nullptr;
}

std::shared_ptr<TreeData> readTree(std::shared_ptr<FileData> file, const Record &r) {
  auto tree = std::make_shared<TreeData>();
  tree->file = std::move(file);
  if (tree->file->source().prefetches()) tree->prefetch = std::make_unique<BasketPrefetch>();
  tree->name = r.text("fName");
  tree->title = r.text("fTitle");
  tree->entries = int64_t(r.number("fEntries"));
  tree->totBytes = int64_t(r.number("fTotBytes"));
  tree->zipBytes = int64_t(r.number("fZipBytes"));
  for (const RecordPtr &b : r.list("fBranches"))
    if (b) addBranch(*tree, *b, 0);
  return tree;
}

int basketOf(const BranchInfo &branch, int64_t entry) {
  auto it = std::upper_bound(branch.basketEntry.begin(), branch.basketEntry.end(), entry);
  return int(it - branch.basketEntry.begin()) - 1;
}

RawBasket readBasket(const TreeData &tree, const BranchInfo &branch, int i) {
  if (branch.basketSeek[size_t(i)] < 0 && size_t(i) < branch.embedded.size() && branch.embedded[size_t(i)])
    return *branch.embedded[size_t(i)];
  FileData &file = *tree.file;
  std::string what = file.name() + ": branch " + branch.name + ", basket " + std::to_string(i);
  std::string raw(size_t(branch.basketBytes[size_t(i)]), '\0');
  file.source().read(uint64_t(branch.basketSeek[size_t(i)]), raw.size(), raw.data());
  Reader head(raw.data(), raw.size(), what);
  KeyInfo key = parseKey(head);
  head.i16(); // TBasket's version
  head.i32(); // fBufferSize
  head.i32(); // fNevBufSize
  int32_t nevBuf = head.i32();
  int32_t last = head.i32();
  if (key.nbytes > int32_t(raw.size()) || nevBuf < 0)
    throw Error(what + ": its header does not match the branch; the file is damaged");

  RawBasket b;
  b.first = branch.basketEntry[size_t(i)];
  b.count = nevBuf;
  if (key.compressed()) {
    b.data.assign(size_t(key.objLen), '\0');
    decompress(raw.data() + key.keyLen, size_t(key.nbytes - key.keyLen), b.data.data(), b.data.size(), what);
  } else {
    b.data = raw.substr(size_t(key.keyLen), size_t(key.nbytes - key.keyLen));
  }
  size_t dataLen = size_t(std::max(0, last - key.keyLen));
  if (dataLen > b.data.size()) throw Error(what + ": its entries run past its end; the file is damaged");

  b.offsets.resize(size_t(nevBuf) + 1);
  if (branch.entryOffsetLen > 0 && b.data.size() >= dataLen + 4) {
    Reader r(b.data.data() + dataLen, b.data.size() - dataLen, what + " (entry offsets)");
    int32_t n = r.i32();
    if (n < nevBuf) throw Error(what + ": it has fewer entry offsets than entries; the file is damaged");
    for (int32_t e = 0; e < nevBuf; ++e) {
      int64_t off = int64_t(r.i32()) - key.keyLen;
      if (off < 0 || size_t(off) > dataLen) throw Error(what + ": an entry offset points outside it; the file is damaged");
      b.offsets[size_t(e)] = uint32_t(off);
    }
  } else {
    size_t each = nevBuf > 0 ? dataLen / size_t(nevBuf) : 0;
    for (int32_t e = 0; e < nevBuf; ++e) b.offsets[size_t(e)] = uint32_t(each * size_t(e));
  }
  b.offsets[size_t(nevBuf)] = uint32_t(dataLen);
  b.data.resize(dataLen);
  return b;
}

} // namespace cppnb::root::io
