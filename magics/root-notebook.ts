// What ROOT's notebooks write at their top: %jsroot on|off switches ROOT's
// interactive JavaScript canvases. cppnb draws canvases as SVG images until
// the interactive-graphics issue gives it its meaning: the magic is accepted
// (so ROOT notebooks run unchanged) and says once per kernel that it changes nothing.
import { OK, UsageError } from '../kernel/outcome.js';
import type { Magic } from './magic.js';
import { splitArgs } from './parse.js';

let told = false;

export const rootNotebookMagics: Magic[] = [
  {
    name: 'jsroot',
    line: true,
    cell: false,
    usage: '%jsroot [on|off]',
    help: "ROOT's switch for interactive canvases. Accepted; cppnb shows canvases as SVG images for now, so it changes nothing.",
    run: async (call, ctx) => {
      const words = splitArgs(call.args);
      if (words.length > 1 || (words.length === 1 && !['on', 'off'].includes(words[0].toLowerCase()))) {
        throw new UsageError('give on or off');
      }
      if (!told) {
        told = true;
        ctx.sink.stream('stdout', '%jsroot: cppnb shows canvases as SVG images; interactive JSROOT canvases are not there yet, so this changes nothing.\n');
      }
      return OK;
    },
  },
];
