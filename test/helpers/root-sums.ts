// Sums of every value of every numeric branch of a tree, read by the kernel
// with TTreeReader (the reader's type chosen from the leaf, as a user would)
// and compared with jsroot's (helpers/jsroot.ts): the tests of reading and of
// writing ROOT files share them.
import { expect } from 'chai';

export type Sums = Record<string, { count: number; sum: number }>;

// The kernel's count and sum of every value of each branch (name count sum per line).
export function parseSums(out: string): Sums {
  const sums: Sums = {};
  for (const line of out.split('\n')) {
    const m = /^SUM (\S+) (\d+) (\S+)$/.exec(line);
    if (m) sums[m[1]] = { count: Number(m[2]), sum: Number(m[3]) };
  }
  return sums;
}

export function expectSameSums(ours: Sums, theirs: Sums) {
  for (const [branch, t] of Object.entries(theirs)) {
    expect(ours[branch], `branch ${branch} read by cppnb`).to.not.equal(undefined);
    expect(ours[branch].count, `values of ${branch}`).to.equal(t.count);
    expect(ours[branch].sum, `sum of ${branch}`).to.be.closeTo(t.sum, 1e-6 * Math.max(1, Math.abs(t.sum)));
  }
}

// Sums every numeric branch of a tree with TTreeReader, choosing the reader's
// type from the leaf, as a user would.
export const SUM_HELPERS = String.raw`#include <TFile.h>
#include <TTree.h>
#include <TTreeReader.h>
#include <TTreeReaderArray.h>
#include <cstdio>
template <class T> void sumBranch(TTree *t, const std::string &name, bool array) {
  TTreeReader r(t);
  double s = 0;
  long n = 0;
  if (array) {
    TTreeReaderArray<T> a(r, name.c_str());
    while (r.Next()) for (auto x : a) s += double(x), ++n;
  } else {
    TTreeReaderValue<T> v(r, name.c_str());
    while (r.Next()) s += double(*v), ++n;
  }
  std::printf("SUM %s %ld %.17g\n", name.c_str(), n, s);
}
void sumTree(TTree *t) {
  for (TObject *o : *t->GetListOfLeaves()) {
    auto *l = (TLeaf *)o;
    TBranch *b = l->GetBranch();
    std::string name = b->GetListOfLeaves()->GetEntries() > 1 ? std::string(b->GetName()) + "." + l->GetName() : b->GetName();
    bool array = l->GetLeafCount() || l->GetLen() > 1 || std::string(b->GetClassName()).rfind("vector", 0) == 0;
    std::string ty = l->GetTypeName(), cls = l->ClassName();
    if (cls == "TLeafC") continue;
    if (ty == "Int_t") sumBranch<int>(t, name, array);
    else if (ty == "UInt_t") sumBranch<unsigned>(t, name, array);
    else if (ty == "Float_t") sumBranch<float>(t, name, array);
    else if (ty == "Double_t") sumBranch<double>(t, name, array);
    else if (ty == "Bool_t") sumBranch<bool>(t, name, array);
    else if (ty == "Char_t") sumBranch<char>(t, name, array);
    else if (ty == "UChar_t") sumBranch<unsigned char>(t, name, array);
    else if (ty == "Short_t") sumBranch<short>(t, name, array);
    else if (ty == "UShort_t") sumBranch<unsigned short>(t, name, array);
    else if (ty == "Long64_t") sumBranch<long long>(t, name, array);
    else if (ty == "ULong64_t") sumBranch<unsigned long long>(t, name, array);
  }
}`;
