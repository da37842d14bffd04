import type { LanguageModelV3FinishReason } from '@ai-sdk/provider';
import type { FinishReason } from '@switchyard/core';

export function toAiSdkFinishReason(
  finishReason: FinishReason,
  rawFinishReason: string | undefined,
): LanguageModelV3FinishReason {
  return { unified: finishReason, raw: rawFinishReason };
}

/** `tool-calls` has no word in Switchyard's contract (it sends no tools): `other`, the raw value kept. */
export function fromAiSdkFinishReason(finishReason: LanguageModelV3FinishReason): {
  finishReason: FinishReason;
  rawFinishReason: string | undefined;
} {
  const unified = finishReason.unified === 'tool-calls' ? 'other' : finishReason.unified;
  return { finishReason: unified, rawFinishReason: finishReason.raw };
}
