import type { ScriptedProtocolReply } from '../scripted/scripted-protocol.js';
import { type ScriptedServer, startScriptedServer } from '../scripted/start-scripted-server.js';
import { anthropicProtocol } from './anthropic-protocol.js';

export interface AnthropicServerOptions {
  /** The `x-api-key` every request must carry; none is checked when absent. */
  readonly apiKey?: string | undefined;
  /** The models the server knows; three Claude names by default. */
  readonly models?: readonly string[] | undefined;
  readonly defaultReply?: ScriptedProtocolReply | undefined;
  readonly port?: number | undefined;
}

export interface AnthropicServer extends ScriptedServer {
  /** Up to and including `/v1`, as a provider is pointed at it. */
  readonly baseUrl: string;
}

export const anthropicEmulatorModels = ['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-1'] as const;

/**
 * An emulator of Anthropic's Messages API on 127.0.0.1: `x-api-key` and `anthropic-version`
 * checked, requests validated as Anthropic does (a `system` role, a missing `max_tokens`, a
 * temperature above 1), answers streamed as `message_start`, content blocks with `text_delta`
 * and `thinking_delta`, `message_delta` with the stop reason and usage, `message_stop`, pings,
 * and `error` events; statuses with Anthropic's error envelope (529 `overloaded_error` included).
 */
export async function startAnthropicServer(options: AnthropicServerOptions = {}): Promise<AnthropicServer> {
  const server = await startScriptedServer({
    protocol: anthropicProtocol,
    apiKey: options.apiKey,
    models: options.models ?? anthropicEmulatorModels,
    defaultReply: options.defaultReply,
    port: options.port,
  });
  return { ...server, baseUrl: `${server.url}/v1` };
}
