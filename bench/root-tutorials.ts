// Runs ROOT's tutorial macros as a ROOT notebook user would (issue 17): in a
// fresh cppnb kernel, cell 1 is the macro's text, cell 2 a call of its
// function (the file's name); an unnamed macro `{ … }` is one cell. Counts the
// macros that run clean and says why the others did not; the pictures they
// draw are saved to compare with ROOT's.
//
// The tutorials are ROOT's code (LGPL): keep them outside this repository.
// Run: node --import tsx bench/root-tutorials.ts DIR [PICTURES_DIR]
//   DIR: a directory of .C macros (searched recursively)
//   PICTURES_DIR: where each macro's SVG pictures go (default: a new directory in /tmp)
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { packageRoot } from '../interpreter-bridge/paths.js';
import { KernelClient, ofType, streamText } from '../test/helpers/kernel-client.js';

interface Outcome {
  macro: string;
  ok: boolean;
  // Which cell failed and how: "definition" (cell 1) or "call" (cell 2).
  failedIn?: 'definition' | 'call';
  error?: string;
  pictures: number;
  seconds: number;
}

function macros(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return macros(path);
    return name.endsWith('.C') ? [path] : [];
  }).sort();
}

// An unnamed macro: its first code (after comments) is `{`.
function unnamed(text: string): boolean {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').trim();
  return code.startsWith('{');
}

const firstLine = (s: string) => s.split('\n').find((l) => l.trim() !== '') ?? '';

async function runMacro(path: string, root: string, pictures: string): Promise<Outcome> {
  const started = performance.now();
  const text = readFileSync(path, 'utf8');
  const name = basename(path, '.C');
  const macro = relative(root, path);
  const k = new KernelClient();
  await k.start();
  let shown = 0;
  const outcome = (ok: boolean, failedIn?: Outcome['failedIn'], error?: string): Outcome =>
    ({ macro, ok, failedIn, error, pictures: shown, seconds: (performance.now() - started) / 1000 });
  try {
    // Relative paths in a macro are the tutorial directory's, as when ROOT runs it there.
    await k.execute(`%cd ${dirname(path)}`);
    const cells: [Outcome['failedIn'], string][] = unnamed(text) ? [['call', text]] : [['definition', text], ['call', `${name}();`]];
    for (const [which, code] of cells) {
      const { reply, iopub } = await k.execute(code, {}, 120000);
      for (const m of ofType(iopub, 'display_data').concat(ofType(iopub, 'execute_result'))) {
        const svg = (m.content.data as Record<string, string>)['image/svg+xml'];
        if (svg) writeFileSync(join(pictures, `${name}-${++shown}.svg`), svg);
      }
      if (reply.content.status !== 'ok') {
        const c = reply.content as { ename: string; evalue: string };
        return outcome(false, which, `${c.ename}: ${firstLine(c.evalue)}`);
      }
      const stderr = streamText(iopub, 'stderr');
      const rootError = stderr.split('\n').find((l) => /^(Error|Fatal|Break) in </.test(l));
      if (rootError) return outcome(false, which, rootError);
    }
    return outcome(true);
  } catch (err) {
    return outcome(false, 'call', `kernel: ${(err as Error).message}`);
  } finally {
    await k.shutdown().catch(() => undefined);
  }
}

async function main() {
  const [dir, picturesArg] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node --import tsx bench/root-tutorials.ts DIR [PICTURES_DIR]');
    process.exit(2);
  }
  const pictures = picturesArg ?? mkdtempSync(join(tmpdir(), 'cppnb-tutorials-')); // kept, to look at
  mkdirSync(pictures, { recursive: true });
  const outcomes: Outcome[] = [];
  for (const path of macros(dir)) {
    const o = await runMacro(path, dir, pictures);
    outcomes.push(o);
    console.log(`${o.ok ? 'ok  ' : 'FAIL'} ${o.macro} (${o.seconds.toFixed(1)} s, ${o.pictures} pictures)${o.ok ? '' : ` — ${o.failedIn}: ${o.error}`}`);
  }
  const ok = outcomes.filter((o) => o.ok).length;
  console.log(`\n${ok} of ${outcomes.length} macros ran clean (${((100 * ok) / Math.max(outcomes.length, 1)).toFixed(0)}%); pictures in ${pictures}`);
  mkdirSync(join(packageRoot, 'bench', 'results'), { recursive: true });
  writeFileSync(join(packageRoot, 'bench', 'results', 'root-tutorials.json'), JSON.stringify({ date: new Date().toISOString(), outcomes }, null, 2) + '\n');
}

await main();
process.exit(0);
