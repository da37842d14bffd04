import { z } from 'zod';

/** One key of a config section, as the reference lists it. */
export interface SchemaRow {
  readonly key: string;
  readonly type: string;
  readonly description: string | undefined;
}

interface JsonSchema {
  readonly type?: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: JsonSchema | boolean;
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
}

/** Bounds this large are the platform's (the largest timer, the largest safe integer), not the setting's. */
const platformLimit = 2_147_483_647;

function bounds(node: JsonSchema): string {
  const parts: string[] = [];
  if (node.exclusiveMinimum !== undefined) parts.push(`> ${node.exclusiveMinimum}`);
  if (node.minimum !== undefined) parts.push(`≥ ${node.minimum}`);
  if (node.exclusiveMaximum !== undefined) parts.push(`< ${node.exclusiveMaximum}`);
  if (node.maximum !== undefined && node.maximum < platformLimit) parts.push(`≤ ${node.maximum}`);
  return parts.length === 0 ? '' : ` ${parts.join(', ')}`;
}

function typeOf(node: JsonSchema): string {
  if (node.anyOf !== undefined) {
    return node.anyOf
      .map(typeOf)
      .map((type) => (type.includes(',') ? `(${type})` : type))
      .join(' or ');
  }
  if (node.enum !== undefined) return `one of ${node.enum.map((value) => JSON.stringify(value)).join(', ')}`;
  switch (node.type) {
    case 'string':
      return node.format === 'uri' ? 'URL' : 'string';
    case 'integer':
    case 'number':
      return `${node.type}${bounds(node)}`;
    case 'array':
      return `list of ${node.items === undefined ? 'values' : typeOf(node.items)}`;
    case 'object':
      if (node.properties !== undefined) return 'object';
      return typeof node.additionalProperties === 'object'
        ? `object: name → ${typeOf(node.additionalProperties)}`
        : 'object';
    case 'null':
      return 'null';
    case undefined:
      return 'any';
    default:
      return node.type;
  }
}

function walk(node: JsonSchema, key: string, rows: SchemaRow[]): void {
  const nested = node.type === 'object' && node.properties !== undefined;
  if (key !== '') rows.push({ key, type: typeOf(node), description: node.description });
  if (!nested) return;
  for (const [name, child] of Object.entries(node.properties ?? {}))
    walk(child, key === '' ? name : `${key}.${name}`, rows);
}

/** Every key of an object schema, nested objects' keys included, with its type and `.describe()` text. */
export function schemaRows(schema: z.ZodType): SchemaRow[] {
  // Input types: what a config file holds, before defaults and transforms.
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const rows: SchemaRow[] = [];
  walk(json, '', rows);
  return rows;
}
