// One tree-sitter C++ parser for everything in the bridge that reads cells.
import { createRequire } from 'node:module';
import type Parser from 'tree-sitter';

const require = createRequire(import.meta.url);

// Made on first use: loading tree-sitter and the grammar takes ~25 ms, which
// a kernel's start (its first kernel_info_reply) need not wait for.
let parser: Parser | null = null;

export function parseCpp(code: string): Parser.Tree {
  if (!parser) {
    const TreeSitter = require('tree-sitter') as typeof Parser;
    parser = new TreeSitter();
    parser.setLanguage(require('tree-sitter-cpp') as Parser.Language);
  }
  return parser.parse(code);
}

export type SyntaxNode = Parser.SyntaxNode;
