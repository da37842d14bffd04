import { ProtocolError } from '../errors/protocol-error.js';

/** A JSON object as a decoder reads it: every field unknown until checked. */
export type JsonObject = Readonly<Record<string, unknown>>;

/**
 * Parses one event's JSON, once. Anything but an object is the server breaking its protocol;
 * the fields are then read leniently by the decoder (unknown ones ignored, `null` tolerated).
 */
export function parseJsonEvent(data: string, provider: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch (error) {
    throw new ProtocolError({ provider, detail: `an event is not JSON (${data.slice(0, 80)})`, cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ProtocolError({ provider, detail: `an event is not a JSON object (${data.slice(0, 80)})` });
  }
  return parsed as JsonObject;
}

/** A field that should be an object: the object, or undefined for anything else. */
export function objectField(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** A count a server may send as a number, `null` or not at all. */
export function countField(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
