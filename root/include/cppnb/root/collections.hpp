// ROOT's collections as far as code over files needs them: TList and
// TObjArray of TObject pointers (not owning, as ROOT's by default), range-for
// and TIter iteration, lookup by name.
#pragma once

#include "core.hpp"

#include <cstring>
#include <vector>

namespace cppnb::root {

class TCollection : public TObject {
public:
  using iterator = std::vector<TObject *>::const_iterator;
  const char *ClassName() const override { return "TCollection"; }
  int GetEntries() const { return int(fItems.size()); }
  int GetSize() const { return int(fItems.size()); }
  int GetEntriesFast() const { return int(fItems.size()); }
  bool IsEmpty() const { return fItems.empty(); }
  TObject *At(int i) const { return i >= 0 && i < int(fItems.size()) ? fItems[size_t(i)] : nullptr; }
  TObject *operator[](int i) const { return At(i); }
  TObject *First() const { return fItems.empty() ? nullptr : fItems.front(); }
  TObject *Last() const { return fItems.empty() ? nullptr : fItems.back(); }
  TObject *FindObject(const char *name) const override {
    for (TObject *o : fItems)
      if (o && name && std::strcmp(o->GetName(), name) == 0) return o;
    return nullptr;
  }
  virtual void Add(TObject *obj) { fItems.push_back(obj); }
  void AddLast(TObject *obj) { Add(obj); }
  void Clear(Option_t * = "") { fItems.clear(); }
  TObject *Remove(TObject *obj) {
    for (auto it = fItems.begin(); it != fItems.end(); ++it)
      if (*it == obj) {
        fItems.erase(it);
        return obj;
      }
    return nullptr;
  }
  iterator begin() const { return fItems.begin(); }
  iterator end() const { return fItems.end(); }
  void Print(Option_t *option = "") const override {
    for (TObject *o : fItems)
      if (o) o->Print(option);
  }

protected:
  std::vector<TObject *> fItems;
};

class TList : public TCollection {
public:
  const char *ClassName() const override { return "TList"; }
};

class TObjArray : public TCollection {
public:
  const char *ClassName() const override { return "TObjArray"; }
  TObject *UncheckedAt(int i) const { return fItems[size_t(i)]; }
};

// TIter next(list); while (TObject *o = next()) ...
class TIter {
public:
  TIter(const TCollection *c) : fColl(c) {}
  TIter(const TCollection &c) : fColl(&c) {}
  TObject *Next() { return fColl && fAt < fColl->GetEntries() ? fColl->At(fAt++) : nullptr; }
  TObject *operator()() { return Next(); }
  void Reset() { fAt = 0; }

private:
  const TCollection *fColl;
  int fAt = 0;
};

} // namespace cppnb::root
