// One tree-sitter C++ parser for everything in the bridge that reads cells.
import Parser from 'tree-sitter';
import Cpp from 'tree-sitter-cpp';

// Made on first use: loading the grammar is not free, and not every process parses.
let parser: Parser | null = null;

export function parseCpp(code: string): Parser.Tree {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(Cpp as unknown as Parser.Language);
  }
  return parser.parse(code);
}

export type SyntaxNode = Parser.SyntaxNode;
