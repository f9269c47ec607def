// Temporary directories of a test run, removed when the run ends: left behind,
// a machine that runs the suite often fills /tmp (2 GB after a few days here).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cppnb-${prefix}-`));
  made.push(dir);
  return dir;
}
