// Versions, checksums and members of ROOT 6.2x's classes, as its files
// describe them (checksums as ROOT computes them: TStreamerInfo::GetCheckSum).
#include "class_infos.hpp"

#include <map>
#include <set>

namespace cppnb::root::io {
namespace {

Element base(const char *name, const char *title, int version, uint32_t checksum) {
  Element e;
  e.kind = "TStreamerBase";
  e.name = name, e.title = title, e.typeName = "BASE";
  e.type = std::string(name) == "TObject" ? kTObject : std::string(name) == "TNamed" ? kTNamed : kBase;
  e.baseVersion = version, e.baseChecksum = checksum;
  return e;
}

Element basic(const char *name, int type, const char *typeName, const char *title) {
  static const std::map<int, int> sizes = {{kChar, 1},  {kShort, 2},  {kInt, 4},    {kCounter, 4}, {kFloat, 4},  {kDouble, 8},
                                           {kUChar, 1}, {kUShort, 2}, {kUInt, 4},   {kBits, 4},    {kLong64, 8}, {kULong64, 8},
                                           {kBool, 1},  {kLong, 8},   {kULong, 8}};
  Element e;
  e.kind = "TStreamerBasicType";
  e.name = name, e.title = title, e.typeName = typeName, e.type = type, e.size = sizes.at(type);
  return e;
}

Element string(const char *name, const char *title) {
  Element e;
  e.kind = "TStreamerString";
  e.name = name, e.title = title, e.typeName = "TString", e.type = kTString, e.size = 24;
  return e;
}

Element object(const char *name, const char *typeName, const char *title, int type, int size) {
  Element e;
  e.kind = type == kObject ? "TStreamerObject" : type == kAny ? "TStreamerObjectAny" : "TStreamerObjectPointer";
  e.name = name, e.title = title, e.typeName = typeName, e.type = type, e.size = size;
  return e;
}

Element array(const char *name, int type, const char *typeName, const char *title, const char *count, int countVersion,
              const char *countClass) {
  Element e;
  e.kind = "TStreamerBasicPointer";
  e.name = name, e.title = title, e.typeName = typeName, e.type = kOffsetP + type, e.size = 8;
  e.countName = count, e.countVersion = countVersion, e.countClass = countClass;
  return e;
}

ClassInfo info(const char *name, int version, uint32_t checksum, std::vector<Element> elements) {
  ClassInfo c;
  c.name = name, c.version = version, c.checksum = checksum, c.elements = std::move(elements);
  return c;
}

// Checksums of the bases every class below names.
constexpr uint32_t kTObjectSum = 2417737773u, kTNamedSum = 3753331260u, kTAttLineSum = 2483504457u,
                   kTAttFillSum = 4292422290u, kTAttMarkerSum = 689802220u, kTAttAxisSum = 1550843710u,
                   kTH1Sum = 473383108u, kTH2Sum = 25310335u, kTGraphSum = 100136037u, kTCollectionSum = 1474546588u,
                   kTSeqCollectionSum = 4234951622u, kTListSum = 1774568379u;

std::vector<ClassInfo> makeClasses() {
  std::vector<ClassInfo> all;
  all.push_back(info("TObject", 1, kTObjectSum,
                     {basic("fUniqueID", kUInt, "unsigned int", "object unique identifier"),
                      basic("fBits", kBits, "unsigned int", "bit field status word")}));
  all.push_back(info("TNamed", 1, kTNamedSum,
                     {base("TObject", "Basic ROOT object", 1, kTObjectSum), string("fName", "object identifier"),
                      string("fTitle", "object title")}));
  all.push_back(info("TString", 2, 95257u, {}));
  all.push_back(info("TCollection", 3, kTCollectionSum,
                     {base("TObject", "Basic ROOT object", 1, kTObjectSum), string("fName", "name of the collection"),
                      basic("fSize", kInt, "int", "number of elements in collection")}));
  all.push_back(info("TSeqCollection", 0, kTSeqCollectionSum,
                     {base("TCollection", "Collection abstract base class", 3, kTCollectionSum)}));
  all.push_back(info("TList", 5, kTListSum, {base("TSeqCollection", "Sequenceable collection ABC", 0, kTSeqCollectionSum)}));
  all.push_back(info("THashList", 0, 3430828481u, {base("TList", "Doubly linked list", 5, kTListSum)}));
  all.push_back(info("TAttLine", 2, kTAttLineSum,
                     {basic("fLineColor", kShort, "short", "Line color"), basic("fLineStyle", kShort, "short", "Line style"),
                      basic("fLineWidth", kShort, "short", "Line width")}));
  all.push_back(info("TAttFill", 2, kTAttFillSum,
                     {basic("fFillColor", kShort, "short", "Fill area color"), basic("fFillStyle", kShort, "short", "Fill area style")}));
  all.push_back(info("TAttMarker", 2, kTAttMarkerSum,
                     {basic("fMarkerColor", kShort, "short", "Marker color"), basic("fMarkerStyle", kShort, "short", "Marker style"),
                      basic("fMarkerSize", kFloat, "float", "Marker size")}));
  all.push_back(info("TAttAxis", 4, kTAttAxisSum,
                     {basic("fNdivisions", kInt, "int", "Number of divisions(10000*n3 + 100*n2 + n1)"),
                      basic("fAxisColor", kShort, "short", "Color of the line axis"),
                      basic("fLabelColor", kShort, "short", "Color of labels"), basic("fLabelFont", kShort, "short", "Font for labels"),
                      basic("fLabelOffset", kFloat, "float", "Offset of labels"), basic("fLabelSize", kFloat, "float", "Size of labels"),
                      basic("fTickLength", kFloat, "float", "Length of tick marks"),
                      basic("fTitleOffset", kFloat, "float", "Offset of axis title"),
                      basic("fTitleSize", kFloat, "float", "Size of axis title"),
                      basic("fTitleColor", kShort, "short", "Color of axis title"),
                      basic("fTitleFont", kShort, "short", "Font for axis title")}));
  all.push_back(info("TAxis", 10, 1514761840u,
                     {base("TNamed", "The basis for a named object (name, title)", 1, kTNamedSum),
                      base("TAttAxis", "Axis attributes", 4, kTAttAxisSum), basic("fNbins", kInt, "int", "Number of bins"),
                      basic("fXmin", kDouble, "double", "low edge of first bin"),
                      basic("fXmax", kDouble, "double", "upper edge of last bin"),
                      object("fXbins", "TArrayD", "Bin edges array in X", kAny, 24),
                      basic("fFirst", kInt, "int", "first bin to display"), basic("fLast", kInt, "int", "last bin to display"),
                      basic("fBits2", kUShort, "unsigned short", "second bit status word"),
                      basic("fTimeDisplay", kBool, "bool", "on/off displaying time values instead of numerics"),
                      string("fTimeFormat", "Date&time format, ex: 09/12/99 12:34:00"),
                      object("fLabels", "THashList*", "List of labels", kObjectP, 8),
                      object("fModLabs", "TList*", "List of modified labels", kObjectP, 8)}));
  std::vector<Element> attributes = {base("TNamed", "The basis for a named object (name, title)", 1, kTNamedSum),
                                     base("TAttLine", "Line attributes", 2, kTAttLineSum),
                                     base("TAttFill", "Fill area attributes", 2, kTAttFillSum),
                                     base("TAttMarker", "Marker attributes", 2, kTAttMarkerSum)};
  std::vector<Element> th1 = attributes;
  for (Element e : {basic("fNcells", kInt, "int", "number of bins(1D), cells (2D) +U/Overflows"),
                    object("fXaxis", "TAxis", "X axis descriptor", kObject, 216),
                    object("fYaxis", "TAxis", "Y axis descriptor", kObject, 216),
                    object("fZaxis", "TAxis", "Z axis descriptor", kObject, 216),
                    basic("fBarOffset", kShort, "short", "(1000*offset) for bar charts or legos"),
                    basic("fBarWidth", kShort, "short", "(1000*width) for bar charts or legos"),
                    basic("fEntries", kDouble, "double", "Number of entries"),
                    basic("fTsumw", kDouble, "double", "Total Sum of weights"),
                    basic("fTsumw2", kDouble, "double", "Total Sum of squares of weights"),
                    basic("fTsumwx", kDouble, "double", "Total Sum of weight*X"),
                    basic("fTsumwx2", kDouble, "double", "Total Sum of weight*X*X"),
                    basic("fMaximum", kDouble, "double", "Maximum value for plotting"),
                    basic("fMinimum", kDouble, "double", "Minimum value for plotting"),
                    basic("fNormFactor", kDouble, "double", "Normalization factor"),
                    object("fContour", "TArrayD", "Array to display contour levels", kAny, 24),
                    object("fSumw2", "TArrayD", "Array of sum of squares of weights", kAny, 24),
                    string("fOption", "histogram options"),
                    object("fFunctions", "TList*", "->Pointer to list of functions (fits and user)", kObjectp, 8),
                    basic("fBufferSize", kCounter, "int", "fBuffer size"),
                    array("fBuffer", kDouble, "double*", "[fBufferSize] entry buffer", "fBufferSize", 8, "TH1"),
                    basic("fBinStatErrOpt", kInt, "TH1::EBinErrorOpt", "option for bin statistical errors"),
                    basic("fStatOverflows", kInt, "TH1::EStatOverflows", "per object flag to use under/overflows in statistics")})
    th1.push_back(e);
  all.push_back(info("TH1", 8, kTH1Sum, th1));
  struct Kind {
    const char *name, *array, *arrayTitle;
    uint32_t arraySum, sum1, sum2;
  };
  for (Kind k : {Kind{"F", "TArrayF", "Array of floats", 1510733553u, 3801323076u, 1755103893u},
                 Kind{"D", "TArrayD", "Array of doubles", 1899622196u, 4189148831u, 2142929648u},
                 Kind{"I", "TArrayI", "Array of integers", 3654644167u, 1651860726u, 3900608839u},
                 Kind{"S", "TArrayS", "Array of shorts", 56398612u, 2353896907u, 307677724u},
                 Kind{"C", "TArrayC", "Array of chars", 2928122166u, 922150061u, 3170898174u}}) {
    all.push_back(info((std::string("TH1") + k.name).c_str(), 3, k.sum1,
                       {base("TH1", "1-Dim histogram base class", 8, kTH1Sum), base(k.array, k.arrayTitle, 1, k.arraySum)}));
    all.push_back(info((std::string("TH2") + k.name).c_str(), 4, k.sum2,
                       {base("TH2", "2-Dim histogram base class", 5, kTH2Sum), base(k.array, k.arrayTitle, 1, k.arraySum)}));
  }
  all.push_back(info("TProfile", 7, 1273888340u,
                     {base("TH1D", "1-Dim histograms (one double per channel)", 3, 4189148831u),
                      object("fBinEntries", "TArrayD", "number of entries per bin", kAny, 24),
                      basic("fErrorMode", kInt, "EErrorType", "Option to compute errors"),
                      basic("fYmin", kDouble, "double", "Lower limit in Y (if set)"),
                      basic("fYmax", kDouble, "double", "Upper limit in Y (if set)"),
                      basic("fTsumwy", kDouble, "double", "Total Sum of weight*Y"),
                      basic("fTsumwy2", kDouble, "double", "Total Sum of weight*Y*Y"),
                      object("fBinSumw2", "TArrayD", "Array of sum of squares of weights per bin", kAny, 24)}));
  all.push_back(info("TH2", 5, kTH2Sum,
                     {base("TH1", "1-Dim histogram base class", 8, kTH1Sum), basic("fScalefactor", kDouble, "double", "Scale factor"),
                      basic("fTsumwy", kDouble, "double", "Total Sum of weight*Y"),
                      basic("fTsumwy2", kDouble, "double", "Total Sum of weight*Y*Y"),
                      basic("fTsumwxy", kDouble, "double", "Total Sum of weight*X*Y")}));
  std::vector<Element> graph = attributes;
  for (Element e : {basic("fNpoints", kCounter, "int", "Number of points <= fMaxSize"),
                    array("fX", kDouble, "double*", "[fNpoints] array of X points", "fNpoints", 4, "TGraph"),
                    array("fY", kDouble, "double*", "[fNpoints] array of Y points", "fNpoints", 4, "TGraph"),
                    object("fFunctions", "TList*", "Pointer to list of functions (fits and user)", kObjectP, 8),
                    object("fHistogram", "TH1F*", "Pointer to histogram used for drawing axis", kObjectP, 8),
                    basic("fMinimum", kDouble, "double", "Minimum value for plotting along y"),
                    basic("fMaximum", kDouble, "double", "Maximum value for plotting along y")})
    graph.push_back(e);
  all.push_back(info("TGraph", 4, kTGraphSum, graph));
  all.push_back(info("TGraphErrors", 3, 712827663u,
                     {base("TGraph", "Graph graphics class", 4, kTGraphSum),
                      array("fEX", kDouble, "double*", "[fNpoints] array of X errors", "fNpoints", 4, "TGraph"),
                      array("fEY", kDouble, "double*", "[fNpoints] array of Y errors", "fNpoints", 4, "TGraph")}));
  // Trees (ROOT 6.2x's TTree v20, TBranch v13, leaves).
  all.push_back(info("ROOT::TIOFeatures", 1, 446770960u,
                     {basic("fIOBits", kUChar, "unsigned char", "")}));
  all.push_back(info("TObjArray", 3, 2845730130u,
                     {base("TSeqCollection", "Sequenceable collection ABC", 0, 4234951622u),
                      basic("fLowerBound", kInt, "int", "Lower bound of the array"),
                      basic("fLast", kInt, "int", "Last element in array containing an object")}));
  all.push_back(info("TLeaf", 2, 1830715730u,
                     {base("TNamed", "The basis for a named object (name, title)", 1, 3753331260u),
                      basic("fLen", kInt, "int", "Number of fixed length elements in the leaf's data."),
                      basic("fLenType", kInt, "int", "Number of bytes for this data type"),
                      basic("fOffset", kInt, "int", "Offset in ClonesArray object (if one)"),
                      basic("fIsRange", kBool, "bool", "(=kTRUE if leaf has a range, kFALSE otherwise).  This is equivalent to being a 'leafcount'.  For a TLeafElement the range information is actually store in the TBranchElement."),
                      basic("fIsUnsigned", kBool, "bool", "(=kTRUE if unsigned, kFALSE otherwise)"),
                      object("fLeafCount", "TLeaf*", "Pointer to Leaf count if variable length (we do not own the counter)", kObjectP, 8)}));
  // The leaves of each type: TLeaf and their range, of that type.
  struct LeafKind {
    const char *name;
    uint32_t checksum;
    int type;
    const char *typeName;
  };
  for (LeafKind k : {LeafKind{"TLeafB", 253643614u, kChar, "char"}, LeafKind{"TLeafS", 353169103u, kShort, "short"},
                     LeafKind{"TLeafI", 2120920601u, kInt, "int"}, LeafKind{"TLeafL", 3727820898u, kLong64, "Long64_t"},
                     LeafKind{"TLeafF", 987602290u, kFloat, "float"}, LeafKind{"TLeafD", 294553462u, kDouble, "double"},
                     LeafKind{"TLeafO", 44976339u, kBool, "bool"}, LeafKind{"TLeafC", 4226003699u, kInt, "int"}})
    all.push_back(info(k.name, 1, k.checksum,
                       {base("TLeaf", "Leaf: description of a Branch data type", 2, 1830715730u),
                        basic("fMinimum", k.type, k.typeName, "Minimum value if leaf range is specified"),
                        basic("fMaximum", k.type, k.typeName, "Maximum value if leaf range is specified")}));
  all.push_back(info("TBranch", 13, 278366892u,
                     {base("TNamed", "The basis for a named object (name, title)", 1, 3753331260u),
                      base("TAttFill", "Fill area attributes", 2, 4292422290u),
                      basic("fCompress", kInt, "int", "Compression level and algorithm"),
                      basic("fBasketSize", kInt, "int", "Initial Size of  Basket Buffer"),
                      basic("fEntryOffsetLen", kInt, "int", "Initial Length of fEntryOffset table in the basket buffers"),
                      basic("fWriteBasket", kInt, "int", "Last basket number written"),
                      basic("fEntryNumber", kLong64, "Long64_t", "Current entry number (last one filled in this branch)"),
                      object("fIOFeatures", "ROOT::TIOFeatures", "IO features for newly-created baskets.", kAny, 1),
                      basic("fOffset", kInt, "int", "Offset of this branch"),
                      basic("fMaxBaskets", kCounter, "int", "Maximum number of Baskets so far"),
                      basic("fSplitLevel", kInt, "int", "Branch split level"),
                      basic("fEntries", kLong64, "Long64_t", "Number of entries"),
                      basic("fFirstEntry", kLong64, "Long64_t", "Number of the first entry in this branch"),
                      basic("fTotBytes", kLong64, "Long64_t", "Total number of bytes in all leaves before compression"),
                      basic("fZipBytes", kLong64, "Long64_t", "Total number of bytes in all leaves after compression"),
                      object("fBranches", "TObjArray", "-> List of Branches of this branch", kObject, 64),
                      object("fLeaves", "TObjArray", "-> List of leaves of this branch", kObject, 64),
                      object("fBaskets", "TObjArray", "-> List of baskets of this branch", kObject, 64),
                      array("fBasketBytes", kInt, "int*", "[fMaxBaskets] Length of baskets on file", "fMaxBaskets", 13, "TBranch"),
                      array("fBasketEntry", kLong64, "Long64_t*", "[fMaxBaskets] Table of first entry in each basket", "fMaxBaskets", 13, "TBranch"),
                      array("fBasketSeek", kLong64, "Long64_t*", "[fMaxBaskets] Addresses of baskets on file", "fMaxBaskets", 13, "TBranch"),
                      string("fFileName", "Name of file where buffers are stored (\"\" if in same file as Tree header)")}));
  all.push_back(info("TTree", 20, 1919213695u,
                     {base("TNamed", "The basis for a named object (name, title)", 1, 3753331260u),
                      base("TAttLine", "Line attributes", 2, 2483504457u),
                      base("TAttFill", "Fill area attributes", 2, 4292422290u),
                      base("TAttMarker", "Marker attributes", 2, 689802220u),
                      basic("fEntries", kLong64, "Long64_t", "Number of entries"),
                      basic("fTotBytes", kLong64, "Long64_t", "Total number of bytes in all branches before compression"),
                      basic("fZipBytes", kLong64, "Long64_t", "Total number of bytes in all branches after compression"),
                      basic("fSavedBytes", kLong64, "Long64_t", "Number of autosaved bytes"),
                      basic("fFlushedBytes", kLong64, "Long64_t", "Number of auto-flushed bytes"),
                      basic("fWeight", kDouble, "double", "Tree weight (see TTree::SetWeight)"),
                      basic("fTimerInterval", kInt, "int", "Timer interval in milliseconds"),
                      basic("fScanField", kInt, "int", "Number of runs before prompting in Scan"),
                      basic("fUpdate", kInt, "int", "Update frequency for EntryLoop"),
                      basic("fDefaultEntryOffsetLen", kInt, "int", "Initial Length of fEntryOffset table in the basket buffers"),
                      basic("fNClusterRange", kCounter, "int", "Number of Cluster range in addition to the one defined by 'AutoFlush'"),
                      basic("fMaxEntries", kLong64, "Long64_t", "Maximum number of entries in case of circular buffers"),
                      basic("fMaxEntryLoop", kLong64, "Long64_t", "Maximum number of entries to process"),
                      basic("fMaxVirtualSize", kLong64, "Long64_t", "Maximum total size of buffers kept in memory"),
                      basic("fAutoSave", kLong64, "Long64_t", "Autosave tree when fAutoSave entries written or -fAutoSave (compressed) bytes produced"),
                      basic("fAutoFlush", kLong64, "Long64_t", "Auto-flush tree when fAutoFlush entries written or -fAutoFlush (compressed) bytes produced"),
                      basic("fEstimate", kLong64, "Long64_t", "Number of entries to estimate histogram limits"),
                      array("fClusterRangeEnd", kLong64, "Long64_t*", "[fNClusterRange] Last entry of a cluster range.", "fNClusterRange", 20, "TTree"),
                      array("fClusterSize", kLong64, "Long64_t*", "[fNClusterRange] Number of entries in each cluster for a given range.", "fNClusterRange", 20, "TTree"),
                      object("fIOFeatures", "ROOT::TIOFeatures", "IO features to define for newly-written baskets and branches.", kAny, 1),
                      object("fBranches", "TObjArray", "List of Branches", kObject, 64),
                      object("fLeaves", "TObjArray", "Direct pointers to individual branch leaves", kObject, 64),
                      object("fAliases", "TList*", "List of aliases for expressions based on the tree branches.", kObjectP, 8),
                      object("fIndexValues", "TArrayD", "Sorted index values", kAny, 24),
                      object("fIndex", "TArrayI", "Index of sorted values", kAny, 24),
                      object("fTreeIndex", "TVirtualIndex*", "Pointer to the tree Index (if any)", kObjectP, 8),
                      object("fFriends", "TList*", "pointer to list of friend elements", kObjectP, 8),
                      object("fUserInfo", "TList*", "pointer to a list of user objects associated to this Tree", kObjectP, 8),
                      object("fBranchRef", "TBranchRef*", "Branch supporting the TRefTable (if any)", kObjectP, 8)}));
  all.push_back(info("TBranchElement", 10, 0xe74f5e63u,
                     {base("TBranch", "Branch descriptor", 13, 278366892u), string("fClassName", "Class name of referenced object"),
                      string("fParentName", "Name of parent class"), string("fClonesName", "Name of class in TClonesArray (if any)"),
                      basic("fCheckSum", kUInt, "unsigned int", "CheckSum of class"),
                      basic("fClassVersion", kShort, "short", "Version number of class"),
                      basic("fID", kInt, "int", "element serial number in fInfo"), basic("fType", kInt, "int", "Branch type"),
                      basic("fStreamerType", kInt, "int", "branch streamer type"),
                      basic("fMaximum", kInt, "int", "Maximum entries for a TClonesArray or variable array"),
                      object("fBranchCount", "TBranchElement*", "pointer to primary branchcount branch", kObjectP, 8),
                      object("fBranchCount2", "TBranchElement*", "pointer to secondary branchcount branch", kObjectP, 8)}));
  all.push_back(info("TLeafElement", 1, 0xa04f8893u,
                     {base("TLeaf", "Leaf: description of a Branch data type", 2, 1830715730u),
                      basic("fID", kInt, "int", "element serial number in fInfo"), basic("fType", kInt, "int", "leaf type")}));
  return all;
}

const std::map<std::string, ClassInfo> &classes() {
  static const std::map<std::string, ClassInfo> byName = [] {
    std::map<std::string, ClassInfo> m;
    for (ClassInfo &c : makeClasses()) m[c.name] = std::move(c);
    return m;
  }();
  return byName;
}

void collect(const std::string &cls, std::set<std::string> &seen, std::vector<const ClassInfo *> &out) {
  const ClassInfo *c = writableClass(cls);
  if (!c || !seen.insert(cls).second) return;
  for (const Element &e : c->elements) {
    std::string dep = e.type == kBase || e.type == kTObject || e.type == kTNamed ? e.name : e.typeName;
    while (!dep.empty() && dep.back() == '*') dep.pop_back();
    if (e.type == kTString) dep = "TString";
    if (dep == "THashList") collect("TList", seen, out); // a null THashList* member: ROOT lists the whole family
    collect(dep, seen, out);
  }
  out.push_back(c);
}

} // namespace

const ClassInfo *writableClass(const std::string &cls) {
  auto it = classes().find(cls);
  return it == classes().end() ? nullptr : &it->second;
}

std::vector<const ClassInfo *> classClosure(const std::string &cls) {
  std::set<std::string> seen;
  std::vector<const ClassInfo *> out;
  collect(cls, seen, out);
  return out;
}

} // namespace cppnb::root::io
