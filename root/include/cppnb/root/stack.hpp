// THStack: histograms drawn stacked (each on top of those added before it),
// or side by side with "nostack", as ROOT's: the stack's sums are painted
// from the total down, each in the look of the histogram it ends with.
#pragma once

#include "canvas.hpp"
#include "collections.hpp"
#include "framed_group.hpp"
#include "histograms.hpp"

#include <cstring>
#include <memory>
#include <vector>

namespace cppnb::root {

class THStack : public FramedGroup {
public:
  friend struct CanvasRecords;
  THStack() = default;
  // title: "title;x title;y title", as ROOT's.
  THStack(const char *name, const char *title) : FramedGroup(name, title) {}
  THStack(const THStack &) = delete;
  THStack &operator=(const THStack &) = delete;
  const char *ClassName() const override { return "THStack"; }

  // h on top of those added before (its draw option, when given, for it alone).
  void Add(TH1 *h, Option_t *option = "") {
    if (!h) return;
    if (!fHists.empty() && fHists[0].h->GetDimension() != h->GetDimension()) {
      std::fprintf(stderr, "Error in <THStack::Add>: Histogram %s has %d dimensions, the stack's %d\n", h->GetName(), h->GetDimension(),
                   fHists[0].h->GetDimension());
      return;
    }
    if (fHists.empty() && fFrame.GetXaxis()->GetNbins() <= 1) copyAxis(*h->GetXaxis(), *fFrame.GetXaxis());
    fHists.push_back({h, option ? option : ""});
    fList.Add(h);
  }
  void RecursiveRemove(const TObject *obj) override {
    for (auto it = fHists.begin(); it != fHists.end();)
      it = it->h == obj ? fHists.erase(it) : std::next(it);
    fList.Remove(const_cast<TObject *>(obj));
  }
  TList *GetHists() { return &fList; }
  int GetNhists() const { return int(fHists.size()); }
  // The sums: element i is histograms 0 to i added.
  TObjArray *GetStack() {
    buildSums();
    fStackArray.Clear();
    for (auto &s : fSums) fStackArray.Add(s.get());
    return &fStackArray;
  }

  // The highest of the total (stacked) or of each histogram ("nostack"),
  // with errors when option has "e".
  double GetMaximum(Option_t *option = "") const { return extreme(option, true); }
  double GetMinimum(Option_t *option = "") const { return extreme(option, false); }
  void Modified() {}

