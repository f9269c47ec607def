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
    await page.goto(await server.newNotebook('cells.ipynb'));
    nb = new NotebookPage(page);
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

  it('draws a histogram into the page as SVG', async () => {
    const d = await nb.run('#include <TH1D.h>\nTH1D h("h", "Inline histogram;x;entries", 40, -4, 4);\nh.FillRandom("gaus", 2000);\nh.Draw();');
    await nb.output(d);
    const svg = nb.cell(d).locator('.output_svg svg, .output_subarea svg').first();
    await svg.waitFor();
    expect(await svg.locator('text', { hasText: 'Inline histogram' }).count()).to.equal(1);
    const box = await svg.boundingBox();
    expect(box!.width).to.be.greaterThan(600);
    await nb.screenshot(`${kind}-histogram`);
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
