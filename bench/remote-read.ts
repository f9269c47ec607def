// Remote ROOT files (issue 21): the NanoAOD-like file of bench/rootio.ts
// (zstd, BENCH_EVENTS events) read in a cell with TTreeReader, every branch
// and then one (Muon_pt), from the local disk, from a real XRootD server
// (scripts/xrootd-server.sh) and from an HTTP server with range requests,
// directly on loopback and through a proxy that adds a round trip of
// BENCH_RTT_MS (default 50). Throughput is of uncompressed branch data; bytes
// sent are counted by the HTTP server and by the proxy (root:// with a round
// trip), requests by the HTTP server. Run: node --import tsx bench/remote-read.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../interpreter-bridge/paths.js';
import { startDelayProxy } from '../test/helpers/delay-proxy.js';
import { servedCopy, startHttp, startXRootD } from '../test/helpers/file-servers.js';
import { KernelClient, result, streamText } from '../test/helpers/kernel-client.js';
import { tempDir } from '../test/helpers/temp-dir.js';
import { NANO_CELL } from './nano-file.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 400_000);
const RTT_MS = Number(process.env.BENCH_RTT_MS ?? 50);

async function cell(k: KernelClient, code: string): Promise<string> {
  const r = await k.execute(code);
  if (r.reply.content.status !== 'ok') throw new Error(`${code}: ${JSON.stringify(r.reply.content)}`);
  return streamText(r.iopub, 'stdout') || (result(r.iopub) ?? '');
}

const k = new KernelClient();
await k.start();
await cell(k, NANO_CELL);
const written = join(tempDir('bench-remote'), 'nano.root');
await cell(k, `writeNano("${written}", 505, ${EVENTS})`);
const served = servedCopy([written]);
const local = join(served, 'nano.root');
const size = Number(await cell(k, `TFile("${local}").GetSize()`));
const [, bytes] = (await cell(k, `{ unsigned long long b; double s = cppnb_root_read_baskets("${local}", "Events", "", &b); std::printf("%.6f %llu", s, b); }`)).split(' ').map(Number);
const xrootd = await startXRootD(served);
const http = await startHttp(served);
const xrootdPort = Number(/:(\d+)\/$/.exec(xrootd.url)![1]);
const httpPort = Number(/:(\d+)\/$/.exec(http.url)![1]);
const slowX = await startDelayProxy(xrootdPort, RTT_MS / 2);
const slowH = await startDelayProxy(httpPort, RTT_MS / 2);

const [, oneBytes] = (await cell(k, `{ unsigned long long b; double s = cppnb_root_read_baskets("${local}", "Events", "Muon_pt", &b); std::printf("%.6f %llu", s, b); }`)).split(' ').map(Number);

const rows: Record<string, string | number>[] = [];
const reference: Record<string, string> = {};
async function read(what: string, url: string, rtt: number, branches: 'all' | 'Muon_pt') {
  const before = { requests: http.requests, bytes: http.bytes, proxied: slowX.bytesDown };
  const call = branches === 'all' ? `double s; long b, p; double t = readAll("${url}", s, b, p);` : `double s; double t = readOne("${url}", s);`;
  const [seconds, sum] = (await cell(k, `{ ${call} std::printf("%.6f %.9g", t, s); }`)).split(' ');
  reference[branches] ??= sum;
  if (sum !== reference[branches]) throw new Error(`${what} ${branches}: sum ${sum}, locally ${reference[branches]}`);
  const requests = url.startsWith('http') ? http.requests - before.requests : NaN;
  const sent = url.startsWith('http') ? http.bytes - before.bytes : url.includes(`:${slowX.port}/`) ? slowX.bytesDown - before.proxied : NaN;
  const data = branches === 'all' ? bytes : oneBytes;
  rows.push({ what, branches, rttMs: rtt, seconds: +Number(seconds).toFixed(3), MBs: +(data / 1e6 / Number(seconds)).toFixed(0), requests, requestsPer1000Events: +((requests / EVENTS) * 1000).toFixed(3), MBsent: +(sent / 1e6).toFixed(1) });
  console.log(JSON.stringify(rows[rows.length - 1]));
}
for (const branches of ['all', 'Muon_pt'] as const) {
  await read('local', local, 0, branches);
  await read('root://', `${xrootd.url}/nano.root`, 0, branches);
  await read('http://', `${http.url}nano.root`, 0, branches);
  await read('root://', `root://localhost:${slowX.port}//nano.root`, RTT_MS, branches);
  await read('http://', `http://localhost:${slowH.port}/nano.root`, RTT_MS, branches);
}
await k.shutdown();
await slowX.stop();
await slowH.stop();
await http.stop();
xrootd.stop();
console.log(`\nfile ${(size / 1e6).toFixed(1)} MB (zstd), ${(bytes / 1e6).toFixed(1)} MB of branch data (Muon_pt ${(oneBytes / 1e6).toFixed(1)} MB), ${EVENTS} events`);
console.table(rows);
const out = join(packageRoot, 'bench', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, `remote-read-${new Date().toISOString().slice(0, 10)}${EVENTS === 400_000 ? '' : `-${EVENTS}-events`}.json`), JSON.stringify({ events: EVENTS, fileBytes: size, branchBytes: bytes, muonPtBytes: oneBytes, rttMs: RTT_MS, rows }, null, 1));
process.exit(0);
