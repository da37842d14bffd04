import { ProtocolError, type SseEvent, silentLogger } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { openAssistantDeltas } from './openassistant-deltas.js';

async function* batches(...reads: string[][]): AsyncGenerator<SseEvent[]> {
  for (const read of reads) yield read.map((data) => ({ data, event: undefined, id: undefined }));
}

const context = {
  provider: 'OpenAssistant',
  logger: silentLogger,
  fetchFinishedMessage: () => Promise.reject(new Error('not expected')),
};

async function deltasOf(...reads: string[][]): Promise<string[]> {
  const deltas: string[] = [];
  for await (const delta of openAssistantDeltas(batches(...reads), context)) deltas.push(delta);
  return deltas;
}

const final = '{"event_type": "message", "message": {"id": "m", "content": "ignored", "state": "complete"}}';

describe('openAssistantDeltas', () => {
  it('joins the tokens of one read into one delta, whatever the JSON spacing', async () => {
    expect(
      await deltasOf(
        ['{"event_type": "token", "text": "say \\"hi\\""}', '{"event_type":"token","text":" caf\\u00e9"}'],
        ['{"event_type": "token", "text": " \\ud83d\\udc4b", "extra": true}', final],
      ),
    ).toEqual(['say "hi" café', ' 👋']);
  });

  it('skips empty tokens and observes pending events', async () => {
    expect(
      await deltasOf(
        ['{"event_type": "pending", "queue_position": 0, "queue_size": 1}'],
        ['{"event_type": "token", "text": ""}', '{"event_type": "token", "text": "x"}', final],
      ),
    ).toEqual(['x']);
  });

  it('raises a protocol error on a token whose text is not a string', async () => {
    await expect(deltasOf(['{"event_type": "token", "text": 5}'])).rejects.toSatisfy((error: unknown) =>
      ProtocolError.isInstance(error),
    );
  });
});
