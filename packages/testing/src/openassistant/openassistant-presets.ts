import { PythonFloat, type PythonJsonValue } from './python-json.js';

const preset = (
  name: string,
  description: string,
  sampling: Partial<Record<'top_k' | 'top_p' | 'typical_p' | 'temperature' | 'repetition_penalty', number>>,
): PythonJsonValue => ({
  name,
  description,
  sampling_parameters: {
    top_k: sampling.top_k ?? null,
    top_p: sampling.top_p === undefined ? null : new PythonFloat(sampling.top_p),
    typical_p: sampling.typical_p === undefined ? null : new PythonFloat(sampling.typical_p),
    temperature: sampling.temperature === undefined ? null : new PythonFloat(sampling.temperature),
    repetition_penalty: sampling.repetition_penalty === undefined ? null : new PythonFloat(sampling.repetition_penalty),
    max_new_tokens: 1024,
  },
});

/** The eight presets `/configs/model_configs` returns for every model (protocol §3.2). */
export const openAssistantPresets: readonly PythonJsonValue[] = [
  preset('k50', 'Top-k sampling with k=50', { top_k: 50, top_p: 0.95, temperature: 0.75, repetition_penalty: 1.2 }),
  preset('k50-Creative', 'Top-k sampling with k=50, higher temperature', {
    top_k: 50,
    top_p: 0.95,
    temperature: 0.85,
    repetition_penalty: 1.2,
  }),
  preset('k50-Precise', 'Top-k sampling with k=50, low temperature', {
    top_k: 50,
    top_p: 0.95,
    temperature: 0.1,
    repetition_penalty: 1.2,
  }),
  preset('k50-Original', 'Top-k sampling with k=50, highest temperature', {
    top_k: 50,
    top_p: 0.95,
    temperature: 0.9,
    repetition_penalty: 1.2,
  }),
  preset('k50-Plugins', 'Top-k sampling with k=50 and temperature=0.35', {
    top_k: 50,
    temperature: 0.35,
    repetition_penalty: 1 / 0.9,
  }),
  preset('nucleus9', 'Nucleus sampling with p=0.9', { top_p: 0.9, temperature: 0.8, repetition_penalty: 1.2 }),
  preset('typical2', 'Typical sampling with p=0.2', { typical_p: 0.2, temperature: 0.8, repetition_penalty: 1.2 }),
  preset('typical3', 'Typical sampling with p=0.3', { typical_p: 0.3, temperature: 0.8, repetition_penalty: 1.2 }),
];
