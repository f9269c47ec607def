// ROOT file I/O: cppnb writes a NanoAOD-like file (counters, a dozen counted
// float arrays, scalars; ≥ 200 MB of branch data) with zlib, lz4 and zstd,
// then reads it back in a cell with TTreeReader, one branch and every branch.
// In the same run, the references: (a) the raw decompression of the same
// baskets with the same libraries (cppnb_root_read_baskets: the floor for the
// file), and (b) jsroot reading the same branches in this Node process.
// Run: node --import tsx bench/rootio.ts (BENCH_EVENTS to change the size).
// Prints a table; writes bench/results/rootio-<date>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../interpreter-bridge/paths.js';
import { branchSums } from '../test/helpers/jsroot.js';
import { KernelClient, result, streamText } from '../test/helpers/kernel-client.js';
import { tempDir } from '../test/helpers/temp-dir.js';
import { ARRAYS, NANO_CELL } from './nano-file.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_100_000);
const COMPRESSIONS: [number, string][] = [[101, 'zlib 1'], [404, 'lz4 4'], [505, 'zstd 5']];


async function number(k: KernelClient, code: string): Promise<number> {
  const r = await k.execute(code);
  if (r.reply.content.status !== 'ok') throw new Error(`${code}: ${JSON.stringify(r.reply.content)}`);
  return Number(result(r.iopub));
}

async function main() {
  const dir = tempDir('bench-rootio');
  const k = new KernelClient();
  await k.start();
  const setup = await k.execute(NANO_CELL);
  if (setup.reply.content.status !== 'ok') throw new Error(JSON.stringify(setup.reply.content));
  const rows: Record<string, number | string>[] = [];
  for (const [compression, label] of COMPRESSIONS) {
    const path = join(dir, `nano-${compression}.root`);
    const writeSeconds = await number(k, `writeNano("${path}", ${compression}, ${EVENTS})`);
    const size = await number(k, `TFile("${path}").GetSize()`);
    // (a) the floor: the same baskets read and decompressed, nothing converted.
    const rawOne = await k.execute(`{ unsigned long long b; double s = cppnb_root_read_baskets("${path}", "Events", "Muon_pt", &b); std::printf("%.6f %llu", s, b); }`);
    const [rawOneS, oneBytes] = streamText(rawOne.iopub, 'stdout').split(' ').map(Number);
    const rawAll = await k.execute(`{ unsigned long long b; double s = cppnb_root_read_baskets("${path}", "Events", "", &b); std::printf("%.6f %llu", s, b); }`);
    const [rawAllS, allBytes] = streamText(rawAll.iopub, 'stdout').split(' ').map(Number);
    const one = await k.execute(`{ double s; double t = readOne("${path}", s); std::printf("%.6f %.9g", t, s); }`);
    const [oneS, oneSum] = streamText(one.iopub, 'stdout').split(' ').map(Number);
    const all = await k.execute(`{ double s; long before, peak; double t = readAll("${path}", s, before, peak); std::printf("%.6f %.9g %ld %ld", t, s, before, peak); }`);
    const [allS, , rssBefore, rssPeak] = streamText(all.iopub, 'stdout').split(' ').map(Number);
    // (b) jsroot, the same branches, in this process.
    let t = performance.now();
    const js = await branchSums(path, 'Events', ['Muon_pt']);
    const jsOneS = (performance.now() - t) / 1000;
    if (Math.abs(js.Muon_pt.sum - oneSum) > 1e-6 * Math.abs(oneSum)) throw new Error(`jsroot and cppnb disagree: ${js.Muon_pt.sum} vs ${oneSum}`);
    let jsAllS = NaN;
    if (compression === 505) {
      t = performance.now();
      await branchSums(path, 'Events', ['run', 'luminosityBlock', 'event', 'MET_pt', 'MET_phi', 'HLT_IsoMu24', 'nMuon', 'nElectron', 'nJet', ...ARRAYS]);
      jsAllS = (performance.now() - t) / 1000;
    }
    const mbs = (bytes: number, s: number) => bytes / 1e6 / s;
    rows.push({
      compression: label, events: EVENTS, fileMB: +(size / 1e6).toFixed(1), writeS: +writeSeconds.toFixed(2),
      branchDataMB: +(allBytes / 1e6).toFixed(1),
      oneRawMBs: +mbs(oneBytes, rawOneS).toFixed(0), oneReaderMBs: +mbs(oneBytes, oneS).toFixed(0), oneVsRaw: +(rawOneS / oneS).toFixed(2),
      oneJsrootMBs: +mbs(oneBytes, jsOneS).toFixed(1), oneVsJsroot: +(jsOneS / oneS).toFixed(1),
      allRawMBs: +mbs(allBytes, rawAllS).toFixed(0), allReaderMBs: +mbs(allBytes, allS).toFixed(0), allVsRaw: +(rawAllS / allS).toFixed(2),
      allEventsPerS: Math.round(EVENTS / allS),
      allVsJsroot: Number.isNaN(jsAllS) ? '-' : +(jsAllS / allS).toFixed(1),
      rssGrowthMB: +((rssPeak - rssBefore) / 1024).toFixed(1),
    });
    console.log(JSON.stringify(rows[rows.length - 1]));
  }
  await k.shutdown();
  console.table(rows);
  const out = join(packageRoot, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `rootio-${new Date().toISOString().slice(0, 10)}.json`), JSON.stringify({ events: EVENTS, rows }, null, 2));
  process.exit(0);
}

await main();
