// Code the kernel writes around a user's code keeps the user's lines and
// columns, so that clang's diagnostics point into the cell as it was typed: a
// #line directive and padding put a piece back where it stood.

// The 1-based line and 0-based column of offset `at` in code.
export function placeOf(code: string, at: number): { line: number; column: number } {
  const before = code.slice(0, at);
  return { line: before.split('\n').length, column: at - (before.lastIndexOf('\n') + 1) };
}

// Starts a line of its own: what follows is on `line`, at `column`.
export function placedAt(line: number, column: number): string {
  return `\n#line ${line}\n${' '.repeat(column)}`;
}
