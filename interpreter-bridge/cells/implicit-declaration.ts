// cling's implicit `auto`: at ROOT's prompt a first assignment to a name that
// is not declared declares it (`h = new TH1D(...)`, `mu_min = 0.5`). clang
// says which name is undeclared; the cell's top-level assignment to it
// becomes a declaration, and the cell is compiled again.
import { topLevelItems } from './top-level.js';

const UNDECLARED = /^use of undeclared identifier '([A-Za-z_][A-Za-z0-9_]*)'/;

// code with `auto ` before its first top-level `name = …;`, for a compile
// error that says name is undeclared; null when there is no such statement.
export function declareAssigned(code: string, compileError: string): string | null {
  const name = UNDECLARED.exec(compileError)?.[1];
  if (!name) return null;
  for (const item of topLevelItems(code)) {
    if (item.type !== 'expression_statement') continue;
    const assignment = item.node.namedChildren[0];
    if (assignment?.type !== 'assignment_expression') continue;
    const left = assignment.childForFieldName('left');
    const operator = assignment.childForFieldName('operator')?.text ?? assignment.children[1]?.text;
    if (left?.type === 'identifier' && left.text === name && operator === '=') {
      return `${code.slice(0, item.start)}auto ${code.slice(item.start)}`;
    }
  }
  return null;
}
