// A real JupyterHub (Debian's 3.0, hub/jupyterhub_config.py, on loopback) and a
// real browser: log in, the hub spawns the user's server, the user opens a new
// C++ notebook from the "New" menu and runs a cell.
import { expect } from 'chai';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { packageRoot } from '../interpreter-bridge/paths.js';
import { freePorts } from './helpers/kernel-client.js';
import { CHROMIUM_ARGS, processesTagged, screenshotPath } from './helpers/browser.js';
import { tempDir } from './helpers/temp-dir.js';

describe('a JupyterHub spawning C++ notebooks', function () {
  this.timeout(300000);
  const root = tempDir('hub');
  let hub: ChildProcess;
  let log = '';
  let base = '';
  let browser: Browser;

  before(async () => {
    // The kernelspec as an image would have it installed, in a prefix of our own.
    const prefix = join(root, 'prefix');
    const installed = spawnSync(process.execPath, [join(packageRoot, 'bin', 'cppnb.js'), 'install', '--prefix', prefix], { encoding: 'utf8' });
    expect(installed.status, installed.stderr).to.equal(0);
    // JSROOT's modules beside kernel.json, which names the kernelspec for the kernel.
    const spec = join(prefix, 'share', 'jupyter', 'kernels', 'cppnb');
    expect(existsSync(join(spec, 'jsroot', 'modules', 'core.mjs'))).to.equal(true);
    const argv = (JSON.parse(readFileSync(join(spec, 'kernel.json'), 'utf8')) as { argv: string[] }).argv;
    expect(argv.slice(argv.indexOf('--kernelspec'))).to.deep.equal(['--kernelspec', 'cppnb']);
    const [port, apiPort, proxyPort] = await freePorts(3);
    base = `http://127.0.0.1:${port}`;
    mkdirSync(join(root, 'state'));
    hub = spawn('/usr/bin/jupyterhub', ['-f', join(packageRoot, 'hub', 'jupyterhub_config.py')], {
      cwd: root,
      env: {
        ...process.env,
        CPPNB_HUB_DIR: join(root, 'state'),
        CPPNB_HUB_PORT: String(port),
        CPPNB_HUB_API_PORT: String(apiPort),
        CPPNB_HUB_PROXY_PORT: String(proxyPort),
        CPPNB_JUPYTER_PATH: join(prefix, 'share', 'jupyter'),
        CPPNB_TEST_TAG: root,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the hub did not start:\n${log}`)), 90000);
      const onData = (d: Buffer) => {
        log += d.toString();
        if (log.includes('JupyterHub is now running')) {
          clearTimeout(timer);
          resolve();
        }
      };
      hub.stdout!.on('data', onData);
      hub.stderr!.on('data', onData);
      hub.on('exit', () => reject(new Error(`the hub exited:\n${log}`)));
    });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    if (hub && hub.exitCode === null) {
      const exited = new Promise((resolve) => hub.once('exit', resolve));
      hub.kill('SIGTERM');
      await exited;
    }
  });

  it('logs a user in, spawns their server, and runs C++ in a new notebook', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/hub/login`);
    await page.locator('#username_input').fill('physicist');
    await page.locator('#password_input').fill('any');
    await page.locator('#login_submit').click();
    // The hub spawns the server and sends the user to its file tree.
    await page.waitForURL(/\/user\/physicist\/tree/, { timeout: 120000 });
    await page.locator('#new-buttons button, #new-dropdown-button').first().click();
    const [notebook] = await Promise.all([
      context.waitForEvent('page', { timeout: 30000 }),
      page.locator('#new-menu a, #kernel-python3, li[id^="kernel-"] a', { hasText: 'C++20 (cppnb)' }).first().click(),
    ]);
    await notebook.locator('#kernel_indicator_icon.kernel_idle_icon').waitFor({ timeout: 120000 });
    await notebook.locator('.cell.code_cell .CodeMirror').first().click();
    await notebook.keyboard.insertText('#include <iostream>\nint answer = 6 * 7;\nstd::cout << "answer " << answer << std::endl;');
    await notebook.keyboard.press('Shift+Enter');
    const output = notebook.locator('.cell.code_cell').first().locator('.output_subarea');
    await output.waitFor({ timeout: 60000 });
    expect((await output.innerText()).trim()).to.equal('answer 42');
    // A canvas: JSROOT loads from the kernelspec under the hub's base URL (/user/physicist/).
    await notebook.locator('.cell.code_cell .CodeMirror').nth(1).click();
    await notebook.keyboard.insertText('TH1D hh("hh", "Under the hub;x;n", 20, -3, 3); hh.FillRandom("gaus", 500); hh.Draw();');
    await notebook.keyboard.press('Shift+Enter');
    await notebook.locator('.cppnb-root-canvas[data-jsroot="drawn"]').waitFor({ timeout: 60000 });
    await notebook.screenshot({ path: screenshotPath('hub-notebook'), fullPage: true });
    // The user's server runs the kernel under the hub: all of it tagged as ours.
    expect(processesTagged(root).some((p) => p.includes('cppnb.js kernel'))).to.equal(true);
    await context.close();
  });

  it('leaves no server, kernel or interpreter behind when the hub stops', async () => {
    const exited = new Promise((resolve) => hub.once('exit', resolve));
    hub.kill('SIGTERM');
    await exited;
    for (let i = 0; i < 100 && processesTagged(root).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(processesTagged(root)).to.deep.equal([]);
  });
});
