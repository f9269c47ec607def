// Fits as ROOT does them (issue 17, part 3): likelihood ("L", "WL"),
// Pearson ("P") and bin-integral ("I") fits of histograms, graphs' x errors
// through the function's slope, errors scaled by √(χ²/ndf) where the data
// have none, MINOS errors ("E"), the fit's matrices as TMatrixDSym, and a
// user's FCN minimised with TMinuit / TVirtualFitter, with gMinuit's contours.
import { expect } from 'chai';
import { executeOk, KernelClient, ofType, streamText } from './helpers/kernel-client.js';

describe("ROOT's fits", function () {
  this.timeout(180000);
  const k = new KernelClient();
  before(() => k.start());
  after(() => k.shutdown());

  const ok = (code: string) => executeOk(k, code);
  const numbers = async (code: string) => streamText(await ok(code), 'stdout').trim().split(/\s+/).map(Number);

  it('fits a Poisson mean by likelihood exactly, Pearson and Neyman χ² where their closed forms are', async () => {
    // Contents 0 1 2 3 4 repeated: mean 2, mean of squares 6, 16 non-empty bins with Σ1/y = 4·25/12.
    const [l, le, minFcn, chi2, ndf, p, neyman, lo, hi, wl, wle] = await numbers(`TH1D counts("counts", "", 20, 0, 20);
for (int b = 1; b <= 20; ++b) counts.SetBinContent(b, (b - 1) % 5);
TF1 flat("flat", "pol0", 0, 20);
TFitResultPtr rl = counts.Fit(&flat, "LSQN"); double l = flat.GetParameter(0), le = flat.GetParError(0);
TFitResultPtr rp = counts.Fit(&flat, "PSQN"); double p = flat.GetParameter(0);
counts.Fit(&flat, "QN"); double neyman = flat.GetParameter(0);
TFitResultPtr re = counts.Fit(&flat, "LSEQN");
counts.Fit(&flat, "WLQN");
printf("%.6f %.6f %.6f %.6f %u %.6f %.6f %.4f %.4f %.6f %.6f", l, le, rl->MinFcnValue(), rl->Chi2(), rl->Ndf(), p, neyman, re->LowerError(0), re->UpperError(0), flat.GetParameter(0), flat.GetParError(0));`);
    expect(l).to.be.closeTo(2, 1e-5);
    expect(le).to.be.closeTo(Math.sqrt(2 / 20), 1e-4);
    expect(chi2).to.be.closeTo(2 * minFcn, 1e-5);
    expect(ndf).to.equal(19); // the empty bins count in a likelihood fit
    expect(p).to.be.closeTo(Math.sqrt(6), 1e-5);
    expect(neyman).to.be.closeTo(16 / ((4 * 25) / 12), 1e-5);
    // MINOS: where the Poisson likelihood rises by ½, asymmetric (wider above).
    const nll = (m: number) => 20 * m - 40 * Math.log(m);
    expect(nll(2 + lo) - nll(2)).to.be.closeTo(0.5, 2e-3);
    expect(nll(2 + hi) - nll(2)).to.be.closeTo(0.5, 2e-3);
    expect(hi).to.be.greaterThan(-lo);
    // An unweighted histogram's weighted likelihood is the likelihood.
    expect(wl).to.be.closeTo(2, 1e-5);
    expect(wle).to.be.closeTo(le, 1e-4);
  });

  it('gives likelihood pulls of width 1 where χ² pulls are wide (the Primer\'s macro9), and 2·MinFcnValue near ndf', async () => {
    const [chi2Pull, likePull, twiceMin] = await numbers(`TRandom3 toys(7); TH1F few("few", "", 40, -4, 4);
double pullWidth(TH1F &few, TRandom3 &toys, const char *option) {
  double s = 0, s2 = 0; int n = 400;
  for (int t = 0; t < n; ++t) {
    few.Reset(); for (int j = 0; j < 100; ++j) few.Fill(toys.Gaus());
    few.Fit("gaus", option); TF1 *g = few.GetFunction("gaus");
    double pull = g->GetParameter(1) / g->GetParameter(2) * std::sqrt(100.0); s += pull, s2 += pull * pull; // macro9's pull
  }
  return std::sqrt(s2 / n - s * s / n / n);
}
double chi2Pull = pullWidth(few, toys, "Q0"), likePull = pullWidth(few, toys, "LQ0");
TH1F many("many", "", 50, -3, 3); double sum = 0;
for (int t = 0; t < 100; ++t) {
  many.Reset(); for (int j = 0; j < 20000; ++j) many.Fill(toys.Gaus());
  TFitResultPtr r = many.Fit("gaus", "LSQ0"); sum += 2 * r->MinFcnValue();
}
printf("%.3f %.3f %.2f", chi2Pull, likePull, sum / 100);`);
    expect(chi2Pull).to.be.greaterThan(1.2);
    expect(likePull).to.be.within(0.88, 1.12);
    expect(twiceMin).to.be.within(47 - 4, 47 + 4); // χ²(47): mean 47, 100 toys: ±1 standard error
  });

  it("fits the bins' integrals with \"I\" and scales errors by √(χ²/ndf) for data without errors", async () => {
    const [centre, integral, slopeErr, expected] = await numbers(`TH1D squares("squares", "", 6, 0, 6);
for (int b = 0; b < 6; ++b) squares.SetBinContent(b + 1, (std::pow(b + 1, 3) - std::pow(b, 3)) / 3); // ∫ x² over the bin
TF1 quad("quad", "pol2", 0, 6);
squares.Fit(&quad, "QN"); double centre = quad.GetParameter(0);
squares.Fit(&quad, "IQN"); double integral = quad.GetParameter(0);
double x[] = {0, 1, 2, 3, 4}, y[] = {0.1, 0.9, 2.2, 2.8, 4.1};
TGraph plain(5, x, y); TF1 line("line", "pol1", 0, 4); plain.Fit(&line, "Q");
double rss = 0; for (int i = 0; i < 5; ++i) rss += std::pow(y[i] - line.Eval(x[i]), 2);
printf("%.6f %.6f %.6f %.6f", centre, integral, line.GetParError(1), std::sqrt(rss / 3 / 10.0));`);
    expect(centre).to.be.closeTo(1 / 12, 1e-4); // the bin mean of x² exceeds the centre's square by w²/12
    expect(integral).to.be.closeTo(0, 1e-4);
    expect(slopeErr).to.be.closeTo(expected, 1e-5); // s / √Σ(x - x̄)²
  });

  it("weighs a graph's x errors through the function's slope; EX0 leaves them out", async () => {
    const [chi2, expected, chi2Ex0, expectedEx0] = await numbers(`double x[] = {0, 1, 2, 3}, y[] = {1.2, 2.8, 5.3, 6.9}, ex[] = {0.5, 0.5, 0.5, 0.5}, ey[] = {0.2, 0.2, 0.2, 0.2};
TGraphErrors pts(4, x, y, ex, ey); TF1 line("line", "pol1", 0, 3);
TFitResultPtr r = pts.Fit(&line, "SQ"); double a = line.GetParameter(0), b = line.GetParameter(1), chi2 = 0;
for (int i = 0; i < 4; ++i) chi2 += std::pow(y[i] - a - b * x[i], 2) / (0.04 + b * b * 0.25);
TFitResultPtr r0 = pts.Fit(&line, "SQEX0"); double chi2Ex0 = 0;
for (int i = 0; i < 4; ++i) chi2Ex0 += std::pow(y[i] - line.Eval(x[i]), 2) / 0.04;
printf("%.6f %.6f %.6f %.6f", r->Chi2(), chi2, r0->Chi2(), chi2Ex0);`);
    expect(chi2).to.be.closeTo(expected, 1e-6);
    expect(chi2Ex0).to.be.closeTo(expectedEx0, 1e-6);
    expect(chi2Ex0).to.be.greaterThan(5 * chi2);
  });

  it('gives the covariance and correlation as TMatrixDSym, printed as ROOT prints matrices', async () => {
    const out = await ok(`TH1D peak("peak", "", 40, -4, 4); TRandom3 rng(3); for (int i = 0; i < 4000; ++i) peak.Fill(rng.Gaus(0.5, 1));
TFitResultPtr fr = peak.Fit("gaus", "SQ0"); TMatrixDSym cov = fr->GetCovarianceMatrix(), cor = fr->GetCorrelationMatrix();
printf("%d %d %.9f %.9f %.6f#", cov.GetNrows(), cov.GetNcols(), std::abs(cov(1, 1) - fr->ParError(1) * fr->ParError(1)), cor(0, 0), std::abs(cor(0, 2) - fr->Correlation(0, 2)));
TMatrixD inv(cov); inv.Invert(); TMatrixD one = inv * cov; printf("%.9f %.9f#", one(0, 0), one(1, 2)); cov.Print();`);
    const [head, product, printed] = streamText(out, 'stdout').split('#');
    expect(head.split(' ')).to.deep.equal(['3', '3', '0.000000000', '1.000000000', '0.000000']);
    expect(product.split(' ').map(Number)).to.deep.equal([1, 0]);
    expect(printed).to.match(/^\n3x3 matrix is as follows\n\n {5}\| {5}0 {4}\| {5}1 {4}\| {5}2 {4}\|\n-+\n {3}0 \| /);
  });

  it("minimises a user's FCN with TVirtualFitter and TMinuit; SET ERR scales the errors; contours are where FCN = min + up", async () => {
    const out = await ok(`void bowl(int &, double *, double &f, double *p, int) { f = std::pow(p[0] - 1, 2) / 0.04 + std::pow(p[1] + 2, 2) / 0.25 + 0.5 * (p[0] - 1) * (p[1] + 2); }
TVirtualFitter::SetDefaultFitter("Minuit"); TVirtualFitter *fitter = TVirtualFitter::Fitter(nullptr, 2);
fitter->SetFCN(bowl); fitter->SetParameter(0, "a", 0, 0.1, 0, 0); fitter->SetParameter(1, "b", 0, 0.1, 0, 0);
double args[2] = {1000, 0.01}; fitter->ExecuteCommand("MIGRAD", args, 2);`);
    const table = streamText(out, 'stdout');
    expect(table).to.match(/FCN=\S+\s+FROM MIGRAD\s+STATUS=CONVERGED/);
    expect(table).to.match(/\n {4}1 {2}a {10}1\.00000e\+00 /);
    // The curvature's inverse: H = [[50, 0.5], [0.5, 8]] → C = 2·H⁻¹.
    const det = 50 * 8 - 0.25;
    const [a, b, ea, eb, cab] = await numbers('printf("%.6f %.6f %.6f %.6f %.6f", fitter->GetParameter(0), fitter->GetParameter(1), fitter->GetParError(0), fitter->GetParError(1), fitter->GetCovarianceMatrixElement(0, 1));');
    expect([a, b]).to.deep.equal([1, -2]);
    expect(ea).to.be.closeTo(Math.sqrt((2 * 8) / det), 1e-5);
    expect(eb).to.be.closeTo(Math.sqrt((2 * 50) / det), 1e-5);
    expect(cab).to.be.closeTo((-2 * 0.5) / det, 1e-6);
    const [ea4, onContour] = await numbers(`TMinuit *minuit = new TMinuit(2); minuit->SetFCN(bowl); int flag = 0; double up = 4;
minuit->mnparm(0, "a", 3, 0.1, 0, 0, flag); minuit->mnparm(1, "b", 3, 0.1, 0, 0, flag);
minuit->mnexcm("SET ERR", &up, 1, flag); minuit->SetPrintLevel(-1); minuit->Migrad();
double va, ea4; minuit->GetParameter(0, va, ea4);
TGraph *contour = (TGraph *)gMinuit->Contour(20, 0, 1); double worst = 0;
for (int i = 0; i < contour->GetN(); ++i) { double f = 0, p[2] = {contour->GetX()[i], contour->GetY()[i]}; int n = 2; bowl(n, nullptr, f, p, 0); worst = std::max(worst, std::abs(f - 4)); }
printf("%.6f %.6f", ea4, worst);`);
    expect(ea4).to.be.closeTo(2 * ea, 1e-5);
    expect(onContour).to.be.below(1e-3);
  });

  it("gives gMinuit the last histogram fit, for its contours (ROOT's fitcont)", async () => {
    const [n, closed, rises] = await numbers(`TH1F h("h", "", 100, -3, 3); TRandom3 g6(6); for (int i = 0; i < 6000; ++i) h.Fill(g6.Gaus());
h.Fit("gaus", "Q0"); TF1 *fit = h.GetFunction("gaus");
TGraph *c12 = (TGraph *)gMinuit->Contour(40, 1, 2);
TF1 probe(*fit); probe.FixParameter(1, c12->GetX()[7]); probe.FixParameter(2, c12->GetY()[7]);
h.Fit(&probe, "Q0N"); double chi2at = probe.GetChisquare();
printf("%d %d %.3f", c12->GetN(), c12->GetX()[0] == c12->GetX()[40], chi2at - fit->GetChisquare());`);
    expect(n).to.equal(41);
    expect(closed).to.equal(1);
    expect(rises).to.be.closeTo(1, 1e-3); // on the 1σ contour, χ² minimised over the constant rises by up = 1
  });
  it("shows a fitted graph's fit box with SetOptFit, also over DrawFrame's frame", async () => {
    const out = await ok(`double gx[] = {1, 2, 3, 4}, gy[] = {2.1, 3.9, 6.2, 7.8}, gey[] = {0.2, 0.2, 0.2, 0.2};
TGraphErrors fitted(4, gx, gy, nullptr, gey); gStyle->SetOptFit(1111); TCanvas cg("cg"); cg.DrawFrame(0, 0, 5, 10);
fitted.Draw("P"); fitted.Fit("pol1", "Q");`);
    const svg = (ofType(out, 'display_data').pop()!.content.data as Record<string, string>)['image/svg+xml'];
    expect(svg).to.include('>χ² / ndf</text>').and.include('>2.05 / 2</text>').and.include('>Prob</text>');
    expect(svg).to.match(/>p1<\/text>[^]*>1\.94 ± 0\.08944<\/text>/);
  });
});
