// How an execution ends, built in one place for every layer: the kernel's own
// failures, the C++ side's, the magics' and the batch layer's.
import type { ExecuteOutcome, MimeBundle } from './language.js';

export const OK: ExecuteOutcome = { status: 'ok' };

export function okWith(data: MimeBundle): ExecuteOutcome {
  return { status: 'ok', data };
}

// An error whose traceback is given as is (by default the message alone).
export function errorOutcome(ename: string, evalue: string, traceback: string[] = [evalue]): ExecuteOutcome {
  return { status: 'error', ename, evalue, traceback };
}

// An error shown as IPython shows one, `Name: message` with the name in red;
// `more`: lines under it (what to do about it).
export function failure(ename: string, evalue: string, more: string[] = []): ExecuteOutcome {
  return errorOutcome(ename, evalue, [`\x1b[0;31m${ename}\x1b[0m: ${evalue}`, ...more]);
}

// An operation that failed for a reason of its own, named as IPython names
// its errors (ename); whoever runs it turns it into failure(ename, message).
export class OutcomeError extends Error {
  constructor(
    readonly ename: string,
    message: string,
  ) {
    super(message);
  }
}

// The request's arguments are wrong: shown with the usage of what was called.
export class UsageError extends Error {}

// The abort reason of a cell whose kernel is shutting down (not interrupted by the user).
export const SHUTDOWN = 'shutdown';
