/*
 * Finds where a value sits in a JSON text that JSON.parse has already accepted, so a schema
 * problem at `[3].name` can be reported at a line and column. Only well-formed input reaches this
 * code, which keeps the scanner small: it never has to recover from an error.
 */

const whitespace = new Set([' ', '\t', '\n', '\r']);

function skipWhitespace(text: string, position: number): number {
  let index = position;
  while (index < text.length && whitespace.has(text.charAt(index))) index += 1;
  return index;
}

/** From an opening quote to just past its closing quote. */
function skipString(text: string, position: number): number {
  let index = position + 1;
  while (index < text.length && text.charAt(index) !== '"') index += text.charAt(index) === '\\' ? 2 : 1;
  return index + 1;
}

/** From the first character of a value to just past its last. */
function skipValue(text: string, position: number): number {
  const first = text.charAt(position);
  if (first === '"') return skipString(text, position);
  if (first !== '{' && first !== '[') {
    let index = position;
    while (index < text.length && !/[\s,\]}]/.test(text.charAt(index))) index += 1;
    return index;
  }
  let depth = 0;
  let index = position;
  while (index < text.length) {
    const character = text.charAt(index);
    if (character === '"') {
      index = skipString(text, index);
      continue;
    }
    if (character === '{' || character === '[') depth += 1;
    else if (character === '}' || character === ']') depth -= 1;
    index += 1;
    if (depth === 0) return index;
  }
  return index;
}

/** The offset of element `wanted` of the array opening at `position`, or `undefined`. */
function findElement(text: string, position: number, wanted: number): number | undefined {
  let index = skipWhitespace(text, position + 1);
  for (let element = 0; text.charAt(index) !== ']' && index < text.length; element++) {
    if (element === wanted) return index;
    index = skipWhitespace(text, skipValue(text, index));
    if (text.charAt(index) === ',') index = skipWhitespace(text, index + 1);
  }
  return undefined;
}

/** The offset of member `wanted`'s value in the object opening at `position`; the last one wins, as in JSON.parse. */
function findMember(text: string, position: number, wanted: string): number | undefined {
  let found: number | undefined;
  let index = skipWhitespace(text, position + 1);
  while (text.charAt(index) === '"') {
    const keyEnd = skipString(text, index);
    const key: unknown = JSON.parse(text.slice(index, keyEnd));
    // Past the colon that follows every key.
    const valueStart = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1);
    if (key === wanted) found = valueStart;
    index = skipWhitespace(text, skipValue(text, valueStart));
    if (text.charAt(index) === ',') index = skipWhitespace(text, index + 1);
  }
  return found;
}

/**
 * The offset of the value at `path`, or of the deepest value on the way that exists: a missing
 * field is reported where its object starts, which is where it has to be added.
 */
export function locateJsonValue(text: string, path: readonly PropertyKey[]): number {
  let position = skipWhitespace(text, 0);
  for (const segment of path) {
    const opening = text.charAt(position);
    const next =
      typeof segment === 'number' && opening === '['
        ? findElement(text, position, segment)
        : typeof segment === 'string' && opening === '{'
          ? findMember(text, position, segment)
          : undefined;
    if (next === undefined) break;
    position = next;
  }
  return position;
}
