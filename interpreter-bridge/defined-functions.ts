// The functions a cell defines at top level, by name. The host hides earlier
// cells' definitions of these names *before* it compiles the cell: a function
// that calls itself (or a sibling the cell also redefines) would otherwise see
// the old definition beside the new one, and the call would be ambiguous.
import { parseCpp, type SyntaxNode } from './cpp-parser.js';

// The plain name a function definition declares (not A::f, not operators).
function nameOf(definition: SyntaxNode): string | null {
  let d: SyntaxNode | null = definition.childForFieldName('declarator');
  // int *f(), int &f(): the function declarator sits under pointer/reference declarators.
  while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator') ?? d.namedChildren.find((c) => c.type.endsWith('declarator')) ?? null;
  const id = d?.childForFieldName('declarator');
  return id?.type === 'identifier' ? id.text : null;
}

export function definedFunctions(code: string): string[] {
  // A function definition has a body: a cell without a brace defines none
  // (and a large cell of declarations is not parsed a second time for nothing).
  if (!code.includes('{')) return [];
  const names = new Set<string>();
  for (const node of parseCpp(code).rootNode.namedChildren) {
    const definition = node.type === 'template_declaration' ? node.namedChildren.find((c) => c.type === 'function_definition') : node;
    if (definition?.type !== 'function_definition') continue;
    const name = nameOf(definition);
    if (name) names.add(name);
  }
  return [...names];
}
