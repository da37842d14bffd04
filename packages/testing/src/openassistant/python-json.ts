/**
 * Serialises like Python's `json.dumps` with its defaults, which is what pydantic v1's `.json()`
 * writes into the Open Assistant SSE stream: `", "` and `": "` separators and `ensure_ascii`
 * (everything outside printable ASCII as lowercase `\uXXXX`, astral characters as surrogate pairs).
 * Numbers that Python holds as floats are written with a fractional part (`1.0`), so callers
 * mark them with `PythonFloat`.
 */
export class PythonFloat {
  constructor(readonly value: number) {}
  /** The website re-serialises with `JSON.stringify`, where a float is just a number. */
  toJSON(): number {
    return this.value;
  }
}

/** An integer beyond JavaScript's safe range (the worker seed); exact in SSE, rounded by the website. */
export class PythonBigInt {
  constructor(readonly value: bigint) {}
  toJSON(): number {
    return Number(this.value);
  }
}

export type PythonJsonValue =
  | null
  | boolean
  | number
  | string
  | PythonFloat
  | PythonBigInt
  | readonly PythonJsonValue[]
  | { readonly [key: string]: PythonJsonValue };

const shortEscapes: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

function pythonString(text: string): string {
  // Python's ESCAPE_ASCII: anything that is not a printable ASCII character, plus `"` and `\`.
  return `"${text.replace(/[\\"]|[^ -~]/g, (character) => {
    const short = shortEscapes[character];
    if (short !== undefined) return short;
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  })}"`;
}

/** Python's float repr: shortest digits, exponent form from 1e16 up and below 1e-4, two-digit exponents. */
function pythonFloat(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e16 || magnitude < 1e-4)) {
    return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  if (Number.isInteger(value)) return `${value}.0`;
  return String(value);
}

export function pythonJsonDumps(value: PythonJsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return pythonString(value);
  if (value instanceof PythonFloat) return pythonFloat(value.value);
  if (value instanceof PythonBigInt) return value.value.toString();
  if (Array.isArray(value)) return `[${value.map((item: PythonJsonValue) => pythonJsonDumps(item)).join(', ')}]`;
  const entries = Object.entries(value as { readonly [key: string]: PythonJsonValue });
  return `{${entries.map(([key, item]) => `${pythonString(key)}: ${pythonJsonDumps(item)}`).join(', ')}}`;
}
