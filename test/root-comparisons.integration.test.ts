// Comparing and smoothing histograms as ROOT does (issue 17): Chi2Test,
// KolmogorovTest and AndersonDarlingTest against their closed forms and their
// null distributions, TH1::Smooth, and a THStack drawn with "pads".
import { expect } from 'chai';
import { executeOk, KernelClient, ofType, streamText } from './helpers/kernel-client.js';

describe('comparing histograms (Chi2Test, KolmogorovTest, AndersonDarlingTest), Smooth and stacks on pads', function () {
  this.timeout(120000);
  const k = new KernelClient();
  before(() => k.start());
  after(() => k.shutdown());

  const ok = (code: string) => executeOk(k, code);
  const numbers = async (code: string) => streamText(await ok(code), 'stdout').trim().split(/\s+/).map(Number);

  it('gives the χ² and Kolmogorov tests of two small histograms as their formulas do', async () => {
    const out = await ok(`TH1D first("first", "", 3, 0, 3), second("second", "", 3, 0, 3);
double a[] = {10, 20, 30}, b[] = {20, 20, 20};
for (int i = 0; i < 3; ++i) first.SetBinContent(i + 1, a[i]), second.SetBinContent(i + 1, b[i]);
double p = first.Chi2Test(&second, "UU P"), chi2 = first.Chi2Test(&second, "CHI2"), perNdf = first.Chi2Test(&second, "CHI2/NDF");
printf("%.6f %.6f %.6f %.6f %.6f", p, chi2, perNdf, first.KolmogorovTest(&second), first.KolmogorovTest(&second, "M"));`);
    const [printed, values] = streamText(out, 'stdout').split('\n');
    expect(printed).to.equal('Chi2 = 5.333333, Prob = 0.0694835, NDF = 2, igood = 0');
    const [p, chi2, perNdf, ks, dmax] = values.split(' ').map(Number);
    // χ² = Σ (N₂n₁ − N₁n₂)² / (n₁ + n₂) / (N₁N₂) = (600²/30 + 600²/50) / 3600.
    expect(chi2).to.be.closeTo(16 / 3, 1e-6);
    expect(p).to.be.closeTo(Math.exp(-chi2 / 2), 1e-6);
    expect(perNdf).to.be.closeTo(8 / 3, 1e-6);
    // Cumulative sums 1/6 1/2 1 and 1/3 2/3 1: D = 1/6, z = D·√(60·60/120).
    expect(dmax).to.be.closeTo(1 / 6, 1e-6);
    const z = Math.sqrt(30) / 6;
    let q = 0;
    for (let j = 1; j < 50; ++j) q += 2 * (-1) ** (j - 1) * Math.exp(-2 * j * j * z * z);
    expect(ks).to.be.closeTo(q, 1e-5);
  });

  it('gives p-values spread evenly under the null hypothesis and small ones for shifted samples', async () => {
    const [chi2Low, adLow, ksLow, chi2Shift, adShift, ksShift] = await numbers(`TRandom3 same(11); int low[3] = {0, 0, 0}, n = 300;
for (int t = 0; t < n; ++t) {
  TH1D x("x", "", 20, -4, 4), y("y", "", 20, -4, 4);
  for (int i = 0; i < 500; ++i) x.Fill(same.Gaus()), y.Fill(same.Gaus());
  low[0] += x.Chi2Test(&y) < 0.1; low[1] += x.AndersonDarlingTest(&y) < 0.1; low[2] += x.KolmogorovTest(&y) < 0.1;
}
TH1D u("u", "", 20, -4, 4), v("v", "", 20, -4, 4); for (int i = 0; i < 2000; ++i) u.Fill(same.Gaus()), v.Fill(same.Gaus(0.3, 1));
printf("%g %g %g %g %g %g", low[0] / double(n), low[1] / double(n), low[2] / double(n), u.Chi2Test(&v), u.AndersonDarlingTest(&v), u.KolmogorovTest(&v));`);
    expect(chi2Low).to.be.within(0.05, 0.15); // 10% expected
    expect(adLow).to.be.within(0.05, 0.15);
    expect(ksLow).to.be.within(0, 0.15); // binned KS is conservative, as ROOT says
    for (const p of [chi2Shift, adShift, ksShift]) expect(p).to.be.below(1e-6);
  });

  it("weighs a weighted histogram's errors in the UW and WW tests", async () => {
    const [uw, ww, uwOther, uu] = await numbers(`TH1D counts("counts", "", 4, 0, 4), weighted("weighted", "", 4, 0, 4); weighted.Sumw2();
double c[] = {40, 60, 80, 20}, d[] = {50, 50, 80, 20};
for (int i = 0; i < 4; ++i) { counts.SetBinContent(i + 1, c[i]); for (int j = 0; j < c[i]; ++j) weighted.Fill(i + 0.5, 2.0); }
TH1D other("other", "", 4, 0, 4); other.Sumw2(); for (int i = 0; i < 4; ++i) for (int j = 0; j < d[i]; ++j) other.Fill(i + 0.5, 2.0);
printf("%g %g %g %g", counts.Chi2Test(&weighted, "UW CHI2"), counts.Chi2Test(&weighted, "WW CHI2"), counts.Chi2Test(&other, "UW CHI2"), counts.Chi2Test(&other, "UU CHI2"));`);
    // The same shape: no difference.
    expect(uw).to.be.closeTo(0, 1e-9);
    expect(ww).to.be.closeTo(0, 1e-9);
    // Weights of 2 double the variance of each weighted bin: UU, reading them as counts, finds more.
    expect(uwOther).to.be.greaterThan(0).and.below(uu);
  });

  it('smooths with 353QH twice: a spike goes, a straight line stays, the entries are kept', async () => {
    const out = await ok(`double spike[] = {1, 1, 1, 9, 1, 1, 1}; TH1::SmoothArray(7, spike);
TH1D ramp("ramp", "", 10, 0, 10); for (int b = 1; b <= 10; ++b) ramp.SetBinContent(b, 2 * b); ramp.SetEntries(55); ramp.Smooth();
for (double v : spike) printf("%g ", v); printf("| "); for (int b = 2; b <= 9; ++b) printf("%g ", ramp.GetBinContent(b)); printf("| %g", ramp.GetEntries());`);
    const [spike, ramp, entries] = streamText(out, 'stdout').split('|').map((s) => s.trim());
    expect(spike).to.equal('1 1 1 1 1 1 1');
    expect(ramp).to.equal('4 6 8 10 12 14 16 18');
    expect(entries).to.equal('55');
  });

  it('draws a stack with "pads": one histogram in each sub-pad of a divided canvas', async () => {
    const out = await ok(`auto stack = new THStack("stack", "three"); TH1F *parts[3];
for (int i = 0; i < 3; ++i) { parts[i] = new TH1F(Form("part%d", i), Form("part %d", i), 10, 0, 10); parts[i]->Fill(i + 0.5); stack->Add(parts[i]); }
auto pads = new TCanvas("pads", "pads", 600, 600); pads->Divide(1, 3); pads->Add(stack, "pads");
auto square = new TCanvas("square", "square", 600, 600); stack->Draw("pads");
printf("%s %s %d", pads->GetPad(2)->GetListOfPrimitives()->First()->GetName(), square->GetPad(3)->GetListOfPrimitives()->First()->GetName(), square->GetPad(4) != nullptr);`);
    expect(streamText(out, 'stdout')).to.equal('part1 part2 1');
    const svgs = ofType(out, 'display_data').map((m) => (m.content.data as Record<string, string>)['image/svg+xml']);
    expect(svgs).to.have.length(2);
    for (const svg of svgs) expect(svg).to.include('>part 0</text>').and.include('>part 2</text>');
  });
  it('has TH2Poly: polygon bins, a honeycomb, fills found by polygon with the overflow regions around, drawn with COLZ', async () => {
    const out = await ok(`TH2Poly *cells = new TH2Poly(); cells->SetName("cells"); cells->SetTitle("cells");
double tx[] = {0, 2, 0}, ty[] = {0, 0, 2}; int triangle = cells->AddBin(3, tx, ty); int square = cells->AddBin(2, 0, 4, 2);
int a = cells->Fill(0.5, 0.5), b = cells->Fill(1.5, 1.5), c = cells->Fill(3, 1, 2.5), d = cells->Fill(-1, 3), e = cells->Fill(5, -1);
TH2Poly honey; honey.Honeycomb(0, 0, 0.1, 5, 5); int h = honey.Fill(0.1, 0.1, 15);
TCanvas poly("poly"); cells->Draw("COLZ L");
printf("%d %d %d %d %d %d %d %g %g %g %d %d %g", triangle, square, a, b, c, d, e, cells->GetBinContent(1), cells->GetBinContent(2), cells->GetBinContent(-1), cells->GetNumberOfBins(), honey.GetNumberOfBins(), honey.GetBinContent(h));`);
    // (1.5, 1.5) is beyond the triangle's hypotenuse and below the square: inside the extent, in no bin (-5).
    expect(streamText(out, 'stdout')).to.equal('1 2 1 -5 2 -1 -9 1 2.5 1 2 23 15');
    const svg = (ofType(out, 'display_data').pop()!.content.data as Record<string, string>)['image/svg+xml'];
    expect((svg.match(/<polygon /g) ?? []).length).to.be.at.least(2);
  });
  it('makes the COLZ palette a TPaletteAxis named "palette" after Update, which a macro moves; its own can lie under the frame', async () => {
    const out = await ok(`TH2D pz("pz", "", 10, 0, 10, 10, 0, 10); pz.Fill(3, 3); pz.Fill(4, 4, 5); TCanvas cz("cz", "cz", 800, 600); pz.Draw("COLZ"); cz.Update();
auto *pal = (TPaletteAxis *)pz.GetListOfFunctions()->FindObject("palette"); printf("%d %d ", pal != nullptr, pal->GetX1NDC() > 0.8);
pal->SetX1NDC(0.5); pal->SetX2NDC(0.55); cz.Modified(); cz.Update();
TH2D lying("lying", "", 10, 0, 10, 10, 0, 10); lying.Fill(5, 5); lying.GetListOfFunctions()->Add(new TPaletteAxis(2, -2, 8, -1, &lying));
TCanvas cl2("cl2", "cl2", 800, 600); lying.Draw("COLZ"); printf("%d", lying.GetListOfFunctions()->GetSize());`);
    expect(streamText(out, 'stdout')).to.equal('1 1 1');
    const svgs = ofType(out, 'display_data').map((m) => (m.content.data as Record<string, string>)['image/svg+xml']);
    const moved = svgs.find((svg) => svg.includes('>pz<') || svg.includes('pz'))!;
    expect(moved).to.match(/<rect x="400" [^>]*fill="none" stroke="#000000"/); // the palette's frame at NDC 0.5 of 800 px
  });
  it('has TH3: fills in x, y and z, statistics per axis, projections to 1D and 2D, a box picture, and a clear error for Fill(x)', async () => {
    const out = await ok(`TH3D cube("cube", "cube;x;y;z", 4, 0, 4, 5, 0, 5, 6, 0, 6);
cube.Fill(0.5, 1.5, 2.5); cube.Fill(1.5, 1.5, 4.5, 3); cube.Fill(3.5, 4.5, 5.5);
TH1D *pz = cube.ProjectionZ(); TH2D *yx = (TH2D *)cube.Project3D("yx");
TCanvas c3("c3"); cube.SetFillColor(kOrange); cube.Draw();
printf("%g %g %g %g | %g %g %s %g | %d %d %g %g", cube.GetMean(1), cube.GetMean(2), cube.GetMean(3), cube.GetEntries(), cube.GetBinContent(2, 2, 5),
       pz->Integral(), pz->GetName(), pz->GetBinContent(5), yx->GetNbinsX(), yx->GetNbinsY(), yx->GetBinContent(2, 2), cube.Integral());`);
    // Weights 1, 3, 1: mean x = (0.5 + 4.5 + 3.5) / 5, y = (1.5 + 4.5 + 4.5) / 5, z = (2.5 + 13.5 + 5.5) / 5.
    expect(streamText(out, 'stdout')).to.equal('1.7 2.1 4.3 3 | 3 5 cube_pz 3 | 4 5 3 5');
    const svg = (ofType(out, 'display_data').pop()!.content.data as Record<string, string>)['image/svg+xml'];
    expect((svg.match(/<polygon /g) ?? []).length, 'three faces per filled bin').to.equal(9);
    expect(svg).to.include('>cube</text>');
    const wrong = await ok('cube.Fill(1.0)');
    expect(streamText(wrong, 'stderr')).to.include('a 3D histogram needs x, y and z');
  });
});
