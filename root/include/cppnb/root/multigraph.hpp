// TMultiGraph: graphs drawn together in one frame that holds them all, as
// ROOT's ("A" draws the axes; each graph in the option given, or its own).
#pragma once

#include "collections.hpp"
#include "framed_group.hpp"
#include "graphs.hpp"

namespace cppnb::root {

class TMultiGraph : public FramedGroup {
public:
  friend struct CanvasRecords;
  TMultiGraph() = default;
  // title: "title;x title;y title".
  TMultiGraph(const char *name, const char *title) : FramedGroup(name, title) {}
  TMultiGraph(const TMultiGraph &) = delete;
  TMultiGraph &operator=(const TMultiGraph &) = delete;
  const char *ClassName() const override { return "TMultiGraph"; }
  TF1 *GetFunction(const char *name) const { return findFunction(fFunctions, name); }

  void Add(TGraph *g, Option_t *option = "") {
    if (!g) return;
    fGraphs.push_back({g, option ? option : ""});
    fList.Add(g);
  }
  void Add(TMultiGraph *other, Option_t *option = "") {
    if (other)
      for (const Entry &e : other->fGraphs) Add(e.g, *option ? option : e.option.c_str());
  }
  void RecursiveRemove(const TObject *obj) override {
    for (auto it = fGraphs.begin(); it != fGraphs.end();)
      it = it->g == obj ? fGraphs.erase(it) : std::next(it);
    fList.Remove(const_cast<TObject *>(obj));
  }
  TList *GetListOfGraphs() { return &fList; }

  // Fits the points of every graph together, as ROOT's.
  TFitResultPtr Fit(const char *fname, Option_t *option = "", Option_t *goption = "", double xmin = 0, double xmax = 0) {
    TGraph all = merged();
    TFitResultPtr r = all.Fit(fname, (std::string(option ? option : "") + "0").c_str(), goption, xmin, xmax);
    if (!all.Functions().empty()) keepFunction(all.Functions().back());
    return r;
  }
  TFitResultPtr Fit(TF1 *f, Option_t *option = "", Option_t *goption = "", double xmin = 0, double xmax = 0) {
    TGraph all = merged();
    TFitResultPtr r = all.Fit(f, (std::string(option ? option : "") + "0").c_str(), goption, xmin, xmax);
    if (f) keepFunction(*f);
    return r;
  }
  // The fitted function, in place of an earlier one of its name.
  void keepFunction(const TF1 &f) {
    for (auto it = fFunctions.begin(); it != fFunctions.end();)
      it = std::string(it->GetName()) == f.GetName() ? fFunctions.erase(it) : std::next(it);
    fFunctions.push_back(f);
  }

  bool ClearsPad(const std::string &option) const override { return optionLetters(option).find('a') != std::string::npos; }
  bool FrameFor(const std::string &opt, bool logx, bool logy, FrameRequest &f) const override {
    if (optionLetters(opt).find('a') == std::string::npos) return false;
    bool first = true;
    for (const Entry &e : fGraphs) {
      FrameRequest one;
      if (!e.g->FrameFor("a" + graphOption(opt, e), logx, logy, one)) continue;
      if (first) f = one;
      else f.x0 = std::min(f.x0, one.x0), f.x1 = std::max(f.x1, one.x1), f.y0 = std::min(f.y0, one.y0), f.y1 = std::max(f.y1, one.y1);
      first = false;
    }
    if (first) return false;
    if (fFrame.GetXaxis()->HasUserRange()) f.x0 = fFrame.GetXaxis()->DrawnMin(), f.x1 = fFrame.GetXaxis()->DrawnMax();
    titleFrame(f);
    return true;
  }
  void Paint(Painter &p, const std::string &opt) const override {
    for (const Entry &e : fGraphs) e.g->Paint(p, graphOption(opt, e));
    for (const TF1 &f : fFunctions) f.Paint(p, "");
  }

private:
  struct Entry {
    TGraph *g;
    std::string option;
  };
  // What a graph is painted with: its own option from Add, else the
  // multigraph's without "A".
  static std::string graphOption(const std::string &opt, const Entry &e) {
    std::string o = e.option.empty() ? opt : e.option;
    std::string out;
    for (char c : o)
      if (c != 'a' && c != 'A') out += c;
    return out.find_first_not_of(' ') == std::string::npos ? "lp" : out;
  }
  TGraph merged() const {
    TGraph all;
    for (const Entry &e : fGraphs)
      for (int i = 0; i < e.g->GetN(); ++i) all.SetPoint(all.GetN(), e.g->GetX()[i], e.g->GetY()[i]);
    return all;
  }
  std::vector<Entry> fGraphs;
  TList fList;
  std::list<TF1> fFunctions;
};

} // namespace cppnb::root
