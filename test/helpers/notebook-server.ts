// `cppnb notebook` started for a test: a private CPPNB_HOME, a free port, no
// browser. Knows its URL and token once the server says them.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../interpreter-bridge/paths.js';
import { freePorts } from './kernel-client.js';
import { tempDir } from './temp-dir.js';

export class NotebookServer {
  readonly root = tempDir('notebook');
  readonly dir = join(this.root, 'notebooks');
  process: ChildProcess | null = null;
  output = '';
  base = '';
  token = '';

  // Which server `cppnb notebook` runs: notebook (6) or nbclassic.
  constructor(readonly kind: 'notebook' | 'nbclassic' = 'notebook') {}

  async start(): Promise<void> {
    mkdirSync(this.dir);
    const [port] = await freePorts(1);
    this.process = spawn(process.execPath, [join(packageRoot, 'bin', 'cppnb.js'), 'notebook', '--no-browser', '--port', String(port), '--dir', this.dir], {
      env: { ...process.env, CPPNB_HOME: join(this.root, 'home'), CPPNB_TEST_TAG: this.root, CPPNB_NOTEBOOK_SERVER: this.kind },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const seen = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the notebook server did not start:\n${this.output}`)), 60000);
      const onData = (d: Buffer) => {
        this.output += d.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+)\/(?:tree)?\?token=([0-9a-f]+)/.exec(this.output);
        if (m && !this.base) {
          this.base = m[1];
          this.token = m[2];
          clearTimeout(timer);
          resolve();
        }
      };
      this.process!.stdout!.on('data', onData);
      this.process!.stderr!.on('data', onData);
      this.process!.on('exit', () => reject(new Error(`the notebook server exited:\n${this.output}`)));
    });
    await seen;
  }

  // A REST call with the token.
  async api(method: string, path: string, body?: unknown): Promise<unknown> {
    const r = await fetch(`${this.base}/api/${path}`, {
      method,
      headers: { Authorization: `token ${this.token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return r.status === 204 ? null : r.json();
  }

  // An empty notebook for the cppnb kernel, as the "New" menu makes it.
  async newNotebook(name: string): Promise<string> {
    await this.api('PUT', `contents/${name}`, {
      type: 'notebook',
      format: 'json',
      content: {
        cells: [],
        metadata: { kernelspec: { name: 'cppnb', display_name: 'C++20 (cppnb)', language: 'c++' } },
        nbformat: 4,
        nbformat_minor: 5,
      },
    });
    return `${this.base}/notebooks/${name}?token=${this.token}`;
  }

  // Stops it as a user would (SIGINT, Ctrl-C); resolves with the exit code.
  stop(): Promise<number | null> {
    const p = this.process;
    if (!p || p.exitCode !== null) return Promise.resolve(p?.exitCode ?? null);
    const exited = new Promise<number | null>((resolve) => p.once('exit', (code) => resolve(code)));
    p.kill('SIGINT');
    return exited;
  }
}
