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
import { servedCopy, startHttp, startXRootD, type HttpServer, type XRootDServer } from './helpers/file-servers.js';
import { executeContent, KernelClient, result, streamText } from './helpers/kernel-client.js';
import { expectSameSums, parseSums, SUM_HELPERS } from './helpers/root-sums.js';
import { tempDir } from './helpers/temp-dir.js';

const data = join(packageRoot, 'test', 'data', 'root-files');
const FILES = ['uproot-HZZ.root', 'uproot-Zmumu.root', 'uproot-Zmumu-lz4.root', 'uproot-histograms.root', 'nanoAOD_2015_CMS_Open_Data_ttbar.root'];

describe('ROOT files over root:// (XRootD) and http(s):// (range requests)', function () {
  this.timeout(300000);
  let served: string;
  let xrootd: XRootDServer;
  let http: HttpServer;
  let https: HttpServer;
  let noRanges: HttpServer;
  let k: KernelClient;

  before(async () => {
    served = servedCopy(FILES.map((f) => join(data, f)));
    xrootd = await startXRootD(served);
    http = await startHttp(served);
    https = await startHttp(served, { tls: true });
    noRanges = await startHttp(served, { ranges: false });
    k = new KernelClient({ CURL_CA_BUNDLE: https.caFile! });
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
  });

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
    const { out } = await ok(`{ auto f = TFile::Open("${join(served, 'big.root')}"); std::printf("%lld", (long long)f->GetSize()); }`);
    const blocks = Math.ceil(Number(out) / (4 << 20));
    // Two reader passes (one per branch) over a cache of 16 blocks of 4 MiB:
    // each block fetched about once per pass, not once per basket.
    expect(http.requests - before, `${blocks} blocks`).to.be.at.most(2 * blocks + 4);
    expect(blocks).to.be.above(1);
    expectSameSums(await sumsOf(`${xrootd.url}/big.root`, 't'), local);
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