  inline bool FrameFor(const std::string &opt, bool logx, bool logy, FrameRequest &f) const override;
  inline void Paint(Painter &painter, const std::string &opt) const override;
  inline bool DrawIntoSubpads(TVirtualPad &pad, const std::string &option) override;

private:
  struct Entry {
    TH1 *h;
    std::string option;
  };
  static void copyAxis(const TAxis &from, TAxis &to) {
    if (from.IsVariableBinSize()) {
      std::vector<double> edges;
      for (int b = 1; b <= from.GetNbins() + 1; ++b) edges.push_back(from.GetBinLowEdge(b));
      to.Set(from.GetNbins(), edges.data());
    } else {
      to.Set(from.GetNbins(), from.GetXmin(), from.GetXmax());
    }
  }
  static bool stacked(const std::string &opt) { return lower(opt).find("nostack") == std::string::npos; }
  // The option each histogram is painted with: the stack's own words taken
  // out, the histogram's option from Add, else as a histogram ("hist").
  static std::string componentOption(const std::string &stackOption, const Entry &e) {
    std::string o = lower(stackOption);
    for (const char *word : {"nostackb", "nostack", "noclear", "pads", "pfc", "plc", "pmc", "same"})
      for (size_t at; (at = o.find(word)) != std::string::npos;) o.erase(at, std::strlen(word));
    for (char &c : o)
      if (c == ',') c = ' ';
    if (!e.option.empty()) o = lower(e.option);
    if (o.find_first_not_of(' ') == std::string::npos) o = "hist";
    return o;
  }
  // A copy to paint: the histogram's contents and look, the frame's x range.
  std::unique_ptr<TH1> paintable(const TH1 &h) const {
    std::unique_ptr<TH1> copy(h.Clone()); // of its own class (a TH2 paints as one)
    if (fFrame.GetXaxis()->HasUserRange()) copy->GetXaxis()->SetRange(fFrame.GetXaxis()->GetFirst(), fFrame.GetXaxis()->GetLast());
    return copy;
  }
  void buildSums() const {
    fSums.clear();
    for (size_t i = 0; i < fHists.size(); ++i) {
      auto sum = paintable(*fHists[i].h);
      if (i > 0) sum->Add(fSums.back().get());
      fSums.push_back(std::move(sum));
    }
  }
  double extreme(Option_t *option, bool highest) const {
    std::string o = option ? option : "";
    bool errors = lower(o).find('e') != std::string::npos;
    if (stacked(o)) buildSums();
    double best = highest ? -DBL_MAX : DBL_MAX;
    auto look = [&](const TH1 &h) {
      for (int b = h.GetXaxis()->GetFirst(); b <= h.GetXaxis()->GetLast(); ++b) {
        double e = errors ? h.GetBinError(b) : 0;
        best = highest ? std::max(best, h.GetBinContent(b) + e) : std::min(best, h.GetBinContent(b) - e);
      }
    };
    if (stacked(o) && !fSums.empty()) look(*fSums.back());
    else
      for (const Entry &e : fHists) look(*e.h);
    return best;
  }

  std::vector<Entry> fHists;
  TList fList;
  mutable std::vector<std::unique_ptr<TH1>> fSums;
  TObjArray fStackArray;
};

inline bool THStack::FrameFor(const std::string &opt, bool logx, bool logy, FrameRequest &f) const {
  if (fHists.empty()) return false;
  std::vector<std::unique_ptr<TH1>> shown;
  if (stacked(opt)) {
    buildSums();
    shown.push_back(paintable(*fSums.back()));
  } else {
    for (const Entry &e : fHists) shown.push_back(paintable(*e.h));
  }
  bool first = true;
  for (size_t i = 0; i < shown.size(); ++i) {
    FrameRequest one;
    shown[i]->FrameFor(componentOption(opt, fHists[stacked(opt) ? fHists.size() - 1 : i]), logx, logy, one);
    if (first) f = one;
    else f.y0 = std::min(f.y0, one.y0), f.y1 = std::max(f.y1, one.y1);
    first = false;
  }
  titleFrame(f);
  return true;
}

inline void THStack::Paint(Painter &painter, const std::string &opt) const {
  if (stacked(opt)) { // the total first, then each sum below it over it
    buildSums();
    for (size_t i = fSums.size(); i-- > 0;) fSums[i]->Paint(painter, componentOption(opt, fHists[i]));
    return;
  }
  for (const Entry &e : fHists) paintable(*e.h)->Paint(painter, componentOption(opt, e));
}

// "pads": each histogram in a sub-pad of its own, the pad divided into a
// near-square grid first unless it already has enough sub-pads (as ROOT).
inline bool THStack::DrawIntoSubpads(TVirtualPad &pad, const std::string &option) {
  if (!has(option, "pads")) return false;
  int n = int(fHists.size()), have = 0;
  while (pad.GetPad(have + 1)) ++have;
  if (have < n) {
    pad.Clear();
    int nx = int(std::sqrt(double(n)));
    if (nx * nx < n) ++nx;
    int ny = nx;
    if (nx * ny - nx >= n) --ny;
    pad.Divide(nx, std::max(ny, 1));
  }
  TVirtualPad *current = gPad;
  for (int i = 0; i < n; ++i) {
    pad.cd(i + 1);
    fHists[size_t(i)].h->Draw(componentOption(option, fHists[size_t(i)]).c_str());
  }
  gPad = current;
  return true;
}

} // namespace cppnb::root
