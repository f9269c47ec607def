// docker/Dockerfile cannot be built here (no Docker), so its recipe is checked
// against what the set-up really runs on this machine: the same package lists,
// the same build commands, and a runtime stage that has every library and
// header the built host needs, without LLVM's development packages.
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as paths from '../interpreter-bridge/paths.js';
import { packageRoot } from '../interpreter-bridge/paths.js';

const script = join(packageRoot, 'scripts', 'system-packages.sh');
const list = (...roles: string[]) => execFileSync('bash', [script, 'list', ...roles], { encoding: 'utf8' }).trim().split('\n');
const dockerfile = readFileSync(join(packageRoot, 'docker', 'Dockerfile'), 'utf8');
const stage = (name: string) => dockerfile.slice(dockerfile.indexOf(`AS ${name}`)).split(/\nFROM /)[0];
const runs = (text: string) => [...text.matchAll(/^RUN (.+)$/gm)].map((m) => m[1]);

// The package owning a file (dpkg knows merged-/usr files under either name).
function owner(file: string): string | null {
  for (const candidate of [file, file.replace(/^\/usr\/lib\//, '/lib/'), file.replace(/^\/lib\//, '/usr/lib/')]) {
    const r = spawnSync('dpkg', ['-S', candidate], { encoding: 'utf8' });
    if (r.status === 0) return r.stdout.split(':')[0];
  }
  return null;
}

// The runtime packages and everything they pull in.
function closure(packages: string[]): Set<string> {
  const out = execFileSync('apt-cache', ['depends', '--recurse', '--no-recommends', '--no-suggests', '--no-conflicts', '--no-breaks', '--no-replaces', '--no-enhances', ...packages], { encoding: 'utf8' });
  return new Set(out.split('\n').filter((l) => l && !l.startsWith(' ')).map((l) => l.replace(/^<|>$/g, '').split(':')[0]));
}

function installedKB(pkg: string): number {
  return Number(execFileSync('dpkg-query', ['-W', '-f=${Installed-Size}', pkg], { encoding: 'utf8' }));
}

describe('the container recipe (docker/Dockerfile)', function () {
  this.timeout(60000);

  it('installs its Debian packages only through scripts/system-packages.sh, as the set-up does', () => {
    expect(dockerfile).to.not.match(/apt-get|apt install/);
    expect(runs(stage('build'))).to.include('bash scripts/system-packages.sh install build');
    expect(runs(stage('runtime'))[0]).to.match(/^bash \/tmp\/system-packages.sh install runtime/);
    const setup = readFileSync(join(packageRoot, 'scripts', 'setup.sh'), 'utf8');
    expect(setup).to.include('bash scripts/system-packages.sh install build runtime test');
  });

  it('builds with the very commands the set-up runs', () => {
    const setup = readFileSync(join(packageRoot, 'scripts', 'setup.sh'), 'utf8');
    for (const command of ['npm ci --no-audit --no-fund --loglevel=error', 'npx tsc -p tsconfig.json', 'make -s -C root all', 'make -s -C interpreter-bridge/host all']) {
      expect(runs(stage('build')), command).to.include(command);
      expect(setup, command).to.include(command);
    }
  });

  it('gives the runtime stage every library the built host and completer load, and the headers cells include', () => {
    const runtime = closure(list('runtime'));
    const needed = new Map<string, string>();
    for (const binary of ['cppnb-host', 'cppnb-complete']) {
      const ldd = execFileSync('ldd', [join(packageRoot, 'interpreter-bridge', 'host', 'build', binary)], { encoding: 'utf8' });
      for (const m of ldd.matchAll(/=> (\/\S+)/g)) {
        // The project's own library (libcppnb-root) is copied, not installed.
        if (realpathSync(m[1]).startsWith(packageRoot + '/')) continue;
        const pkg = owner(realpathSync(m[1]));
        expect(pkg, `owner of ${m[1]}`).to.not.equal(null);
        needed.set(m[1], pkg!);
      }
    }
    expect([...needed.values()]).to.include.members(['libclang-cpp22', 'libllvm22', 'libclang1-22']);
    for (const [lib, pkg] of needed) expect(runtime.has(pkg), `${lib} (${pkg})`).to.equal(true);
    // clang's own headers (stddef.h …) and the C++ standard library's.
    for (const header of ['/usr/lib/llvm-22/lib/clang/22/include/stddef.h', '/usr/include/c++/12/iostream', '/usr/include/stdio.h']) {
      expect(runtime.has(owner(header)!), header).to.equal(true);
    }
    // The notebook server and the hub's single-user server.
    expect(runtime.has(owner('/usr/bin/jupyter-notebook')!)).to.equal(true);
    expect(runtime.has(owner('/usr/bin/jupyterhub-singleuser')!)).to.equal(true);
  });

  it('leaves LLVM\'s development packages out of the runtime stage', () => {
    const runtime = closure(list('runtime'));
    // The clang driver stays: %%slurm compiles each job's program with it.
    for (const pkg of list('build').filter((p) => p.endsWith('-dev'))) expect(runtime.has(pkg), pkg).to.equal(false);
    expect(runtime.has('clang-22')).to.equal(true);
    const llvmRuntime = ['libclang-cpp22', 'libllvm22', 'libclang1-22', 'libclang-common-22-dev', 'clang-22', 'llvm-22-linker-tools'];
    const llvmBuild = [...llvmRuntime, 'libclang-22-dev', 'libclang-cpp22-dev', 'llvm-22-dev', 'llvm-22'];
    const mb = (pkgs: string[]) => Math.round(pkgs.reduce((s, p) => s + installedKB(p), 0) / 1024);
    console.log(`      LLVM in the runtime stage: ${mb(llvmRuntime)} MB; in the build stage: ${mb(llvmBuild)} MB`);
    expect(mb(llvmRuntime)).to.be.below(300);
    expect(mb(llvmBuild)).to.be.above(900);
  });

  it('copies into the runtime stage everything the kernel reads at run time', () => {
    const copied = [...stage('runtime').matchAll(/^COPY --from=build (?:--chown=\S+ )?(.+) \S+$/gm)].flatMap((m) => m[1].split(' '));
    for (const path of ['bin', 'dist', 'node_modules', 'package.json', 'kernelspec', 'interpreter-bridge/include', 'interpreter-bridge/include-fallback', 'interpreter-bridge/host/cell-flags', 'interpreter-bridge/host/build/cppnb-host', 'interpreter-bridge/host/build/cppnb-reaper', 'interpreter-bridge/host/build/cppnb-complete', 'interpreter-bridge/host/build/cppnb-merge', 'interpreter-bridge/host/build/*.pch', 'interpreter-bridge/host/build/pch-*.so', 'interpreter-bridge/host/build/batch-*.o', 'root/build']) {
      expect(copied, path).to.include(`/opt/cppnb/${path}`);
    }
    // Every path the kernel knows (interpreter-bridge/paths.ts) is in the image.
    const known = [...Object.values(paths).filter((v): v is string => typeof v === 'string'),
      paths.precompiledHeader('c++20'), `${paths.batchPrecompiled('c++20')}.o`];
    const covered = (rel: string) => copied.some((c) => {
      const pattern = new RegExp(`^${c.replace(/^\/opt\/cppnb\//, '').replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/.*)?$`);
      return pattern.test(rel);
    });
    for (const path of known) {
      if (!path.startsWith(packageRoot + '/')) continue;
      expect(covered(relative(packageRoot, path)), `${path} is copied into the runtime stage`).to.equal(true);
    }
    // Only production dependencies remain after `npm prune --omit=dev`: the
    // kernel's own code must import nothing else.
    const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const imported = new Set<string>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          if (name !== 'test') walk(path);
        } else if (name.endsWith('.js')) {
          for (const m of readFileSync(path, 'utf8').matchAll(/from '([^'.][^']*)'/g)) {
            if (!m[1].startsWith('node:')) imported.add(m[1].startsWith('@') ? m[1].split('/').slice(0, 2).join('/') : m[1].split('/')[0]);
          }
        }
      }
    };
    walk(join(packageRoot, 'dist'));
    for (const name of imported) expect(Object.keys(pkg.dependencies), `dist imports ${name}`).to.include(name);
  });
});
