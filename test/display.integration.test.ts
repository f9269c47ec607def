// cppnb::display and friends (include/cppnb/display.hpp) through the real kernel.
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KernelClient, ofType, streamText } from './helpers/kernel-client.js';
import { tempDir } from './helpers/temp-dir.js';

// A 1×1 PNG.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('rich display from C++ cells', function () {
  this.timeout(120000);
  const k = new KernelClient();
  const dir = tempDir('display');

  before(async () => {
    await k.start();
    const { reply } = await k.execute('#include <cppnb/display.hpp>\n#include <cstdio>');
    expect(reply.content.status).to.equal('ok');
  });
  after(async () => {
    await k.shutdown();
  });

  it('sends display_data in order with what the cell prints', async () => {
    const { reply, iopub } = await k.execute('printf("before\\n"); cppnb::display(cppnb::html("<b>hi</b>")); printf("after\\n");');
    expect(reply.content.status).to.equal('ok');
    const seen = iopub
      .filter((m) => ['stream', 'display_data'].includes(m.header.msg_type))
      .map((m) => (m.header.msg_type === 'stream' ? String(m.content.text).trim() : (m.content.data as Record<string, string>)['text/html']));
    expect(seen).to.deep.equal(['before', '<b>hi</b>', 'after']);
  });

  it('has a builder for each MIME type, JSON as JSON', async () => {
    const cells: [string, string, unknown][] = [
      ['cppnb::html("<p>x</p>")', 'text/html', '<p>x</p>'],
      ['cppnb::markdown("# Title")', 'text/markdown', '# Title'],
      ['cppnb::latex("$e^{i\\\\pi}$")', 'text/latex', '$e^{i\\pi}$'],
      ['cppnb::svg("<svg/>")', 'image/svg+xml', '<svg/>'],
      ['cppnb::json("{\\"a\\": [1, 2]}")', 'application/json', { a: [1, 2] }],
      ['cppnb::mime_bundle{{"text/csv", "a,b"}, {"text/plain", "table"}}', 'text/csv', 'a,b'],
    ];
    for (const [expr, mime, want] of cells) {
      const { iopub } = await k.execute(`cppnb::display(${expr});`);
      const shown = ofType(iopub, 'display_data');
      expect(shown, expr).to.have.length(1);
      expect((shown[0].content.data as Record<string, unknown>)[mime], expr).to.deep.equal(want);
    }
  });

  it('names JSON that is not JSON, and shows the rest', async () => {
    const { reply, iopub } = await k.execute('cppnb::display(cppnb::json("{oops"));');
    expect(reply.content.status).to.equal('ok');
    expect(streamText(iopub, 'stderr')).to.match(/application\/json data to display is not valid JSON/);
    expect(ofType(iopub, 'display_data')[0].content.data).to.deep.equal({ 'text/plain': '{oops' });
  });

  it('updates a display by its id and clears output', async () => {
    const { iopub } = await k.execute('cppnb::display(1, "progress"); cppnb::update_display(2, "progress"); cppnb::clear_output(true);');
    const [shown] = ofType(iopub, 'display_data');
    const [updated] = ofType(iopub, 'update_display_data');
    expect(shown.content.transient).to.deep.equal({ display_id: 'progress' });
    expect(updated.content).to.deep.include({ data: { 'text/plain': '2' }, transient: { display_id: 'progress' } });
    expect(ofType(iopub, 'clear_output')[0].content).to.deep.equal({ wait: true });
    const bad = await k.execute('cppnb::update_display(3, "");');
    expect(bad.reply.content.ename).to.equal('std::invalid_argument');
  });

  it('shows a user type through its mime_bundle_repr, as a value and with display', async () => {
    await k.execute('struct Money { long cents; };\ncppnb::mime_bundle mime_bundle_repr(const Money &m) {\n  return {{"text/html", "<b>" + std::to_string(m.cents / 100) + " €</b>"}, {"text/plain", std::to_string(m.cents) + " cents"}};\n}');
    const value = await k.execute('Money{1250}');
    const [res] = ofType(value.iopub, 'execute_result');
    expect(res.content.data).to.deep.equal({ 'text/html': '<b>12 €</b>', 'text/plain': '1250 cents' });
    const shown = await k.execute('cppnb::display(Money{500});');
    expect(ofType(shown.iopub, 'display_data')[0].content.data).to.deep.equal({ 'text/html': '<b>5 €</b>', 'text/plain': '500 cents' });
    // A builder is a value too, and a user_expression is shown the same way.
    const html = await k.execute('cppnb::html("<i>i</i>")', { user_expressions: { m: 'Money{7}' } });
    expect(ofType(html.iopub, 'execute_result')[0].content.data).to.deep.include({ 'text/html': '<i>i</i>' });
    expect((html.reply.content.user_expressions as Record<string, { data: unknown }>).m.data).to.deep.equal({ 'text/html': '<b>0 €</b>', 'text/plain': '7 cents' });
  });

  it('shows image files by their content, with a width, and says why one cannot be shown', async () => {
    const png = join(dir, 'dot.png');
    writeFileSync(png, Buffer.from(PNG_BASE64, 'base64'));
    const svgNamedGif = join(dir, 'drawing.gif');
    writeFileSync(svgNamedGif, '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>');
    const notImage = join(dir, 'notes.png');
    writeFileSync(notImage, 'just text');

    const a = await k.execute(`cppnb::display(cppnb::image_file("${png}", 50));`);
    const [img] = ofType(a.iopub, 'display_data');
    expect((img.content.data as Record<string, string>)['image/png']).to.equal(PNG_BASE64);
    expect(img.content.metadata).to.deep.equal({ 'image/png': { width: 50 } });

    const b = await k.execute(`cppnb::display(cppnb::image_file("${svgNamedGif}"));`);
    expect((ofType(b.iopub, 'display_data')[0].content.data as Record<string, string>)['image/svg+xml']).to.match(/^<\?xml/);

    const c = await k.execute(`cppnb::display(cppnb::image_file("${notImage}"));`);
    expect(c.reply.content.evalue).to.match(/is not a PNG, JPEG, GIF or SVG image/);
    const d = await k.execute(`cppnb::image_file("${join(dir, 'missing.png')}")`);
    expect(d.reply.content.evalue).to.match(/cannot read/);
  });

  it('runs functions registered with at_end_of_cell after every cell, even one that threw', async () => {
    await k.execute('int cells_seen = 0;\nvoid count_cell() { ++cells_seen; }\ncppnb::at_end_of_cell(count_cell);\ncppnb::at_end_of_cell(count_cell);');
    await k.execute('int unrelated = 1;');
    await k.execute('throw 1;');
    const { iopub } = await k.execute('cells_seen');
    // The registering cell and the next two; this one reads it before its own
    // end. Registered once however often.
    expect(ofType(iopub, 'execute_result')[0].content.data).to.deep.equal({ 'text/plain': '3' });
  });
});
