// The connection file a Jupyter client writes for its kernel: where to bind and how to sign.
import { readFileSync } from 'node:fs';

export interface ConnectionInfo {
  transport: 'tcp' | 'ipc';
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: string;
  kernel_name?: string;
}

export type ChannelName = 'shell' | 'iopub' | 'stdin' | 'control' | 'hb';

const PORT_FIELDS: Record<ChannelName, keyof ConnectionInfo> = {
  shell: 'shell_port',
  iopub: 'iopub_port',
  stdin: 'stdin_port',
  control: 'control_port',
  hb: 'hb_port',
};

export function parseConnectionInfo(json: unknown): ConnectionInfo {
  if (typeof json !== 'object' || json === null) throw new Error('connection file: not a JSON object');
  const o = json as Record<string, unknown>;
  const transport = (o.transport ?? 'tcp') as string;
  if (transport !== 'tcp' && transport !== 'ipc') {
    throw new Error(`connection file: unsupported transport "${transport}" (tcp or ipc)`);
  }
  const ip = typeof o.ip === 'string' && o.ip !== '' ? o.ip : '127.0.0.1';
  const info: ConnectionInfo = {
    transport,
    ip,
    shell_port: 0,
    iopub_port: 0,
    stdin_port: 0,
    control_port: 0,
    hb_port: 0,
    key: typeof o.key === 'string' ? o.key : '',
    signature_scheme: typeof o.signature_scheme === 'string' ? o.signature_scheme : 'hmac-sha256',
    kernel_name: typeof o.kernel_name === 'string' ? o.kernel_name : undefined,
  };
  for (const [channel, field] of Object.entries(PORT_FIELDS)) {
    const port = Number(o[field]);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
      throw new Error(`connection file: ${field} for ${channel} is missing or not a port number`);
    }
    (info as unknown as Record<string, unknown>)[field] = port;
  }
  return info;
}

export function readConnectionFile(path: string): ConnectionInfo {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read connection file ${path}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`connection file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  return parseConnectionInfo(json);
}

// Endpoints as jupyter_client forms them: tcp://ip:port, or ipc://ip-port for ipc.
export function endpoint(info: ConnectionInfo, channel: ChannelName): string {
  const port = info[PORT_FIELDS[channel]] as number;
  return info.transport === 'ipc' ? `ipc://${info.ip}-${port}` : `tcp://${info.ip}:${port}`;
}
