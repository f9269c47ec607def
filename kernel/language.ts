// What the protocol side needs from a language (after xeus's xinterpreter): the
// kernel knows nothing of C++, the interpreter bridge implements this.

import type { JsonText } from './json-text.js';

// Text types hold strings; JSON types (application/json, *+json) hold JSON values.
export type MimeBundle = Record<string, unknown>;

export type ExecuteOutcome =
  // payload: execute_reply payloads (page, set_next_input), as ipykernel sends them.
  | { status: 'ok'; data?: MimeBundle; metadata?: Record<string, unknown>; payload?: Record<string, unknown>[] }
  | { status: 'error'; ename: string; evalue: string; traceback: string[] };

// How a running cell talks back while it runs.
export interface ExecuteSink {
  // A string, or text already escaped for JSON (output taken as bytes).
  stream(name: 'stdout' | 'stderr', text: string | JsonText): void;
  // While much output waits to be sent, a promise that resolves once it has
  // gone down, else null. The language stops taking output from the cell
  // until then: a cell writing faster than the client reads is slowed, like a
  // program writing to a slow terminal, and the kernel's memory stays bounded.
  backlog(): Promise<void> | null;
  display(data: MimeBundle, metadata?: Record<string, unknown>, transient?: Record<string, unknown>, update?: boolean): void;
  clearOutput(wait: boolean): void;
  // A comm message from the cell's code to the frontend, or a comm target it
  // registered (the frontend may then open comms to it).
  comm(message: CommFromLanguage): void;
  // Asks the client for a line (input_request); null when it cannot answer
  // (allow_stdin false) or when abort fires first.
  input(prompt: string, password: boolean, abort: AbortSignal): Promise<string | null>;
}

// Comms (Jupyter's comm_open, comm_msg, comm_close) the language's code opens
// or answers. data and metadata are JSON values.
export type CommFromLanguage =
  | { op: 'open'; commId: string; targetName: string; data: unknown; metadata: unknown }
  | { op: 'msg' | 'close'; commId: string; data: unknown; metadata: unknown }
  | { op: 'target'; targetName: string };

// A comm message from the frontend for the language's code (open: to a target
// it registered).
export interface CommToLanguage {
  event: 'open' | 'msg' | 'close';
  commId: string;
  targetName: string;
  data: unknown;
}

export interface ExecuteOptions {
  silent: boolean;
  storeHistory: boolean;
  allowStdin: boolean;
  executionCount: number;
}

export interface CompleteReply {
  matches: string[];
  cursor_start: number;
  cursor_end: number;
  metadata: Record<string, unknown>;
}

export interface InspectReply {
  found: boolean;
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

export interface IsCompleteReply {
  status: 'complete' | 'incomplete' | 'invalid' | 'unknown';
  indent?: string;
}

export interface LanguageInfo {
  name: string;
  version: string;
  mimetype: string;
  file_extension: string;
  pygments_lexer: string;
  codemirror_mode: string;
}

export interface KernelInfo {
  implementation: string;
  implementation_version: string;
  banner: string;
  help_links: { text: string; url: string }[];
  language_info: LanguageInfo;
}

export interface LanguageKernel {
  kernelInfo(): KernelInfo;
  // Starts the language side in the background; never blocks kernel_info.
  start(): void;
  execute(code: string, options: ExecuteOptions, sink: ExecuteSink): Promise<ExecuteOutcome>;
  // Evaluates one expression for user_expressions (text/plain and friends).
  evaluate(expression: string): Promise<ExecuteOutcome>;
  // Cursors here, and cursor_start/end and the completions' start/end in the
  // reply, are indices into code as JS strings index it (UTF-16 units); the
  // protocol side converts from and to Jupyter's code points.
  complete(code: string, cursor: number): Promise<CompleteReply>;
  inspect(code: string, cursor: number, detailLevel: number): Promise<InspectReply>;
  isComplete(code: string): IsCompleteReply;
  // Runs the code's callback for a frontend's comm message (between cells: the
  // kernel calls it when no cell runs); its output goes to sink.
  deliverComm(message: CommToLanguage, sink: ExecuteSink): Promise<ExecuteOutcome>;
  interrupt(): void;
  shutdown(restart: boolean): Promise<void>;
}
