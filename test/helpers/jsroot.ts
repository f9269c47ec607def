// jsroot, ROOT's own JavaScript I/O, as the independent reader the tests
// check cppnb's values against.
import { openFile } from 'jsroot/io';
import { TSelector, treeProcess } from 'jsroot/tree';

export interface BranchSum {
  count: number; // values read (elements of arrays)
  sum: number;
}

const asNumber = (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : Number(v));

// For each branch, the number of values in the whole tree and their sum.
export async function branchSums(path: string, treeName: string, branches: string[]): Promise<Record<string, BranchSum>> {
  const file = await openFile(path);
  const tree = await file.readObject(treeName);
  const sums: Record<string, BranchSum> = Object.fromEntries(branches.map((b) => [b, { count: 0, sum: 0 }]));
  const selector = new TSelector();
  for (const b of branches) selector.addBranch(b);
  selector.Process = function (this: { tgtobj: Record<string, unknown> }) {
    for (const b of branches) {
      const v = this.tgtobj[b];
      const values = v !== null && typeof v === 'object' && 'length' in (v as object) ? Array.from(v as ArrayLike<unknown>) : [v];
      for (const x of values) {
        sums[b].count += 1;
        sums[b].sum += asNumber(x);
      }
    }
  };
  await treeProcess(tree, selector);
  return sums;
}

// The first entries of branches, as jsroot reads them.
export async function firstValues(path: string, treeName: string, branches: string[], n: number): Promise<Record<string, unknown[]>> {
  const file = await openFile(path);
  const tree = await file.readObject(treeName);
  const out: Record<string, unknown[]> = Object.fromEntries(branches.map((b) => [b, []]));
  const selector = new TSelector();
  for (const b of branches) selector.addBranch(b);
  selector.Process = function (this: { tgtobj: Record<string, unknown> }) {
    for (const b of branches) if (out[b].length < n) out[b].push(structuredClone(this.tgtobj[b]));
  };
  await treeProcess(tree, selector);
  return out;
}

export async function readObject(path: string, name: string): Promise<Record<string, unknown>> {
  const file = await openFile(path);
  return file.readObject(name);
}
