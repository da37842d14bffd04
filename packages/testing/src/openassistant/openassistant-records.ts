import { randomBytes } from 'node:crypto';
import type { OpenAssistantModelConfig } from './openassistant-model-configs.js';
import type { ScriptedReply } from './openassistant-script.js';
import { PythonBigInt, PythonFloat, type PythonJsonValue } from './python-json.js';

export type MessageState =
  | 'manual'
  | 'pending'
  | 'in_progress'
  | 'complete'
  | 'aborted_by_worker'
  | 'cancelled'
  | 'timeout';

/** `SamplingParameters` after pydantic v1 validation (unknown keys dropped, defaults filled). */
export interface SamplingParameters {
  readonly top_k: number | null;
  readonly top_p: number | null;
  readonly typical_p: number | null;
  readonly temperature: number | null;
  readonly repetition_penalty: number | null;
  readonly max_new_tokens: number;
}

export interface WorkParameters {
  readonly modelConfig: OpenAssistantModelConfig;
  readonly sampling: SamplingParameters;
  readonly seed: bigint;
  readonly systemPrompt: string | null;
  readonly userProfile: string | null;
  readonly userResponseInstructions: string | null;
  readonly plugins: readonly PythonJsonValue[];
}

export interface EmulatedMessage {
  readonly id: string;
  readonly parentId: string | null;
  readonly chatId: string;
  readonly createdAt: string;
  readonly role: 'prompter' | 'assistant';
  content: string | null;
  state: MessageState;
  readonly workParameters: WorkParameters | null;
  /** What the emulated worker will answer (assistant messages only). */
  readonly reply: ScriptedReply | undefined;
}

export interface EmulatedChat {
  readonly id: string;
  readonly createdAt: string;
  modifiedAt: string;
  title: string | null;
  hidden: boolean;
  allowDataUse: boolean;
  activeThreadTailMessageId: string | null;
  readonly messages: EmulatedMessage[];
}

/** A uniformly random seed in [0, 2^64 − 2], as the inference server draws it. */
export function randomSeed(): bigint {
  return randomBytes(8).readBigUInt64BE() % 0xffff_ffff_ffff_ffffn;
}

const float = (value: number | null): PythonJsonValue => (value === null ? null : new PythonFloat(value));

function workParametersRead(work: WorkParameters): PythonJsonValue {
  const { modelConfig, sampling } = work;
  return {
    model_config: { ...modelConfig },
    sampling_parameters: {
      top_k: sampling.top_k,
      top_p: float(sampling.top_p),
      typical_p: float(sampling.typical_p),
      temperature: float(sampling.temperature),
      repetition_penalty: float(sampling.repetition_penalty),
      max_new_tokens: sampling.max_new_tokens,
    },
    do_sample: true,
    seed: new PythonBigInt(work.seed),
    system_prompt: work.systemPrompt,
    user_profile: work.userProfile,
    user_response_instructions: work.userResponseInstructions,
    plugins: work.plugins,
    plugin_max_depth: 4,
  };
}

/** `MessageRead` with its keys in the order pydantic serialises them. */
export function messageRead(message: EmulatedMessage): PythonJsonValue {
  return {
    id: message.id,
    parent_id: message.parentId,
    content: message.content,
    chat_id: message.chatId,
    created_at: message.createdAt,
    role: message.role,
    state: message.state,
    score: 0,
    reports: [],
    work_parameters: message.workParameters === null ? null : workParametersRead(message.workParameters),
    safe_content: null,
    safety_level: null,
    safety_label: null,
    safety_rots: null,
    used_plugin: null,
  };
}

/** `ChatListRead`; in list items the tail is always null. */
export function chatListRead(chat: EmulatedChat, options: { inList: boolean }): PythonJsonValue {
  return {
    id: chat.id,
    created_at: chat.createdAt,
    modified_at: chat.modifiedAt,
    title: chat.title,
    hidden: chat.hidden,
    allow_data_use: chat.allowDataUse,
    active_thread_tail_message_id: options.inList ? null : chat.activeThreadTailMessageId,
  };
}

/** `ChatRead`: the same keys plus every message of every branch. */
export function chatRead(chat: EmulatedChat): PythonJsonValue {
  return { ...(chatListRead(chat, { inList: false }) as object), messages: chat.messages.map(messageRead) };
}
