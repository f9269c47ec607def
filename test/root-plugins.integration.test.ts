// The library's plugins (root/src/plugin): remote files and pictures are
// loaded the first time they are used, so a session that never uses them does
// not map XRootD's, libcurl's, librsvg's and cairo's libraries. A program with
// libcppnb-root.so but not its plugins gets a clear error, not a crash.
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot, rootLibraryDir } from '../interpreter-bridge/paths.js';
import { executeOk, KernelClient, streamText } from './helpers/kernel-client.js';
import { servingHost } from './helpers/processes.js';
import { tempDir } from './helpers/temp-dir.js';

// The libraries (file names) the serving host has mapped.
function mapped(k: KernelClient): string[] {
  const maps = readFileSync(`/proc/${servingHost(k)}/maps`, 'utf8');
  return [...new Set([...maps.matchAll(/\/([^/\s]+\.so[.\d]*)$/gm)].map((m) => m[1]))];
}
const has = (libs: string[], name: RegExp) => libs.some((l) => name.test(l));

describe('the library\'s plugins, loaded on first use', function () {
  this.timeout(120000);
  const k = new KernelClient();
  const dir = tempDir('plugins');
  before(() => k.start());
  after(() => k.shutdown());

  it('a session that draws and reads local files maps no remote-file or picture library', async () => {
    await executeOk(k, '#include <TFile.h>\n#include <TH1D.h>\n#include <TCanvas.h>\n' +
      `TFile f("${join(packageRoot, 'test', 'data', 'root-files', 'uproot-histograms.root')}");\n` +
      `TCanvas c; auto h = f.Get<TH1F>("one"); h->Draw(); c.SaveAs("${join(dir, 'c.svg')}");`);
    const libs = mapped(k);
    expect(has(libs, /^libcppnb-root\.so/), 'the library').to.equal(true);
    for (const name of [/^libcppnb-root-/, /^libXrdCl/, /^libcurl/, /^librsvg/, /^libcairo/]) expect(has(libs, name), String(name)).to.equal(false);
  });

  it('loads the pictures plugin when a picture is written, and the remote plugin when a remote file is opened', async () => {
    await executeOk(k, `c.SaveAs("${join(dir, 'c.png')}");`);
    expect(readFileSync(join(dir, 'c.png')).subarray(1, 4).toString()).to.equal('PNG');
    let libs = mapped(k);
    expect(has(libs, /^libcppnb-root-pictures\.so/) && has(libs, /^librsvg/), 'after a PNG').to.equal(true);
    expect(has(libs, /^libXrdCl/), 'no remote file yet').to.equal(false);

    const iopub = await executeOk(k, '{ auto g = TFile::Open("http://127.0.0.1:1/x.root"); std::printf("%s", g ? "open" : "null"); }');
    expect(streamText(iopub, 'stdout')).to.equal('null');
    expect(streamText(iopub, 'stderr')).to.include('http://127.0.0.1:1/x.root');
    libs = mapped(k);
    expect(has(libs, /^libcppnb-root-remote\.so/) && has(libs, /^libXrdCl/) && has(libs, /^libcurl/), 'after a remote file').to.equal(true);
  });

  it('a program whose library has no plugins beside it gets a clear error for remote files and pictures', () => {
    const alone = join(dir, 'alone');
    execFileSync('mkdir', ['-p', alone]);
    copyFileSync(join(rootLibraryDir, 'libcppnb-root.so'), join(alone, 'libcppnb-root.so'));
    const source = join(dir, 'no_plugins.cpp');
    writeFileSync(source, `#include <TFile.h>
#include <TCanvas.h>
#include <TH1D.h>
#include <cstdio>
int main() {
  TFile *f = TFile::Open("root://localhost:1//x.root");
  std::printf("%s\\n", f ? "open" : "null");
  TCanvas c;
  TH1D h("h", "h", 10, 0, 1);
  h.Draw();
  try {
    c.SaveAs("${join(dir, 'alone.png')}");
  } catch (const std::exception &e) {
    std::fprintf(stderr, "%s\\n", e.what());
  }
  std::printf("done\\n");
}
`);
    const exe = join(dir, 'no_plugins');
    execFileSync('g++', ['-std=c++17', '-I', join(packageRoot, 'interpreter-bridge', 'include'), '-I', join(packageRoot, 'root', 'include'),
      source, '-o', exe, '-L', alone, '-lcppnb-root', `-Wl,-rpath,${alone}`]);
    const run = spawnSync(exe, { encoding: 'utf8' });
    expect(run.status, run.stderr).to.equal(0);
    expect(run.stdout).to.equal('null\ndone\n');
    expect(run.stderr).to.match(/remote plugin: .*alone\/libcppnb-root-remote\.so: cannot open/);
    expect(run.stderr).to.match(/pictures plugin: .*alone\/libcppnb-root-pictures\.so: cannot open/);
  });

  // The interpreter forks a snapshot after every cell; a thread a cell started
  // may be loading a plugin then (the remote one takes ~0.1 s). Nothing took
  // the loader's lock around fork: such a snapshot kept it locked and, taking
  // over, hung at its first remote file or picture.
  it('a process forked while another thread loads a plugin can still use the plugins', () => {
    const source = join(dir, 'fork_while_loading.cpp');
    writeFileSync(source, `// A fork while another thread loads a plugin: the child must still reach the plugins.
#include <atomic>
#include <cstdio>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
namespace cppnb::root::plugin {
void *find(const char *name, const char *symbol, std::string *error);
bool loaded(const char *name);
}
int main() {
  std::atomic<bool> started{false}, done{false};
  std::thread loader([&] {
    started = true;
    std::string error;
    if (!cppnb::root::plugin::find("pictures", "cppnb_root_pictures_render_svg", &error)) std::fprintf(stderr, "%s\\n", error.c_str());
    done = true;
  });
  while (!started) {}
  int forks = 0, stuck = 0;
  while (!done) {
    pid_t child = fork();
    if (child == 0) {
      alarm(2);
      cppnb::root::plugin::loaded("pictures");
      _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    ++forks;
    if (!WIFEXITED(status)) ++stuck;
  }
  loader.join();
  std::printf("forks %d stuck %d\\n", forks, stuck);
  return stuck == 0 ? 0 : 1;
}
`);
    const exe = join(dir, 'fork_while_loading');
    execFileSync('g++', ['-std=c++17', source, '-o', exe, '-L', rootLibraryDir, '-lcppnb-root', `-Wl,-rpath,${rootLibraryDir}`, '-pthread']);
    const run = spawnSync(exe, { encoding: 'utf8', timeout: 60000 });
    expect(run.stderr).to.equal('');
    const [, forks, stuck] = /^forks (\d+) stuck (\d+)\n$/.exec(run.stdout) ?? [];
    expect(Number(forks), run.stdout).to.be.above(0);
    expect(Number(stuck), 'children that could not reach the plugins').to.equal(0);
  });
});
