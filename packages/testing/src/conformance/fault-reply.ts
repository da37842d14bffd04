import type { ScriptedEnding } from '../scripted/scripted-protocol.js';
import type { ConformanceFault } from './conformance-subject.js';

/** A fault of the answer itself, rather than of a request before it. */
export type StreamFault = Exclude<ConformanceFault, { kind: 'status' | 'stall-before-headers' }>;

/** The scripted reply a stream fault becomes, in the terms the emulators that stream tokens share. */
export function faultReply(fault: StreamFault): { readonly tokens: readonly string[]; readonly end: ScriptedEnding } {
  switch (fault.kind) {
    case 'upstream-error':
      return { tokens: fault.tokensBefore, end: { kind: 'error', message: fault.message } };
    case 'drop-mid-stream':
      return { tokens: fault.tokensBefore, end: { kind: 'drop' } };
    case 'malformed':
      return { tokens: fault.tokensBefore, end: { kind: 'malformed' } };
    case 'stall-before-first-token':
      // The answer opens (a role chunk, a message_start, keep-alives) but no token ever comes.
      return { tokens: [], end: { kind: 'stall' } };
    case 'stall-mid-stream':
      return { tokens: fault.tokensBefore, end: { kind: 'stall' } };
  }
}
