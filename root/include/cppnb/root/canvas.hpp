// Pads and canvases: TVirtualPad (ROOT's pad, concrete here), TPad, TCanvas,
// and gPad, the pad that Draw draws into. In the notebook, each canvas drawn
// into during a cell is shown at the end of the cell, as JupyROOT does.
#pragma once

#include "collections.hpp"
#include "core.hpp"
#include "histograms.hpp" // DrawFrame's TH1F

#include <cstring>
#include <memory>

namespace cppnb::root {

class TCanvas;
class TVirtualPad;
class TLegend;

// A pad's frame (GetFrame): its fill colour is the pad's frame colour.
class TFrame : public TObject, public TAttLine, public TAttFill {
public:
  explicit TFrame(TVirtualPad *pad) : fPad(pad) {}
  const char *ClassName() const override { return "TFrame"; }
  inline void SetFillColor(Color_t c) override;
  void SetBorderSize(int) {}
  void SetBorderMode(int) {}

private:
  TVirtualPad *fPad;
};

class TVirtualPad : public TNamed, public TAttFill {
public:
  TVirtualPad(const char *name, const char *title, double xlow, double ylow, double xup, double yup)
      : TNamed(name, title), TAttFill(0, 1001), fXlow(xlow), fYlow(ylow), fXup(xup), fYup(yup) {
    fLeft = gStyle->GetPadLeftMargin(), fRight = gStyle->GetPadRightMargin();
    fTop = gStyle->GetPadTopMargin(), fBottom = gStyle->GetPadBottomMargin();
    fGridx = gStyle->GetPadGridX(), fGridy = gStyle->GetPadGridY();
  }
  inline ~TVirtualPad() override;
  const char *ClassName() const override { return "TPad"; }
  const TVirtualPad *AsPad() const override { return this; }

  // Makes this pad (n = 0) or its n-th sub-pad (from Divide) the current pad.
  TVirtualPad *cd(int n = 0);
  // An empty frame from (xmin, ymin) to (xmax, ymax) with "title;x;y", drawn
  // in this pad: ROOT's way to set the axes before drawing graphs "same".
  inline TH1F *DrawFrame(double xmin, double ymin, double xmax, double ymax, const char *title = "");
  // Splits the pad into nx × ny sub-pads, numbered 1… left to right, top to bottom.
  void Divide(int nx = 1, int ny = 1, float xmargin = 0.01f, float ymargin = 0.01f, int color = 0);
  void Clear(Option_t * = "") {
    fPrimitives.clear();
    fSubpads.clear();
    Modified();
  }
  // Adds obj to what this pad draws (Draw does this with gPad).
  void Add(TObject *obj, const std::string &option) {
    if (obj->DrawIntoSubpads(*this, option)) return;
    if (obj->ClearsPad(option)) {
      fPrimitives.clear();
      fSubpads.clear();
    }
    fPrimitives.push_back({obj, option});
    Modified();
  }
  TVirtualPad *GetPad(int n) const { return n >= 1 && n <= int(fSubpads.size()) ? fSubpads[n - 1].get() : nullptr; }
  TVirtualPad *GetMother() const { return fMother; }
  TCanvas *GetCanvas() const { return fCanvas; }
  int GetNumber() const { return fNumber; }

