// The layers (docs/architecture.md): imports only go downward, so each folder
// can be read, tested and replaced without the ones above it.
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { packageRoot } from '../interpreter-bridge/paths.js';

// Each folder, and the folders of the project it may import from.
const MAY_IMPORT: Record<string, string[]> = {
  kernel: [],
  'interpreter-bridge': ['kernel'],
  batch: ['kernel', 'interpreter-bridge'],
  magics: ['kernel', 'interpreter-bridge', 'batch'],
  kernelspec: ['interpreter-bridge'],
  cli: ['kernel', 'interpreter-bridge', 'batch', 'magics', 'kernelspec'],
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'include' || name === 'host' ? [] : sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

// The project folders a file imports from (relative imports only; packages are free).
function importedFolders(file: string): { folder: string; spec: string }[] {
  const text = readFileSync(file, 'utf8');
  const out: { folder: string; spec: string }[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/g)) {
    const target = relative(packageRoot, resolve(dirname(file), m[1]));
    out.push({ folder: target.split('/')[0], spec: m[1] });
  }
  return out;
}

describe('architecture: imports only go downward', () => {
  for (const [folder, allowed] of Object.entries(MAY_IMPORT)) {
    it(`${folder}/ imports only from ${allowed.length ? allowed.join(', ') : 'itself'}`, () => {
      const wrong: string[] = [];
      for (const file of sources(join(packageRoot, folder))) {
        for (const { folder: to, spec } of importedFolders(file)) {
          if (to !== folder && !allowed.includes(to)) wrong.push(`${relative(packageRoot, file)} imports ${spec}`);
        }
      }
      expect(wrong).to.deep.equal([]);
    });
  }

  it('knows every folder that holds TypeScript of the product', () => {
    const folders = readdirSync(packageRoot).filter(
      (d) => !['node_modules', 'dist', 'test', 'bench', '.git', '.cppnb-test'].includes(d) &&
        statSync(join(packageRoot, d)).isDirectory() && sources(join(packageRoot, d)).length > 0,
    );
    expect(folders.sort()).to.deep.equal(Object.keys(MAY_IMPORT).sort());
  });
});
