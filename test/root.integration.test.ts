// The ROOT-like library in the kernel: canvases drawn in a cell are shown at its
// end (as JupyROOT does), TCanvas::Draw shows at once, fits print as ROOT's.
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Message } from '../kernel/wire.js';
import { KernelClient, ofType, result, streamText } from './helpers/kernel-client.js';
import { tempDir } from './helpers/temp-dir.js';

const svgOf = (m: Message) => (m.content.data as Record<string, string>)['image/svg+xml'] ?? '';

describe('ROOT-like plotting in the kernel', function () {
  this.timeout(120000);
  const k = new KernelClient();

  // Plain C++: the library comes with its headers (ROOT's prompt, where it is
  // there from the start, is root-prompt.integration.test.ts).
  before(async () => {
    await k.start(['--plain']);
  });
  after(async () => {
    await k.shutdown();
  });

  it('has none of ROOT\'s names before a ROOT header is included', async () => {
    const { reply, iopub } = await k.execute('int kRed = 3;\nstruct TH1 { int bins; };\nTH1{kRed}.bins');
    expect(reply.content.status).to.equal('ok');
    expect(result(iopub)).to.equal('3');
  });

  it('shows the default canvas c1 at the end of the cell that drew into it, and only then', async () => {
    const a = await k.execute('#include <TH1D.h>\n#include <TCanvas.h>\n#include <cstdio>');
    expect(a.reply.content.status, JSON.stringify(a.reply.content)).to.equal('ok');
    const { reply, iopub } = await k.execute('TH1D h1("h1", "Energy;E [GeV];events", 40, 0, 10);\nfor (int i = 0; i < 1000; ++i) h1.Fill(gRandom->Exp(2.5));\nh1.Draw();\nprintf("drawn\\n");');
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
    const shown = ofType(iopub, 'display_data');
    expect(shown).to.have.length(1);
    const svg = svgOf(shown[0]);
    expect(svg).to.match(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="700" height="500"/);
    expect(svg).to.include('>Energy</text>').and.include('>E [GeV]</text>').and.include('>Entries</text>').and.include('>1000</text>');
    // The picture comes after what the cell printed: it is shown at the cell's end.
    const order = iopub.filter((m) => ['stream', 'display_data'].includes(m.header.msg_type)).map((m) => m.header.msg_type);
    expect(order).to.deep.equal(['stream', 'display_data']);
    const quiet = await k.execute('double mean1 = h1.GetMean();');
    expect(ofType(quiet.iopub, 'display_data'), 'an unchanged canvas is not shown again').to.have.length(0);
    const logy = await k.execute('gPad->SetLogy();');
    expect(ofType(logy.iopub, 'display_data'), 'a changed one is').to.have.length(1);
  });

  it('runs the library compiled once with optimisation, one copy of its code and statics for every cell', async () => {
    // The precompiled header's code (host/library_code.h): cells refer to it
    // instead of compiling the library's inline functions themselves at -O0.
    const where = await k.execute('#include <dlfcn.h>\n#include <TMath.h>\n#include <TStyle.h>\n#include <string>\n' +
      'std::string libraryOf(const void *p) { Dl_info i{}; return dladdr(p, &i) && i.dli_fname ? i.dli_fname : "the JIT"; }\n' +
      'libraryOf((const void *)&TMath::Gaus)');
    expect(where.reply.content.status, JSON.stringify(where.reply.content)).to.equal('ok');
    expect(result(where.iopub)).to.match(/build\/pch-c\+\+\d\d\.so"$/);
    // ROOT's globals are one object, whichever compiled code uses them: the
    // library (libcppnb-root), the precompiled header's code and the cells.
    const globals = await k.execute('libraryOf((const void *)&gStyle)');
    expect(result(globals.iopub)).to.match(/root\/build\/libcppnb-root\.so"$/);
  });

  it('fits like ROOT: the printout, and the fitted curve on the canvas', async () => {
    const { reply, iopub } = await k.execute('TH1D hg("hg", "gauss", 60, -3, 3);\nhg.FillRandom("gaus", 5000);\nhg.Fit("gaus");');
    expect(reply.content.status).to.equal('ok');
    const out = streamText(iopub, 'stdout');
    expect(out).to.match(/Minimizer is/).and.match(/Chi2\s+=/).and.match(/Sigma\s+=\s+[0-9.]+\s+\+\/-\s+[0-9.]+/);
    const [shown] = ofType(iopub, 'display_data');
    expect(svgOf(shown)).to.include('stroke="#ff0000"'); // the fit function, in ROOT's red
    const sigma = await k.execute('hg.GetFunction("gaus")->GetParameter(2)');
    expect(Number(result(sigma.iopub))).to.be.closeTo(1, 0.05);
  });

  it('shows a canvas at once on Draw, as a value, and saves it as SVG', async () => {
    const dir = tempDir('canvas');
    const file = join(dir, 'plot.svg');
    const { iopub } = await k.execute(`TCanvas c("c", "two pads", 600, 300);\nc.Divide(2, 1);\nc.cd(1);\nh1.Draw("E");\nc.cd(2);\nhg.Draw();\nc.Draw();\nprintf("after\\n");\nc.SaveAs("${file}");`);
    const order = iopub.filter((m) => ['stream', 'display_data'].includes(m.header.msg_type)).map((m) => m.header.msg_type);
    expect(order[0], 'Draw shows before what follows it').to.equal('display_data');
    expect(ofType(iopub, 'display_data'), 'and not again at the end').to.have.length(1);
    expect(svgOf(ofType(iopub, 'display_data')[0]).match(/<svg x=/g)).to.have.length(2);
    expect(streamText(iopub, 'stdout')).to.include(`SVG file ${file} has been created`);
    expect(existsSync(file) && readFileSync(file, 'utf8')).to.match(/^<svg/);
    const value = await k.execute('c');
    const [res] = ofType(value.iopub, 'execute_result');
    expect(Object.keys(res.content.data as object)).to.include.members(['image/svg+xml', 'text/plain']);
    expect((res.content.data as Record<string, string>)['text/plain']).to.equal('<TCanvas c 600x300>');
  });

  it('prints a histogram as a line, and keeps the session after a misuse', async () => {
    const { iopub } = await k.execute('h1');
    expect(result(iopub)).to.match(/^TH1D h1 "Energy": 40 bins, 1000 entries, mean [0-9.]+, std dev [0-9.]+$/);
    const bad = await k.execute('TF1 broken("broken", "sin(x", 0, 1);');
    expect(bad.reply.content.ename).to.equal('std::invalid_argument');
    expect(String(bad.reply.content.evalue)).to.match(/cannot read the formula/);
    const still = await k.execute('h1.GetEntries()');
    expect(result(still.iopub)).to.equal('1000.0');
  });
});