  void SetLogx(int v = 1) { fLogx = v, Modified(); }
  void SetLogy(int v = 1) { fLogy = v, Modified(); }
  void SetLogz(int v = 1) { fLogz = v, Modified(); }
  int GetLogx() const { return fLogx; }
  int GetLogy() const { return fLogy; }
  int GetLogz() const { return fLogz; }
  void SetGrid(int x = 1, int y = 1) { fGridx = x, fGridy = y, Modified(); }
  void SetGridx(int v = 1) { fGridx = v, Modified(); }
  void SetGridy(int v = 1) { fGridy = v, Modified(); }
  bool GetGridx() const { return fGridx; }
  bool GetGridy() const { return fGridy; }
  void SetTicks(int x = 1, int y = 1) { fTickx = x, fTicky = y; }
  void SetTickx(int v = 1) { fTickx = v; }
  void SetTicky(int v = 1) { fTicky = v; }
  void SetLeftMargin(float m) { fLeft = m, Modified(); }
  void SetRightMargin(float m) { fRight = m, Modified(); }
  void SetTopMargin(float m) { fTop = m, Modified(); }
  void SetBottomMargin(float m) { fBottom = m, Modified(); }
  void SetMargin(float l, float r, float b, float t) { fLeft = l, fRight = r, fBottom = b, fTop = t, Modified(); }
  float GetLeftMargin() const { return fLeft; }
  float GetRightMargin() const { return fRight; }
  float GetTopMargin() const { return fTop; }
  float GetBottomMargin() const { return fBottom; }
  void SetFrameFillColor(Color_t c) { fFrameFill = c; }
  void SetFrameLineColor(Color_t) {}
  // Accepted as ROOT's; cppnb draws frames and pads without bevelled borders or hatching.
  void SetFrameFillStyle(Style_t) {}
  void SetFrameLineWidth(Width_t) {}
  void SetFrameBorderMode(int) {}
  void SetFrameBorderSize(int) {}
  void SetBorderMode(int) {}
  void SetBorderSize(int) {}
  TFrame *GetFrame() { return &fFrame; }
  // The objects drawn on this pad, in order (a snapshot: adding to it draws nothing).
  // Mouse events: a picture in a notebook has none (ROOT's TExec macros
  // that read them see no event).
  int GetEvent() const { return 0; }
  int GetEventX() const { return 0; }
  int GetEventY() const { return 0; }
  TObject *GetSelected() const { return nullptr; }
  void FeedbackMode(bool) {}
  // Commands run on mouse events in ROOT's canvases: kept without effect.
  void AddExec(const char *, const char *) {}
  void DeleteExec(const char *) {}
  // The highlight signal of ROOT's canvases: no effect in a picture.
  void HighlightConnect(const char *) {}
  TList *GetListOfPrimitives() const {
    fPrimitiveList.Clear();
    for (const auto &[obj, opt] : fPrimitives) fPrimitiveList.Add(obj);
    return &fPrimitiveList;
  }
  // The object drawn on this pad under that name, or one they hold (a
  // histogram's "stats"), or null.
  TObject *GetPrimitive(const char *name) const {
    for (const auto &[obj, opt] : fPrimitives)
      if (name && std::strcmp(obj->GetName(), name) == 0) return obj;
    for (const auto &[obj, opt] : fPrimitives)
      if (TObject *held = obj->FindObject(name)) return held;
    return nullptr;
  }
  TObject *FindObject(const char *name) const override { return GetPrimitive(name); }
  // A legend of what the pad shows (histograms, graphs, functions), at the
  // top right unless placed (x1 != x2), as ROOT's; drawn on the pad.
  inline TLegend *BuildLegend(double x1 = 0.3, double y1 = 0.21, double x2 = 0.3, double y2 = 0.21, const char *title = "",
                              Option_t *option = "");
  void RedrawAxis(Option_t * = "") {}
  void SetFixedAspectRatio(bool = true) {}
  // The pad's own coordinates, corner to corner (ROOT's Range): objects drawn
  // "same" on a pad with no frame of its own are placed by them.
  void Range(double x1, double y1, double x2, double y2) {
    fRange[0] = x1, fRange[1] = y1, fRange[2] = x2, fRange[3] = y2, fHasRange = x2 > x1 && y2 > y1;
    Modified();
  }
  void GetRange(double &x1, double &y1, double &x2, double &y2) const { x1 = fRange[0], y1 = fRange[1], x2 = fRange[2], y2 = fRange[3]; }
  bool HasRange() const { return fHasRange; }
  // The frame's range in the pad's coordinates, as the pad is drawn now
  // (ROOT's after Update; linear values also on log axes).
  double GetUxmin() const { return frameNow().x0; }
  double GetUxmax() const { return frameNow().x1; }
  double GetUymin() const { return frameNow().y0; }
  double GetUymax() const { return frameNow().y1; }
  FrameRequest frameNow() const {
    FrameRequest f;
    if (!findFrame(f) && fHasRange) f.x0 = fRange[0], f.y0 = fRange[1], f.x1 = fRange[2], f.y1 = fRange[3];
    return f;
  }
  // The frame the first object that can set one up asks for (objects drawn
  // "same" on a pad with a Range place themselves by it); false if none does.
  bool findFrame(FrameRequest &f) const {
    for (const auto &[obj, opt] : fPrimitives)
      if (!obj->AsPad() && !(fHasRange && has(opt, "same")) && obj->FrameFor(opt, fLogx, fLogy, f)) return true;
    return false;
  }
  // The view angles of 3D drawings (kept; cppnb draws LEGO and SURF as colour maps).
  void SetTheta(double theta = 30) { fTheta = theta; }
  void SetPhi(double phi = 30) { fPhi = phi; }
  double GetTheta() const { return fTheta; }
  double GetPhi() const { return fPhi; }

