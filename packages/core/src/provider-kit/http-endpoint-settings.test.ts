import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { httpEndpointSettingsSchema } from './http-endpoint-settings.js';

const schema = httpEndpointSettingsSchema({
  baseUrl: 'Up to and including /v1; https://api.example.com/v1.',
  apiKey: 'Sent as x-example-key.',
  defaultModel: 'The model of a call that names none; example-1.',
}).extend({ version: z.string().optional() });

/** As the configuration reference reads it: from the JSON schema of what a config file holds. */
const { properties } = z.toJSONSchema(schema, { io: 'input' }) as {
  properties: Record<string, { description?: string }>;
};
const descriptionOf = (key: keyof typeof schema.shape) => properties[key]?.description;

describe('httpEndpointSettingsSchema', () => {
  it('takes every key an HTTP endpoint has, and the keys a provider adds', () => {
    const settings = {
      name: 'Example',
      label: 'Example Models',
      baseUrl: 'http://127.0.0.1:8080/v1',
      apiKey: 'key-1',
      models: ['example-1'],
      defaultModel: 'example-1',
      modelAliases: { small: 'example-1' },
      headers: { 'x-app': 'switchyard' },
      proxy: 'http://127.0.0.1:3128',
      timeouts: { firstTokenMs: 1_000 },
      maxSseBufferSize: 4_096,
      version: '2',
    };
    expect(schema.parse(settings)).toEqual(settings);
    expect(schema.parse({})).toEqual({});
  });

  it('refuses an unknown key and a base URL that is not http', () => {
    expect(schema.safeParse({ baseURL: 'http://127.0.0.1' }).error?.issues[0]).toMatchObject({
      code: 'unrecognized_keys',
      keys: ['baseURL'],
    });
    expect(schema.safeParse({ baseUrl: 'ftp://example.com' }).error?.issues[0]?.message).toBe(
      'expected an http or https URL',
    );
  });

  it('says what the provider says of its own keys, and the common words of the rest', () => {
    expect(descriptionOf('baseUrl')).toBe('Up to and including /v1; https://api.example.com/v1.');
    expect(descriptionOf('apiKey')).toBe('Sent as x-example-key.');
    expect(descriptionOf('defaultModel')).toBe('The model of a call that names none; example-1.');
    expect(descriptionOf('headers')).toBe('Sent with every request.');
    expect(descriptionOf('maxSseBufferSize')).toBe('Characters one SSE line may hold before it is a protocol error.');
  });
});
