import type { SharedV3Warning } from '@ai-sdk/provider';
import type { CallWarning } from '@switchyard/core';

/** A Switchyard warning as the AI SDK reports it; the provider that raised it is kept in the text. */
export function toAiSdkWarning(warning: CallWarning): SharedV3Warning {
  const details = `${warning.provider}: ${warning.message}`;
  switch (warning.type) {
    case 'unsupported-setting':
      return { type: 'unsupported', feature: warning.setting ?? 'setting', details };
    case 'changed-setting':
      return { type: 'compatibility', feature: warning.setting ?? 'setting', details };
    case 'other':
      return { type: 'other', message: details };
  }
}

/** An AI SDK model's warning as a Switchyard call warning (the provider is added by the caller). */
export function fromAiSdkWarning(warning: SharedV3Warning): Omit<CallWarning, 'provider'> {
  switch (warning.type) {
    case 'unsupported':
      return {
        type: 'unsupported-setting',
        setting: warning.feature,
        message: warning.details ?? `the model does not support ${warning.feature}; it was not sent`,
      };
    case 'compatibility':
      return {
        type: 'changed-setting',
        setting: warning.feature,
        message: warning.details ?? `${warning.feature} was sent in a compatibility mode`,
      };
    case 'other':
      return { type: 'other', message: warning.message };
  }
}
