// Jupyter counts cursor positions in Unicode code points; JS strings index UTF-16 units.
// The protocol side converts once, at the edge (kernel.ts): every language
// method takes and gives indices into the JS string.

export function codePointToIndex(text: string, cursor: number): number {
  let index = 0;
  for (let cp = 0; cp < cursor && index < text.length; cp++) {
    index += (text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
  }
  return index;
}

export function indexToCodePoint(text: string, index: number): number {
  return [...text.slice(0, index)].length;
}
