/**
 * Where an offset in a file is, as an editor shows it: lines and columns counted from 1. Columns
 * count UTF-16 code units, as JSON.parse positions do, so a tab or an emoji counts as one and two.
 */
export function formatTextPosition(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}
