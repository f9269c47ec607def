// `cppnb notebook`: a Jupyter notebook server with the cppnb kernel, the way
// `root --notebook` starts one: a private Jupyter path (~/.cppnb) holds the
// current kernelspec, so nothing has to be installed and the user's own Jupyter
// setup is left alone.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { writeKernelspec } from '../kernelspec/install.js';
import { DEFAULT_STANDARD } from '../interpreter-bridge/cell-flags.js';
import { packageRoot } from '../interpreter-bridge/paths.js';

interface NotebookOptions {
  ip: string;
  port: number | null;
  browser: boolean;
  dir: string;
  // Start the repository's single-node Slurm cluster for %%slurm, and stop it after.
  localSlurm: boolean;
  // Start the repository's XRootD server (root://localhost:1094/, serving the
  // test files or CPPNB_XROOTD_DATA), and stop it after.
  localXrootd: boolean;
}

function parse(args: string[]): NotebookOptions {
  const o: NotebookOptions = { ip: '127.0.0.1', port: null, browser: true, dir: process.cwd(), localSlurm: false, localXrootd: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--ip') o.ip = value();
    else if (a === '--port') {
      const p = Number(value());
      if (!Number.isInteger(p) || p < 0 || p > 65535) throw new Error('--port needs a port number');
      o.port = p;
    } else if (a === '--no-browser') o.browser = false;
    else if (a === '--dir') o.dir = resolve(value());
    else if (a === '--local-slurm') o.localSlurm = true;
    else if (a === '--local-xrootd') o.localXrootd = true;
    else throw new Error(`notebook: unknown argument ${a}`);
  }
  return o;
}

// The notebook servers we can drive, best first: [command, args, what it is].
const SERVERS: [string, string[], string][] = [
  ['jupyter', ['notebook'], 'Jupyter Notebook'],
  ['jupyter', ['nbclassic'], 'NbClassic'],
  ['jupyter', ['server'], 'Jupyter Server'],
];

// Where Jupyter keeps the user's own kernels and data (jupyter_core's default).
function userDataDir(): string {
  if (process.env.JUPYTER_DATA_DIR) return process.env.JUPYTER_DATA_DIR;
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'jupyter');
}

function hasSubcommand(sub: string): boolean {
  const r = spawnSync('jupyter', [sub, '--version'], { encoding: 'utf8' });
  return r.status === 0;
}

export async function notebook(args: string[]): Promise<number> {
  const o = parse(args);
  const home = process.env.CPPNB_HOME ?? join(homedir(), '.cppnb');
  const jupyterDir = join(home, 'jupyter');
  writeKernelspec(join(jupyterDir, 'kernels', 'cppnb'), DEFAULT_STANDARD);
  mkdirSync(join(home, 'config'), { recursive: true });
  if (!existsSync(o.dir)) throw new Error(`--dir ${o.dir} does not exist`);

  // CPPNB_NOTEBOOK_SERVER=notebook|nbclassic|server picks one (else the first present).
  const wanted = process.env.CPPNB_NOTEBOOK_SERVER;
  const server = SERVERS.find(([, sub]) => (!wanted || sub[0] === wanted) && hasSubcommand(sub[0]));
  if (!server) {
    console.error(
      'cppnb notebook: no Jupyter notebook server found.\n' +
        'Install one, e.g. on Debian: apt-get install jupyter-notebook (or python3-nbclassic),\n' +
        'then run `cppnb notebook` again.',
    );
    return 1;
  }
  const [cmd, sub, what] = server;
  const slurmEnv: Record<string, string> = {};
  // A cluster that was already up (someone else's) is left running at the end.
  let startedSlurm = false;
  if (o.localSlurm) {
    startedSlurm = localSlurm('status').status !== 0;
    const r = localSlurm('start');
    if (r.status !== 0) return 1;
    slurmEnv.SLURM_CONF = r.stdout.trim().replace(/^export SLURM_CONF=/, '');
  }
  let startedXrootd = false;
  if (o.localXrootd) {
    startedXrootd = localXrootd('status') !== 0;
    if (localXrootd('start') !== 0) return 1;
  }
  const serverArgs = [...sub, `--ip=${o.ip}`, `--notebook-dir=${o.dir}`];
  // Containers often run as root; the server refuses that unless told.
  if (process.getuid?.() === 0) serverArgs.push('--allow-root');
  if (o.port !== null) serverArgs.push(`--port=${o.port}`);
  if (!o.browser) serverArgs.push('--no-browser');
  console.log(`cppnb notebook: starting ${what} with the cppnb kernel (kernelspec in ${jupyterDir})`);
  // Its own process group: a Ctrl-C in the terminal reaches only us, and we
  // stop the server with SIGTERM, which shuts its kernels down without the
  // "Shutdown this notebook server (y/[n])?" question SIGINT gets.
  const child = spawn(cmd, serverArgs, {
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
    env: {
      ...process.env,
      // Our kernelspec first; the user's own kernels (their data dir) stay visible.
      JUPYTER_PATH: [jupyterDir, process.env.JUPYTER_PATH, userDataDir()].filter(Boolean).join(delimiter),
      // State the server writes (cookie secret, connection files, trust
      // database) goes to our directory, not the user's.
      JUPYTER_CONFIG_DIR: join(home, 'config'),
      JUPYTER_DATA_DIR: join(home, 'data'),
      JUPYTER_RUNTIME_DIR: join(home, 'runtime'),
      ...slurmEnv,
    },
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.error('cppnb notebook: stopping the server and its kernels');
    child.kill('SIGTERM');
    // A server that does not stop in time is killed, with everything it started.
    setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 10000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  const code = await new Promise<number>((res) => child.on('exit', (code, signal) => res(code ?? (signal === 'SIGTERM' && stopping ? 0 : 1))));
  if (startedSlurm) localSlurm('stop');
  if (startedXrootd) localXrootd('stop');
  return code;
}

// scripts/xrootd-server.sh: its exit status.
function localXrootd(verb: 'start' | 'stop' | 'status'): number | null {
  return spawnSync('bash', [join(packageRoot, 'scripts', 'xrootd-server.sh'), verb], { stdio: ['ignore', 'inherit', 'inherit'] }).status;
}

// scripts/slurm-cluster.sh: `start` prints the cluster's SLURM_CONF (via `env`).
function localSlurm(verb: 'start' | 'stop' | 'status'): { status: number | null; stdout: string } {
  const script = join(packageRoot, 'scripts', 'slurm-cluster.sh');
  const r = spawnSync('bash', [script, verb], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (verb !== 'start' || r.status !== 0) return { status: r.status, stdout: '' };
  return { status: 0, stdout: spawnSync('bash', [script, 'env'], { encoding: 'utf8' }).stdout };
}
