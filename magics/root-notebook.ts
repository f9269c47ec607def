// What ROOT's notebooks write at their top: %jsroot on|off switches ROOT's
// interactive JavaScript canvases (JSROOT) on or off; on by default, as in
// ROOT. Off, canvases show as static SVG pictures only.
import { OK, UsageError } from '../kernel/outcome.js';
import type { Magic } from './magic.js';
import { splitArgs } from './parse.js';

export const rootNotebookMagics: Magic[] = [
  {
    name: 'jsroot',
    line: true,
    cell: false,
    usage: '%jsroot [on|off]',
    help: "ROOT's switch for interactive canvases: on (the default), JSROOT draws each canvas (zoom, tooltips, menus); off, static SVG pictures.",
    run: async (call, ctx) => {
      const words = splitArgs(call.args);
      if (words.length > 1 || (words.length === 1 && !['on', 'off'].includes(words[0].toLowerCase()))) {
        throw new UsageError('give on or off');
      }
      ctx.interpreter.setInteractiveCanvases(words.length === 0 || words[0].toLowerCase() === 'on');
      return OK;
    },
  },
];
