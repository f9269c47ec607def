// ROOT's prompt in a cppnb session (the default flavour): ROOT's names with no
// #include, std's names without std::, diagnostics in ROOT's names, cling's
// conveniences; and the plain-C++ flavour (--plain), where a session's own
// kRed is its own.
import { expect } from 'chai';
import { packageRoot } from '../interpreter-bridge/paths.js';
import { executeOk, KernelClient, ofType, result, streamText, tracebackText } from './helpers/kernel-client.js';

describe("ROOT's prompt: ROOT code with no #include", function () {
  this.timeout(120000);
  const k = new KernelClient();
  before(() => k.start());
  after(() => k.shutdown());

  const ok = (code: string) => executeOk(k, code);

  it("has every ROOT class, global, type, constant and TMath, and std's names, with no #include", async () => {
    const iopub = await ok(
      'TCanvas *c1 = new TCanvas("c1", "c1", 600, 400);\nTH1F *h = new TH1F("h", "x;x;n", 10, 0, 10);\n' +
        'gRandom->SetSeed(1); for (Int_t i = 0; i < 100; ++i) h->Fill(gRandom->Uniform(0, 10));\n' +
        'h->SetLineColor(kBlue + 2); gStyle->SetOptStat(0); h->Draw();\n' +
        'Double_t pi = TMath::Pi(); vector<double> v{pi}; cout << setw(6) << fixed << setprecision(2) << v[0] << endl;\n' +
        'string s = "ok"; s',
    );
    expect(streamText(iopub, 'stdout')).to.equal('  3.14\n');
    expect(result(iopub)).to.equal('"ok"');
    expect(ofType(iopub, 'display_data').length).to.equal(1);
  });

  it("draws TLatex in titles, axis titles and legends: Greek letters, scripts, roots, arrows", async () => {
    const iopub = await ok(
      'TH1D mass("mass", "m_{#mu#mu} spectrum;#sqrt{s} [GeV];events", 10, 0, 1); mass.Fill(0.5);\n' +
        'TLegend leg(0.6, 0.7, 0.9, 0.9); leg.AddEntry(&mass, "Z #rightarrow #mu^{+}#mu^{-}, #bar{p}", "l");\nmass.Draw(); leg.Draw();',
    );
    const svg = (ofType(iopub, 'display_data')[0].content.data as Record<string, string>)['image/svg+xml'];
    // m, then μμ smaller and lower, then the rest back on the baseline.
    expect(svg).to.match(/>m<tspan dy="([0-9.]+)" font-size="[0-9.]+">μμ<\/tspan><tspan dy="-\1"> spectrum<\/tspan><\/text>/);
    expect(svg).to.include('√<tspan text-decoration="overline">s</tspan> [GeV]');
    expect(svg).to.match(/Z → μ<tspan dy="-[0-9.]+" font-size="[0-9.]+">\+<\/tspan>/);
    expect(svg).to.include('<tspan text-decoration="overline">p</tspan>');
    expect(svg).not.to.include('#mu');
  });

  it("keeps ROOT's header names working, Riostream.h too", async () => {
    await ok('#include <TH1F.h>\n#include <TLegendEntry.h>\n#include <Riostream.h>\n#include <TStyle.h>\nint included = 1;');
  });

  it("speaks ROOT's names in diagnostics, without the installation's paths", async () => {
    const { reply } = await k.execute('TH1F bad("a", 3);\nbad.NoSuchMethod();');
    expect(reply.content.status).to.equal('error');
    const text = tracebackText(reply.content as Record<string, unknown>);
    expect(text).to.include("no matching constructor for initialization of 'TH1F'");
    expect(text).to.include('cppnb/root/histograms.hpp:'); // a note of where, by header name
    expect(text).not.to.include('cppnb::root::');
    expect(text).not.to.include(packageRoot);
  });

  it("declares on first assignment (cling's implicit auto) and shows a last declaration's value", async () => {
    const iopub = await ok('hm = new TH1D("hm", "m", 10, 0, 1);\nmu_min = 0.25;\nhm->Fill(mu_min);\nhm->GetMean()');
    expect(result(iopub)).to.equal('0.25');
    expect(result(await ok('double x_last = .5'))).to.equal('0.5');
    expect(result(await ok('x_last * mu_min'))).to.equal('0.125');
    // `a * b` is a product of variables, or a declaration when a is a type.
    expect(result(await ok('TH1F * hp'))).to.equal(undefined);
    expect(result(await ok('hp == nullptr'))).to.equal('true');
    // An assignment to a name that is declared stays an assignment.
    expect(result(await ok('mu_min = 2;\nmu_min'))).to.equal('2.0');
  });

  it('accepts %jsroot on|off (and nothing else), silently', async () => {
    expect(streamText(await ok('%jsroot on'), 'stdout')).to.equal('');
    expect(streamText(await ok('%jsroot off'), 'stdout')).to.equal('');
    await ok('%jsroot');
    const { reply } = await k.execute('%jsroot maybe');
    expect(reply.content.status).to.equal('error');
  });
});

describe('the plain C++ flavour (cppnb kernel --plain)', function () {
  this.timeout(120000);
  const k = new KernelClient();
  before(() => k.start(['--plain']));
  after(() => k.shutdown());

  it("keeps the session's own kRed and has ROOT's names only after a ROOT header", async () => {
    const own = await k.execute('int kRed = 3;\nkRed');
    expect(result(own.iopub)).to.equal('3');
    const { reply } = await k.execute('TCanvas c;');
    expect(reply.content.status).to.equal('error');
    expect(reply.content.evalue).to.equal("unknown type name 'TCanvas'");
    const cout = await k.execute('cout << 1;');
    expect(cout.reply.content.status, 'no using namespace std').to.equal('error');
    const root = await k.execute('#include <TH1D.h>\nTH1D h("h", "", 10, 0, 1); h.GetNbinsX()');
    expect(result(root.iopub)).to.equal('10');
  });
});
