// Runs a shell script in a real pseudo-terminal, so programs see a terminal
// (progress meters, line buffering) and their output streams while they run.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Pty from 'node-pty';

export interface PtyResult {
  exitCode: number;
  signal: number;
  interrupted: boolean;
}

// How long a command may take to end after Ctrl-C before its group is killed.
const INTERRUPT_GRACE_MS = 1000;

// The environment ipykernel gives commands run from a notebook: no pager
// waiting for a key, colours the notebook can show.
function commandEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return { ...env, TERM: 'xterm-color', CLICOLOR: '1', PAGER: 'cat', GIT_PAGER: 'cat' };
}

// The wrapper runs the user's script with stdin empty (nothing can type into
// a notebook's terminal, so a command that reads stdin ends instead of waiting
// forever), then prints a marker with the exit status and waits for the kernel
// to acknowledge it. Only then does the terminal close: node-pty may drop what
// is still unread when the process is gone.
function wrapper(token: string): string {
  return [
    'exec 3<&0 </dev/null',
    '(eval "$CPPNB_SCRIPT")',
    'cppnb_status=$?',
    `printf '\\033]cppnb;${token};%d\\007' "$cppnb_status"`,
    'read cppnb_ack <&3',
    'exit "$cppnb_status"',
  ].join('\n');
}

export function runInPty(
  shell: string,
  script: string,
  output: (text: string) => void,
  interrupted: AbortSignal,
): Promise<PtyResult> {
  const token = randomUUID();
  const marker = new RegExp(`\x1b\\]cppnb;${token};(\\d+)\x07`);
  // Loaded when a magic first needs a terminal, not at kernel start.
  const pty = createRequire(import.meta.url)('node-pty') as typeof Pty;
  const child = pty.spawn(shell, ['-c', wrapper(token)], {
    name: 'xterm-color',
    cols: 120,
    rows: 40,
    cwd: process.cwd(),
    env: { ...commandEnv(), CPPNB_SCRIPT: script },
  });
  // A terminal ends lines with \r\n; a notebook wants \n, and keeps a lone \r
  // (progress lines). What might be the start of the marker or of a \r\n waits
  // for the next chunk.
  let pending = '';
  let markerStatus: number | null = null;
  const take = (data: string): string => {
    let text = pending + data;
    pending = '';
    const m = marker.exec(text);
    if (m) {
      markerStatus = Number(m[1]);
      text = text.slice(0, m.index);
    } else {
      const hold = Math.max(text.lastIndexOf('\x1b'), text.endsWith('\r') ? text.length - 1 : -1);
      if (hold >= 0 && hold >= text.length - 80) {
        pending = text.slice(hold);
        text = text.slice(0, hold);
      }
    }
    return text.replace(/\r\n/g, '\n');
  };
  return new Promise<PtyResult>((resolve) => {
    let wasInterrupted = false;
    let killTimer: NodeJS.Timeout | null = null;
    const onInterrupt = () => {
      wasInterrupted = true;
      // Ctrl-C through the terminal: SIGINT to its foreground process group.
      child.write('\x03');
      killTimer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, INTERRUPT_GRACE_MS);
    };
    if (interrupted.aborted) onInterrupt();
    else interrupted.addEventListener('abort', onInterrupt, { once: true });
    const data = child.onData((d) => {
      if (markerStatus !== null) return; // the echo of the acknowledgement
      const text = take(d);
      if (text) output(text);
      if (markerStatus !== null) child.write('\n');
    });
    child.onExit(({ exitCode, signal }) => {
      data.dispose();
      if (markerStatus === null && pending) output(pending.replace(/\r\n/g, '\n'));
      if (killTimer) clearTimeout(killTimer);
      interrupted.removeEventListener('abort', onInterrupt);
      resolve({ exitCode: markerStatus ?? exitCode, signal: markerStatus === null ? signal ?? 0 : 0, interrupted: wasInterrupted });
    });
  });
}
