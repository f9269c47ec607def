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
import { executeOk, KernelClient, ofType, streamText } from './helpers/kernel-client.js';

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
    for (const [file, why] of [['c.gif', 'not .gif'], ['c.png(', 'multi-page'], ['none/c.png', 'cannot write']] as const) {
      const { reply } = await k.execute(`c.SaveAs("${dir}/${file}");`);
      expect(reply.content.status, file).to.equal('error');
      expect(String(reply.content.evalue)).to.include(`TCanvas::SaveAs: cannot write ${dir}/${file}`).and.include(why);
    }
    const h3 = await k.execute(`c3.SaveAs("${dir}/c3.json");`);
    expect(String(h3.reply.content.evalue)).to.include('cannot write as ROOT JSON yet');
    expect((await k.execute('h.GetEntries()')).reply.content.status).to.equal('ok');
  });

  it('updates a canvas in place while the cell runs (Update in a fill loop), a few times a second, and ends on its final state', async () => {
    const iopub = await ok(
      'TCanvas cl("cl", "live", 500, 400); TH1F hl("hl", "live", 10, 0, 10); hl.Draw();\n' +
        'for (int i = 1; i <= 60; ++i) { hl.Fill(i % 10); gPad->Modified(); gPad->Update(); gSystem->Sleep(30); }\nhl.Fill(5); // after the last Update',
    );
    const shown = ofType(iopub, 'display_data');
    const updates = ofType(iopub, 'update_display_data');
    expect(shown, 'one picture, shown once the loop has run a quarter of a second').to.have.length(1);
    const id = (shown[0].content.transient as { display_id: string }).display_id;
    expect(id).to.match(/^cppnb-canvas-cl-/);
    // 60 Updates over about 1.8 s: at most one picture per quarter second, and the end's.
    expect(updates.length).to.be.within(3, 10);
    for (const u of updates) expect((u.content.transient as { display_id: string }).display_id).to.equal(id);
    const first = Date.parse(shown[0].header.date as string), last = Date.parse(updates.at(-1)!.header.date as string);
    expect(last - first, 'the first picture came while the loop ran').to.be.above(1000);
    const final = updates.at(-1)!.content.data as Bundle;
    expect(final).to.have.property('text/html');
    expect(final['image/svg+xml']).to.match(/>Entries<\/text>[^]*?>61<\/text>/);
    // The next cell's picture is a new one, not a change of this one; a
    // single Update (a macro's, to get its stats box) shows nothing early.
    const next = await ok('hl.Fill(1); cl.Update(); TPaveStats *st = (TPaveStats *)hl.FindObject("stats"); st->SetX1NDC(0.5);');
    const again = ofType(next, 'display_data');
    expect(again).to.have.length(1);
    expect(ofType(next, 'update_display_data')).to.have.length(0);
    expect((again[0].content.transient as { display_id?: string } | undefined)?.display_id).to.not.equal(id);
  });

  it('keeps a large colour map small: its cells as one PNG image in the SVG (300×300 COLZ under 500 KB)', async () => {
    const data = lastDisplay(await ok(
      'TCanvas cm("cm", "map", 700, 500); TH2F big("big", "big map;x;y", 300, -3, 3, 300, -3, 3);\n' +
        'TRandom3 rb(5); for (int i = 0; i < 200000; ++i) big.Fill(rb.Gaus(), rb.Gaus()); big.Draw("COLZ");',
    ));
    const svg = data['image/svg+xml'];
    expect(svg.length).to.be.below(500 * 1024);
    const images = [...svg.matchAll(/<image [^>]*xlink:href="data:image\/png;base64,([^"]+)"/g)];
    expect(images).to.have.length(1);
    const png = Buffer.from(images[0][1], 'base64');
    expect(png.subarray(1, 4).toString()).to.equal('PNG');
    // One pixel a cell (the frame is wider than 300 pixels), palette indices.
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).to.deep.equal([300, 300, 8, 3]);
    expect((svg.match(/<rect/g) ?? []).length).to.be.below(200); // frame, palette, boxes: not the cells
    expect(data['text/html'].length).to.be.below(2 * 1024 * 1024);
    // A small map keeps one rectangle a cell.
    const small = lastDisplay(await ok('TCanvas cs("cs"); TH2F sm("sm", "small", 10, 0, 1, 10, 0, 1); for (int i = 0; i < 10; ++i) for (int j = 0; j < 10; ++j) sm.Fill(0.05 + 0.1 * i, 0.05 + 0.1 * j); sm.Draw("COLZ");'));
    expect(small['image/svg+xml']).to.not.include('<image');
  });

  it('agrees with the static picture: its axis labels, the titles and the statistics, for a histogram, a graph and a colour map', async () => {
    settings.PreferSavedPoints = true;
    const texts = (svg: string) =>
      [...svg.matchAll(/<text[^>]*>([^]*?)<\/text>/g)].map((m) => m[1].replace(/<[^>]+>/g, '').replace(/\u2212/g, '-').trim()).filter(Boolean);
    const cases = [
      'TCanvas k1("k1", "", 600, 400); TH1F kh("kh", "Widths;width [mm];pieces", 30, 0, 6); TRandom3 kr(3); for (int i = 0; i < 500; ++i) kh.Fill(kr.Gaus(3, 1)); kh.Draw();',
      'TCanvas k2("k2", "", 600, 400); double kx[4] = {1, 2, 3, 4}, ky[4] = {3, 5, 4, 8}, kex[4] = {0}, key[4] = {1, 1, 1, 1};\n' +
        'TGraphErrors kg(4, kx, ky, kex, key); kg.SetTitle("Growth;day;size"); kg.Draw("AP");',
      'TCanvas k3("k3", "", 600, 400); TH2F k2d("k2d", "Map;u;v", 20, 0, 2, 20, 0, 2); TRandom3 kq(4); for (int i = 0; i < 2000; ++i) k2d.Fill(kq.Uniform(2), kq.Uniform(2)); k2d.Draw("COLZ");',
    ];
    for (const [i, code] of cases.entries()) {
      const data = lastDisplay(await ok(code));
      const ours = texts(data['image/svg+xml']);
      const theirs = texts((await makeSVG({ object: parse(canvasJson(data['text/html'])), option: '', width: 600, height: 400 })) as string);
      // As numbers: the static picture writes 1.0 where ROOT and JSROOT write 1.
      const numbers = (t: string[]) => t.filter((x) => /^-?[\d.]+$/.test(x)).map((x) => String(Number(x))).sort();
      const words = (t: string[]) => t.filter((x) => /^[A-Za-z][A-Za-z ]*(\[mm\])?$/.test(x)).sort();
      // Every label of ours is JSROOT's too (JSROOT, as ROOT, may label more
      // ticks: 0, 5, 10… where the static picture has 0, 10, 20…).
      // (On the colour map's short axes the static picture steps by 0.25, ROOT
      // and JSROOT by 0.2: only the statistics and the ends are compared there.)
      const compared = i === 2 ? numbers(ours).filter((x) => ['0', '2', '2000'].includes(x) || x.length > 4) : numbers(ours);
      expect(numbers(theirs), code).to.include.members(compared);
      expect(words(theirs), code).to.deep.equal(words(ours));
    }
  });

  it('describes TF2, TCutG, TGaxis and what a macro adds to a histogram\'s functions, which JSROOT draws', async () => {
    const data = lastDisplay(await ok(
      'TCanvas kc("kc", "", 600, 400); kc.Divide(2, 1); kc.cd(1);\n' +
        'TF2 k2f("k2f", "x*x + y*y", -1, 1, -1, 1); k2f.Draw("COLZ");\n' +
        'double cx[5] = {-0.5, 0.5, 0.5, -0.5, -0.5}, cy[5] = {-0.5, -0.5, 0.5, 0.5, -0.5}; TCutG kcut("kcut", 5, cx, cy); kcut.Draw("L");\n' +
        'kc.cd(2); TH1F kl("kl", "listed", 10, 0, 10); kl.Fill(3); TLine *mark = new TLine(3, 0, 3, 1); kl.GetListOfFunctions()->Add(mark); kl.Draw();\n' +
        'TGaxis kax(10, 0, 10, 1, 0, 100, 510, "+L"); kax.SetTitle("percent"); kax.Draw();',
    ));
    expect(data).to.have.property('text/html');
    const text = canvasJson(data['text/html']);
    const all = objects(parse(text));
    const types = all.map((o) => o.obj._typename);
    expect(types).to.include.members(['TF2', 'TCutG', 'TGaxis', 'TLine']);
    const f2 = all.find((o) => o.obj._typename === 'TF2')!.obj;
    const save = f2.fSave as number[];
    expect(save.length).to.equal(((f2.fNpx as number) + 1) * ((f2.fNpy as number) + 1) + 6);
    expect(save.slice(-6, -2)).to.deep.equal([-1, 1, -1, 1]);
    expect(save[0]).to.be.closeTo(2, 1e-12); // (−1)² + (−1)²
    const listed = all.find((o) => o.obj._typename === 'TH1F' && o.obj.fName === 'kl')!.obj.fFunctions as { arr: RootObject[] };
    expect(listed.arr.map((o) => o._typename)).to.include('TLine');
    settings.PreferSavedPoints = true;
    const svg = (await makeSVG({ object: parse(text), option: '', width: 600, height: 400 })) as string;
    expect(svg).to.include('percent').and.include('listed');
  });

  it('writes a partly placed stats box where the picture has it, a pad shown alone as a canvas of its size, and any title safely', async () => {
    const data = lastDisplay(await ok(
      'TCanvas kp("kp", "", 600, 400); kp.Divide(2, 1); kp.cd(1); TH1F kt("kt", "a <!--<script> title </script> & more", 10, 0, 1); kt.Fill(0.5); kt.Draw();\n' +
        'kp.Update(); auto *kst = (TPaveStats *)kt.FindObject("stats"); kst->SetY1NDC(0.5); kst->SetY2NDC(0.7);',
    ));
    const html = data['text/html'];
    expect(html.indexOf('</script>')).to.equal(html.lastIndexOf('</script>')); // only the script's own end
    const all = objects(parse(canvasJson(html)));
    expect(all.find((o) => o.obj._typename === 'TH1F')!.obj.fTitle).to.equal('a <!--<script> title </script> & more');
    const st = all.find((o) => o.obj._typename === 'TPaveStats')!.obj;
    expect([st.fX1NDC, st.fX2NDC, st.fY1NDC, st.fY2NDC].map((v) => Math.round((v as number) * 100) / 100)).to.deep.equal([0.78, 0.98, 0.5, 0.7]);
    const pad = lastDisplay(await ok('cppnb::display(*kp.GetPad(2));'));
    const alone = parse(canvasJson(pad['text/html'])) as RootObject;
    expect([alone._typename, alone.fCw, alone.fCh, alone.fAbsXlowNDC, alone.fAbsWNDC]).to.deep.equal(['TCanvas', 288, 392, 0, 1]);
  });

  it('writes multi-page PDF and PostScript as ROOT does: "(" opens, plain adds, ")" closes', async () => {
    const dir = tempDir('jsroot-pages');
    const said = streamText(await ok(`c.Print("${dir}/book.pdf("); kc.Print("${dir}/book.pdf"); kp.Print("${dir}/book.pdf)");\n` +
      `c.Print("${dir}/book.ps["); c.Print("${dir}/book.ps"); c.Print("${dir}/book.ps]");`), 'stdout');
    // ROOT's TPad::Print messages.
    expect(said.split('\n').filter(Boolean)).to.deep.equal([
      `Info in <TCanvas::Print>: pdf file ${dir}/book.pdf has been created using the current canvas`,
      `Info in <TCanvas::Print>: Current canvas added to pdf file ${dir}/book.pdf`,
      `Info in <TCanvas::Print>: Current canvas added to pdf file ${dir}/book.pdf and file closed`,
      `Info in <TCanvas::Print>: ps file ${dir}/book.ps has been created`,
      `Info in <TCanvas::Print>: Current canvas added to ps file ${dir}/book.ps`,
      `Info in <TCanvas::Print>: ps file ${dir}/book.ps has been closed`,
    ]);
    const pdf = readFileSync(join(dir, 'book.pdf'), 'latin1');
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)).to.have.length(3);
    expect(readFileSync(join(dir, 'book.ps'), 'latin1').match(/%%Page:/g)).to.have.length(1);
    // After ")" the file is closed: a plain Print writes a one-page file again,
    // and so do ")" and "]" on a file not open (ROOT's tutorials end a file so).
    await ok(`c.Print("${dir}/book.pdf"); c.Print("${dir}/last.pdf)"); c.Print("${dir}/shut.pdf]");`);
    for (const file of ['book.pdf', 'last.pdf', 'shut.pdf'])
      expect(readFileSync(join(dir, file), 'latin1').match(/\/Type\s*\/Page[^s]/g), file).to.have.length(1);
  });

  it('saves as JSON the canvas as painted, its stats box too, when it was never shown before', async () => {
    const dir = tempDir('jsroot-fresh');
    await ok(`TCanvas kf("kf"); TH1F kfh("kfh", "fresh", 10, 0, 1); kfh.Fill(0.5); kfh.Draw(); kf.SaveAs("${dir}/kf.json");`);
    const saved = objects(parse(readFileSync(join(dir, 'kf.json'), 'utf8'))).find((o) => o.obj._typename === 'TH1F')!.obj;
    expect((saved.fBits as number) & 0x200, 'kNoStats').to.equal(0);
  });
});
