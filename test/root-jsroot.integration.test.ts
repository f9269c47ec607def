// Canvases as JSROOT draws them (interpreter-bridge/root-canvas.ts,
// root/include/cppnb/root/canvas_records.hpp): the ROOT JSON a canvas becomes
// has the members JSROOT's own objects have, holds the drawn values, and
// JSROOT (run here in Node) draws it; %jsroot off leaves the static picture;
// a canvas with an object cppnb cannot describe yet stays a static picture.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './helpers/temp-dir.js';
import { create, makeSVG, parse, settings } from 'jsroot';
import type { Message } from '../kernel/wire.js';
import { executeOk, KernelClient, ofType } from './helpers/kernel-client.js';

type Bundle = Record<string, string>;
type RootObject = { _typename: string; [member: string]: unknown };

const lastDisplay = (iopub: Message[]) => ofType(iopub, 'display_data').pop()!.content.data as Bundle;

// The canvas's JSON, out of the script in the HTML (a JavaScript string literal).
function canvasJson(html: string): string {
  const m = /core\.parse\(("(?:[^"\\]|\\.)*")\)/.exec(html);
  expect(m, 'the JSON in the canvas script').to.not.equal(null);
  return JSON.parse(m![1]) as string;
}

// Every object in the tree, with where it is.
function objects(o: unknown, path = '', out: { path: string; obj: RootObject }[] = []): { path: string; obj: RootObject }[] {
  if (Array.isArray(o)) o.forEach((x, i) => objects(x, `${path}[${i}]`, out));
  else if (o && typeof o === 'object') {
    const r = o as RootObject;
    if (typeof r._typename === 'string') out.push({ path, obj: r });
    for (const [k, v] of Object.entries(r)) if (typeof v === 'object') objects(v, `${path}.${k}`, out);
  }
  return out;
}

