// Jupyter's wire format: [identities..., "<IDS|MSG>", hmac, header, parent, metadata, content, buffers...]
import { createHmac, getHashes, timingSafeEqual } from 'node:crypto';

export const DELIMITER = '<IDS|MSG>';
export const PROTOCOL_VERSION = '5.5';

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
  [extra: string]: unknown;
}

export interface Message {
  identities: Buffer[];
  header: Header;
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
  buffers: Buffer[];
  // The content already serialized (a stream message's text is assembled as
  // bytes); sent instead of content when present.
  contentBytes?: Buffer;
  // The HMAC it arrived with (for replay detection); not sent.
  signature?: string;
}

// Signs and verifies messages. An empty key means no signing, as in jupyter_client.
export class Signer {
  private readonly algorithm: string | null;

  constructor(
    scheme: string,
    private readonly key: string,
  ) {
    if (key === '') {
      this.algorithm = null;
      return;
    }
    const m = /^hmac-(.+)$/.exec(scheme);
    if (!m) throw new Error(`unsupported signature_scheme "${scheme}" (expected hmac-<hash>)`);
    const hash = m[1].toLowerCase();
    if (!getHashes().includes(hash)) throw new Error(`signature_scheme "${scheme}": unknown hash "${hash}"`);
    this.algorithm = hash;
  }

  sign(parts: Buffer[]): string {
    if (this.algorithm === null) return '';
    const hmac = createHmac(this.algorithm, this.key);
    for (const p of parts) hmac.update(p);
    return hmac.digest('hex');
  }

  // Constant-time comparison, so the signature cannot be guessed byte by byte.
  verify(signature: string, parts: Buffer[]): boolean {
    if (this.algorithm === null) return true;
    const expected = Buffer.from(this.sign(parts), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    if (given.length !== expected.length) {
      timingSafeEqual(expected, expected); // same work either way
      return false;
    }
    return timingSafeEqual(given, expected);
  }
}

export class WireError extends Error {}

export function serialize(msg: Message, signer: Signer): Buffer[] {
  const parts = [
    Buffer.from(JSON.stringify(msg.header), 'utf8'),
    Buffer.from(JSON.stringify(msg.parent_header ?? {}), 'utf8'),
    Buffer.from(JSON.stringify(msg.metadata ?? {}), 'utf8'),
    msg.contentBytes ?? Buffer.from(JSON.stringify(msg.content ?? {}), 'utf8'),
  ];
  return [
    ...msg.identities,
    Buffer.from(DELIMITER, 'utf8'),
    Buffer.from(signer.sign(parts), 'utf8'),
    ...parts,
    ...msg.buffers,
  ];
}

function parseJson(part: Buffer, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(part.toString('utf8'));
  } catch {
    throw new WireError(`${what} is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WireError(`${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

// Throws WireError for anything malformed or wrongly signed.
export function deserialize(frames: Buffer[], signer: Signer): Message {
  const at = frames.findIndex((f) => f.length === DELIMITER.length && f.toString('utf8') === DELIMITER);
  if (at < 0) throw new WireError('no <IDS|MSG> delimiter');
  if (frames.length < at + 6) throw new WireError('too few frames after the delimiter');
  const signature = frames[at + 1].toString('utf8');
  const parts = frames.slice(at + 2, at + 6);
  if (!signer.verify(signature, parts)) throw new WireError('bad signature');
  const header = parseJson(parts[0], 'header');
  if (typeof header.msg_type !== 'string') throw new WireError('header has no msg_type');
  return {
    identities: frames.slice(0, at),
    header: header as unknown as Header,
    parent_header: parseJson(parts[1], 'parent header') as Partial<Header>,
    metadata: parseJson(parts[2], 'metadata'),
    content: parseJson(parts[3], 'content'),
    buffers: frames.slice(at + 6),
    signature,
  };
}
