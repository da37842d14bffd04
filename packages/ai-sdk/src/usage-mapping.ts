import type { LanguageModelV3Usage } from '@ai-sdk/provider';
import type { Usage } from '@switchyard/core';

/** Switchyard's token counts in the AI SDK's shape; a count the server did not report stays undefined. */
export function toAiSdkUsage(usage: Usage | undefined): LanguageModelV3Usage {
  const output = usage?.outputTokens;
  const reasoning = usage?.reasoningTokens;
  return {
    inputTokens: { total: usage?.inputTokens, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: {
      total: output,
      text: output !== undefined && reasoning !== undefined ? output - reasoning : undefined,
      reasoning,
    },
  };
}

/** The AI SDK's token counts as Switchyard's; undefined when the model reported none at all. */
export function fromAiSdkUsage(usage: LanguageModelV3Usage | undefined): Usage | undefined {
  if (usage === undefined) return undefined;
  const counts: Usage = {
    inputTokens: usage.inputTokens?.total,
    outputTokens: usage.outputTokens?.total,
    reasoningTokens: usage.outputTokens?.reasoning,
    totalTokens:
      usage.inputTokens?.total !== undefined && usage.outputTokens?.total !== undefined
        ? usage.inputTokens.total + usage.outputTokens.total
        : undefined,
  };
  const reported = Object.entries(counts).filter(([, value]) => value !== undefined);
  return reported.length === 0 ? undefined : (Object.fromEntries(reported) as Usage);
}
