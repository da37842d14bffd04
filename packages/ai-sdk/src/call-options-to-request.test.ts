import { UnsupportedFunctionalityError } from '@ai-sdk/provider';
import { InvalidRequestError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { callOptionsToRequest } from './call-options-to-request.js';

const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }];

describe('callOptionsToRequest', () => {
  it('carries the standard settings, the model and providerOptions.switchyard into the request', () => {
    const { request, warnings } = callOptionsToRequest(
      {
        prompt,
        temperature: 0.5,
        topP: 0.8,
        topK: 4,
        maxOutputTokens: 32,
        stopSequences: [],
        seed: 3,
        headers: { 'User-Agent': 'ai/6' },
        providerOptions: {
          switchyard: { timeouts: { totalMs: 9000 }, providerOptions: { Ollama: { extraBody: { keep_alive: 0 } } } },
          openai: { ignored: true },
        },
      },
      'llama3.1:8b',
      'Chain',
    );
    expect(request).toEqual({
      messages: [{ role: 'user', content: 'Hi' }],
      model: 'llama3.1:8b',
      temperature: 0.5,
      topP: 0.8,
      topK: 4,
      maxOutputTokens: 32,
      seed: 3,
      timeouts: { totalMs: 9000 },
      providerOptions: { Ollama: { extraBody: { keep_alive: 0 } } },
    });
    expect(warnings).toEqual([]);
  });

  it('warns about what a Switchyard request has no place for', () => {
    const { warnings } = callOptionsToRequest(
      {
        prompt,
        presencePenalty: 0.1,
        frequencyPenalty: 0.2,
        responseFormat: { type: 'json' },
        headers: { 'x-team': 'a', 'user-agent': 'ai/6', 'x-unset': undefined },
      },
      undefined,
      'Chain',
    );
    expect(warnings.map((warning) => (warning.type === 'other' ? warning.message : warning.feature))).toEqual([
      'presencePenalty',
      'frequencyPenalty',
      'responseFormat',
      'headers',
    ]);
    expect(warnings[3]).toMatchObject({ details: expect.stringContaining('x-team not sent') });
  });

  it('refuses tools, and names a bad providerOptions.switchyard field', () => {
    expect(() =>
      callOptionsToRequest(
        { prompt, tools: [{ type: 'function', name: 'weather', inputSchema: { type: 'object' } }] },
        undefined,
        'Chain',
      ),
    ).toThrowError(UnsupportedFunctionalityError);
    expect(() =>
      callOptionsToRequest({ prompt, providerOptions: { switchyard: { proxy: 'not a url' } } }, undefined, 'Chain'),
    ).toThrowError(InvalidRequestError);
    expect(() =>
      callOptionsToRequest({ prompt, providerOptions: { switchyard: { proxy: 'not a url' } } }, undefined, 'Chain'),
    ).toThrow(/providerOptions\.switchyard\.proxy/);
  });
});
