// The job list all of a user's kernels share (batch/job-store.ts).
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../interpreter-bridge/paths.js';
import { tempDir } from './helpers/temp-dir.js';

describe('batch job store', function () {
  this.timeout(60000);

  it('keeps every job when several kernels save at the same moment', async () => {
    const dir = tempDir('jobstore');
    const writer = (w: number) =>
      `import { saveJob } from ${JSON.stringify(join(packageRoot, 'batch', 'job-store.ts'))};\n` +
      `for (let i = 0; i < 25; i++) saveJob({ name: 'w${w}-' + i, backend: 'slurm', id: String(i), dir: '/x', tasks: [0], submitted: '', state: 'submitted' });`;
    await Promise.all(
      Array.from({ length: 6 }, (_, w) => new Promise<void>((resolve, reject) => {
        const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', writer(w)], { env: { ...process.env, CPPNB_BATCH_DIR: dir }, stdio: ['ignore', 'ignore', 'inherit'] });
        p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${w} exited ${code}`))));
      })),
    );
    process.env.CPPNB_BATCH_DIR = dir;
    const { loadJobs } = await import('../batch/job-store.js');
    const names = loadJobs().map((j) => j.name);
    delete process.env.CPPNB_BATCH_DIR;
    expect(names).to.have.length(150);
    expect(new Set(names).size).to.equal(150);
  });
});