describe('canvases as JSROOT draws them (ROOT JSON)', function () {
  this.timeout(180000);
  const k = new KernelClient();
  before(() => k.start());
  after(() => k.shutdown());
  const ok = (code: string) => executeOk(k, code);

  let canvas: RootObject;
  let canvasText: string;

  it('sends each canvas as JSROOT HTML beside the static SVG, loading JSROOT from the kernelspec', async () => {
    const iopub = await ok(
      'TCanvas c("c", "many", 800, 600); c.Divide(2, 1); c.cd(1);\n' +
        'TH1F h("h", "Gauss;x [GeV];entries", 20, -4, 4); for (int i = 0; i < 20; ++i) h.SetBinContent(i + 1, i * i);\n' +
        'h.Fit("pol2", "Q"); h.Draw();\n' +
        'TLegend leg(0.1, 0.7, 0.4, 0.9, "legend"); leg.AddEntry(&h, "squares", "l"); leg.Draw();\n' +
        'TLatex t(0.2, 0.5, "#mu^{2}"); t.SetNDC(); t.Draw();\n' +
        'TLine l(-2, 10, 2, 100); l.Draw(); TArrow a(-3, 50, -1, 150, 0.02, "|>"); a.Draw(); TMarker m(0, 20, 20); m.Draw();\n' +
        'TPaveText pt(0.6, 0.4, 0.9, 0.6, "NDC"); pt.AddText("first"); pt.AddText("second"); pt.Draw();\n' +
        'c.cd(2); gPad->SetLogy();\n' +
        'double x[3] = {1, 2, 3}, y[3] = {2, 4, 9}, ex[3] = {0.1, 0.1, 0.1}, ey[3] = {0.5, 0.5, 1};\n' +
        'TGraphErrors g(3, x, y, ex, ey); g.SetTitle("points;time;value"); g.SetMarkerStyle(21);\n' +
        'TGraphAsymmErrors ga(3, x, y, ex, ex, ey, ex); TMultiGraph mg("mg", "two;t;v"); mg.Add(&g, "P"); mg.Add(&ga, "L"); mg.Draw("A");\n' +
        'TEllipse e(2, 5, 0.3, 1); e.Draw();',
    );
    const data = lastDisplay(iopub);
    expect(data['image/svg+xml']).to.match(/^<svg xmlns/);
    expect(data['text/plain']).to.equal('<TCanvas c 800x600>');
    expect(data).to.not.have.property('application/x-cppnb-root-canvas');
    const html = data['text/html'];
    expect(html).to.include('kernelspecs/cppnb/jsroot/modules/').and.include('width:800px;height:600px');
    // The static picture is in the HTML too, as an image (kept when sanitized).
    expect(html).to.include(`src="data:image/svg+xml;base64,${Buffer.from(data['image/svg+xml']).toString('base64').slice(0, 40)}`);
    canvasText = canvasJson(html);
    canvas = parse(canvasText) as RootObject;
    expect(canvas._typename).to.equal('TCanvas');
    expect(canvas.fCw).to.equal(800);
  });

  it("writes every member JSROOT's own objects have, for each class drawn", () => {
    const missing: string[] = [];
    const classes = new Set<string>();
    for (const { path, obj } of objects(canvas)) {
      let model: Record<string, unknown>;
      try {
        model = create(obj._typename) as Record<string, unknown>;
      } catch {
        continue;
      }
      classes.add(obj._typename);
      for (const key of Object.keys(model)) if (!(key in obj) && typeof model[key] !== 'function') missing.push(`${path} ${obj._typename}.${key}`);
    }
    expect(missing).to.deep.equal([]);
    expect([...classes]).to.include.members(['TCanvas', 'TPad', 'TH1F', 'TAxis', 'TLegend', 'TLegendEntry', 'TLatex', 'TLine', 'TMarker',
      'TPaveText', 'TGraphErrors', 'TGraphAsymmErrors', 'TMultiGraph', 'TList', 'TStyle', 'TF1', 'TArrow', 'TEllipse', 'TFrame']);
  });

  it('holds what was drawn: the pads, the bins, the fit, the points, the options, the log scale', () => {
    const pads = (canvas.fPrimitives as { arr: RootObject[] }).arr.filter((o) => o._typename === 'TPad');
    expect(pads).to.have.length(2);
    const [left, right] = pads.map((p) => p.fPrimitives as { arr: RootObject[]; opt: string[] });
    const h = left.arr.find((o) => o._typename === 'TH1F')!;
    expect((h.fArray as number[]).slice(1, 21)).to.deep.equal(Array.from({ length: 20 }, (_, i) => i * i));
    expect((h.fXaxis as RootObject).fTitle).to.equal('x [GeV]');
    const fit = (h.fFunctions as { arr: RootObject[] }).arr.find((o) => o._typename === 'TF1')!;
    // The curve as saved points: pol2 through i² at the bins' centres.
    const save = fit.fSave as number[];
    expect(save.length).to.equal((fit.fNpx as number) + 3);
    expect(save.at(-2)).to.equal(-4);
    expect(fit.fChisquare as number).to.be.below(1e-6);
    expect(left.arr.find((o) => o._typename === 'TLatex')!.fTitle).to.equal('#mu^{2}');
    expect(right.opt[right.arr.findIndex((o) => o._typename === 'TMultiGraph')]).to.equal('A');
    expect(pads[1].fLogy).to.equal(1);
    const mg = right.arr.find((o) => o._typename === 'TMultiGraph')!;
    const graphs = mg.fGraphs as { arr: RootObject[]; opt: string[] };
    expect(graphs.opt).to.deep.equal(['P', 'L']);
    expect(graphs.arr[0].fY).to.deep.equal([2, 4, 9]);
    expect(graphs.arr[1].fEYlow).to.deep.equal([0.5, 0.5, 1]);
  });

  it('is drawn by JSROOT itself (in Node): titles, the legend, the text box', async () => {
    settings.PreferSavedPoints = true;
    const svg = (await makeSVG({ object: canvas, option: '', width: 800, height: 600 })) as string;
    expect(svg).to.include('squares').and.include('first').and.include('second');
    expect(svg).to.match(/x \[GeV\]/);
  });

  it('%jsroot off shows the static picture only; on again, JSROOT', async () => {
    await ok('%jsroot off');
    const off = lastDisplay(await ok('c.Draw();'));
    expect(Object.keys(off).sort()).to.deep.equal(['image/svg+xml', 'text/plain']);
    await ok('%jsroot on');
    expect(lastDisplay(await ok('c.Draw();'))).to.have.property('text/html');
  });

  it('keeps a canvas that draws what cppnb cannot describe to JSROOT yet as a static picture', async () => {
    const data = lastDisplay(await ok('TCanvas c3("c3"); TH3D h3("h3", "cube", 4, 0, 1, 4, 0, 1, 4, 0, 1); h3.Fill(0.5, 0.5, 0.5); h3.Draw();'));
    expect(Object.keys(data).sort()).to.deep.equal(['image/svg+xml', 'text/plain']);
  });

  it('saves canvases as PNG, PDF, EPS (librsvg and cairo) and ROOT JSON that JSROOT reads; other formats are errors of the cell', async () => {
    const dir = tempDir('jsroot-save');
    const out = await ok(`c.SaveAs("${dir}/c.png"); c.Print("${dir}/c.pdf"); c.SaveAs("${dir}/c.eps"); c.SaveAs("${dir}/c.json");`);
    expect(ofType(out, 'stream').map((m) => m.content.text).join('')).to.include(`Info in <TCanvas::Print>: png file ${dir}/c.png has been created`);
    const png = readFileSync(join(dir, 'c.png'));
    expect(png.subarray(1, 4).toString()).to.equal('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).to.deep.equal([800, 600]); // the canvas's size in pixels
    expect(readFileSync(join(dir, 'c.pdf')).subarray(0, 5).toString()).to.equal('%PDF-');
    expect(readFileSync(join(dir, 'c.eps'), 'utf8')).to.match(/^%!PS-Adobe-3.0 EPSF/);
    // The same JSON the notebook's JSROOT drew, which JSROOT reads back.
    const text = readFileSync(join(dir, 'c.json'), 'utf8');
    expect(text).to.equal(canvasText);
    expect((parse(text) as RootObject)._typename).to.equal('TCanvas');
    // The PNG shows again through cppnb::display.
    const shown = lastDisplay(await ok(`cppnb::display(cppnb::image_file("${dir}/c.png"));`));
    expect(Buffer.from(shown['image/png'], 'base64').equals(png)).to.equal(true);
    for (const [file, why] of [['c.gif', 'not .gif'], ['c.pdf(', 'multi-page'], ['none/c.png', 'cannot write']] as const) {
      const { reply } = await k.execute(`c.SaveAs("${dir}/${file}");`);
      expect(reply.content.status, file).to.equal('error');
      expect(String(reply.content.evalue)).to.include(`TCanvas::SaveAs: cannot write ${dir}/${file}`).and.include(why);
    }
    const h3 = await k.execute(`c3.SaveAs("${dir}/c3.json");`);
    expect(String(h3.reply.content.evalue)).to.include('cannot write as ROOT JSON yet');
    expect((await k.execute('h.GetEntries()')).reply.content.status).to.equal('ok');
  });
});
