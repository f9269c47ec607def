// The C++ program a %%slurm job runs: what the session declared before the
// cell, then the cell itself as the body of main.
//
// The rules (README, "Batch jobs"):
// - From earlier cells: includes and other preprocessor lines, types,
//   functions, templates, namespaces, using-declarations and variables with
//   their initializers. Their other statements (calls, assignments, loops) are
//   not re-run. A name defined again in a later cell keeps its last definition.
// - From the cell: functions, types and namespaces at file scope; everything
//   else, in order, in main.
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
}

function declaratorName(d: SyntaxNode | null): string | null {
  while (d && d.type !== 'identifier' && d.type !== 'field_identifier') {
    if (d.type === 'function_declarator') return null; // a prototype: may be repeated
    d = d.childForFieldName('declarator') ?? d.namedChildren.find((c) => c.type.endsWith('declarator') || c.type === 'identifier') ?? null;
  }
  return d?.text ?? null;
}

function functionKey(def: SyntaxNode): string | null {
  let d: SyntaxNode | null = def.childForFieldName('declarator');
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator') ?? null;
  if (!d) return null;
  const params = d.childForFieldName('parameters')?.text.replace(/\s+/g, ' ') ?? '';
  return `function ${d.childForFieldName('declarator')?.text ?? ''}${params}`;
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

function isPrototype(node: SyntaxNode): boolean {
  return node.type === 'declaration' && node.childrenForFieldName('declarator').every((d) => d.type === 'function_declarator');
}

// A class/struct/enum specifier ends with a ';' tree-sitter keeps as a sibling.
function withSemicolon(node: SyntaxNode): string {
  return SPECIFIERS.has(node.type) ? `${node.text};` : node.text;
}

// The declarations of one earlier cell.
function declarationsOf(cell: string): Piece[] {
  const pieces: Piece[] = [];
  // A preprocessor line ends with its newline: without one, tree-sitter marks the last an error.
  for (const node of parseCpp(`${cell}\n`).rootNode.namedChildren) {
    if (node.hasError) continue;
    if (!FILE_SCOPE.has(node.type) && node.type !== 'declaration') continue;
    pieces.push({ text: withSemicolon(node), line: node.startPosition.row + 1, keys: keysOf(node) });
  }
  return pieces;
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
  const earlier = cells.map((c, i) => declarationsOf(c).map((p) => ({ ...p, file: `earlier cell ${i + 1}` }))).flat();
  // A key's last definition is the one kept.
  const lastOf = new Map<string, number>();
  earlier.forEach((p, i) => p.keys.forEach((k) => lastOf.set(k, i)));
  const kept = earlier.filter((p, i) => p.keys.length === 0 || p.keys.some((k) => lastOf.get(k) === i));

  const fileScope: string[] = [];
  const body: string[] = [];
  for (const node of parseCpp(`${cell}\n`).rootNode.namedChildren) {
    const line = node.startPosition.row + bodyLine;
    if (node.type === 'comment') continue;
    if (FILE_SCOPE.has(node.type) || isPrototype(node)) fileScope.push(located(withSemicolon(node), line, 'this cell'));
    else body.push(located(node.text, line, 'this cell'));
  }

  const code = [
    '// Generated by cppnb for a %%slurm cell: the session\'s declarations, then the cell as main.',
    '#include <cppnb/common.hpp>',
    '#include <cppnb/batch.hpp>',
    '#include <cstring>',
    ...kept.map((p) => located(p.text, p.line, p.file)),
    ...fileScope,
    'int main(int argc, char **argv) {',
    '  if (argc > 1 && std::strcmp(argv[1], "--cppnb-merge") == 0) return cppnb::batch::detail::merge_main(argc, argv);',
    '  {',
    ...body,
    '  }',
    '  return 0;',
    '}',
    '',
  ].join('\n');
  return { code };
}
