/*
 * What a cookie name or value may contain to travel in a `Cookie` header. The rules are narrower
 * than "anything a browser accepts" only where the header would break: a `;` or line break in a
 * value would let one cookie smuggle in another cookie, or another header.
 */

const forbiddenNameCharacters = new Set(['=', ';', ',', ' ', '\t', '\r', '\n']);

function isControlCharacter(character: string): boolean {
  const code = character.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

/** A header is bytes: anything past Latin-1 cannot be sent, and undici refuses it late. */
function isOutsideLatin1(character: string): boolean {
  return character.charCodeAt(0) > 0xff;
}

/** Says what is wrong with a cookie name, or `undefined` when it is usable. */
export function findCookieNameProblem(name: string): string | undefined {
  if (name === '') return 'expected a non-empty cookie name';
  for (const character of name) {
    if (forbiddenNameCharacters.has(character) || isControlCharacter(character) || isOutsideLatin1(character)) {
      return "expected a cookie name without '=', ';', ',', spaces, tabs, line breaks, control or non-Latin-1 characters";
    }
  }
  return undefined;
}

/** Says what is wrong with a cookie value without quoting it: values are credentials. */
export function findCookieValueProblem(value: string): string | undefined {
  for (const character of value) {
    if (character === ';' || isControlCharacter(character) || isOutsideLatin1(character)) {
      return "expected a cookie value without ';', line breaks, control or non-Latin-1 characters";
    }
  }
  return undefined;
}

/**
 * A cookie name fit for an error message. Names are not secret, but a bad one may hold a line
 * break, which would forge a fresh line in whatever log the message lands in.
 */
export function describeCookieName(name: string): string {
  let described = '';
  for (const character of name) {
    described += isControlCharacter(character)
      ? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`
      : character;
  }
  return described;
}
