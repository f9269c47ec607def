// root:// patterns for --inputs (root://server//store/run*/*.root): wildcards
// in any path element, each directory listed by the server with XRootD's own
// `xrdfs ls -l` (Debian's xrootd-client), as the tasks will read the files
// with XRootD's client library. HTTP has no directory listing.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { UsageError } from '../kernel/outcome.js';
import { segmentRegex } from './glob.js';

const run = promisify(execFile);
const WILDCARD = /[*?[]/;

// XrdCl's defaults wait minutes for a server that does not answer: a magic
// should say so in seconds. The user's own settings win.
const XRD_ENV = { XRD_CONNECTIONWINDOW: '10', XRD_CONNECTIONRETRY: '1', XRD_REQUESTTIMEOUT: '30' };

interface Entry {
  path: string;
  dir: boolean;
}

async function list(server: string, dir: string, pattern: string): Promise<Entry[]> {
  let stdout: string;
  try {
    ({ stdout } = await run('xrdfs', [server, 'ls', '-l', dir], { env: { ...XRD_ENV, ...process.env }, timeout: 60_000 }));
  } catch (err) {
    const e = err as { code?: string; stderr?: string; message?: string };
    if (e.code === 'ENOENT') throw new UsageError(`--inputs ${pattern}: listing root:// directories needs xrdfs (apt-get install xrootd-client)`);
    const why = (e.stderr ?? '').trim().split('\n').pop() || e.message || String(err);
    throw new UsageError(`--inputs ${pattern}: cannot list ${server}/${dir}: ${why}`);
  }
  // "dr-x 2026-12-07 12:00:00 4096 /store/run1": flags first, the path last.
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((words) => words.length >= 2 && words[words.length - 1].startsWith('/'))
    .map((words) => ({ path: words[words.length - 1], dir: words[0].startsWith('d') }));
}

// The root:// URLs the pattern matches, sorted; the pattern itself when it
// has no wildcard (the task's TFile says whether it exists).
export async function expandRemoteGlob(pattern: string): Promise<string[]> {
  if (!WILDCARD.test(pattern)) return [pattern];
  const m = /^((?:root|xroot):\/\/[^/]+)\/(.*)$/.exec(pattern);
  if (!m) throw new UsageError(`--inputs ${pattern}: wildcards need a root:// URL (HTTP lists no directories)`);
  const [, server, path] = m;
  const segments = path.split('/').filter((s) => s !== '');
  // Walked element by element: listing where an element has a wildcard.
  let dirs = [''];
  for (const [i, segment] of segments.entries()) {
    const last = i === segments.length - 1;
    if (!WILDCARD.test(segment)) {
      dirs = dirs.map((d) => `${d}/${segment}`);
      continue;
    }
    const re = segmentRegex(segment);
    const next: string[] = [];
    for (const d of dirs) {
      for (const e of await list(server, d || '/', pattern)) {
        const name = e.path.slice(e.path.lastIndexOf('/') + 1);
        if (re.test(name) && e.dir !== last) next.push(e.path);
      }
    }
    dirs = next;
  }
  return [...new Set(dirs.map((p) => `${server}/${p}`))].sort();
}
