// Display messages user code sends through the host (include/cppnb/mime_bundle.hpp,
// 'D' frames): every value arrives as a string; JSON MIME types and metadata
// are parsed here, where a bad one can be named instead of breaking the message.
import type { CommFromLanguage, MimeBundle } from '../kernel/language.js';

export type DisplayMessage =
  | { kind: 'display' | 'update' | 'result'; data: MimeBundle; metadata: Record<string, unknown>; displayId?: string }
  | { kind: 'clear'; wait: boolean }
  // include/cppnb/comm.hpp: data and metadata come as JSON text
  | { kind: 'comm'; comm: CommFromLanguage };

export interface ParsedDisplay {
  message: DisplayMessage | null;
  // What was wrong, for the cell's stderr; the rest of the message still shows.
  problems: string[];
}

const isJsonMime = (mime: string) => mime === 'application/json' || mime.endsWith('+json');

export function parseDisplayMessage(payload: Buffer): ParsedDisplay {
  let raw: { kind?: unknown; data?: unknown; metadata?: unknown; display_id?: unknown; wait?: unknown };
  try {
    raw = JSON.parse(payload.toString('utf8'));
  } catch (err) {
    return { message: null, problems: [`cppnb: a display message from the cell is malformed (${(err as Error).message})`] };
  }
  if (raw.kind === 'clear') return { message: { kind: 'clear', wait: raw.wait === true }, problems: [] };
  if (raw.kind === 'comm') return parseComm(raw as Record<string, unknown>);
  if (raw.kind !== 'display' && raw.kind !== 'update' && raw.kind !== 'result') {
    return { message: null, problems: [`cppnb: unknown display message kind ${JSON.stringify(raw.kind)}`] };
  }
  const problems: string[] = [];
  const data: MimeBundle = {};
  for (const [mime, value] of Object.entries((raw.data ?? {}) as Record<string, string>)) {
    if (!isJsonMime(mime)) {
      data[mime] = value;
      continue;
    }
    try {
      data[mime] = JSON.parse(value);
    } catch (err) {
      problems.push(`cppnb: the ${mime} data to display is not valid JSON (${(err as Error).message}); it was left out`);
    }
  }
  const metadata: Record<string, unknown> = {};
  for (const [mime, value] of Object.entries((raw.metadata ?? {}) as Record<string, string>)) {
    try {
      metadata[mime] = JSON.parse(value);
    } catch (err) {
      problems.push(`cppnb: the ${mime} metadata to display is not valid JSON (${(err as Error).message}); it was left out`);
    }
  }
  const displayId = typeof raw.display_id === 'string' && raw.display_id !== '' ? raw.display_id : undefined;
  return { message: { kind: raw.kind, data, metadata, displayId }, problems };
}

// A comm message is sent whole or not at all: a frontend given half of one
// (data left out) would act on it.
function parseComm(raw: Record<string, unknown>): ParsedDisplay {
  const op = raw.op, commId = String(raw.comm_id ?? ''), targetName = String(raw.target_name ?? '');
  if (op === 'target') return { message: { kind: 'comm', comm: { op, targetName } }, problems: [] };
  if (op !== 'open' && op !== 'msg' && op !== 'close') return { message: null, problems: [`cppnb: unknown comm message ${JSON.stringify(op)}`] };
  const parsed: Record<string, unknown> = {};
  const what = `the comm ${op === 'msg' ? 'message' : op}'s`;
  for (const part of ['data', 'metadata']) {
    try {
      parsed[part] = JSON.parse(String(raw[part] ?? '{}'));
    } catch (err) {
      return { message: null, problems: [`cppnb: ${what} ${part} is not valid JSON (${(err as Error).message}); nothing was sent`] };
    }
    // The protocol's data and metadata are dictionaries.
    if (typeof parsed[part] !== 'object' || parsed[part] === null || Array.isArray(parsed[part])) {
      return { message: null, problems: [`cppnb: ${what} ${part} must be a JSON object, not ${String(raw[part]).slice(0, 40)}; nothing was sent`] };
    }
  }
  const comm: CommFromLanguage = op === 'open'
    ? { op, commId, targetName, data: parsed.data, metadata: parsed.metadata }
    : { op, commId, data: parsed.data, metadata: parsed.metadata };
  return { message: { kind: 'comm', comm }, problems: [] };
}
