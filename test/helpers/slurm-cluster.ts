// The tests' Slurm: the repository's single-node cluster (scripts/slurm-cluster.sh),
// started once per test run and stopped at its end.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../interpreter-bridge/paths.js';
import { freePorts } from './kernel-client.js';

const script = join(packageRoot, 'scripts', 'slurm-cluster.sh');
export const clusterDir = process.env.CPPNB_SLURM_DIR ?? '/tmp/cppnb-slurm-test';
export const slurmConf = join(clusterDir, 'slurm.conf');

function cluster(verb: string, env: Record<string, string> = {}): string {
  return execFileSync('bash', [script, verb], { env: { ...process.env, CPPNB_SLURM_DIR: clusterDir, ...env }, encoding: 'utf8', timeout: 60_000 });
}

// On ports of its own, beside a cluster someone started with the defaults.
export async function startCluster(): Promise<void> {
  const [ctld, d] = await freePorts(2);
  cluster('start', { CPPNB_SLURMCTLD_PORT: String(ctld), CPPNB_SLURMD_PORT: String(d) });
}

export function stopCluster(): void {
  cluster('stop');
}

// What a kernel needs to reach the cluster.
export function slurmEnv(): Record<string, string> {
  return { SLURM_CONF: slurmConf };
}
