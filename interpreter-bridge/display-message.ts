// Display messages user code sends through the host (include/cppnb/mime_bundle.hpp,
// 'D' frames): every value arrives as a string; JSON MIME types and metadata
// are parsed here, where a bad one can be named instead of breaking the message.
import type { MimeBundle } from '../kernel/language.js';

export type DisplayMessage =
  | { kind: 'display' | 'update' | 'result'; data: MimeBundle; metadata: Record<string, unknown>; displayId?: string }
  | { kind: 'clear'; wait: boolean };

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
