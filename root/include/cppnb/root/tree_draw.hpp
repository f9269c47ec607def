// TTree::Draw's histogram: the rows the tree player selected (tree_player.hpp,
// in the library) filled into a histogram booked before under the name given,
// or a new one, and drawn. Session code: the library has this compiled in the
// session once (the histograms, their names and the pads are the session's),
// and its own sources never include it.
#pragma once

#include "canvas.hpp"
#include "histograms2d.hpp"
#include "profile.hpp"
#include "tree_player.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace cppnb::root {

namespace draw {

// The histograms Draw made (htemp and those named in ">>h(…)"), replaced
// when a later Draw makes one of the same name, as ROOT deletes its htemp.
inline std::map<std::string, std::unique_ptr<TH1>> &madeHistograms() {
  static std::map<std::string, std::unique_ptr<TH1>> made;
  return made;
}

} // namespace draw

namespace draw {

// The rows into a histogram booked before under the name given, or a new one,
// drawn unless "goff". Null after ROOT's message.
inline TH1 *fillHistogram(Selection &rows) {
  bool twoD = rows.dims.size() == 2 && !rows.profile;
  TH1 *h = rows.named && rows.bins.empty() ? findHistogramInMemory(rows.name.c_str()) : nullptr;
  TProfile *profile = dynamic_cast<TProfile *>(h);
  if (h && rows.dims.size() == 2 && profile) {
    rows.profile = true, twoD = false; // "y:x>>p" into a booked TProfile
  } else if (h && rows.profile) {
    std::fprintf(stderr, "Error in <TTreePlayer::DrawSelect>: %s is a %s, not a TProfile (option prof)\n", rows.name.c_str(), h->ClassName());
    return nullptr;
  } else if (h && (h->GetDimension() == 2) != twoD) {
    std::fprintf(stderr, "Error in <TTreePlayer::DrawSelect>: the histogram %s has %d dimensions, the expression %zu\n",
                 rows.name.c_str(), h->GetDimension(), rows.dims.size());
    return nullptr;
  }
  if (profile && !rows.append) profile->Reset(); // its own sums too
  else if (h && !rows.append) h->Reset();
  if (!h) {
    auto &made = madeHistograms();
    made.erase(rows.name); // the old one goes (and off the pads showing it)
    if (rows.profile) {
      h = profile = new TProfile(rows.name.c_str(), rows.title.c_str(), rows.nbins[0], rows.low[0], rows.up[0], rows.profileErrors.c_str());
      h->GetYaxis()->SetTitle(rows.dims[0].c_str());
    } else if (twoD) {
      h = new TH2F(rows.name.c_str(), rows.title.c_str(), rows.nbins[0], rows.low[0], rows.up[0], rows.nbins[1],
                   rows.low[1], rows.up[1]);
      h->GetYaxis()->SetTitle(rows.dims[0].c_str());
    } else {
      h = new TH1F(rows.name.c_str(), rows.title.c_str(), rows.nbins[0], rows.low[0], rows.up[0]);
    }
    h->GetXaxis()->SetTitle(rows.dims.back().c_str());
    made[rows.name].reset(h);
  }
  const std::vector<double> &x = rows.values[rows.dims.size() - 1], &y = rows.values[0]; // "y:x", as ROOT orders them
  for (size_t r = 0; r < x.size(); ++r) {
    if (profile) profile->Fill(x[r], y[r], rows.weights[r]);
    else if (twoD) static_cast<TH2 *>(h)->Fill(x[r], y[r], rows.weights[r]);
    else h->Fill(x[r], rows.weights[r]);
  }
  if (!rows.graphicsOff) h->Draw(rows.option.c_str());
  return h;
}

} // namespace draw

} // namespace cppnb::root
