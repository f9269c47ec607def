// The cppnb command: `cppnb kernel -f FILE`, `cppnb install ...`, `cppnb notebook ...`.
// Only what parsing arguments needs is imported here: each command loads its
// own modules (see runKernel for why the kernel's come after its sockets).
import { readConnectionFile } from '../kernel/connection.js';
import type { InstallOptions } from '../kernelspec/install.js';
import { DEFAULT_STANDARD, STANDARDS, type CppStandard } from '../interpreter-bridge/cell-flags.js';
import type { Flavour } from '../interpreter-bridge/flavour.js';
import { UsageError } from '../kernel/outcome.js';

const STD = `--std ${STANDARDS.join('|')}`;
const USAGE = `usage:
  cppnb kernel -f CONNECTION_FILE [${STD}] [--plain] [--kernelspec NAME]
  cppnb install [--user | --sys-prefix | --prefix DIR] [--name NAME] [${STD}] [--plain]

  --plain: plain C++, ROOT's names only after a ROOT header is included
           (the default is ROOT's prompt: every ROOT name without #include)
  --kernelspec NAME: the kernelspec that started the kernel (kernel.json says),
           whose directory the server serves JSROOT's modules from
  cppnb notebook [--ip 127.0.0.1] [--port N] [--no-browser] [--dir DIR] [--local-slurm] [--local-xrootd]`;

function takeValue(args: string[], i: number, flag: string): string {
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  return v;
}

function parseStd(v: string): CppStandard {
  if (!STANDARDS.includes(v)) throw new UsageError(`--std must be one of ${STANDARDS.join(', ')}`);
  return v;
}

async function runKernel(args: string[]): Promise<void> {
  let file = '';
  let std: CppStandard = DEFAULT_STANDARD;
  let flavour: Flavour = 'root';
  let kernelspec = 'cppnb';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--plain') flavour = 'plain';
    else if (a === '--kernelspec') kernelspec = takeValue(args, i++, a);
    else if (a === '-f' || a === '--connection-file') file = takeValue(args, i++, a);
    else if (a.startsWith('--connection-file=')) file = a.slice(a.indexOf('=') + 1);
    else if (a === '--std') std = parseStd(takeValue(args, i++, a));
    else if (a.startsWith('--std=')) std = parseStd(a.slice(6));
    else throw new UsageError(`kernel: unknown argument ${a}`);
  }
  if (!file) throw new UsageError('kernel: -f CONNECTION_FILE is required');
  const info = readConnectionFile(file);
  // The sockets are bound before the rest of the kernel's modules load (~60 ms):
  // a client connects at once, and a connect that finds no port is tried again
  // only 100–200 ms later (ZMQ's reconnect interval), so the first
  // kernel_info_reply comes as much as one such interval sooner. What the
  // client sends meanwhile waits in the sockets.
  const { Channels, logToStderr } = await import('../kernel/channels.js');
  const channels = new Channels(info, logToStderr);
  channels.bind().catch(() => undefined); // its error is kernel.start()'s
  const [{ CppKernel }, { History }, { Kernel }, { MagicKernel }] = await Promise.all([
    import('../interpreter-bridge/cpp-kernel.js'),
    import('../kernel/history.js'),
    import('../kernel/kernel.js'),
    import('../magics/magic-kernel.js'),
  ]);
  const history = new History();
  const language = new MagicKernel(new CppKernel({ std, flavour, kernelspec }), history);
  const kernel = new Kernel(info, language, { history, channels, log: logToStderr, onExit: (code) => process.exit(code) });
  // interrupt_mode "signal": the client sends SIGINT to the kernel process.
  process.on('SIGINT', () => kernel.interruptFromSignal());
  process.on('SIGTERM', () => void kernel.stop(0));
  process.on('SIGHUP', () => void kernel.stop(0));
  await kernel.start();
  // Like ipykernel's parent poller: when the process that started us is gone
  // (we were reparented), nobody can shut us down any more; end.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void kernel.stop(0);
  }, 1000).unref();
}

// install and notebook are loaded only by their commands: a kernel's start
// (its first kernel_info_reply) does not wait for their modules.
async function runInstall(args: string[]): Promise<void> {
  const { install } = await import('../kernelspec/install.js');
  const options: InstallOptions = { scope: 'system' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--plain') options.flavour = 'plain';
    else if (a === '--user') options.scope = 'user';
    else if (a === '--sys-prefix') options.scope = 'sys-prefix';
    else if (a === '--prefix') {
      options.scope = 'prefix';
      options.prefix = takeValue(args, i++, a);
    } else if (a === '--name') options.name = takeValue(args, i++, a);
    else if (a === '--std') options.std = parseStd(takeValue(args, i++, a));
    else throw new UsageError(`install: unknown argument ${a}`);
  }
  const dir = install(options);
  console.log(`Installed the cppnb kernelspec in ${dir}`);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'kernel':
        await runKernel(rest);
        return -1; // keeps running
      case 'install':
        await runInstall(rest);
        return 0;
      case 'notebook':
        return await (await import('./notebook.js')).notebook(rest);
      case '-h':
      case '--help':
      case 'help':
        console.log(USAGE);
        return 0;
      default:
        throw new UsageError(command ? `unknown command "${command}"` : 'a command is required');
    }
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`cppnb: ${err.message}\n${USAGE}`);
      return 2;
    }
    console.error(`cppnb: ${(err as Error).message}`);
    return 1;
  }
}
