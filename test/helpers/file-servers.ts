// Real servers of ROOT files for the tests: the repository's XRootD server
// (scripts/xrootd-server.sh, Debian's xrootd) and an HTTP(S) server with range
// requests, on loopback, serving a copy of files readable by anyone (xrootd
// runs as nobody).
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, createReadStream, mkdirSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { packageRoot } from '../../interpreter-bridge/paths.js';
import { freePorts } from './kernel-client.js';
import { tempDir } from './temp-dir.js';

// A directory anyone can read holding copies of files.
export function servedCopy(files: string[]): string {
  const dir = tempDir('served');
  chmodSync(dir, 0o755);
  for (const f of files) {
    copyFileSync(f, join(dir, basename(f)));
    chmodSync(join(dir, basename(f)), 0o644);
  }
  return dir;
}

export interface XRootDServer {
  url: string; // root://localhost:PORT/
  stop(): void;
}

// sssKeytab: the server accepts only clients holding that key (sssKeytab()).
export async function startXRootD(dataDir: string, options: { sssKeytab?: string } = {}): Promise<XRootDServer> {
  const [port] = await freePorts(1);
  const dir = join('/tmp', `cppnb-xrootd-test-${port}`);
  const env = { ...process.env, CPPNB_XROOTD_DATA: dataDir, CPPNB_XROOTD_PORT: String(port), CPPNB_XROOTD_DIR: dir, CPPNB_XROOTD_SSS_KEYTAB: options.sssKeytab ?? '' };
  const script = join(packageRoot, 'scripts', 'xrootd-server.sh');
  execFileSync('bash', [script, 'start'], { env, encoding: 'utf8', timeout: 60_000 });
  return {
    url: `root://localhost:${port}/`,
    stop: () => execFileSync('bash', [script, 'stop'], { env, timeout: 60_000 }),
  };
}

// A new key for XRootD's sss authentication, in a keytab only its owner reads
// (the client names it in XrdSecSSSKT).
export function sssKeytab(keyName: string): string {
  const file = join(tempDir('sss'), `${keyName}.keytab`);
  execFileSync('xrdsssadmin', ['-k', keyName, '-u', 'anybody', '-g', 'usrgroup', 'add', file], { input: 'y\n', stdio: ['pipe', 'ignore', 'ignore'] });
  chmodSync(file, 0o600);
  return file;
}

export interface HttpServer {
  url: string; // http(s)://localhost:PORT/
  // For https: the certificate to trust (CURL_CA_BUNDLE).
  caFile?: string;
  requests: number;
  bytes: number; // of files' contents sent
  stop(): Promise<void>;
}

// Serves dataDir: GET with byte ranges (206: one range as it is, several as
// multipart/byteranges as Apache does), or the whole file (200) when ranges is
// false, as a server that ignores them does; with multiRange false, several
// ranges get the whole file too (as some servers do). /redirect/NAME answers
// 302 to /NAME.
export async function startHttp(dataDir: string, options: { tls?: boolean; ranges?: boolean; multiRange?: boolean } = {}): Promise<HttpServer> {
  const ranges = options.ranges ?? true;
  const multiRange = options.multiRange ?? true;
  const state: HttpServer = { url: '', requests: 0, bytes: 0, stop: async () => undefined };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    state.requests++;
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    if (path.startsWith('/redirect/')) {
      res.writeHead(302, { Location: `/${path.slice('/redirect/'.length)}` }).end();
      return;
    }
    const file = join(dataDir, basename(path));
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      res.writeHead(404).end('no such file');
      return;
    }
    const asked = /^bytes=(\d+-\d+(?:, ?\d+-\d+)*)$/.exec(req.headers.range ?? '');
    const spans = (asked?.[1].split(/, ?/) ?? []).map((r) => r.split('-').map(Number)).map(([a, b]) => [a, Math.min(b, size - 1)]);
    if (!ranges || !asked || (spans.length > 1 && !multiRange)) {
      state.bytes += size;
      res.writeHead(200, { 'Content-Length': size });
      createReadStream(file).pipe(res);
      return;
    }
    if (spans.some(([a, b]) => a >= size || b < a)) {
      res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
      return;
    }
    if (spans.length === 1) {
      const [start, end] = spans[0];
      state.bytes += end - start + 1;
      res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1, 'Accept-Ranges': 'bytes' });
      createReadStream(file, { start, end }).pipe(res);
      return;
    }
    const boundary = `cppnb${Date.now().toString(16)}`;
    const fd = openSync(file, 'r');
    const parts: Buffer[] = [];
    for (const [start, end] of spans) {
      const bytes = Buffer.alloc(end - start + 1);
      readSync(fd, bytes, 0, bytes.length, start);
      state.bytes += bytes.length;
      parts.push(Buffer.from(`--${boundary}\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes ${start}-${end}/${size}\r\n\r\n`), bytes, Buffer.from('\r\n'));
    }
    closeSync(fd);
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const body = Buffer.concat(parts);
    res.writeHead(206, { 'Content-Type': `multipart/byteranges; boundary=${boundary}`, 'Content-Length': body.length });
    res.end(body);
  };
  let server: Server;
  if (options.tls) {
    const dir = tempDir('tls');
    mkdirSync(dir, { recursive: true });
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, handle);
    state.caFile = join(dir, 'cert.pem');
  } else {
    server = createHttpServer(handle);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  state.url = `${options.tls ? 'https' : 'http'}://localhost:${port}/`;
  state.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
