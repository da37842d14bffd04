import type { AnyProvider, Messages } from '@switchyard/core';
import type { ConformanceSubject, ConformanceTarget, ProviderTarget } from './conformance-subject.js';

export interface CheckContext {
  readonly subject: ConformanceSubject;
  /** A fresh emulator for this check, closed after it. */
  readonly target: ConformanceTarget;
  /** The provider pointed at the target with its credentials; overrides replace parts of that. */
  provider(overrides?: Partial<ProviderTarget>): AnyProvider;
  readonly messages: Messages;
  /** The longest the suite waits for something that should happen at once. */
  readonly boundMs: number;
}

export interface ConformanceCheck {
  /** `group.check`, stable across releases so reports can be compared. */
  readonly name: string;
  readonly description: string;
  run(context: CheckContext): Promise<void>;
}
