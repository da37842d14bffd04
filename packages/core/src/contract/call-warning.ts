/**
 * Something a provider could not do as asked, said instead of silently ignored: a standard
 * setting its wire has no place for, or a value it had to change to send it.
 */
export interface CallWarning {
  readonly provider: string;
  /** `unsupported-setting`: the setting was not sent. `changed-setting`: it was sent, altered. */
  readonly type: 'unsupported-setting' | 'changed-setting' | 'other';
  /** The request field the warning is about, e.g. `topK`. */
  readonly setting?: string | undefined;
  readonly message: string;
}

export type WarningListener = (warning: CallWarning) => void;
