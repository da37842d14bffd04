import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { GatewayHttpError } from './gateway-http-error.js';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * The keys clients present as `Authorization: Bearer <key>`. Compared in constant time: each
 * key is hashed to a fixed length first (so neither a key's length nor its content shows in the
 * timing) and every key is compared, whichever matches.
 */
export class ClientKeys {
  readonly #digests: readonly Buffer[];

  constructor(keys: readonly string[]) {
    this.#digests = keys.map(digest);
  }

  get required(): boolean {
    return this.#digests.length > 0;
  }

  /** Throws a 401 in OpenAI's words unless the request carries one of the keys (or none are configured). */
  check(headers: IncomingHttpHeaders): void {
    if (!this.required) return;
    const given = /^Bearer\s+(\S.*)$/i.exec(headers.authorization ?? '')?.[1]?.trim();
    if (given === undefined) {
      throw new GatewayHttpError({
        status: 401,
        type: 'invalid_request_error',
        code: 'missing_api_key',
        message:
          "You didn't provide an API key. Provide one of this gateway's keys in an Authorization header using Bearer auth (Authorization: Bearer YOUR_KEY).",
      });
    }
    const candidate = digest(given);
    let matched = false;
    for (const key of this.#digests) matched = timingSafeEqual(candidate, key) || matched;
    if (!matched) {
      // The key itself is never echoed, not even masked: it may be a key for somewhere else.
      throw new GatewayHttpError({
        status: 401,
        type: 'invalid_request_error',
        code: 'invalid_api_key',
        message: 'Incorrect API key provided. Use one of the keys this gateway is configured with.',
      });
    }
  }
}
