// Real servers of ROOT files for the tests: the repository's XRootD server
// (scripts/xrootd-server.sh, Debian's xrootd) and an HTTP(S) server with range
// requests, on loopback, serving a copy of files readable by anyone (xrootd
// runs as nobody).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, createReadStream, mkdirSync, readFileSync, statSync } from 'node:fs';
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

export async function startXRootD(dataDir: string): Promise<XRootDServer> {
  const [port] = await freePorts(1);
  const dir = join('/tmp', `cppnb-xrootd-test-${port}`);
  const env = { ...process.env, CPPNB_XROOTD_DATA: dataDir, CPPNB_XROOTD_PORT: String(port), CPPNB_XROOTD_DIR: dir };
  const script = join(packageRoot, 'scripts', 'xrootd-server.sh');
  execFileSync('bash', [script, 'start'], { env, encoding: 'utf8', timeout: 60_000 });
  return {
    url: `root://localhost:${port}/`,
    stop: () => execFileSync('bash', [script, 'stop'], { env, timeout: 60_000 }),
  };
}

export interface HttpServer {
  url: string; // http(s)://localhost:PORT/
  // For https: the certificate to trust (CURL_CA_BUNDLE).
  caFile?: string;
  requests: number;
  stop(): Promise<void>;
}

// Serves dataDir: GET with one byte range (206), or the whole file (200) when
// ranges is false, as a server that ignores them does; /redirect/NAME answers
// 302 to /NAME.
export async function startHttp(dataDir: string, options: { tls?: boolean; ranges?: boolean } = {}): Promise<HttpServer> {
  const ranges = options.ranges ?? true;
  const state: HttpServer = { url: '', requests: 0, stop: async () => undefined };
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
    const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (!ranges || !m) {
      res.writeHead(200, { 'Content-Length': size });
      createReadStream(file).pipe(res);
      return;
    }
    const start = Number(m[1]), end = Math.min(Number(m[2]), size - 1);
    if (start >= size) {
      res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
      return;
    }
    res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1, 'Accept-Ranges': 'bytes' });
    createReadStream(file, { start, end }).pipe(res);
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
