// Client of cppnb-complete (host/completer.cpp): semantic completion on
// libclang, in a process of its own so it never touches the session.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { completionSource } from './completion-source.js';
import { encodeFrame, FrameReader } from './protocol.js';
import { completerBinary } from './paths.js';

// A declaration as the completer describes it (host/completer.cpp, describeAt).
export interface Declaration {
  name: string;
  qualified: string;
  kind: string;
  type: string;
  signature: string;
  comment: string;
  file: string;
  line: number;
}

export interface Completion {
  text: string;
  kind: string;
  signature: string;
  priority: number;
}

export interface Completions {
  // The part of the identifier already typed before the cursor (what they replace).
  typed: string;
  completions: Completion[];
}

// Each completer's directory in /tmp, removed when it exits or, at the
// latest, when the kernel does (the completer dies with it: PR_SET_PDEATHSIG).
const liveDirs = new Set<string>();
function removeDir(dir: string): void {
  liveDirs.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}
process.on('exit', () => {
  for (const dir of [...liveDirs]) removeDir(dir);
});


// How long one completion may take before the cell's words are used instead.
const TIMEOUT_MS = 5000;
// A completer nobody asked for this long exits; the next Tab starts another
// (~0.25 s with the precompiled headers). Idle notebooks on a hub then cost
// no completion memory (~55 MB each).
const IDLE_MS = Number(process.env.CPPNB_COMPLETER_IDLE_MS ?? 600_000);

export class Completer {
  private child: ChildProcess | null = null;
  private readonly reader = new FrameReader();
  private waiting: ((frame: Buffer | null) => void) | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly args: string[],
    // Headers the interpreter has without an #include (its precompiled ones).
    private readonly prelude: string[],
    private readonly log: (line: string) => void,
  ) {}

  private process(): ChildProcess {
    if (this.child && this.child.exitCode === null && !this.child.killed) return this.child;
    const dir = mkdtempSync(join(tmpdir(), 'cppnb-complete-'));
    liveDirs.add(dir);
    const child = spawn(completerBinary, ['-x', 'c++', ...this.args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, CPPNB_COMPLETE_DIR: dir },
    });
    // Completion waits for a Tab; cells must not wait for completion's parsing.
    if (child.pid) {
      try {
        setPriority(child.pid, 10);
      } catch {
        // not allowed: run at the same priority
      }
    }
    child.on('exit', () => removeDir(dir));
    child.on('error', (err) => this.log(`completer: ${err.message}`));
    child.stdin!.on('error', () => undefined);
    child.stderr!.on('data', (d: Buffer) => this.log(`completer: ${d.toString().trim()}`));
    child.stdout!.on('data', (chunk: Buffer) => {
      for (const f of this.reader.push(chunk)) this.waiting?.(f.payload);
    });
    // A completer stopped while idle may exit after its successor took a request.
    child.on('exit', () => {
      if (this.child === child) this.waiting?.(null);
    });
    this.child = child;
    return child;
  }

  // Completions at cursor (index into cell) given the session's earlier cells;
  // null when the completer cannot answer.
  complete(cells: string[], cell: string, cursor: number): Promise<Completions | null> {
    const run = this.queue.then(() => this.ask(cells, cell, cursor));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async ask(cells: string[], cell: string, cursor: number): Promise<Completions | null> {
    // clang completes at the start of the identifier being typed; the
    // completer keeps only what continues it.
    const prefix = /[A-Za-z_][A-Za-z0-9_]*$/.exec(cell.slice(0, cursor))?.[0] ?? '';
    const { source, line, column } = completionSource(cells, cell, cursor - prefix.length, this.prelude, prefix.length);
    const rows = (await this.request('C', `${line} ${column} ${prefix}\n${source}`)) as [string, string, string, number][] | null;
    if (!Array.isArray(rows)) return null;
    return { typed: prefix, completions: rows.map(([text, kind, signature, priority]) => ({ text, kind, signature, priority })) };
  }

  // What the identifier at cursor refers to (its declaration); null when nothing.
  describe(cells: string[], cell: string, start: number, end: number): Promise<Declaration | null> {
    const run = this.queue.then(async () => {
      // The cursor goes on the identifier's first character, as if completing after it.
      const { source, line, column } = completionSource(cells, cell, start, this.prelude, end - start);
      return (await this.request('I', `${line} ${column}\n${source}`)) as Declaration | null;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  // One request, one JSON answer (null when the completer cannot give one).
  private request(kind: string, payload: string): Promise<unknown> {
    const child = this.process();
    return new Promise<unknown>((resolve) => {
      const timer = setTimeout(() => {
        // A stuck parse: start afresh next time.
        this.log('completer: no answer in time; restarting it');
        child.kill('SIGKILL');
      }, TIMEOUT_MS);
      this.waiting = (answer) => {
        clearTimeout(timer);
        this.waiting = null;
        this.exitWhenIdle();
        if (!answer) return resolve(null);
        try {
          resolve(JSON.parse(answer.toString('utf8')));
        } catch {
          resolve(null);
        }
      };
      child.stdin!.write(encodeFrame(kind, payload));
    });
  }

  private exitWhenIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.log('completer: idle; exiting until the next completion');
      this.stop();
    }, IDLE_MS);
    this.idleTimer.unref();
  }

  // Its directory goes when it exits (see process()).
  stop(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGKILL');
  }
}