  // The notebook shows the canvas again at the end of the cell.
  void Modified(bool = true);
  // Update in a running cell shows the canvas now and then in place (notebook.hpp).
  inline void showLive() const;
  // As ROOT paints on Update, objects that make parts then (a histogram's
  // stats box) make them, for the macro to change.
  virtual void Update() {
    for (const auto &[obj, opt] : fPrimitives) obj->PadUpdated(opt);
    for (const auto &sub : fSubpads) sub->Update();
    Modified();
    showLive();
  }
  inline void Draw(Option_t *option = "") override;
  // Writes this pad as an SVG picture (.svg); other formats are refused with a message.
  inline virtual void SaveAs(const char *filename = "", Option_t * = "") const;
  void Print(const char *filename = "") const override { SaveAs(filename); }
  // The pad as SVG text, w × h pixels (cppnb's own, what SaveAs and the notebook use).
  std::string ToSvg(double w, double h) const;
  // Pixel size of this pad within its canvas.
  double PixelWidth() const;
  double PixelHeight() const;

  void RecursiveRemove(const TObject *obj) override {
    for (auto i = fPrimitives.begin(); i != fPrimitives.end();)
      i = i->first == obj ? fPrimitives.erase(i) : std::next(i);
    for (auto &p : fPrimitives) p.first->RecursiveRemove(obj);
    for (auto &s : fSubpads) s->RecursiveRemove(obj);
  }
  bool Contains(const TObject *obj) const {
    for (auto &p : fPrimitives)
      if (p.first == obj) return true;
    for (auto &s : fSubpads)
      if (s->Contains(obj)) return true;
    return false;
  }

  std::vector<std::pair<TObject *, std::string>> fPrimitives;
  mutable TList fPrimitiveList;
  double fTheta = 30, fPhi = 30;
  double fRange[4] = {0, 0, 1, 1};
  bool fHasRange = false;
  std::vector<std::unique_ptr<TVirtualPad>> fSubpads;
  TVirtualPad *fMother = nullptr;
  TCanvas *fCanvas = nullptr;
  int fNumber = 0;
  double fXlow, fYlow, fXup, fYup; // in the mother pad, 0-1 from bottom left
  int fLogx = 0, fLogy = 0, fLogz = 0;
  bool fGridx = false, fGridy = false;
  int fTickx = 0, fTicky = 0;
  float fLeft, fRight, fTop, fBottom;
  Color_t fFrameFill = 0;
  TFrame fFrame{this};
};

inline void TFrame::SetFillColor(Color_t c) {
  TAttFill::SetFillColor(c);
  fPad->SetFrameFillColor(c);
}

class TPad : public TVirtualPad {
public:
  TPad(const char *name, const char *title, double xlow, double ylow, double xup, double yup, Color_t color = 0, short = -1, short = -2);
};

inline TVirtualPad *gPad = nullptr;

inline std::vector<TCanvas *> &canvases() {
  // Never destroyed: objects that are statics (gStyle's) remove themselves
  // from the canvases when a program exits, after this list would be gone.
  static auto *all = new std::vector<TCanvas *>;
  return *all;
}
void showChangedCanvases();

class TCanvas : public TVirtualPad {
public:
  TCanvas(const char *name = "c1", const char *title = "", int form = 1)
      : TCanvas(name, title, form == 1 ? 700 : 500, form == 1 ? 500 : 500) {}
  TCanvas(const char *name, const char *title, int ww, int wh) : TVirtualPad(name, title && *title ? title : name, 0, 0, 1, 1), fW(ww), fH(wh) {
    fCanvas = this;
    cppnb::root::canvases().push_back(this);
    gPad = this;
    enrollForNotebook();
  }
  TCanvas(const char *name, const char *title, int, int, int ww, int wh) : TCanvas(name, title, ww, wh) {}
  ~TCanvas() override {
    auto &all = cppnb::root::canvases();
    all.erase(std::remove(all.begin(), all.end(), this), all.end());
    if (gPad && gPad->GetCanvas() == this) gPad = nullptr;
    fSubpads.clear();
  }
  const char *ClassName() const override { return "TCanvas"; }

  // Shows the canvas in the notebook now (outside the kernel: nothing).
  inline void Draw(Option_t *option = "") override;
  void Close(Option_t * = "") { fChanged = false; }
  int GetWw() const { return fW; }
  int GetWh() const { return fH; }
  int GetWindowWidth() const { return fW; }
  int GetWindowHeight() const { return fH; }
  void SetCanvasSize(int w, int h) { fW = w, fH = h, Modified(); }
  // The picture in shades of grey (ROOT's SetGrayscale), for printing.
  void SetGrayscale(bool set = true) { fGrayscale = set, Modified(); }
  bool IsGrayscale() const { return fGrayscale; }
  // ROOT's window's bars and editors: a notebook's picture has none.
  void ToggleEventStatus() {}
  void ToggleToolBar() {}
  void ToggleEditor() {}
  void ToggleToolTips() {}
  void SetEditable(bool = true) {}
  void SetWindowSize(int w, int h) { SetCanvasSize(w, h); }
  void SetBatch(bool = true) {}
  std::string ToSvg() const { return TVirtualPad::ToSvg(fW, fH); }

