// ROOT's behaviour where cppnb's differed (issue 17, part 3): draw options read
// as ROOT reads them, Rebin into a new histogram, and ROOT's signatures that
// did not compile.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { executeOk, KernelClient, ofType, result, streamText } from './helpers/kernel-client.js';
import { tempDir } from './helpers/temp-dir.js';

describe("ROOT's behaviour in the ROOT-like classes", function () {
  this.timeout(120000);
  const k = new KernelClient();
  before(() => k.start());
  after(() => k.shutdown());

  const ok = (code: string) => executeOk(k, code);
  const svgOf = (iopub: Awaited<ReturnType<typeof ok>>) =>
    (ofType(iopub, 'display_data').pop()!.content.data as Record<string, string>)['image/svg+xml'];

  it('reads "SAME" as a word: its e is no error bar, "SAME E" has them', async () => {
    await ok('TH1D first("first", "", 10, 0, 10), second("second", "", 10, 0, 10);\nfor (int i = 0; i < 100; ++i) first.Fill(i % 10), second.Fill((i * 7) % 10);\nsecond.SetLineColor(kRed);');
    const same = svgOf(await ok('TCanvas c1("c1"); first.Draw(); second.Draw("SAME");'));
    expect(same).not.to.match(/<path [^>]*stroke="#ff0000"/);
    expect(same).to.match(/<polyline [^>]*stroke="#ff0000"/);
    const sameHist = svgOf(await ok('TCanvas c2("c2"); first.Draw(); second.Draw("SameHist");'));
    expect(sameHist).not.to.match(/<path [^>]*stroke="#ff0000"/);
    const errors = svgOf(await ok('TCanvas c3("c3"); first.Draw(); second.Draw("SAME E");'));
    expect(errors).to.match(/<path [^>]*stroke="#ff0000"/);
  });

  it('rebins into a new histogram with the name and edges given, leaving the original', async () => {
    const out = await ok(
      'TH1D fine("fine", "", 8, 0, 8); for (int i = 0; i < 8; ++i) fine.SetBinContent(i + 1, i + 1);\n' +
        'double edges[] = {0, 2, 6, 8};\nTH1 *coarse = fine.Rebin(3, "coarse", edges);\n' +
        'printf("%s %d %g %g %g | %d %g", coarse->GetName(), coarse->GetNbinsX(), coarse->GetBinContent(1), coarse->GetBinContent(2), coarse->GetBinContent(3), fine.GetNbinsX(), fine.GetBinContent(8));',
    );
    expect(streamText(out, 'stdout')).to.equal('coarse 3 3 18 15 | 8 8');
  });

  it("compiles ROOT's signatures: GetParameters(double *), TGraphErrors with nullptr, ProjectionX as TH1D *", async () => {
    const out = await ok(
      'TF1 line("line", "pol1", 0, 1); line.SetParameters(2, 3);\nvector<double> par(2); line.GetParameters(&par[0]);\n' +
        'double x[] = {1, 2}, y[] = {3, 4}, ey[] = {0.5, 0.5};\nauto *g = new TGraphErrors(2, x, y, nullptr, ey);\n' +
        'TH2D h2("h2", "", 4, 0, 4, 4, 0, 4); h2.Fill(1.5, 2.5);\nTH1D *px = h2.ProjectionX();\n' +
        'printf("%g %g %g %g %s %g", par[0], par[1], g->GetErrorY(1), g->GetErrorX(1), px->GetName(), px->GetBinContent(2));',
    );
    expect(streamText(out, 'stdout')).to.equal('2 3 0.5 0 h2_px 1');
  });

  it("has TString, ROOT's messages (Error, Warning) and TFile::WriteObject", async () => {
    const s = await ok(
      'TString name = "Muon_pt"; name += "_"; name += 3;\nTString path = TString::Format("%s/%d", name.Data(), 2);\n' +
        'printf("%s %d %d %d ", path.Data(), path.Length(), path.Contains("PT", TString::kIgnoreCase), path.EndsWith("/2"));\n' +
        'path.ReplaceAll("_", "-"); printf("%s", path.Data());\nTH1F named(name, name + " title", 10, 0, 1); named.GetTitle()',
    );
    expect(streamText(s, 'stdout')).to.equal('Muon_pt_3/2 11 1 1 Muon-pt-3/2');
    expect(result(s)).to.equal('"Muon_pt_3 title"');
    const messages = await ok('Error("fit", "bad %d", 3); Warning("draw", "careful");');
    expect(streamText(messages, 'stderr')).to.equal('Error in <fit>: bad 3\nWarning in <draw>: careful\n');
    const dir = tempDir('writeobject');
    const written = await ok(
      `{ auto out = std::unique_ptr<TFile>(TFile::Open("${dir}/out.root", "RECREATE")); TH1D kept("kept", "", 3, 0, 3); kept.Fill(1); out->WriteObject(&kept, kept.GetName()); }\n` +
        `TFile("${dir}/out.root").Get<TH1D>("kept")->GetEntries()`,
    );
    expect(result(written)).to.equal('1.0');
  });

  it('draws TLatex, TText, TLine and TArrow at user coordinates or NDC, over the frame', async () => {
    const svg = svgOf(await ok(
      'TCanvas prim("prim"); TH1D base("base", "", 10, 0, 10); base.SetMaximum(10); base.SetStats(false); base.Draw();\n' +
        'TLatex lt; lt.SetNDC(); lt.SetTextSize(0.05); lt.DrawLatex(0.2, 0.8, "#chi^{2}/ndf = 1.2");\n' +
        'TLine cut(2, 0, 2, 8); cut.SetLineColor(kRed); cut.SetLineStyle(2); cut.Draw();\n' +
        'TArrow arrow(6, 9, 8, 8, 0.03, "|>"); arrow.Draw();\n' +
        'TText label(5, 5, "centre"); label.SetTextAlign(22); label.SetTextAngle(30); label.Draw();',
    ));
    // NDC (0.2, 0.8) of a 700x500 canvas; χ then a smaller, raised 2.
    expect(svg).to.match(/<text x="140" y="100" font-size="25"[^>]*>χ<tspan dy="-[0-9.]+" font-size="17.5">2<\/tspan>/);
    // x = 2 on the frame's axis, from y = 0 (the frame's bottom) up, dashed red.
    expect(svg).to.match(/<line x1="([0-9.]+)" y1="450" x2="\1" y2="[0-9.]+" stroke="#ff0000" stroke-width="1" stroke-dasharray="6,4"\/>/);
    expect(svg).to.match(/<polygon fill="#000000" stroke="#000000"/); // the filled head
    expect(svg).to.match(/text-anchor="middle"[^>]*transform="rotate\(-30 [^"]+\)">centre<\/text>/);
  });

  it('stacks histograms (THStack): sums painted from the total down in each one\'s colours, or side by side with nostack', async () => {
    await ok(`THStack hs("hs", "Stacked;mass [GeV];events");
TH1F hr("hr", "", 4, 0, 4), hb("hb", "", 4, 0, 4), hg("hg", "", 4, 0, 4);
for (int b = 1; b <= 4; ++b) hr.SetBinContent(b, b), hb.SetBinContent(b, 10), hg.SetBinContent(b, 100 * b);
hr.SetFillColor(kRed); hb.SetFillColor(kBlue); hg.SetFillColor(kGreen);
hs.Add(&hr); hs.Add(&hb); hs.Add(&hg);`);
    const numbers = await ok('printf("%g %g %g %d", hs.GetMaximum(), hs.GetMaximum("nostack"), ((TH1 *)hs.GetStack()->Last())->GetBinContent(2), hs.GetNhists());');
    expect(streamText(numbers, 'stdout')).to.equal('414 400 212 3');
    const svg = svgOf(await ok('TCanvas cs("cs"); hs.Draw();'));
    const fills = [...svg.matchAll(/<polygon [^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
    expect(fills.filter((c) => ['#ff0000', '#0000ff', '#00ff00'].includes(c))).to.deep.equal(['#00ff00', '#0000ff', '#ff0000']);
    expect(svg).to.include('mass [GeV]');
    expect(svg).to.include('Stacked');
    const side = svgOf(await ok('TCanvas cn("cn"); hs.Draw("nostack,e1p");'));
    expect(side).not.to.match(/<polygon [^>]*fill="#00ff00"/);
    expect((side.match(/<path [^>]*stroke=/g) ?? []).length, 'error bars of each histogram').to.be.at.least(3);
  });

  it('has TGraphAsymmErrors: errors below and above, drawn; Divide gives Clopper-Pearson intervals as TEfficiency\'s', async () => {
    const drawn = await ok('double ax[3] = {1, 2, 3}, ay[3] = {10, 20, 30}, exl[3] = {0.5, 0.2, 0.1}, exh[3] = {0.5, 0.3, 0.4}, eyl[3] = {3, 5, 4}, eyh[3] = {1, 2, 8};\nTGraphAsymmErrors asym(3, ax, ay, exl, exh, eyl, eyh);\nTCanvas ca("ca"); asym.Draw("A*");\nprintf("%g %g %g", asym.GetErrorYhigh(2), asym.GetErrorXlow(1), asym.GetErrorY(0));');
    expect(streamText(drawn, 'stdout')).to.equal(`8 0.2 ${Number(Math.sqrt(0.5 * (9 + 1)).toPrecision(6))}`);
    expect(svgOf(drawn)).to.match(/<path /);
    // The bounds by numerical integration of the Beta density and bisection, independent of cppnb's continued fraction.
    const betaCdf = (x: number, a: number, b: number) => {
      const n = 20000, h = x / n;
      let s = 0;
      for (let i = 0; i < n; i++) {
        const t = (i + 0.5) * h;
        s += t ** (a - 1) * (1 - t) ** (b - 1);
      }
      let full = 0;
      for (let i = 0; i < n; i++) {
        const t = (i + 0.5) / n;
        full += (t ** (a - 1) * (1 - t) ** (b - 1)) / n;
      }
      return (s * h) / full;
    };
    const quantile = (p: number, a: number, b: number) => {
      let lo = 0, hi = 1;
      for (let i = 0; i < 50; i++) (betaCdf((lo + hi) / 2, a, b) < p ? (lo = (lo + hi) / 2) : (hi = (lo + hi) / 2));
      return (lo + hi) / 2;
    };
    const alpha = (1 - 0.682689492137) / 2;
    const out = await ok('TH1D tot("tot", "", 3, 0, 3), pas("pas", "", 3, 0, 3); tot.SetBinContent(1, 20); tot.SetBinContent(2, 20); pas.SetBinContent(1, 2); pas.SetBinContent(2, 20);\nTGraphAsymmErrors eff; eff.Divide(&pas, &tot);\nprintf("%d %.6f %.6f %.6f %.6f", eff.GetN(), eff.GetY()[0] - eff.GetErrorYlow(0), eff.GetY()[0] + eff.GetErrorYhigh(0), eff.GetY()[1] - eff.GetErrorYlow(1), eff.GetErrorYhigh(1));');
    const [n, lo0, hi0, lo1, hi1] = streamText(out, 'stdout').split(' ').map(Number);
    expect(n, 'the empty bin is left out').to.equal(2);
    expect(lo0).to.be.closeTo(quantile(alpha, 2, 19), 1e-4);
    expect(hi0).to.be.closeTo(quantile(1 - alpha, 3, 18), 1e-4);
    expect(lo1).to.be.closeTo(quantile(alpha, 20, 1), 1e-4);
    expect(hi1).to.equal(0);
  });

  it('has TF2: formulas in x and y with ROOT\'s 2D shapes, C++ functions, FillRandom and a 2D fit of a TH2', async () => {
    const values = await ok('TF2 g2("g2", "xygaus", -5, 5, -5, 5); g2.SetParameters(10, 1, 1, -1, 2);\nTF2 bi("bi", "bigaus", -30, 30, -30, 30); bi.SetParameters(3, 0, 2, 1, 3, 0.5);\nprintf("%g %.6g %.4g %s", g2.Eval(1, -1), g2.Eval(2, -1), bi.Integral(-30, 30, -30, 30), g2.GetParName(3));');
    const [peak, side, integral, name] = streamText(values, 'stdout').split(' ');
    expect(Number(peak)).to.equal(10);
    expect(Number(side)).to.be.closeTo(10 * Math.exp(-0.5), 1e-5);
    expect(Number(integral), 'bigaus is normalised: its integral is [0]').to.be.closeTo(3, 1e-3);
    expect(name).to.equal('MeanY');
    const fit = await ok(`double blob(double *x, double *p) { double u = (x[0] - p[1]) / p[2], v = (x[1] - p[3]) / p[4]; return p[0] * std::exp(-0.5 * (u * u + v * v)); }
TF2 shape("shape", blob, -6, 6, -6, 6, 5); shape.SetParameters(1, 1.5, 1, -2, 0.7);
TH2F h2("h2", "from a TF2", 40, -6, 6, 40, -6, 6);
gRandom->SetSeed(5);
h2.FillRandom("shape", 40000);
printf("%.3f %.3f %.3f %.3f\\n", h2.GetMean(1), h2.GetMean(2), h2.GetStdDev(1), h2.GetStdDev(2));
TF2 model("model", "xygaus", -6, 6, -6, 6); model.SetParameters(500, 1, 1.2, -1.5, 1);
h2.Fit("model", "Q");
printf("%.3f %.3f %.3f %.3f", model.GetParameter(1), model.GetParameter(2), model.GetParameter(3), model.GetParameter(4));`);
    const [moments, params] = streamText(fit, 'stdout').split('\n');
    const [mx, my, sx, sy] = moments.split(' ').map(Number);
    expect(mx).to.be.closeTo(1.5, 0.03), expect(my).to.be.closeTo(-2, 0.03), expect(sx).to.be.closeTo(1, 0.03), expect(sy).to.be.closeTo(0.7, 0.03);
    const [fx, fsx, fy, fsy] = params.split(' ').map(Number);
    expect(fx).to.be.closeTo(1.5, 0.03), expect(fsx).to.be.closeTo(1, 0.03), expect(fy).to.be.closeTo(-2, 0.03), expect(fsy).to.be.closeTo(0.7, 0.03);
    expect(svgOf(fit), 'the fitted histogram is drawn').to.match(/<svg/);
    const drawn = svgOf(await ok('TCanvas cf("cf"); g2.Draw("colz");'));
    expect(drawn).to.match(/<rect /);
  });

  it('has gSystem, TStopwatch, TDatime, a pad\'s frame (GetFrame) and TStyle\'s setters, as macros use them', async () => {
    const dir = tempDir('root-system');
    const out = await ok(`TStopwatch watch; gSystem->Sleep(150); watch.Stop();
printf("%d %d %s %s|", watch.RealTime() >= 0.14 && watch.RealTime() < 2, gSystem->AccessPathName("${dir}/none"), gSystem->BaseName("/data/run1/events.root"), gSystem->DirName("/data/run1/events.root").Data());
gSystem->mkdir("${dir}/a/b", true); printf("%d|", gSystem->AccessPathName("${dir}/a/b"));
TDatime when(2024, 5, 17, 12, 34, 56); printf("%d %d %s %d|", when.GetDate(), when.GetTime(), when.AsSQLString(), when.GetDayOfWeek());
gStyle->SetTimeOffset(0); gStyle->SetCanvasColor(kWhite); gStyle->SetTitleOffset(1.2, "Y");
TCanvas framed("framed"); framed.GetFrame()->SetFillColor(kYellow); framed.GetFrame()->SetBorderSize(12);
TH1F empty("empty", "", 10, 0, 1); empty.Draw();`);
    expect(streamText(out, 'stdout')).to.equal('1 1 events.root /data/run1|0|20240517 123456 2024-05-17 12:34:56 5|');
    expect(svgOf(out), 'the frame filled in yellow').to.match(/<rect [^>]*fill="#ffff00"/);
  });

  it('has TPaveText, TPaveLabel, TMultiGraph, BuildLegend, GetCumulative, GetQuantiles and the status bits', async () => {
    const pave = svgOf(await ok(`TCanvas cp("cp"); TH1F hp("hp", "", 10, 0, 10); hp.Draw();
TPaveText box(2, 5, 8, 9); box.AddText("first line"); box.AddLine(); box.AddText("second")->SetTextColor(kRed); box.SetFillColor(kYellow); box.Draw();
TPaveLabel label(0.1, 0.92, 0.5, 0.98, "a label", "NDC"); label.Draw();`));
    expect(pave).to.include('first line');
    expect(pave).to.match(/<text [^>]*fill="#ff0000"[^>]*>second</);
    expect(pave).to.match(/<rect [^>]*fill="#ffff00"/);
    expect(pave).to.include('a label');
    const multi = await ok(`double mx1[3] = {1, 2, 3}, my1[3] = {1, 4, 9}, mx2[2] = {0, 5}, my2[2] = {-2, 20};
TGraph one(3, mx1, my1), two(2, mx2, my2); one.SetTitle("squares"); two.SetTitle("line"); two.SetLineColor(kBlue);
TMultiGraph mg("mg", "together;x;y"); mg.Add(&one); mg.Add(&two, "L");
TCanvas cm("cm"); mg.Draw("APL"); auto leg = cm.BuildLegend();
mg.Fit("pol1", "Q");
printf("%d %d %g", mg.GetListOfGraphs()->GetSize(), leg->GetNRows(), mg.GetListOfGraphs()->GetSize() ? 1.0 : 0.0);`);
    expect(streamText(multi, 'stdout')).to.equal('2 2 1');
    const svg = svgOf(multi);
    expect(svg).to.include('together');
    expect(svg).to.include('squares');
    expect(svg).to.match(/<polyline [^>]*stroke="#0000ff"/);
    const numbers = await ok(`TH1D hq("hq", "", 4, 0, 4); for (int b = 1; b <= 4; ++b) hq.SetBinContent(b, 1);
TH1 *cum = hq.GetCumulative(); double q[3], p[3] = {0.25, 0.5, 0.9}; hq.GetQuantiles(3, q, p);
TObject bits; bits.SetBit(TObject::kCanDelete); bits.SetBit(BIT(14));
printf("%s %g %g | %g %g %g | %d %d %d", cum->GetName(), cum->GetBinContent(2), cum->GetBinContent(4), q[0], q[1], q[2], bits.TestBit(TObject::kCanDelete), bits.TestBit(BIT(14)), bits.TestBit(BIT(15)));`);
    expect(streamText(numbers, 'stdout')).to.equal('hq_cumulative 2 4 | 1 2 3.6 | 1 1 0');
  });

  it('has TCutG (IsInside, Area, IntegralHist, "col [cut]"), TF1::DrawCopy and TMath::BreitWignerRelativistic', async () => {
    const out = await ok(`float cx[4] = {-1, 1, 1, -1}, cy[4] = {-1, -1, 1, 1};
TCutG square("square", 4, cx, cy);
TH2F hc("hc", "", 10, -5, 5, 10, -5, 5); for (int bx = 1; bx <= 10; ++bx) for (int by = 1; by <= 10; ++by) hc.SetBinContent(bx, by, 1 + (bx + by) % 3);
TF1 bw("bw", "TMath::BreitWignerRelativistic(x, 91.19, 2.5)", 0, 1000);
printf("%d %d %g %g %.4f", square.IsInside(0, 0), square.IsInside(2, 0), square.Area(), square.IntegralHist(&hc), bw.Integral(0, 1000));`);
    // The four bins inside: (5,5) (6,5) (5,6) (6,6), contents 1 + (bx+by)%3 = 2 + 3 + 3 + 1.
    expect(streamText(out, 'stdout')).to.equal('1 0 4 9 1.0000');
    const rects = (svg: string) => (svg.match(/<rect /g) ?? []).length;
    const all = svgOf(await ok('TCanvas call("call"); hc.Draw("col");'));
    const cut = svgOf(await ok('TCanvas ccut("ccut"); hc.Draw("col [square]"); square.Draw("l");'));
    expect(rects(all) - rects(cut), 'only the bins inside the cut are drawn').to.be.within(90, 96);
    const copies = await ok('TCanvas cd("cd"); TF1 line("line", "x", 0, 1); line.Draw(); auto copy = line.DrawCopy("same"); copy->SetLineColor(kBlue); printf("%s %d", copy->GetName(), copy != &line);');
    expect(streamText(copies, 'stdout')).to.equal('line 1');
  });

  it('draws an empty frame with DrawFrame, for graphs drawn over it', async () => {
    const svg = svgOf(await ok(
      'TCanvas framed("framed"); auto *frame = framed.DrawFrame(0, -5, 20, 5, "frame;x [cm];y [cm]");\n' +
        'double gx[] = {2, 10}, gy[] = {-1, 4}; TGraph pts(2, gx, gy); pts.SetMarkerStyle(20); pts.Draw("P");\n' +
        'printf("%s %g %g", frame->GetName(), frame->GetMinimum(), frame->GetMaximum());',
    ));
    expect(svg).to.include('>x [cm]</text>').and.include('>y [cm]</text>').and.include('>20</text>').and.include('>-4</text>').and.include('>frame</text>');
    expect(svg).not.to.match(/<polyline [^>]*stroke="#000099"/); // no contents of the frame's histogram
  });
  it("has ROOT::Math's and TMath's distributions and special functions, in C++ and inside formula strings", async () => {
    const out = await ok(`#include "Math/DistFunc.h"
printf("%.9f %.9f %.9f %.9f %.9f ", ROOT::Math::normal_quantile(0.975, 1), ROOT::Math::chisquared_quantile(0.95, 3), ROOT::Math::tdistribution_quantile(0.9, 3), ROOT::Math::chisquared_cdf(3, 2), ROOT::Math::gamma_quantile(0.5, 1, 1));
printf("%.7f %.4f %.6f %.6f %.6f", ROOT::Math::poisson_cdf(3, 2.5), TMath::BetaDist(0.3, 2, 3), TMath::StudentI(0, 5), ROOT::Math::fdistribution_cdf(1.5, 3, 7) + ROOT::Math::fdistribution_cdf(1 / 1.5, 7, 3), TMath::Gamma(1, 2));`);
    // Tables: z(0.975) = 1.959963985, chi2(0.95; 3) = 7.814727903, t(0.9; 3) = 1.637744354;
    // P(chi2_2 < 3) = 1 - e^-1.5, the median of exp(1) is ln 2, the F cdf's symmetry, P(1, 2) = 1 - e^-2.
    expect(streamText(out, 'stdout')).to.equal('1.959963985 7.814727903 1.637744354 0.776869840 0.693147181 0.7575761 1.7640 0.500000 1.000000 0.864665');
    const formulas = await ok(`TF1 pdf("pdf", "ROOT::Math::normal_pdf(x, [0], [1])", -5, 5); pdf.SetParameters(1, 0);
TF1 beta("beta", "TMath::BetaDist(x, [0], [1])", 0, 1); beta.SetParameters(2, 3);
TF1 bessel("bessel", "ROOT::Math::cyl_bessel_j([0], x)", 0, 10); bessel.SetParameters(1, 0);
TF1 legendre("legendre", "ROOT::Math::legendre([0], x)", -1, 1); legendre.SetParameters(3, 0);
printf("%.6f %.4f %.6f %.4f", pdf.Eval(0.5), beta.Eval(0.3), bessel.Eval(2), legendre.Eval(0.5));`);
    expect(streamText(formulas, 'stdout')).to.equal('0.352065 1.7640 0.576725 -0.4375');
  });

  it('has TFormula, and formulas that use other functions by name with their parameters after their own', async () => {
    const out = await ok(`TFormula form1("form1", "abs(sin(x)/x)");
TF1 sq("sq", "x*gaus(0) + [3]*form1", 0, 10); sq.SetParameters(10, 4, 1, 20);
TF1 f1("f1", "[0]*x", 0, 1), f2("f2", "[0] + [1]*x*x", 0, 1), f3("f3", "f1 + f2", 0, 1); f3.SetParameters(1, 2, 3);
printf("%d %.4f %.6f | %d %g", sq.GetNpar(), sq.Eval(2), form1.Eval(2), f3.GetNpar(), f3.Eval(2));`);
    // 2·10·e^-2 + 20·|sin 2 / 2|; f1's [0] is 1, f2's are 2 and 3: 2 + 2 + 3·4.
    expect(streamText(out, 'stdout')).to.equal('4 11.7997 0.454649 | 3 16');
  });

  it('hands code to the interpreter as ROOT does: gInterpreter->Declare, gROOT->ProcessLine, .x and .L of macro files', async () => {
    const dir = tempDir('macros');
    writeFileSync(join(dir, 'hello.C'), 'int hello(int n = 1) { printf("hello %d\\n", n); return n; }\n');
    writeFileSync(join(dir, 'unnamed.C'), '{\n  TH1D *hu = new TH1D("hu", "", 10, 0, 1);\n  hu->Fill(0.5);\n  printf("unnamed %g\\n", hu->GetEntries());\n}\n');
    await ok('gInterpreter->Declare("int twice(int a) { return 2 * a; }")');
    expect(result(await ok('twice(21)'))).to.equal('42');
    const run = await ok(`R__LOAD_LIBRARY(libMathMore)
gROOT->ProcessLine(".x ${dir}/hello.C(5)"); gROOT->ProcessLine(".x ${dir}/unnamed.C");
printf("%ld %d %d", gROOT->ProcessLine("1 + 2"), gInterpreter->IsLoaded("${dir}/hello.C"), ROOT_VERSION_CODE >= ROOT_VERSION(6, 0, 0));`);
    expect(streamText(run, 'stdout')).to.equal('hello 5\nunnamed 1\n3 1 1');
    expect(streamText(await ok('hello(7);'), 'stdout')).to.equal('hello 7\n');
    const bad = await ok(`gROOT->ProcessLine("nosuch(1)"); gROOT->LoadMacro("${dir}/missing.C");`);
    expect(streamText(bad, 'stderr')).to.equal(`Error in <TInterpreter::ProcessLine>: use of undeclared identifier 'nosuch'\nError in <TInterpreter::LoadMacro>: ${dir}/missing.C: cannot open the file\n`);
    const canvases = await ok('TCanvas *named = new TCanvas("named", "", 300, 200); printf("%d", gROOT->GetListOfCanvases()->FindObject("named") == named);');
    expect(streamText(canvases, 'stdout')).to.equal('1');
  });

  it("draws axes with their TAttAxis look (label and title sizes, colours, divisions), gStyle's for new axes", async () => {
    // 700 × 500: text sizes are fractions of 500 pixels.
    const plain = svgOf(await ok('TCanvas looks("looks", "", 700, 500); TH1D hl("hl", "t;the x;the y", 10, 0, 1); hl.Fill(0.55, 40); hl.Draw();'));
    expect(plain).to.match(/font-size="17.5"[^>]*>0.5<\/text>/);
    expect(plain).to.include('>0.1</text>');
    const big = svgOf(await ok('TCanvas looks2("looks2", "", 700, 500); hl.GetXaxis()->SetLabelSize(0.06); hl.SetTitleSize(0.08, "Y"); hl.GetXaxis()->SetLabelColor(kRed); hl.GetXaxis()->SetNdivisions(502); hl.Draw();'));
    expect(big).to.match(/font-size="30"[^>]*fill="#ff0000"[^>]*>0.5<\/text>/);
    expect(big).to.match(/font-size="40"[^>]*>the y<\/text>/);
    expect(big, 'two divisions: 0, 0.5, 1').not.to.include('>0.1</text>');
    const styled = await ok('gStyle->SetLabelSize(0.05, "XY"); TH1D later("later", "", 5, 0, 1); printf("%g %g %g", later.GetXaxis()->GetLabelSize(), later.GetYaxis()->GetLabelSize(), hl.GetYaxis()->GetLabelSize()); gStyle->SetLabelSize(0.035, "XY");');
    expect(streamText(styled, 'stdout')).to.equal('0.05 0.05 0.035');
  });

  it("has gBenchmark, TStatistic, Petroff's colours (kP6Blue…), more palettes and TF1's drawn range", async () => {
    const out = await ok('gBenchmark->Start("b"); TStatistic st("s"); for (int i = 0; i < 10; ++i) st.Fill(i); gBenchmark->Stop("b");\nprintf("%g %.4f %lld %g %g %d", st.GetMean(), st.GetRMS(), st.GetN(), st.GetMin(), st.GetMax(), gBenchmark->GetRealTime("b") >= 0);');
    expect(streamText(out, 'stdout')).to.equal('4.5 2.8723 10 0 9 1');
    const svg = svgOf(await ok('TCanvas petroff("petroff"); gStyle->SetPalette(kOcean); TH1D hp("hp", "", 4, 0, 4); hp.Fill(1); hp.SetFillColor(kP6Blue); hp.Draw(); TH1D h38("h38", "", 4, 0, 4); h38.Fill(2); h38.SetFillColor(38); h38.Draw("same"); gStyle->SetPalette(kBird);'));
    // kP6Blue is #5790fc; ROOT's classic colour 38 is (0.49, 0.6, 0.82).
    expect(svg).to.include('#5790fc').and.include('#7d99d1');
    const range = svgOf(await ok('TCanvas ranged("ranged"); TF1 lin("lin", "x", 0, 1); lin.SetMaximum(3); lin.SetMinimum(-1); lin.Draw();'));
    expect(range).to.include('>3.0</text>').and.include('>-1.0</text>');
  });
  it("draws TRatioPlot: ratio, difference and fit residuals with the fit's confidence bands, in two pads sharing x", async () => {
    const values = await ok(`TH1D r1("r1", "r;x;y", 3, 0, 3), r2("r2", "", 3, 0, 3);
r1.SetBinContent(1, 10), r1.SetBinContent(2, 20), r1.SetBinContent(3, 30); r2.SetBinContent(1, 10), r2.SetBinContent(2, 10), r2.SetBinContent(3, 15);
r1.Sumw2(); r2.Sumw2();
TRatioPlot divsym(&r1, &r2, "divsym"), diff(&r1, &r2, "diff"), pois(&r1, &r2);
auto *g = divsym.GetCalculationOutputGraph(), *d = diff.GetCalculationOutputGraph(), *q = pois.GetCalculationOutputGraph();
printf("%g %g %g %.4f | %g %.4f | %g %d", g->GetY()[0], g->GetY()[1], g->GetY()[2], g->GetErrorYhigh(1), d->GetY()[2], d->GetErrorYhigh(2), q->GetY()[1], q->GetErrorYhigh(1) > q->GetErrorYlow(1));`);
    // 20/10 ± sqrt((sqrt(20)/10)² + (2·sqrt(10)/10)²); 30 - 15 ± sqrt(30 + 15); Poisson ratio intervals are wider above.
    expect(streamText(values, 'stdout')).to.equal('1 2 2 0.7746 | 15 6.7082 | 2 1');
    const drawn = await ok(`TCanvas rc("rc", "", 700, 500); gRandom->SetSeed(7);
TH1D fitted("fitted", "fitted;x;entries", 20, -4, 4); fitted.FillRandom("gaus", 2000); fitted.Fit("gaus", "Q0");
auto *rp = new TRatioPlot(&fitted); rp->Draw(); rp->GetLowerRefGraph()->SetMinimum(-3); rp->GetLowerRefGraph()->SetMaximum(3);
rp->GetUpperPad()->cd(); TLegend *named = new TLegend(0.6, 0.7, 0.88, 0.88); named->AddEntry("fitted", "the data", "l"); named->Draw();
const TF1 &gaus = fitted.Functions().back(); auto *res = rp->GetCalculationOutputGraph(); int b = fitted.FindBin(res->GetX()[5]);
double expected = (fitted.GetBinContent(b) - gaus.Eval(res->GetX()[5])) / fitted.GetBinError(b);
auto *ci1 = rp->GetConfidenceInterval1(), *ci2 = rp->GetConfidenceInterval2();
printf("%d %d %.3f", res->GetN() == ci1->GetN(), std::abs(res->GetY()[5] - expected) < 1e-9, ci2->GetErrorY(10) / ci1->GetErrorY(10));`);
    const [sameN, residual, bands] = streamText(drawn, 'stdout').split(' ');
    expect([sameN, residual]).to.deep.equal(['1', '1']);
    // t(0.977; ndf) / t(0.841; ndf) for about 17 degrees of freedom.
    expect(Number(bands)).to.be.within(1.95, 2.15);
    const svg = svgOf(drawn);
    expect((svg.match(/<svg x=/g) ?? []).length, 'an upper and a lower pad').to.equal(2);
    expect(svg).to.include('stroke-dasharray="4,4"').and.include('fill="#00ff00"').and.include('>the data</text>').and.include('>entries</text>');
    expect(svg.match(/>x<\/text>/g) ?? [], 'the x title once, under the lower pad').to.have.length(1);
  });

  it("keeps a fit's covariance: TFitResult::CovMatrix, Correlation and GetConfidenceIntervals", async () => {
    const out = await ok(`double fx[] = {0, 1, 2}, fy[] = {1, 3, 5}, fe[] = {1, 1, 1};
TGraphErrors line3(3, fx, fy, nullptr, fe); TFitResultPtr r = line3.Fit("pol1", "SQ");
double at = 1, ci = 0; r->GetConfidenceIntervals(1, 1, 1, &at, &ci, 0.682689492137, false);
printf("%.4f %.4f %.4f %.4f", r->CovMatrix(0, 0), r->CovMatrix(0, 1), r->Correlation(0, 1), ci);`);
    // (XᵀX)⁻¹ = [[5/6, -1/2], [-1/2, 1/2]]; at x = 1 the variance is 1/3, times t(0.8413; 1) = 1.8373.
    expect(streamText(out, 'stdout')).to.equal('0.8333 -0.5000 -0.7746 1.0608');
  });
  it('fills bins by label: SetCanExtend doubles the bins, LabelsDeflate and LabelsOption sort them, the axis shows the names', async () => {
    const out = await ok(`TH1F people("people", "", 3, 0, 3); people.SetCanExtend(TH1::kAllAxes);
const char *names[] = {"Jean", "Pierre", "Marie", "Odile", "Fons"};
for (int i = 0; i < 10; ++i) people.Fill(names[i % 5]);
printf("%d ", people.GetNbinsX()); people.LabelsDeflate();
printf("%d %s %g ", people.GetNbinsX(), people.GetXaxis()->GetBinLabel(4), people.GetBinContent(4));
people.Fill("Marie", 3); people.LabelsOption(">"); printf("%s %g %g | ", people.GetXaxis()->GetBinLabel(1), people.GetBinContent(1), people.GetEntries());
TH2F grid("grid", "", 2, 0, 2, 2, 0, 2); grid.SetCanExtend(TH1::kAllAxes); grid.Fill("a", "x"); grid.Fill("b", "y"); grid.Fill("c", "x", 2);
printf("%d %d %g | ", grid.GetNbinsX(), grid.GetNbinsY(), grid.GetBinContent(3, 1));
TH1D fixed("fixed", "", 1, 0, 1); fixed.GetXaxis()->SetBinLabel(1, "all"); fixed.Fill("all"); printf("%d %g", fixed.Fill("more"), fixed.GetBinContent(1));`);
    // 3 bins take Jean, Pierre, Marie; Odile doubles them to 6; deflated to the 5 named. Marie: 2 + 3.
    expect(streamText(out, 'stdout')).to.equal('6 5 Odile 2 Marie 5 11 | 4 2 2 | -1 1');
    expect(streamText(out, 'stderr')).to.include('bin label more not found and the axis cannot extend');
    const svg = svgOf(await ok('TCanvas named("named"); people.Draw();'));
    expect(svg).to.include('>Odile</text>').and.include('>Marie</text>').and.not.include('>0.5</text>');
    const vertical = svgOf(await ok('TCanvas upright("upright"); people.LabelsOption("v"); people.Draw();'));
    expect(vertical).to.match(/rotate\(-90[^>]*>Marie<\/text>/);
  });
  it("makes a histogram's stats box an object (TPaveStats) on Update: found by name, moved, its lines changed and kept", async () => {
    const out = await ok(`TCanvas se("se", "", 700, 500); TH1F hs("hs", "test", 100, -3, 3); hs.FillRandom("gaus", 3000);
gStyle->SetOptStat(); hs.Draw(); se.Update();
TPaveStats *ps = (TPaveStats *)se.GetPrimitive("stats");
printf("%d %d %s | ", ps == hs.GetListOfFunctions()->FindObject("stats"), ps->GetListOfLines()->GetSize(), ps->GetLineWith("Mean")->GetTitle());
ps->SetName("mystats"); ps->GetListOfLines()->Remove(ps->GetLineWith("Std Dev"));
TLatex *mine = new TLatex(0, 0, "Test = 10"); mine->SetTextColor(kRed); ps->GetListOfLines()->Add(mine);
ps->SetX1NDC(0.15); ps->SetX2NDC(0.4); hs.SetStats(0);
printf("%d", hs.FindObject("mystats") == ps);`);
    expect(streamText(out, 'stdout')).to.match(/^1 4 Mean = -?\d\.\d+ \| 1$/);
    const svg = svgOf(await ok('se.Draw();'));
    expect(svg).to.include('>Test</text>').and.include('>Entries</text>').and.not.include('>Std Dev</text>');
    expect(svg).to.match(/fill="#ff0000"[^>]*>Test<\/text>/);
    // Placed by the macro: its left edge at 15% of 700 pixels.
    expect(svg).to.match(/<rect x="105" /);
    const sames = svgOf(await ok('TCanvas two("two"); TH1F other("other", "", 100, -3, 3); other.FillRandom("gaus", 100); hs.SetStats(1); hs.Draw(); other.Draw("sames");'));
    expect(sames).to.include('>hs</text>').and.include('>other</text>');
  });

  it('has DrawClone, TH2::ProfileX, GetIntegral, TF1::RejectPoint, TMarker, TEllipse and TArc, and grey canvases', async () => {
    const out = await ok(`TH2D h2p("h2p", "", 4, 0, 4, 10, 0, 10); h2p.Fill(0.5, 2); h2p.Fill(0.5, 4); h2p.Fill(2.5, 7);
TProfile *px = h2p.ProfileX(), *py = h2p.ProfileY(); TH1D ig("ig", "", 4, 0, 4); ig.SetBinContent(1, 1); ig.SetBinContent(2, 3); double *cum = ig.GetIntegral();
double lx[] = {1, 2, 3, 4, 5, 6}, ly[] = {2, 4, 6, 100, 10, 12};
TGraph bent(6, lx, ly); TF1 straight("straight", [](double *x, double *p) { if (x[0] > 3.5 && x[0] < 4.5) TF1::RejectPoint(); return p[0] * x[0]; }, 0, 10, 1);
straight.SetParameter(0, 1); bent.Fit(&straight, "Q");
printf("%s %g %g %s %g %g | %g %g %g | %.6f", px->GetName(), px->GetBinContent(1), px->GetBinContent(3), py->GetName(), py->GetBinContent(3), py->GetBinContent(8), cum[1], cum[2], cum[4], straight.GetParameter(0));`);
    // Bin centres 2.5 and 4.5 average to 3.5; 1 of 4, then all; the point at x = 4 is left out: y = 2x exactly.
    expect(streamText(out, 'stdout')).to.equal('h2p_pfx 3.5 7.5 h2p_pfy 0.5 2.5 | 0.25 1 1 | 2.000000');
    const svg = svgOf(await ok(`TCanvas shapes("shapes", "", 600, 400); shapes.SetGrayscale(); TGraph *copy = (TGraph *)bent.DrawClone("AP");
TMarker star(2, 4, 29); star.SetMarkerColor(kRed); star.Draw(); TEllipse ring(3, 6, 1, 2); ring.SetLineColor(kBlue); ring.Draw(); TArc half(5, 6, 1, 0, 180); half.Draw();
printf("%d %s", copy != &bent, copy->GetName());`));
    expect(svg).to.include('filter: grayscale(100%)').and.include('stroke="#0000ff"').and.include('#ff0000');
  });
  it('reads graphs from text files, has skewness and kurtosis, clones any primitive, and keeps a multigraph fit by name', async () => {
    const dir = tempDir('graphtext');
    writeFileSync(join(dir, 'points.txt'), '# x y ex ey\n1 2 0.1 0.5\n2 4 0.1 0.5\nnot a point\n3 6 0.1 0.5\n');
    const out = await ok(`TGraphErrors fromFile("${dir}/points.txt"); TGraph twoColumns("${dir}/points.txt", "%lg %*lg %*lg %lg");
TH1D sym("sym", "", 4, 0, 4); sym.SetBinContent(1, 1); sym.SetBinContent(4, 1); sym.SetBinContent(2, 2); sym.SetBinContent(3, 2);
TH1D skewed("skewed", "", 3, 0, 3); skewed.Fill(0.5, 5); skewed.Fill(1.5, 1); skewed.Fill(2.5, 1);
TCanvas cl("cl"); TArrow arrow(0, 0, 1, 1); auto *copy = (TArrow *)arrow.DrawClone();
double mx[] = {1, 2, 3}, my[] = {2, 4, 6}; TMultiGraph mg; mg.Add(new TGraph(3, mx, my)); mg.Fit("pol1", "Q");
printf("%d %g %g %g | %d %g | %.3f %d | %d %.3f", fromFile.GetN(), fromFile.GetY()[2], fromFile.GetErrorX(0), fromFile.GetErrorY(0), twoColumns.GetN(), twoColumns.GetY()[1],
       sym.GetSkewness(), skewed.GetSkewness() > 0, copy != &arrow, mg.GetFunction("pol1")->GetParameter(1));`);
    expect(streamText(out, 'stdout')).to.equal('3 6 0.1 0.5 | 3 0.5 | 0.000 1 | 1 2.000');
    const missing = await ok('TGraph none("/nonexistent/points.txt"); none.GetN()');
    expect(streamText(missing, 'stderr')).to.include('Cannot open file: /nonexistent/points.txt');
  });
  it("applies functions to graphs, reads a pave's text from a file, changes axis labels and keeps ROOT's interactive calls without effect", async () => {
    const dir = tempDir('pavefile');
    writeFileSync(join(dir, 'note.txt'), 'first line\nsecond line\nthird line\n');
    const out = await ok(`double ax[] = {1, 2}, ay[] = {3, 4}, aey[] = {0.5, 1};
TGraphErrors applied(2, ax, ay, nullptr, aey); TF2 twice("twice", "2*y+x", 0, 10, 0, 10); applied.Apply(&twice);
TPaveText note(0.1, 0.1, 0.5, 0.5, "NDC"); note.ReadFile("${dir}/note.txt", "", 2, 1);
TF1 kept("kept", "x", 0, 1); bool listed = gROOT->GetListOfFunctions()->FindObject("kept") != nullptr;
TCanvas lab("lab"); TH1D labelled("labelled", "", 10, 0, 10); labelled.Fill(3);
labelled.GetXaxis()->ChangeLabel(1, -1, -1, -1, kRed, -1, "start"); labelled.GetXaxis()->ChangeLabel(-1, -1, 0);
TExec idle("idle", "gPad->Modified()"); labelled.GetListOfFunctions()->Add(&idle); labelled.Draw();
lab.HighlightConnect("Any(TVirtualPad*,TObject*,Int_t,Int_t)"); idle.SetBit(kCannotPick);
TPaveLabel look(0, 0, 1, 1, "x"); TPaveLabel *drawn = look.DrawPaveLabel(0.1, 0.9, 0.3, 0.95, "COLZ", "brNDC");
printf("%g %g %g %g | %d %s | %d %d %s %d", applied.GetY()[0], applied.GetY()[1], applied.GetErrorY(0), applied.GetErrorY(1), note.GetSize(),
       ((TText *)note.GetListOfLines()->Last())->GetTitle(), listed, gPad->GetEvent(), drawn->GetLabel(), lab.GetListOfPrimitives()->GetSize());`);
    expect(streamText(out, 'stdout')).to.equal('7 10 1 2 | 2 third line | 1 0 COLZ 2');
    const svg = svgOf(out);
    expect(svg).to.match(/fill="#ff0000"[^>]*>start<\/text>/);
    expect(svg).not.to.include('>10</text>'); // the last label hidden (size 0)
  });
});
