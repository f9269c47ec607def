// TF1 formulas compiled by the interpreter, as ROOT's TFormula compiles them
// with cling: any C++ and TMath in them, the session's own functions, ROOT's
// shapes with their parameter offsets, named parameters in ROOT's order,
// "++" linear sums; errors that name the formula; each text compiled once.
import { expect } from 'chai';
import { executeOk, KernelClient, result, streamText } from './helpers/kernel-client.js';

describe('TF1 formulas compiled in the session', function () {
  this.timeout(120000);
  const k = new KernelClient();
  before(() => k.start());
  after(() => k.shutdown());

  const ok = (code: string) => executeOk(k, code);

  it('compiles C++ and TMath in a formula, with ROOT shapes at their offsets', async () => {
    const out = await ok(
      'TF1 bw("bw", "[0]*TMath::BreitWigner(x,[1],[2]) + pol1(3)", 0, 10);\n' +
        'bw.SetParameters(2, 5, 1, 0.5, 0.1);\n' +
        'double want = 2 * TMath::BreitWigner(4.2, 5, 1) + 0.5 + 0.1 * 4.2;\n' +
        'printf("%d %s %s %.12g", bw.GetNpar(), bw.GetParName(3), bw.GetParName(4), bw.Eval(4.2) - want);',
    );
    expect(streamText(out, 'stdout')).to.equal('5 p3 p4 0');
    const g = await ok('TF1 gp("gp", "gaus(0) + expo(3)", -5, 5); gp.SetParameters(3, 0.5, 2, 0.1, -0.2);\nprintf("%s %s %s %.12g", gp.GetParName(0), gp.GetParName(2), gp.GetParName(4), gp.Eval(1) - (3*exp(-0.5*0.0625) + exp(0.1 - 0.2)));');
    expect(streamText(g, 'stdout')).to.equal('Constant Sigma Slope 0');
  });

  it("calls the session's own functions, and orders named parameters as ROOT does", async () => {
    await ok('double shape(double x, double w) { return x * w; }');
    const out = await ok(
      'TF1 own("own", "shape(x, [width]) + [offset] + [0]", 0, 1); own.SetParameters(1, 10, 2);\n' +
        'printf("%d %s %s %s %g", own.GetNpar(), own.GetParName(0), own.GetParName(1), own.GetParName(2), own.Eval(0.5));',
    );
    // [0] first, then the names alphabetically: offset (10), width (2).
    expect(streamText(out, 'stdout')).to.equal('3 p0 offset width 12');
  });

  it('makes one parameter per term of a "++" linear formula, and powers of ^ and **', async () => {
    const out = await ok('TF1 lin("lin", "sin(x) ++ sin(2*x) ++ x^2", -2, 2); lin.SetParameters(1, 2, 3);\nprintf("%d %.12g", lin.GetNpar(), lin.Eval(0.7) - (sin(0.7) + 2*sin(2*0.7) + 3*(0.7*0.7)));');
    expect(streamText(out, 'stdout')).to.equal('3 0');
    expect(result(await ok('TF1 pw("pw", "2**3 - x^2", 0, 1); pw.Eval(3)'))).to.equal('-1.0');
  });

  it('makes formulas and names in a loop with Form, each text compiled once', async () => {
    const out = await ok('for (int i = 0; i < 3; ++i) { TF1 e(Form("e%d", i), Form("[0]*x^%d", i), 0, 1); e.SetParameter(0, 2); printf("%s %g ", e.GetName(), e.Eval(2)); }');
    expect(streamText(out, 'stdout')).to.equal('e0 2 e1 4 e2 8 ');
  });

  it('fits with a compiled formula (a Breit-Wigner peak)', async () => {
    const out = await ok(
      'TH1D peak("peak", "", 100, 0, 10);\nTF1 truth("truth", "breitwigner", 0, 10); truth.SetParameters(1, 5, 0.8);\n' +
        'gRandom->SetSeed(7); peak.FillRandom("truth", 20000);\n' +
        'TF1 fit("fit", "breitwigner", 0, 10); fit.SetParameters(1000, 4.5, 1);\npeak.Fit(&fit, "Q");\n' +
        'printf("%.1f %.1f", fit.GetParameter(1), fit.GetParameter(2));',
    );
    const [mean, width] = streamText(out, 'stdout').split(' ').map(Number);
    expect(mean).to.be.closeTo(5, 0.1);
    expect(width).to.be.closeTo(0.8, 0.15);
  });

  it('names the formula in its errors and keeps the session', async () => {
    await ok('int keep = 7;');
    const syntax = await k.execute('TF1 broken("broken", "sin(x", 0, 1);');
    expect(syntax.reply.content.ename).to.equal('std::invalid_argument');
    expect(String(syntax.reply.content.evalue)).to.match(/cannot read the formula "sin\(x": '\)' expected/);
    const unknown = await k.execute('TF1 nosuch("nosuch", "[0]*nosuchfunction(x)", 0, 1);');
    expect(String(unknown.reply.content.evalue)).to.match(/cannot compile the formula "\[0\]\*nosuchfunction\(x\)": use of undeclared identifier 'nosuchfunction'/);
    expect(result(await ok('keep'))).to.equal('7');
  });
});
