import type { AttemptRecord } from '../errors/all-providers-failed-error.js';
import type { CallWarning } from './call-warning.js';
import type { FinishReason, Usage } from './stream-part.js';

/** What `complete(request)` resolves to: the whole answer and what the server said about it. */
export interface ChatResult {
  readonly text: string;
  /** The model's reasoning, where it streamed any; empty otherwise. */
  readonly reasoning: string;
  readonly finishReason: FinishReason;
  readonly rawFinishReason: string | undefined;
  readonly usage: Usage | undefined;
  /** The provider that served (for a chain, the member that did). */
  readonly provider: string;
  readonly model: string;
  readonly warnings: readonly CallWarning[];
  /** Every attempt the call made, the serving one last: one for a single provider. */
  readonly attempts: readonly AttemptRecord[];
}

/** What `createCompletion` resolves to, as gpt4free's callers know it. */
export interface Completion {
  readonly text: string;
  /** The provider that produced the text (for a fallback chain: the one that served). */
  readonly provider: string;
  readonly model: string;
}
