import { closeDispatchers } from '@switchyard/core';
import { holdGate } from '@switchyard/testing';
import { Agent, request } from 'undici';
import { afterAll, expect, it } from 'vitest';
import { readAnswer } from './test-support/gateway-client.js';
import { gatewayKey, startGatewayFixture } from './test-support/gateway-fixture.js';

const clients = 1_000;
const tokensPerReply = 20;

afterAll(() => closeDispatchers());

/** Reply `id`'s tokens: each names its reply and its place, so a mixed-up or cut stream shows. */
const tokensOf = (id: number) => Array.from({ length: tokensPerReply }, (_, index) => `[${id}.${index}]`);

/** The reply id a text is made of, or undefined unless it is exactly one reply's tokens in order. */
function intactReply(text: string): number | undefined {
  const id = /^\[(\d+)\.0\]/.exec(text)?.[1];
  return id !== undefined && text === tokensOf(Number(id)).join('') ? Number(id) : undefined;
}

it(`streams ${clients} concurrent clients through the gateway with no error and every text exact`, {
  timeout: 180_000,
}, async () => {
  const fixture = await startGatewayFixture();
  const agent = new Agent({ connections: null, keepAliveTimeout: 10_000 });
  try {
    const gate = holdGate();
    // Every reply holds after its first token until all clients are streaming at once.
    for (let id = 0; id < clients; id++) {
      fixture.openAI.enqueueReply({ tokens: tokensOf(id), holdAfterToken: { index: 0, until: gate.held } });
    }
    globalThis.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let streaming = 0;
    let allStreaming: () => void = () => {};
    const everyoneStreams = new Promise<void>((resolve) => {
      allStreaming = resolve;
    });
    const runClient = async () => {
      const response = await request(`${fixture.baseURL}/chat/completions`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${gatewayKey}` },
        body: JSON.stringify({
          model: 'LocalOpenAI/gpt-4o-mini',
          messages: [{ role: 'user', content: 'Stream with everyone else.' }],
          stream: true,
        }),
      });
      let body = '';
      let counted = false;
      for await (const chunk of response.body) {
        body += String(chunk);
        if (!counted && body.includes('"content":"[')) {
          counted = true;
          streaming += 1;
          if (streaming === clients) allStreaming();
        }
      }
      return readAnswer(response.statusCode, response.headers, body);
    };
    const answers = Promise.allSettled(Array.from({ length: clients }, runClient));
    await everyoneStreams;
    const rssOpen = process.memoryUsage().rss;
    expect(fixture.openAI.openStreams()).toBe(clients);
    expect(fixture.gateway.openRequests()).toBe(clients);
    gate.release();
    const settled = await answers;
    const failures = settled.filter((result) => result.status === 'rejected');
    expect(failures.map((failure) => String(failure.reason)).slice(0, 3)).toEqual([]);
    const served = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    expect(served.filter((answer) => answer.status !== 200 || !answer.done)).toHaveLength(0);
    const ids = served.map((answer) => intactReply(answer.text));
    expect(ids.filter((id) => id === undefined)).toHaveLength(0);
    // Each reply reached exactly one client: nothing lost, duplicated or crossed between streams.
    expect(new Set(ids).size).toBe(clients);
    const perStreamKiB = (rssOpen - rssBefore) / clients / 1024;
    console.info(
      `${clients} concurrent streams: 0 errors, ${clients} exact texts; RSS ${(rssBefore / 2 ** 20).toFixed(0)} → ${(rssOpen / 2 ** 20).toFixed(0)} MiB with all open, ${perStreamKiB.toFixed(1)} KiB per open stream (client, gateway and emulator in this one process)`,
    );
  } finally {
    await agent.close();
    await fixture.close();
  }
});
