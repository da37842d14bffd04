import type { IncomingHttpHeaders } from 'node:http';

/** One request as an emulator received it, for tests to assert on. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The body parsed as JSON, when it was JSON. */
  readonly json: unknown;
}
