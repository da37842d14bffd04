import type { z } from 'zod';

/**
 * The keys the object schema at `path` inside `schema` accepts, for suggesting the key a misspelt
 * one was meant to be. Follows objects, records, arrays and the wrappers (optional, default, pipe …)
 * zod puts around them; undefined where the path leads to no object schema.
 */
export function objectKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] | undefined {
  const [segment, ...rest] = path;
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return objectKeysAt(def.innerType, path);
    case 'pipe':
      return objectKeysAt(def.in, path);
    case 'lazy':
      return objectKeysAt(def.getter(), path);
    case 'object': {
      if (segment === undefined) return Object.keys(def.shape);
      const property =
        typeof segment === 'string' && Object.hasOwn(def.shape, segment) ? def.shape[segment] : undefined;
      return property === undefined ? undefined : objectKeysAt(property, rest);
    }
    case 'record':
      return segment === undefined ? undefined : objectKeysAt(def.valueType, rest);
    case 'array':
      return segment === undefined ? undefined : objectKeysAt(def.element, rest);
    default:
      return undefined;
  }
}
