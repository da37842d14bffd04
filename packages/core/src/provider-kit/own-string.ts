/**
 * A string of its own, not a view into a larger one: V8 keeps a slice of 13 characters or more
 * as a view that holds the whole string it was cut from (here, a network read) alive. Joining
 * and slicing again makes V8 copy the characters into new storage, at a fraction of the cost of
 * a round trip through a Buffer; shorter slices are copies already.
 */
export function ownString(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}
