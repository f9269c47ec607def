// Requests as the handlers use them: each message's content read once, into a
// typed shape, with the protocol's defaults for what a client left out or sent
// in another type (as tslab's typed request interfaces do).
import { codePointToIndex } from './code-points.js';
import type { Message } from './wire.js';

export interface ExecuteRequest {
  code: string;
  silent: boolean;
  storeHistory: boolean;
  stopOnError: boolean;
  allowStdin: boolean;
  userExpressions: Record<string, unknown>;
}

export interface CodeAtRequest {
  code: string;
  // An index into code as JS strings index it (UTF-16 units), from the
  // client's position in code points; code's end when it sent none that fits.
  cursor: number;
}

export type HistoryRequest =
  | { access: 'range'; output: boolean; session: number; start: number; stop: number | null }
  | { access: 'search'; output: boolean; pattern: string; n: number | null; unique: boolean }
  | { access: 'tail'; output: boolean; n: number };

// A request's code, whatever a client sent in its place.
function codeOf(msg: Message): string {
  return typeof msg.content.code === 'string' ? msg.content.code : '';
}

export function executeRequest(msg: Message): ExecuteRequest {
  const c = msg.content;
  const silent = c.silent === true;
  const ue = c.user_expressions;
  return {
    code: codeOf(msg),
    silent,
    storeHistory: silent ? false : c.store_history !== false,
    stopOnError: c.stop_on_error !== false,
    allowStdin: c.allow_stdin === true,
    userExpressions: (typeof ue === 'object' && ue !== null && !Array.isArray(ue) ? ue : {}) as Record<string, unknown>,
  };
}

// complete_request and inspect_request.
export function codeAtRequest(msg: Message): CodeAtRequest {
  const code = codeOf(msg);
  const pos = msg.content.cursor_pos;
  const fits = typeof pos === 'number' && Number.isInteger(pos) && pos >= 0 && pos <= [...code].length;
  return { code, cursor: fits ? codePointToIndex(code, pos) : code.length };
}

export function isCompleteRequest(msg: Message): { code: string } {
  return { code: codeOf(msg) };
}

export function inspectDetail(msg: Message): 0 | 1 {
  return msg.content.detail_level === 1 ? 1 : 0;
}

export function historyRequest(msg: Message): HistoryRequest {
  const c = msg.content;
  const output = c.output === true;
  switch (c.hist_access_type) {
    case 'range':
      return { access: 'range', output, session: Number(c.session ?? 0), start: Number(c.start ?? 0), stop: c.stop == null ? null : Number(c.stop) };
    case 'search':
      return { access: 'search', output, pattern: String(c.pattern ?? '*'), n: c.n == null ? null : Number(c.n), unique: c.unique === true };
    default:
      return { access: 'tail', output, n: Number(c.n ?? 10) };
  }
}

// The reply's type of a request's (execute_request → execute_reply).
export function replyType(requestType: string): string {
  return requestType.replace(/_request$/, '_reply');
}

export function shutdownRequest(msg: Message): { restart: boolean } {
  return { restart: msg.content.restart === true };
}
