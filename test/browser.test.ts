// A real browser (Debian's chromium, headless, driven by playwright-core) on
// `cppnb notebook`: cells typed and run with Shift+Enter, their outputs read
// back from the page. Screenshots go to .cppnb-test/screenshots/ (not committed).
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, processesTagged, screenshotPath } from './helpers/browser.js';
import { NotebookServer } from './helpers/notebook-server.js';


interface JupyterEvents {
  Jupyter: { notebook: { events: { one(event: string, handler: () => void): void } } };
}

interface JupyterWindow {
  Jupyter: { notebook: { get_cell(i: number): { get_text(): string; set_text(t: string): void } } };
}

// The classic notebook's page, one code cell at a time.
class NotebookPage {
  private cells = 0;
  // Requests the page made to hosts other than the notebook server (refused).
  readonly offsite: string[] = [];
  constructor(readonly page: Page) {}

  // Types code into the selected cell and runs it with Shift+Enter; returns its index.
  async run(code: string): Promise<number> {
    const index = this.cells++;
    const cell = this.page.locator('.cell.code_cell').nth(index);
    await cell.locator('.CodeMirror').click();
    // insertText, not key presses: CodeMirror would close brackets as they are typed.
    await this.page.keyboard.insertText(code);
    await this.page.keyboard.press('Shift+Enter');
    return index;
  }

  // Waits until the cell has finished (its prompt shows a number) and returns its output text.
  async output(index: number, timeout = 60000): Promise<string> {
    const cell = this.page.locator('.cell.code_cell').nth(index);
    await cell.locator('.input_prompt').filter({ hasText: /\[\d+\]/ }).waitFor({ timeout });
    // The reply (which numbers the prompt) and the output travel on different
    // channels: the output may land a moment after the number.
    await cell.locator('.output_subarea').first().waitFor({ timeout: 10000 });
    return (await cell.locator('.output_subarea').allInnerTexts()).join('\n').trim();
  }

  // Waits until the cell has finished, for a cell without output.
  async done(index: number, timeout = 60000): Promise<void> {
    await this.cell(index).locator('.input_prompt').filter({ hasText: /\[\d+\]/ }).waitFor({ timeout });
  }

  // The cell the next run() types into.
  get nextIndex(): number {
    return this.cells;
  }

  cell(index: number) {
    return this.page.locator('.cell.code_cell').nth(index);
  }

  async idle(): Promise<void> {
    await this.page.locator('#kernel_indicator_icon.kernel_idle_icon').waitFor({ timeout: 60000 });
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: screenshotPath(name), fullPage: true });
  }
}

