// %history: the inputs of this session (or of earlier ones).
import { failure, OK, UsageError } from '../kernel/outcome.js';
import type { Magic } from './magic.js';
import { parseOptions, splitArgs } from './parse.js';

export const historyMagics: Magic[] = [
  {
    name: 'history',
    aliases: ['hist'],
    line: true,
    cell: false,
    usage: '%history [-n] [-g PATTERN] [-l N] [START-STOP]',
    help:
      'Prints the inputs of this session: -n with their numbers, -g those containing PATTERN (glob, all sessions), ' +
      '-l the last N, START-STOP (or N) a range of this session.',
    run: async (call, ctx) => {
      if (!ctx.history) return failure('UsageError', 'no history is kept by this kernel');
      const p = parseOptions(splitArgs(call.args), ['-n'], ['-g', '-l']);
      const numbered = p.flags.has('-n');
      let entries = ctx.history.range(0, 1, null);
      const pattern = p.values.get('-g');
      if (pattern !== undefined) entries = ctx.history.search(`*${pattern}*`, null, false);
      if (p.positional.length) {
        const m = /^(\d+)(?:-(\d+))?$/.exec(p.positional[0]);
        if (!m || p.positional.length > 1) throw new UsageError(`not a range: ${p.positional.join(' ')}`);
        const start = Number(m[1]);
        const stop = m[2] === undefined ? start : Number(m[2]);
        entries = entries.filter(([, line]) => line >= start && line <= stop);
      }
      const last = p.values.get('-l');
      if (last !== undefined) {
        if (!/^\d+$/.test(last)) throw new UsageError('-l needs a number');
        entries = entries.slice(-Number(last));
      }
      const lines = entries.map(([session, line, src]) => {
        const where = pattern !== undefined ? `${session}/${line}: ` : `${String(line).padStart(3)}: `;
        return (numbered || pattern !== undefined ? where : '') + String(src);
      });
      if (lines.length) ctx.sink.stream('stdout', lines.join('\n') + '\n');
      return OK;
    },
  },
];
