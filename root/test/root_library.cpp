// Drives cppnb's ROOT-like library as a plain g++ program (no kernel): writes
// pictures into the directory given as argv[1] and prints what it measured as
// one JSON object, for test/root-library.test.ts to check.
#include <TCanvas.h>
#include <TColor.h>
#include <TF1.h>
#include <TGraphErrors.h>
#include <TH1D.h>
#include <TH1F.h>
#include <TH2F.h>
#include <TLegend.h>
#include <TMath.h>
#include <TRandom3.h>
#include <TStyle.h>

#include <cstdio>
#include <map>
#include <sstream>
#include <string>

static std::map<std::string, std::string> results;
static void put(const std::string &k, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  results[k] = buf;
}
static void putText(const std::string &k, const std::string &v) { results[k] = cppnb::detail::json_quote(v); }

int main(int argc, char **argv) {
  std::string dir = argc > 1 ? argv[1] : ".";

  // A histogram of 20 bins, filled by hand: known statistics.
  TCanvas c1("c1", "hist", 700, 500);
  TH1D h("h", "Twenty bins;x title;y title", 20, 0, 20);
  for (int i = 0; i < 20; ++i)
    for (int k = 0; k <= i % 5; ++k) h.Fill(i + 0.5);
  h.Fill(-3); // underflow: counted in entries, not in the mean
  h.SetFillColor(kAzure - 9);
  h.Draw();
  c1.SaveAs((dir + "/hist.svg").c_str());
  put("hist.entries", h.GetEntries());
  put("hist.mean", h.GetMean());
  put("hist.integral", h.Integral());
  put("hist.maxbin", h.GetMaximumBin());
  put("hist.bin7", h.GetBinContent(7));
  put("hist.findbin", h.FindBin(7.5));
  put("hist.error", h.GetBinError(5));
  TH1D w("w", "weighted", 4, 0, 4);
  w.Fill(0.5, 2);
  w.Fill(0.5, 3);
  put("weighted.error", w.GetBinError(1)); // sqrt(2² + 3²)

  // Error bars on the same numbers.
  TCanvas c2("c2", "errors", 600, 400);
  TH1F e("e", "errors", 10, 0, 10);
  for (int i = 0; i < 10; ++i)
    for (int k = 0; k <= i; ++k) e.Fill(i + 0.5);
  e.Draw("E");
  c2.SaveAs((dir + "/errors.svg").c_str());

  // Fits recover what was generated.
  gRandom->SetSeed(12345);
  TH1D g("g", "gauss", 100, -5, 5);
  for (int i = 0; i < 100000; ++i) g.Fill(gRandom->Gaus(1.5, 0.8));
  g.Fit("gaus", "Q0");
  TF1 *fit = g.GetFunction("gaus");
  put("fit.mean", fit->GetParameter(1));
  put("fit.sigma", fit->GetParameter(2));
  put("fit.mean_error", fit->GetParError(1));
  put("fit.ndf", fit->GetNDF());
  put("fit.chi2_per_ndf", fit->GetChisquare() / fit->GetNDF());

  TGraph line;
  for (int i = 0; i < 10; ++i) line.SetPoint(i, i, 3 * i - 2);
  TFitResultPtr r = line.Fit("pol1", "QS");
  put("pol1.p0", r->Parameter(0));
  put("pol1.p1", r->Parameter(1));
  put("pol1.status", int(r));

  TH1D ex("ex", "expo", 50, 0, 5);
  for (int i = 0; i < 50000; ++i) ex.Fill(gRandom->Exp(1.25));
  ex.Fit("expo", "Q0");
  put("expo.slope", ex.GetFunction("expo")->GetParameter(1)); // -1/1.25

  // Formulas.
  TF1 sinc("sinc", "sin(x)/x", 0.1, 10);
  put("formula.sinc1", sinc.Eval(1));
  TF1 two("two", "gaus(0)+pol1(3)", -5, 5);
  put("formula.npar", two.GetNpar());
  putText("formula.parname1", two.GetParName(1));
  TF1 code("code", [](double *x, double *p) { return p[0] * x[0] * x[0]; }, 0, 3, 1);
  code.SetParameter(0, 2);
  put("formula.code", code(3));
  put("formula.integral", sinc.Integral(0.1, 10));
  try {
    TF1 bad("bad", "sin(x", 0, 1);
    putText("formula.bad", "no error");
  } catch (const std::exception &err) {
    putText("formula.bad", err.what());
  }

  // Random numbers: reproducible, with the right moments.
  TRandom3 a(7), b(7);
  put("random.same", a.Rndm() == b.Rndm() && a.Gaus() == b.Gaus());
  double s = 0, s2 = 0;
  for (int i = 0; i < 200000; ++i) {
    double v = a.Gaus(2, 3);
    s += v, s2 += v * v;
  }
  put("random.gaus_mean", s / 200000);
  put("random.gaus_sd", std::sqrt(s2 / 200000 - (s / 200000) * (s / 200000)));
  double p = 0;
  for (int i = 0; i < 100000; ++i) p += a.Poisson(3.5);
  put("random.poisson_mean", p / 100000);
  put("tmath.prob", TMath::Prob(10, 10));
  put("tmath.gaus", TMath::Gaus(1, 0, 1, true));

  // A 10 × 10 colour map, every cell filled.
  TCanvas c3("c3", "colz", 600, 500);
  TH2F m("m", "map;x;y;z", 10, 0, 10, 10, 0, 10);
  for (int i = 0; i < 10; ++i)
    for (int j = 0; j < 10; ++j) m.Fill(i + 0.5, j + 0.5, 1 + i + j);
  m.Draw("COLZ");
  c3.SaveAs((dir + "/colz.svg").c_str());
  put("colz.corr", m.GetCorrelationFactor());
  TH1 *px = m.ProjectionX();
  put("colz.px5", px->GetBinContent(5));

  // A divided canvas with a graph, a legend and a log axis.
  TCanvas c4("c4", "divided", 800, 600);
  c4.Divide(2, 1);
  c4.cd(1);
  double x[] = {1, 2, 3, 4}, y[] = {10, 100, 1000, 10000}, exs[] = {0.1, 0.1, 0.1, 0.1}, eys[] = {1, 10, 100, 1000};
  TGraphErrors ge(4, x, y, exs, eys);
  ge.SetTitle("decades;n;value");
  ge.SetMarkerStyle(kFullSquare);
  ge.Draw("AP");
  gPad->SetLogy();
  TLegend leg(0.2, 0.7, 0.5, 0.85);
  leg.AddEntry(&ge, "measured", "p");
  leg.Draw();
  c4.cd(2);
  sinc.SetLineColor(TColor::GetColor("#00aa00"));
  sinc.Draw();
  c4.SaveAs((dir + "/divided.svg").c_str());
  // Refused without libcppnb-root (PNG is drawn by librsvg there): an error, not a file.
  try {
    c4.SaveAs((dir + "/divided.png").c_str());
  } catch (const std::exception &e) {
    std::fprintf(stderr, "%s\n", e.what());
  }

  std::printf("{");
  bool first = true;
  for (auto &[k, v] : results) std::printf("%s\"%s\":%s", first ? "" : ",", k.c_str(), v.c_str()), first = false;
  std::printf("}\n");
}
