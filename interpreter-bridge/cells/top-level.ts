// The top level of a cell, read once by tree-sitter and shared: each item with
// what it is to every part of the kernel that cares — the shadowing (which
// functions the cell defines), the retry with statements in functions (which
// items are statements), completion (which items of earlier cells declare
// something) and %%slurm programs (which items mean the same at file scope,
// and what each defines, so that a later definition wins).
import { parseCpp, type SyntaxNode } from './cpp-parser.js';

// Items that mean the same at file scope as at a cell's top level.
const FILE_SCOPE = new Set([
  'preproc_include', 'preproc_def', 'preproc_function_def', 'preproc_call', 'preproc_if', 'preproc_ifdef',
  'function_definition', 'template_declaration', 'namespace_definition', 'class_specifier', 'struct_specifier',
  'union_specifier', 'enum_specifier', 'using_declaration', 'alias_declaration', 'type_definition',
  'static_assert_declaration', 'linkage_specification', 'namespace_alias_definition', 'concept_definition',
]);

// Items that are statements: they run, and declare nothing.
const STATEMENTS = new Set([
  'expression_statement', 'if_statement', 'for_statement', 'for_range_loop', 'while_statement', 'do_statement',
  'switch_statement', 'compound_statement', 'try_statement', 'throw_statement',
]);

const SPECIFIERS = new Set(['class_specifier', 'struct_specifier', 'union_specifier', 'enum_specifier']);

export interface TopLevelItem {
  node: SyntaxNode;
  type: string;
  start: number; // offsets into the code (UTF-16, as JS strings index)
  end: number;
  // Means the same at file scope (types, functions, namespaces, preprocessor lines…).
  fileScope: boolean;
  // Declares something, so an earlier cell's item counts for the cells after it:
  // what is at file scope, variable declarations, any preprocessor line, comments.
  declares: boolean;
  // A statement (an expression, a loop, a block…).
  statement: boolean;
}

const cache = new Map<string, TopLevelItem[]>();

// Every top-level node of code (punctuation such as a lone `;` too), in order.
export function topLevelItems(code: string): TopLevelItem[] {
  const cached = cache.get(code);
  if (cached) return cached;
  const items = parseCpp(code).rootNode.children.map((node) => {
    const type = node.type;
    const fileScope = FILE_SCOPE.has(type);
    return {
      node, type, start: node.startIndex, end: node.endIndex, fileScope,
      declares: fileScope || type === 'declaration' || type.startsWith('preproc_') || type === 'comment' || type === ';',
      statement: STATEMENTS.has(type),
    };
  });
  // The same texts come back (a cell's definitions and then its statements,
  // completion with each key typed); a few are plenty, and a huge cell's tree
  // is not kept.
  if (code.length > 1 << 16) return items;
  if (cache.size >= 16) cache.delete(cache.keys().next().value as string);
  cache.set(code, items);
  return items;
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

// The function declarator of a definition (int *f(), int &f(): under pointer/reference declarators).
function functionDeclarator(definition: SyntaxNode): SyntaxNode | null {
  let d: SyntaxNode | null = definition.childForFieldName('declarator');
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator') ?? d.namedChildren.find((c) => c.type.endsWith('declarator')) ?? null;
  return d;
}

// A function is known by its name and parameter types, so overloads stay side by side.
function functionKey(definition: SyntaxNode): string | null {
  const d = functionDeclarator(definition);
  if (!d) return null;
  const params = (d.childForFieldName('parameters')?.namedChildren ?? []).filter((p) => p.type !== 'comment').map(parameterType);
  return `function ${d.childForFieldName('declarator')?.text ?? ''}(${params.join(',')})`;
}

// What a top-level node defines, as keys: a later node with one of its keys
// defines the same thing again.
export function keysOf(node: SyntaxNode): string[] {
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
export function textWithSemicolon(node: SyntaxNode): string {
  return SPECIFIERS.has(node.type) ? `${node.text};` : node.text;
}

// The functions code defines at top level, by their plain names (not A::f,
// not operators), templates included.
export function definedFunctions(code: string): string[] {
  // A function definition has a body: a cell without a brace defines none
  // (and a large cell of declarations is not parsed for nothing).
  if (!code.includes('{')) return [];
  const names = new Set<string>();
  for (const { node } of topLevelItems(code)) {
    const definition = node.type === 'template_declaration' ? node.namedChildren.find((c) => c.type === 'function_definition') : node;
    if (definition?.type !== 'function_definition') continue;
    const id = functionDeclarator(definition)?.childForFieldName('declarator');
    if (id?.type === 'identifier') names.add(id.text);
  }
  return [...names];
}
