// A TCP proxy on loopback that delays every chunk by a fixed time each way, to
// read remote files as over a wide-area link (a round trip of 2 × delayMs)
// without root privileges or tc. Order is kept; bandwidth is not limited. It
// counts what the server sends, and can drop the link in the middle of a read.
import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface DelayProxy {
  port: number;
  bytesDown: number; // sent from the server to its clients
  // Drops every connection once bytesDown passes afterBytes, and refuses new
  // ones from then on: a server lost in the middle of a read.
  cutAfter(afterBytes: number): void;
  stop(): Promise<void>;
}

function delayed(from: Socket, to: Socket, delayMs: number, counted?: (n: number) => void): void {
  from.on('data', (chunk) => {
    counted?.(chunk.length);
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
    }, delayMs);
  });
  from.on('end', () => setTimeout(() => to.end(), delayMs));
  from.on('error', () => to.destroy());
}

export async function startDelayProxy(targetPort: number, delayMs: number): Promise<DelayProxy> {
  const sockets = new Set<Socket>();
  let cutAt = Infinity;
  let cut = false;
  const state: DelayProxy = { port: 0, bytesDown: 0, cutAfter: (n) => (cutAt = n), stop: async () => undefined };
  const counted = (n: number) => {
    state.bytesDown += n;
    if (state.bytesDown > cutAt && !cut) {
      cut = true;
      for (const s of sockets) s.destroy();
    }
  };
  const server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    delayed(client, upstream, delayMs);
    delayed(upstream, client, delayMs, counted);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  return Object.assign(state, {
    stop: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
