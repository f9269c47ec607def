// %%html, %%markdown, %%latex, %%svg, %%javascript: the cell shown as that MIME type.
import { OK } from '../kernel/outcome.js';
import type { Magic } from './magic.js';

function displayAs(name: string, mime: string, what: string, aliases: string[] = []): Magic {
  return {
    name,
    aliases,
    line: false,
    cell: true,
    usage: `%%${name}`,
    help: `Displays the cell as ${what} (${mime}).`,
    bodyLanguage: 'text',
    run: async (call, ctx) => {
      ctx.sink.display({ [mime]: call.body, 'text/plain': `<${what}>` });
      return OK;
    },
  };
}

export const richTextMagics: Magic[] = [
  displayAs('html', 'text/html', 'HTML'),
  displayAs('markdown', 'text/markdown', 'Markdown'),
  displayAs('latex', 'text/latex', 'LaTeX'),
  displayAs('svg', 'image/svg+xml', 'SVG'),
  displayAs('javascript', 'application/javascript', 'JavaScript', ['js']),
];
