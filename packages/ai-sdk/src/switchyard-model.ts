import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamResult,
} from '@ai-sdk/provider';
import {
  type AnyProvider,
  type CallWarning,
  InvalidRequestError,
  ProtocolError,
  type StartPart,
  type StreamPart,
  standardSettingNames,
} from '@switchyard/core';
import { parseRequestInput } from '@switchyard/core/provider-kit';
import { z } from 'zod';
import { aiSdkStreamOfParts } from './ai-sdk-stream-of-parts.js';
import { type ConvertedRequest, callOptionsToRequest } from './call-options-to-request.js';
import { toAiSdkFinishReason } from './finish-reason-mapping.js';
import { linkedAbort } from './linked-abort.js';
import { type FailedCall, toAiSdkError } from './to-ai-sdk-error.js';
import { toAiSdkUsage } from './usage-mapping.js';
import { toAiSdkWarning } from './warning-mapping.js';

export interface SwitchyardModelOptions {
  /** The model to ask for; each provider's (each chain member's) default when absent. */
  readonly model?: string | undefined;
}

const optionsSchema = z.strictObject({ model: z.string().min(1).optional() });

/**
 * A Switchyard provider or fallback chain as an AI SDK language model (specification v3, as
 * `ai` 6 uses it): `streamText({ model: switchyardModel(chain), prompt })`. The chain falls
 * back while nothing has reached the caller and never glues a second answer onto a first;
 * `providerMetadata.switchyard.provider` names the provider that served.
 */
export function switchyardModel(provider: AnyProvider, options: SwitchyardModelOptions = {}): LanguageModelV3 {
  if (typeof provider?.stream !== 'function' || typeof provider?.complete !== 'function') {
    throw new InvalidRequestError({
      issues: [{ path: 'provider', message: 'expected a Switchyard provider or FallbackProvider' }],
    });
  }
  const valid = parseRequestInput(optionsSchema, options, 'options', provider.name);
  // An unknown model fails here, when the model is made, not at the first call.
  if (valid.model !== undefined) provider.resolveModel(valid.model);
  return new SwitchyardLanguageModel(provider, valid.model);
}

class SwitchyardLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3';
  readonly provider: string;
  readonly modelId: string;
  readonly supportedUrls = {};
  readonly #source: AnyProvider;
  readonly #model: string | undefined;

  constructor(source: AnyProvider, model: string | undefined) {
    this.#source = source;
    this.#model = model;
    this.provider = `switchyard.${source.name}`;
    this.modelId = model ?? source.defaultModel;
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const { request, warnings } = callOptionsToRequest(options, this.#model, this.#source.name);
    const failedCall = this.#failedCall(request);
    const call = linkedAbort(options.abortSignal);
    const callWarnings: CallWarning[] = [];
    let start: StartPart;
    let parts: AsyncGenerator<StreamPart, void, undefined>;
    try {
      parts = this.#source.stream({
        ...request,
        signal: call.signal,
        onWarning: (warning) => callWarnings.push(warning),
      });
      // Resolved once the call commits to a provider: before that a chain still falls back, and
      // a failure is a rejected call, which the AI SDK retries when it is retryable.
      const first = await parts.next();
      if (first.done === true || first.value.type !== 'start') {
        throw new ProtocolError({ provider: this.#source.name, detail: 'the stream did not begin with a start part' });
      }
      start = first.value;
    } catch (error) {
      call.dispose();
      throw toAiSdkError(error, options.abortSignal, failedCall);
    }
    const stream = aiSdkStreamOfParts({
      start,
      rest: parts,
      // Every member warns as it begins, so by the commit all warnings are in.
      warnings: [...warnings, ...callWarnings.map(toAiSdkWarning)],
      failure: (error) => toAiSdkError(error, options.abortSignal, failedCall),
      aborted: () => options.abortSignal?.aborted === true,
      cancel: (reason) => call.abort(reason),
      settle: () => call.dispose(),
    });
    return { stream, request: { body: failedCall.requestBodyValues } };
  }

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const { request, warnings } = callOptionsToRequest(options, this.#model, this.#source.name);
    const failedCall = this.#failedCall(request);
    try {
      const result = await this.#source.complete({ ...request, signal: options.abortSignal });
      const content: LanguageModelV3Content[] = [];
      if (result.reasoning !== '') content.push({ type: 'reasoning', text: result.reasoning });
      content.push({ type: 'text', text: result.text });
      return {
        content,
        finishReason: toAiSdkFinishReason(result.finishReason, result.rawFinishReason),
        usage: toAiSdkUsage(result.usage),
        warnings: [...warnings, ...result.warnings.map(toAiSdkWarning)],
        request: { body: failedCall.requestBodyValues },
        response: { modelId: result.model, timestamp: new Date() },
        providerMetadata: { switchyard: { provider: result.provider, model: result.model } },
      };
    } catch (error) {
      throw toAiSdkError(error, options.abortSignal, failedCall);
    }
  }

  /** What telemetry may see of the request: messages and settings, never cookies or a proxy's password. */
  #failedCall(request: ConvertedRequest): FailedCall {
    const settings = Object.fromEntries(standardSettingNames.map((name) => [name, request[name]]));
    return {
      url: this.#source.url,
      requestBodyValues: { model: request.model, messages: request.messages, ...settings },
    };
  }
}
