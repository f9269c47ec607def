// One tree-sitter C++ parser for everything in the bridge that reads cells.
import Parser from 'tree-sitter';
import Cpp from 'tree-sitter-cpp';

const parser = new Parser();
parser.setLanguage(Cpp as unknown as Parser.Language);

export function parseCpp(code: string): Parser.Tree {
  return parser.parse(code);
}

export type SyntaxNode = Parser.SyntaxNode;
