// Every magic cppnb has; one module per family.
import { environmentMagics } from './environment.js';
import { fileMagics } from './files.js';
import { helpMagics } from './help.js';
import { historyMagics } from './history.js';
import { interpreterMagics } from './interpreter.js';
import type { Magic } from './magic.js';
import { richTextMagics } from './rich-text.js';
import { rootNotebookMagics } from './root-notebook.js';
import { shellMagics } from './shell.js';
import { batchMagics } from './batch-magic.js';
import { SlurmBackend } from '../batch/slurm-backend.js';
import { timingMagics } from './timing.js';

export const allMagics: readonly Magic[] = [
  ...interpreterMagics,
  ...shellMagics,
  ...batchMagics([new SlurmBackend()]),
  ...fileMagics,
  ...richTextMagics,
  ...rootNotebookMagics,
  ...timingMagics,
  ...environmentMagics,
  ...historyMagics,
  ...helpMagics,
];

export function findMagic(registry: readonly Magic[], name: string, form: 'line' | 'cell'): Magic | undefined {
  return registry.find((m) => m[form] && (m.name === name || m.aliases?.includes(name)));
}
