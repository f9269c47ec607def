// ROOT files where they live (issue 21): root:// through a real XRootD server
// (Debian's xrootd, scripts/xrootd-server.sh) and http(s):// through a real
// HTTP server with range requests, read by the kernel with the same API and
// the same values as the local files; and every failure a clear error that
// keeps the session.
import { expect } from 'chai';
import { copyFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { packageRoot } from '../interpreter-bridge/paths.js';
import { startDelayProxy } from './helpers/delay-proxy.js';
import { servedCopy, sssKeytab, startHttp, startXRootD, type HttpServer, type XRootDServer } from './helpers/file-servers.js';
import { executeContent, KernelClient, result, streamText } from './helpers/kernel-client.js';
import { expectSameSums, parseSums, SUM_HELPERS } from './helpers/root-sums.js';
import { tempDir } from './helpers/temp-dir.js';

const data = join(packageRoot, 'test', 'data', 'root-files');
const FILES = ['uproot-HZZ.root', 'uproot-Zmumu.root', 'uproot-Zmumu-lz4.root', 'uproot-histograms.root', 'nanoAOD_2015_CMS_Open_Data_ttbar.root',
  'uproot-stl_containers.root', 'uproot-leaflist.root'];

describe('ROOT files over root:// (XRootD) and http(s):// (range requests)', function () {
  this.timeout(300000);
  let served: string;
  let xrootd: XRootDServer;
  let http: HttpServer;
  let https: HttpServer;
  let noRanges: HttpServer;
  let oneRange: HttpServer;
  // Servers requiring sss authentication: with the kernel's key, with another.
  let secured: XRootDServer;
  let otherKey: XRootDServer;
  let k: KernelClient;

  before(async () => {
    served = servedCopy(FILES.map((f) => join(data, f)));
    xrootd = await startXRootD(served);
    http = await startHttp(served);
    https = await startHttp(served, { tls: true });
    noRanges = await startHttp(served, { ranges: false });
    oneRange = await startHttp(served, { multiRange: false });
    const key = sssKeytab('cppnb-test');
    secured = await startXRootD(served, { sssKeytab: key });
    otherKey = await startXRootD(served, { sssKeytab: sssKeytab('not-the-kernels') });
    // The credentials come from the environment, as a hub's spawner gives them.
    k = new KernelClient({ CURL_CA_BUNDLE: https.caFile!, XrdSecSSSKT: key });
    await k.start();
    const { reply } = await k.execute(SUM_HELPERS);
    expect(reply.content.status, JSON.stringify(reply.content)).to.equal('ok');
  });
  after(async () => {
    await k?.shutdown();
    xrootd?.stop();
    await http?.stop();
    await https?.stop();
    await noRanges?.stop();
    await oneRange?.stop();
    secured?.stop();
    otherKey?.stop();
  });

  const portOf = (url: string) => Number(/:(\d+)\/$/.exec(url)![1]);

  async function ok(code: string) {
    const { reply, iopub } = await k.execute(code);
    expect(reply.content.status, `${code}\n${JSON.stringify(reply.content)}\n${streamText(iopub, 'stderr')}`).to.equal('ok');
    return { out: streamText(iopub, 'stdout'), err: streamText(iopub, 'stderr'), iopub };
  }

  async function sumsOf(name: string, tree: string) {
    const { out, err } = await ok(`{ auto f = TFile::Open("${name}"); sumTree(f->Get<TTree>("${tree}")); delete f; }`);
    expect(err).to.equal('');
    return parseSums(out);
  }

  // Every branch's count and sum as the kernel prints them (NaN included, as
  // NanoAOD has some): remote and local must print the same text.
  async function sumsText(name: string, tree: string) {
    const { out, err } = await ok(`{ auto f = TFile::Open("${name}"); sumTree(f->Get<TTree>("${tree}")); delete f; }`);
    expect(err).to.equal('');
    return out;
  }

  it('reads every branch of trees with the same values as the local files, over root://, http:// and https://', async () => {
    for (const [file, tree] of [['uproot-HZZ.root', 'events'], ['uproot-Zmumu-lz4.root', 'events'], ['nanoAOD_2015_CMS_Open_Data_ttbar.root', 'Events']]) {
      const local = await sumsText(join(served, file), tree);
      expect(Object.keys(parseSums(local)).length, file).to.be.above(3);
      for (const prefix of [`${xrootd.url}/`, http.url, https.url]) {
        expect(await sumsText(`${prefix}${file}`, tree), `${prefix}${file}`).to.equal(local);
      }
    }
  });

  it('reads STL containers, strings and leaf lists (readers and SetBranchAddress) with the same values as the local files', async () => {
    const containers = (name: string) => `{ auto c = TFile::Open("${name}"); TTreeReader r("tree", c);
TTreeReaderValue<std::vector<std::vector<int>>> vv(r, "vector_vector_int32");
TTreeReaderValue<std::vector<std::string>> vs(r, "vector_string");
TTreeReaderValue<std::vector<int>> vi(r, "vector_int32");
TTreeReaderValue<TString> ts(r, "tstring");
TTreeReaderValue<std::set<int>> si(r, "set_int32");
while (r.Next()) {
  std::printf("%s|", ts->Data());
  for (auto &v : *vv) { std::printf("["); for (int x : v) std::printf("%d ", x); std::printf("]"); }
  for (auto &x : *vs) std::printf("%s ", x.c_str());
  for (int x : *vi) std::printf("%d ", x);
  for (int x : *si) std::printf("%d ", x);
  std::printf("\\n");
}
auto t = c->Get<TTree>("tree"); std::string *s = nullptr; t->SetBranchAddress("string", &s);
for (Long64_t i = 0; i < t->GetEntries(); ++i) { t->GetEntry(i); std::printf("%s,", s->c_str()); }
delete c; }`;
    const leaves = (name: string) => `{ auto l = TFile::Open("${name}"); TTreeReader r("tree", l); TTreeReaderValue<double> x(r, "leaflist.x"); TTreeReaderValue<int> y(r, "leaflist.y"); TTreeReaderValue<char> z(r, "leaflist.z");
while (r.Next()) std::printf("%g %d %d,", *x, *y, int(*z)); delete l; }`;
    for (const cell of [containers, leaves]) {
      const local = await ok(cell(join(served, cell === containers ? 'uproot-stl_containers.root' : 'uproot-leaflist.root')));
      expect(local.err).to.equal('');
      expect(local.out.length).to.be.above(20);
      for (const prefix of [`${xrootd.url}/`, http.url]) {
        const remote = await ok(cell(`${prefix}${cell === containers ? 'uproot-stl_containers.root' : 'uproot-leaflist.root'}`));
        expect(remote.out, prefix).to.equal(local.out);
        expect(remote.err, prefix).to.equal('');
      }
    }
  });

  it('reads histograms, chains (a root:// wildcard listed by the server) as for local files, and follows a redirect', async () => {
    const { out } = await ok(`{ auto f = TFile::Open("${xrootd.url}/uproot-histograms.root"); auto h = f->Get<TH1F>("one"); std::printf("%s %g %g", h->GetTitle(), h->GetEntries(), h->GetBinContent(10)); }`);
    const local = await ok(`{ TFile f("${join(served, 'uproot-histograms.root')}"); auto h = f.Get<TH1F>("one"); std::printf("%s %g %g", h->GetTitle(), h->GetEntries(), h->GetBinContent(10)); }`);
    expect(out).to.equal(local.out).and.match(/^numero uno /);
    const chain = await ok(`{ TChain c("events"); c.Add("${xrootd.url}/uproot-Zmumu.root"); c.Add("${https.url}uproot-Zmumu-lz4.root"); std::printf("%lld", c.GetEntries()); }`);
    expect(chain.out).to.equal('4608');
    // A wildcard on the last path element, listed by the server, as ROOT does.
    const wild = await ok(`{ TChain c("events"); int n = c.Add("${xrootd.url}/uproot-Zmumu*.root"); std::printf("%d %lld", n, c.GetEntries()); }`);
    expect(wild.out).to.equal('2 4608');
    const noListing = await ok(`{ TChain c("events"); std::printf("%d", c.Add("${http.url}*.root")); }`);
    expect(noListing.out).to.equal('0');
    expect(noListing.err).to.match(/lists no directories/);
    const redirected = await sumsOf(`${http.url}redirect/uproot-Zmumu.root`, 'events');
    expectSameSums(redirected, await sumsOf(join(served, 'uproot-Zmumu.root'), 'events'));
  });

  it('reads a tree of many blocks with few requests', async () => {
    const big = join(tempDir('big'), 'big.root');
    await ok(`{ TFile f("${big}", "RECREATE"); TTree t("t", "t"); double x; int n; t.Branch("x", &x); t.Branch("n", &n);
for (n = 0; n < 1500000; ++n) { x = n * 0.5 - std::sqrt(double(n)); t.Fill(); } t.Write(); }`);
    copyFileSync(big, join(served, 'big.root'));
    const local = await sumsOf(join(served, 'big.root'), 't');
    const before = http.requests;
    expectSameSums(await sumsOf(`${http.url}big.root`, 't'), local);
    const { out } = await ok(`{ auto f = TFile::Open("${join(served, 'big.root')}"); auto t = f->Get<TTree>("t");
std::printf("%lld %d", (long long)f->GetSize(), t->GetBranch("x")->GetWriteBasket() + t->GetBranch("n")->GetWriteBasket()); }`);
    const [size, baskets] = out.split(' ').map(Number);
    const blocks = Math.ceil(size / (4 << 20));
    // Two reader passes (one per branch), each in windows of baskets growing
    // from 256 KiB to 8 MiB (6 to reach it) of about a block per request: a
    // request per few dozen baskets, not one each.
    const requests = http.requests - before;
    expect(requests, `${blocks} blocks, ${baskets} baskets`).to.be.at.most(2 * (6 + blocks) + 4);
    expect(baskets, `${requests} requests`).to.be.above(20 * requests);
    expect(blocks).to.be.above(1);
    expectSameSums(await sumsOf(`${xrootd.url}/big.root`, 't'), local);
  });

  // Two branches of eight, a million entries: 64 MB of doubles.
  const WIDE_READ = (url: string) =>
    `{ auto f = TFile::Open("${url}"); TTreeReader r("t", f); TTreeReaderValue<double> a(r, "b3"), b(r, "b6"); double s = 0; while (r.Next()) s += *a - 2 * *b; std::printf("%.9g", s); delete f; }`;
  let wideLocal = '';
  async function writeWide() {
    if (wideLocal) return;
    const file = join(tempDir('wide'), 'wide.root');
    await ok(`{ TFile f("${file}", "RECREATE"); TTree t("t", "t"); double b[8]; for (int i = 0; i < 8; ++i) t.Branch(("b" + std::to_string(i)).c_str(), &b[i]);
TRandom3 r(7); for (int n = 0; n < 1000000; ++n) { for (double &x : b) x = r.Gaus(); t.Fill(); } t.Write(); }`);
    copyFileSync(file, join(served, 'wide.root'));
    wideLocal = (await ok(WIDE_READ(join(served, 'wide.root')))).out;
  }

  it('reads only the baskets of the branches read, about a block of them per request (XRootD vector reads, HTTP multi-range)', async () => {
    await writeWide();
    const { out } = await ok(`{ TFile f("${join(served, 'wide.root')}"); auto t = f.Get<TTree>("t"); auto a = t->GetBranch("b3"), b = t->GetBranch("b6");
std::printf("%lld %lld %d", (long long)f.GetSize(), (long long)(a->GetZipBytes() + b->GetZipBytes()), a->GetWriteBasket() + b->GetWriteBasket()); }`);
    const [fileBytes, branchBytes, baskets] = out.split(' ').map(Number);
    // Opening the file reads its header, keys and streamer infos in a 4 MiB
    // block at each end; the rest is the two branches' baskets.
    const bound = branchBytes + 2 * (4 << 20) + (1 << 20);
    expect(bound, out).to.be.below(fileBytes / 2);
    expect(baskets, out).to.be.above(200);
    const before = { requests: http.requests, bytes: http.bytes };
    expect((await ok(WIDE_READ(`${http.url}wide.root`))).out).to.equal(wideLocal);
    expect(http.bytes - before.bytes, out).to.be.below(bound);
    // About a block of baskets (or 100 of them) per request, not one each.
    const requests = http.requests - before.requests;
    expect(requests, out).to.be.at.most(Math.ceil(baskets / 100) + Math.ceil(branchBytes / (4 << 20)) + 6);
    // A server answering several ranges with the whole file: one range a request.
    expect((await ok(WIDE_READ(`${oneRange.url}wide.root`))).out).to.equal(wideLocal);
    // Jumps (every 99,991st entry): each asks a small window from where it lands.
    const SPARSE = (url: string) => `{ auto f = TFile::Open("${url}"); TTreeReader r("t", f); TTreeReaderValue<double> a(r, "b3"), b(r, "b6");
double s = 0; int n = 0; for (Long64_t e = 0; e < 1000000; e += 99991, ++n) { r.SetEntry(e); s += *a - 2 * *b; } std::printf("%d %.9g", n, s); delete f; }`;
    const sparseLocal = (await ok(SPARSE(join(served, 'wide.root')))).out;
    const sparseBefore = http.bytes;
    expect((await ok(SPARSE(`${http.url}wide.root`))).out).to.equal(sparseLocal);
    const jumps = Number(sparseLocal.split(' ')[0]);
    expect(http.bytes - sparseBefore, `${jumps} jumps`).to.be.below(2 * (4 << 20) + jumps * (1 << 20));
    // A branch bound and then switched off is not fetched either.
    const SWITCHED_OFF = (url: string) => `{ auto f = TFile::Open("${url}"); auto t = f->Get<TTree>("t"); double a = 0, b = 0;
t->SetBranchAddress("b3", &a); t->SetBranchAddress("b6", &b); t->SetBranchStatus("b6", 0);
double s = 0; for (Long64_t i = 0; i < t->GetEntries(); ++i) { t->GetEntry(i); s += a + b; } std::printf("%.9g", s); delete f; }`;
    const offLocal = (await ok(SWITCHED_OFF(join(served, 'wide.root')))).out;
    const { out: b3 } = await ok(`{ TFile f("${join(served, 'wide.root')}"); std::printf("%lld", (long long)f.Get<TTree>("t")->GetBranch("b3")->GetZipBytes()); }`);
    const offBefore = http.bytes;
    expect((await ok(SWITCHED_OFF(`${http.url}wide.root`))).out).to.equal(offLocal);
    expect(http.bytes - offBefore, `b3 ${b3} bytes`).to.be.below(Number(b3) + 2 * (4 << 20) + (1 << 20));
    const proxy = await startDelayProxy(portOf(xrootd.url), 0);
    try {
      expect((await ok(WIDE_READ(`root://localhost:${proxy.port}//wide.root`))).out).to.equal(wideLocal);
      expect(proxy.bytesDown, out).to.be.below(bound);
    } finally {
      await proxy.stop();
    }
  });

  it('gives a clear error naming the URL when the server is lost in the middle of a read, and the session goes on', async () => {
    await writeWide();
    for (const [server, scheme] of [[xrootd.url, 'root'], [http.url, 'http']]) {
      const proxy = await startDelayProxy(portOf(server), 0);
      proxy.cutAfter(14 << 20); // in the middle of the baskets (the file opened by then)
      try {
        const url = `${scheme}://localhost:${proxy.port}/${scheme === 'root' ? '/' : ''}wide.root`;
        const t0 = Date.now();
        const { reply, iopub } = await k.execute(WIDE_READ(url));
        const text = `${JSON.stringify(reply.content)}\n${streamText(iopub, 'stderr')}`;
        expect(reply.content.status, text).to.equal('error');
        expect(text, url).to.include(url);
        expect(Date.now() - t0, text).to.be.below(60_000);
      } finally {
        await proxy.stop();
      }
      expect(result((await k.execute('6 * 7')).iopub)).to.equal('42');
    }
  });

  it('authenticates with the credentials the environment names, and a refused authentication is a clear error', async () => {
    const local = await sumsOf(join(served, 'uproot-Zmumu.root'), 'events');
    expectSameSums(await sumsOf(`${secured.url}/uproot-Zmumu.root`, 'events'), local);
    const url = `${otherKey.url}/uproot-Zmumu.root`;
    const { out, err } = await ok(`{ auto f = TFile::Open("${url}"); std::printf("%s", f ? "open" : "null"); }`);
    expect(out).to.equal('null');
    expect(err, err).to.include(url).and.match(/Auth failed/);
  });

  it('gives a clear error naming the URL for a missing file, an unreachable server, a server without ranges, and writing; the session goes on', async () => {
    const cases: [string, RegExp][] = [
      [`${xrootd.url}/nothing.root`, /nothing\.root.*(No such file|not found|does not exist)/i],
      [`${http.url}nothing.root`, /nothing\.root.*HTTP 404/],
      ['root://localhost:1//x.root', /root:\/\/localhost:1\/\/x\.root/],
      [`${noRanges.url}uproot-Zmumu.root`, /does not answer range requests/],
    ];
    for (const [url, message] of cases) {
      const { out, err } = await ok(`{ auto f = TFile::Open("${url}"); std::printf("%s", f ? "open" : "null"); }`);
      expect(out, url).to.equal('null');
      expect(err, url).to.match(message);
      const zombie = await ok(`{ TFile f("${url}"); std::printf("%d", f.IsZombie()); }`);
      expect(zombie.out, url).to.equal('1');
    }
    const write = await ok(`{ TFile f("${xrootd.url}/new.root", "RECREATE"); std::printf("%d", f.IsZombie()); }`);
    expect(write.out).to.equal('1');
    expect(write.err).to.match(/remote files are read only/);
    expect(result((await k.execute('6 * 7')).iopub)).to.equal('42');
  });

  it('keeps reading root:// files after the interpreter died and its snapshot took over', async () => {
    await ok(`auto kept = TFile::Open("${xrootd.url}/uproot-Zmumu.root");`);
    const died = await k.execute('#include <csignal>\n#include <unistd.h>\nkill(getpid(), SIGKILL);');
    expect(died.reply.content.status).to.equal('error');
    const { out } = await ok(`{ TTreeReader r("events", kept); TTreeReaderValue<double> m(r, "M"); double s = 0; while (r.Next()) s += *m; std::printf("%.6f", s); }`);
    const local = await ok(`{ TFile f("${join(served, 'uproot-Zmumu.root')}"); TTreeReader r("events", &f); TTreeReaderValue<double> m(r, "M"); double s = 0; while (r.Next()) s += *m; std::printf("%.6f", s); }`);
    expect(out).to.equal(local.out);
    const again = await sumsOf(`${xrootd.url}/uproot-HZZ.root`, 'events');
    expect(Object.keys(again).length).to.be.above(3);
  });

  it('stops a cell waiting on a server that never answers when interrupted, with the session kept', async () => {
    // Accepts connections and says nothing.
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      for (const url of [`http://127.0.0.1:${port}/x.root`, `root://127.0.0.1:${port}//x.root`]) {
        await ok('int before = 41;');
        const id = await k.send('shell', 'execute_request', executeContent(`TFile::Open("${url}");`));
        await k.waitIopub(id, (m) => m.header.msg_type === 'execute_input');
        await new Promise((r) => setTimeout(r, 1000));
        const t0 = Date.now();
        await k.request('control', 'interrupt_request', {});
        const reply = await k.waitReply(id, 15000);
        expect(reply.content, url).to.include({ status: 'error', ename: 'Interrupted' });
        expect(Date.now() - t0, url).to.be.below(5000);
        expect(result((await k.execute('before + 1')).iopub), url).to.equal('42');
      }
    } finally {
      for (const s of held) s.destroy();
      silent.close();
    }
  });
});
