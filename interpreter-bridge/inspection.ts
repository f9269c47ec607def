// What Shift+Tab and `?name` show for a declaration the completer found:
// kind, qualified name, signature, type, where it is declared, its brief
// comment, and for the standard library a link to cppreference.
import type { InspectReply } from '../kernel/language.js';
import type { Declaration } from './completer.js';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// The session's own declarations live in the completer's session.cpp.
function whereDeclared(d: Declaration): string {
  if (!d.file || d.file.endsWith('/session.cpp')) return 'a cell of this session';
  // A header, named as one would include it: <bits/stl_vector.h>, line 423.
  const header = /\/include\/(?:c\+\+\/[\d.]+\/)?(.+)$/.exec(d.file);
  return header ? `<${header[1]}>, line ${d.line}` : `${d.file}:${d.line}`;
}

export function describeDeclaration(d: Declaration): InspectReply {
  const rows: [string, string][] = [];
  rows.push([d.kind, d.qualified]);
  if (d.signature && d.signature !== d.name) rows.push(['signature', d.signature]);
  if (d.type) rows.push(['type', d.type]);
  rows.push(['declared in', whereDeclared(d)]);
  if (d.comment) rows.push(['about', d.comment]);
  const reference = d.qualified.startsWith('std::')
    ? `https://en.cppreference.com/mwiki/index.php?search=${encodeURIComponent(d.qualified.split('::').slice(0, 2).join('::'))}`
    : '';
  if (reference) rows.push(['reference', reference]);
  const width = Math.max(...rows.map(([k]) => k.length));
  const text = rows.map(([k, v]) => `${(k + ':').padEnd(width + 2)}${v}`).join('\n');
  const html =
    '<table>' +
    rows
      .map(([k, v]) => `<tr><th style="text-align:left">${escape(k)}</th><td>${k === 'reference' ? `<a href="${escape(v)}" target="_blank">cppreference: ${escape(d.qualified)}</a>` : `<code>${escape(v)}</code>`}</td></tr>`)
      .join('') +
    '</table>';
  return { found: true, data: { 'text/plain': text, 'text/html': html }, metadata: {} };
}
