// jsroot ships types for its main entry only; the tests use its I/O modules.
declare module 'jsroot/io' {
  export function openFile(path: string): Promise<{ fKeys: any[]; readObject(name: string): Promise<any> }>;
}
declare module 'jsroot/tree' {
  export class TSelector {
    addBranch(name: string): void;
    Process: (this: any) => void;
  }
  export function treeProcess(tree: unknown, selector: TSelector): Promise<unknown>;
  // jsroot's own TTree::Draw: the histogram it fills.
  export function treeDraw(tree: unknown, args: { expr: string; cut?: string }): Promise<unknown>;
}