for (const kind of ['notebook', 'nbclassic'] as const) describe(`a real browser on cppnb notebook (${kind})`, function () {
  this.timeout(240000);
  const server = new NotebookServer(kind);
  let browser: Browser;
  let nb: NotebookPage;

  before(async () => {
    await server.start();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    nb = new NotebookPage(page);
    // The network is off but for the notebook server: JSROOT must come from the kernelspec.
    await page.route('**/*', (route) => {
      const host = new URL(route.request().url()).hostname;
      if (host === '127.0.0.1' || host === 'localhost') return route.continue();
      nb.offsite.push(route.request().url());
      return route.abort();
    });
    await page.goto(await server.newNotebook('cells.ipynb'));
    await nb.idle();
    await nb.page.locator('.cell.code_cell').first().waitFor();
  });

  after(async () => {
    await browser?.close();
    await server.stop();
  });

  it('runs cells with state: text output and an execute_result', async () => {
    const a = await nb.run('#include <iostream>\nstd::vector<int> v{1, 2};\nint x = 41;\nstd::cout << "x is " << x << std::endl;');
    expect(await nb.output(a)).to.equal('x is 41');
    const b = await nb.run('x + 1');
    expect(await nb.output(b)).to.equal('42');
    expect(await nb.cell(b).locator('.output_prompt').innerText()).to.match(/Out\[\d+\]/);
  });

  it('shows a compile error as an error', async () => {
    const c = await nb.run('int broken = undeclared_name;');
    await nb.output(c);
    const error = nb.cell(c).locator('.output_error');
    expect(await error.innerText()).to.match(/CompileError|undeclared identifier 'undeclared_name'/);
  });

  it('draws a canvas with JSROOT from the kernelspec (no internet): zoom by dragging on the x axis, unzoom by double-click, tooltips', async () => {
    const d = await nb.run('#include <TH1D.h>\nTH1D h("h", "Inline histogram;x;entries", 40, -4, 4);\nh.FillRandom("gaus", 2000);\nh.Draw();');
    await nb.output(d);
    const box = nb.cell(d).locator('.cppnb-root-canvas');
    await box.and(nb.page.locator('[data-jsroot="drawn"]')).waitFor({ timeout: 60000 });
    // JSROOT's own picture replaced the static one, with the histogram's title and axes.
    const svg = box.locator('svg.jsroot, svg').first();
    expect(await box.locator('text', { hasText: 'Inline histogram' }).count()).to.be.at.least(1);
    // SVG texts (no innerText); JSROOT may write minus signs as U+2212.
    const labels = async () =>
      (await box.locator('.xaxis_container .axis_labels text').allTextContents()).map((t) => t.replace('\u2212', '-')).filter((t) => /^-?\d/.test(t));
    expect(await labels()).to.include.members(['-4', '4']);
    await box.scrollIntoViewIfNeeded();
    const frame = (await box.locator('svg.main_layer').first().boundingBox())!;
    const area = (await svg.boundingBox())!;
    expect(area.width).to.be.within(650, 750);
    // Hovering a bin shows its content.
    await nb.page.mouse.move(frame.x + frame.width / 2, frame.y + frame.height * 0.6);
    await box.locator('.objects_hints text').first().waitFor({ timeout: 10000 });
    expect((await box.locator('.objects_hints text').allTextContents()).join(' ')).to.match(/entries|content/i);
    await nb.screenshot(`${kind}-jsroot-tooltip`);
    // Drag along the x axis, under the frame, from a quarter to half of its width: x zooms.
    const y = frame.y + frame.height + 8;
    await nb.page.mouse.move(frame.x + frame.width * 0.25, y);
    await nb.page.mouse.down();
    await nb.page.mouse.move(frame.x + frame.width * 0.4, y, { steps: 5 });
    await nb.page.mouse.move(frame.x + frame.width * 0.5, y, { steps: 5 });
    await nb.page.mouse.up();
    // JSROOT redraws the axis after a zoom: wait until its labels say so.
    const until = async (ok: (l: string[]) => boolean) => {
      for (let i = 0; i < 100 && !ok(await labels()); i++) await nb.page.waitForTimeout(100);
      return labels();
    };
    const zoomed = (await until((l) => l.length > 0 && !l.includes('-4'))).map(Number);
    expect(Math.min(...zoomed)).to.be.greaterThan(-3);
    expect(Math.max(...zoomed)).to.be.lessThan(0.5);
    await nb.screenshot(`${kind}-jsroot-zoomed`);
    await nb.page.mouse.dblclick(frame.x + frame.width / 2, frame.y + frame.height / 2);
    expect(await until((l) => l.includes('-4'))).to.include.members(['-4', '4']);
    expect(nb.offsite, 'requests to other hosts').to.deep.equal([]);
  });

  it('shows the static SVG only after %jsroot off', async () => {
    await nb.done(await nb.run('%jsroot off'));
    const d = await nb.run('h.Draw();');
    await nb.output(d);
    const svg = nb.cell(d).locator('.output_subarea svg').first();
    await svg.waitFor();
    expect(await svg.locator('text', { hasText: 'Inline histogram' }).count()).to.equal(1);
    expect(await nb.cell(d).locator('.cppnb-root-canvas').count()).to.equal(0);
    await nb.done(await nb.run('%jsroot on'));
  });

  it('shows the canvases again when the notebook is reopened: the static picture untrusted, JSROOT once trusted', async () => {
    const reopen = async () => {
      await nb.page.reload();
      await nb.page.locator('.cell.code_cell').first().waitFor();
    };
    await nb.page.evaluate(() => (window as unknown as { Jupyter: { notebook: { save_notebook(): Promise<void> } } }).Jupyter.notebook.save_notebook());
    await reopen();
    // Untrusted (the server has not signed it): no script ran, the picture shows.
    const picture = nb.page.locator('.cppnb-root-canvas img').first();
    await picture.waitFor({ timeout: 30000 });
    expect((await picture.boundingBox())!.width).to.be.within(650, 750);
    expect(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).to.be.greaterThan(0);
    // Trusted by the user (File > Trust Notebook): JSROOT draws it again.
    await nb.page.evaluate(() => (window as unknown as { Jupyter: { notebook: { trust_notebook(): void } } }).Jupyter.notebook.trust_notebook());
    await nb.page.locator('.modal-dialog button', { hasText: 'Trust' }).click();
    await nb.page.waitForTimeout(1000);
    await reopen();
    await nb.page.locator('.cppnb-root-canvas[data-jsroot="drawn"]').first().waitFor({ timeout: 60000 });
    expect(await nb.page.locator('.cppnb-root-canvas[data-jsroot="drawn"] text', { hasText: 'Inline histogram' }).count()).to.be.at.least(1);
    await nb.idle();
  });

  it('completes v.pu to push_back on Tab', async () => {
    const index = nb.nextIndex;
    await nb.cell(index).locator('.CodeMirror').click();
    await nb.page.keyboard.insertText('v.pu');
    await nb.page.keyboard.press('Tab');
    // One match is inserted at once; several open the completer's list.
    const text = () => nb.page.evaluate((i) => (window as unknown as JupyterWindow).Jupyter.notebook.get_cell(i).get_text(), index);
    const list = nb.page.locator('#complete select option');
    await nb.page.waitForFunction(
      (i) => (window as unknown as JupyterWindow).Jupyter.notebook.get_cell(i).get_text() !== 'v.pu' || document.querySelector('#complete select') !== null,
      index,
      { timeout: 30000 },
    );
    if ((await text()) === 'v.pu') expect(await list.allInnerTexts()).to.include('push_back');
    else expect(await text()).to.equal('v.push_back');
    await nb.screenshot(`${kind}-completion`);
    await nb.page.keyboard.press('Escape');
    await nb.page.evaluate((i) => (window as unknown as JupyterWindow).Jupyter.notebook.get_cell(i).set_text(''), index);
  });

  it('stops while(true){} with the interrupt button, and keeps earlier state', async () => {
    const e = await nb.run('while (true) {}');
    await nb.page.locator('#kernel_indicator_icon.kernel_busy_icon').waitFor();
    await nb.page.waitForTimeout(300);
    await nb.page.locator('button[data-jupyter-action="jupyter-notebook:interrupt-kernel"]').click();
    expect(await nb.output(e, 30000)).to.match(/Interrupted/);
    const f = await nb.run('x');
    expect(await nb.output(f)).to.equal('41');
  });

  it('restarts the kernel from the Kernel menu: earlier definitions are gone, new cells run', async () => {
    // Wait for the notebook's own "kernel ready" event: the idle icon may
    // still show the old kernel's state for a moment after the click.
    const ready = nb.page.evaluate(
      () => new Promise<void>((resolve) => (window as unknown as JupyterEvents).Jupyter.notebook.events.one('kernel_ready.Kernel', () => resolve())),
    );
    await nb.page.locator('#kernellink').click();
    await nb.page.locator('#restart_kernel a').click();
    await nb.page.locator('.modal-dialog button', { hasText: 'Restart' }).click();
    await ready;
    await nb.idle();
    const g = await nb.run('x');
    expect(await nb.output(g)).to.match(/undeclared identifier 'x'/);
    const h = await nb.run('6 * 7');
    expect(await nb.output(h)).to.equal('42');
    await nb.screenshot(`${kind}-after-restart`);
  });

  it('stops on Ctrl-C (SIGINT) with its kernels, leaving no process behind', async () => {
    const kernels = (await server.api('GET', 'kernels')) as { name: string }[];
    expect(kernels.map((k) => k.name)).to.deep.equal(['cppnb']);
    expect(processesTagged(server.root).length, 'server, kernel, interpreter').to.be.at.least(3);
    await browser.close();
    expect(await server.stop(), server.output).to.equal(0);
    for (let i = 0; i < 50 && processesTagged(server.root).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(processesTagged(server.root)).to.deep.equal([]);
  });
});
