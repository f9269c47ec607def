// %lsmagic and %magic: what magics there are and how to use them.
import { OK } from '../kernel/outcome.js';
import { magicNames, type Magic } from './magic.js';

function names(registry: readonly Magic[], form: 'line' | 'cell'): string {
  const prefix = form === 'line' ? '%' : '%%';
  return magicNames(registry, form)
    .sort()
    .map((n) => prefix + n)
    .join('  ');
}

export function magicHelp(m: Magic): string {
  const aliases = m.aliases?.length ? `\nAliases: ${m.aliases.join(', ')}` : '';
  return `${m.usage}\n\n${m.help}${aliases}\n`;
}

export const helpMagics: Magic[] = [
  {
    name: 'lsmagic',
    line: true,
    cell: false,
    usage: '%lsmagic',
    help: 'Lists the magics.',
    run: async (_call, ctx) => {
      ctx.sink.stream(
        'stdout',
        `Available line magics:\n${names(ctx.registry, 'line')}  !COMMAND\n\n` +
          `Available cell magics:\n${names(ctx.registry, 'cell')}\n\n` +
          'Help on one: %name? (or %%name?). Line magics start the cell; a cell magic owns the whole cell.\n',
      );
      return OK;
    },
  },
  {
    name: 'magic',
    line: true,
    cell: false,
    usage: '%magic',
    help: 'Describes every magic.',
    run: async (_call, ctx) => {
      const text = [...ctx.registry].sort((a, b) => a.name.localeCompare(b.name)).map(magicHelp).join('\n');
      ctx.sink.stream('stdout', text);
      return OK;
    },
  },
];