  bool fChanged = false;
  // While a cell runs: the display id Update showed this canvas under (live
  // updates replace it), and when it last showed it or, before that, when the
  // cell first called Update (steady clock, s; 0: not yet); cleared at the cell's end.
  std::string fLiveId;
  double fLiveAt = 0;

private:
  int fW, fH;
  bool fGrayscale = false;
  static void enrollForNotebook();
};

inline TPad::TPad(const char *name, const char *title, double xlow, double ylow, double xup, double yup, Color_t color, short, short)
    : TVirtualPad(name, title, xlow, ylow, xup, yup) {
  fFillColor = color;
  if (gPad) {
    fMother = gPad;
    fCanvas = gPad->GetCanvas();
  }
}

// ---- definitions that need the classes above ----

inline TObject::~TObject() {
  for (TCanvas *c : cppnb::root::canvases()) c->RecursiveRemove(this);
  if (cppnb_root_object_deleted) cppnb_root_object_deleted(this);
}

inline TObject *TObject::DrawClone(Option_t *option) const {
  TObject *copy = Clone();
  if (!copy) {
    std::fprintf(stderr, "Error in <%s::DrawClone>: cppnb cannot copy a %s yet\n", ClassName(), ClassName());
    return nullptr;
  }
  copy->Draw(option);
  return copy;
}

inline void TObject::Draw(Option_t *option) {
  if (!gPad) new TCanvas("c1", "c1", gStyle->GetCanvasDefW(), gStyle->GetCanvasDefH()); // as ROOT: the default canvas
  gPad->Add(this, option ? option : "");
}

inline TVirtualPad::~TVirtualPad() {
  if (gPad == this) gPad = fMother;
}

inline void TVirtualPad::Modified(bool) {
  if (fCanvas) fCanvas->fChanged = true;
}

inline void TVirtualPad::Draw(Option_t *) {
  if (fMother && fMother != this && !fMother->Contains(this)) fMother->fPrimitives.push_back({this, ""});
  Modified();
}

inline TH1F *TVirtualPad::DrawFrame(double xmin, double ymin, double xmax, double ymax, const char *title) {
  cd();
  auto *frame = new TH1F("hframe", title, 1000, xmin, xmax); // drawn by the pad for as long as the session runs
  frame->SetMinimum(ymin), frame->SetMaximum(ymax), frame->SetStats(false);
  frame->SetDirectory(nullptr);
  frame->Draw("AXIS");
  return frame;
}

inline TVirtualPad *TVirtualPad::cd(int n) {
  if (n == 0) {
    gPad = this;
    return this;
  }
  TVirtualPad *sub = GetPad(n);
  if (!sub) {
    std::fprintf(stderr, "Warning in <TPad::cd>: pad %s has no sub-pad %d (Divide it first)\n", GetName(), n);
    return gPad;
  }
  gPad = sub;
  return sub;
}

inline void TVirtualPad::Divide(int nx, int ny, float xmargin, float ymargin, int color) {
  fPrimitives.clear();
  fSubpads.clear();
  nx = std::max(nx, 1), ny = std::max(ny, 1);
  double dx = 1.0 / nx, dy = 1.0 / ny;
  int n = 0;
  for (int iy = 0; iy < ny; ++iy)
    for (int ix = 0; ix < nx; ++ix) {
      std::string name = fName + "_" + std::to_string(++n);
      auto pad = std::make_unique<TVirtualPad>(name.c_str(), name.c_str(), ix * dx + xmargin, 1 - (iy + 1) * dy + ymargin,
                                               (ix + 1) * dx - xmargin, 1 - iy * dy - ymargin);
      pad->fMother = this;
      pad->fCanvas = fCanvas;
      pad->fNumber = n;
      pad->fFillColor = Color_t(color);
      fSubpads.push_back(std::move(pad));
    }
  Modified();
}

inline double TVirtualPad::PixelWidth() const {
  if (!fMother) return fCanvas ? fCanvas->GetWw() : 700;
  return fMother->PixelWidth() * (fXup - fXlow);
}
inline double TVirtualPad::PixelHeight() const {
  if (!fMother) return fCanvas ? fCanvas->GetWh() : 500;
  return fMother->PixelHeight() * (fYup - fYlow);
}

inline void touched(const TObject *obj) {
  for (TCanvas *c : canvases())
    if (c->Contains(obj)) c->fChanged = true;
}

} // namespace cppnb::root
