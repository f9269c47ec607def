// The C++ program a %%slurm job runs: what the session declared before the
// cell, then the cell itself as the body of main.
//
// The rules (docs/batch.md):
// - From earlier cells: includes and other preprocessor lines, types,
//   functions, templates, namespaces, using-declarations and variables with
//   their initializers. Their other statements (calls, assignments, loops) are
//   not re-run. A name defined again in a later cell (or in the cell) keeps its
//   last definition, in the place of its first, since what came between may use it.
// - From the cell: functions, types and namespaces at file scope; everything
//   else, in order, in main (declarations too: tree-sitter cannot tell
//   `TRandom3 rng(seed);` from a function's prototype, and in main both work).
import { parseCpp, type SyntaxNode } from '../interpreter-bridge/cpp-parser.js';

// Top-level nodes that declare something and mean the same at file scope.
const FILE_SCOPE = new Set([
  'preproc_include', 'preproc_def', 'preproc_function_def', 'preproc_call', 'preproc_if', 'preproc_ifdef',
  'function_definition', 'template_declaration', 'namespace_definition', 'class_specifier', 'struct_specifier',
  'union_specifier', 'enum_specifier', 'using_declaration', 'alias_declaration', 'type_definition',
  'static_assert_declaration', 'linkage_specification', 'namespace_alias_definition', 'concept_definition',
]);

const SPECIFIERS = new Set(['class_specifier', 'struct_specifier', 'union_specifier', 'enum_specifier']);

interface Piece {
  text: string;
  // 1-based line in its cell, for #line.
  line: number;
  // What it defines; a later piece with the same key replaces it.
  keys: string[];
  // The cell it came from, for #line.
  file: string;
}

function declaratorName(d: SyntaxNode | null): string | null {
  while (d && d.type !== 'identifier' && d.type !== 'field_identifier') {
    if (d.type === 'function_declarator') return null; // a prototype: may be repeated
    d = d.childForFieldName('declarator') ?? d.namedChildren.find((c) => c.type.endsWith('declarator') || c.type === 'identifier') ?? null;
  }
  return d?.text ?? null;
}

// A parameter without its name: `const std::vector<double> &v` -> `const std::vector<double> &`.
function parameterType(p: SyntaxNode): string {
  let text = p.text;
  const name = declaratorName(p.childForFieldName('declarator'));
  if (name) {
    const at = text.lastIndexOf(name);
    if (at >= 0) text = text.slice(0, at) + text.slice(at + name.length);
  }
  return text.replace(/=.*$/s, '').replace(/\s+/g, '');
}

// A function is known by its name and parameter types, so overloads stay side by side.
function functionKey(def: SyntaxNode): string | null {
  let d: SyntaxNode | null = def.childForFieldName('declarator');
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator') ?? null;
  if (!d) return null;
  const params = (d.childForFieldName('parameters')?.namedChildren ?? []).filter((p) => p.type !== 'comment').map(parameterType);
  return `function ${d.childForFieldName('declarator')?.text ?? ''}(${params.join(',')})`;
}

// The names a top-level node defines, so a redefinition in a later cell wins.
function keysOf(node: SyntaxNode): string[] {
  switch (node.type) {
    case 'declaration': {
      const names: string[] = [];
      for (const d of node.childrenForFieldName('declarator')) {
        const name = declaratorName(d);
        if (name) names.push(`variable ${name}`);
      }
      return names;
    }
    case 'function_definition': {
      const k = functionKey(node);
      return k ? [k] : [];
    }
    case 'template_declaration': {
      const inner = node.namedChildren[node.namedChildren.length - 1];
      return inner ? keysOf(inner).map((k) => `template ${k}`) : [];
    }
    case 'alias_declaration':
      return [`type ${node.childForFieldName('name')?.text}`];
    case 'preproc_include':
      return [`include ${node.text.trim()}`];
    default: {
      if (!SPECIFIERS.has(node.type) || !node.childForFieldName('body')) return [];
      const name = node.childForFieldName('name')?.text;
      return name ? [`type ${name}`] : [];
    }
  }
}

// A class/struct/enum specifier ends with a ';' tree-sitter keeps as a sibling.
function withSemicolon(node: SyntaxNode): string {
  return SPECIFIERS.has(node.type) ? `${node.text};` : node.text;
}

// The declarations of one earlier cell.
function declarationsOf(cell: string, file: string): Piece[] {
  const pieces: Piece[] = [];
  // A preprocessor line ends with its newline: without one, tree-sitter marks the last an error.
  for (const node of parseCpp(`${cell}\n`).rootNode.namedChildren) {
    if (node.hasError) continue;
    if (!FILE_SCOPE.has(node.type) && node.type !== 'declaration') continue;
    pieces.push({ text: withSemicolon(node), line: node.startPosition.row + 1, keys: keysOf(node), file });
  }
  return pieces;
}

// One definition per key. An #include stays where it first was. Anything else
// defined again takes the place of its first definition with its last text:
// a re-run cell usually has the same text, and what came in between may use
// it. A piece defining several names (`int a, b;`) that are not all new stays
// where it is, and earlier pieces all of whose names it redefines go.
function oneDefinitionEach(pieces: Piece[]): Piece[] {
  const out: (Piece | null)[] = [];
  const holder = new Map<string, number>(); // key -> index in out
  for (const p of pieces) {
    const held = p.keys.map((k) => holder.get(k));
    if (p.keys.length > 0 && held.every((h) => h !== undefined && h === held[0])) {
      const first = out[held[0]!]!;
      if (!p.keys[0].startsWith('include ') && first.keys.length === p.keys.length) out[held[0]!] = { ...p, line: p.line, file: p.file };
      continue;
    }
    for (const h of held) {
      if (h === undefined) continue;
      const earlier = out[h];
      if (earlier && earlier.keys.every((k) => p.keys.includes(k))) out[h] = null;
    }
    out.push(p);
    p.keys.forEach((k) => holder.set(k, out.length - 1));
  }
  return out.filter((p): p is Piece => p !== null);
}

export interface BatchSource {
  // The program, and where its lines came from (for compile errors).
  code: string;
}

// `#line` names the cell a line came from, so clang's errors point into it.
function located(text: string, line: number, file: string): string {
  return `#line ${line} "${file}"\n${text}\n`;
}

// cells: the session's earlier cells, oldest first. cell: the %%slurm body,
// whose first line is the cell's line `bodyLine`.
export function batchProgram(cells: readonly string[], cell: string, bodyLine: number): BatchSource {
  const earlier = cells.flatMap((c, i) => declarationsOf(c, `earlier cell ${i + 1}`));
  const ownScope: Piece[] = [];
  const body: string[] = [];
  for (const node of parseCpp(`${cell}\n`).rootNode.namedChildren) {
    const line = node.startPosition.row + bodyLine;
    if (node.type === 'comment') continue;
    if (FILE_SCOPE.has(node.type)) ownScope.push({ text: withSemicolon(node), line, keys: keysOf(node), file: 'this cell' });
    else body.push(located(node.text, line, 'this cell'));
  }
  const fileScope = oneDefinitionEach([...earlier, ...ownScope]);

  const code = [
    '// Generated by cppnb for a %%slurm cell: the session\'s declarations, then the cell as main.',
    '#include <cppnb/common.hpp>',
    '#include <cppnb/batch.hpp>',
    ...fileScope.map((p) => located(p.text, p.line, p.file)),
    'int main() {',
    '  {',
    ...body,
    '  }',
    '  return 0;',
    '}',
    '',
  ].join('\n');
  return { code };
}
