import { z } from 'zod';

/** Per-call sampling parameters in camelCase, with the ranges OpenAI documents. */
export const openAICompatibleParametersSchema = z
  .object({
    temperature: z.number().min(0).max(2),
    topP: z.number().gt(0).lte(1),
    maxTokens: z.number().int().positive(),
    stop: z.union([z.string(), z.array(z.string()).min(1).max(4)]),
    presencePenalty: z.number().min(-2).max(2),
    frequencyPenalty: z.number().min(-2).max(2),
    seed: z.number().int(),
    user: z.string(),
  })
  .partial()
  .strict();

export type OpenAICompatibleParameters = z.infer<typeof openAICompatibleParametersSchema>;

const wireNames: Readonly<Record<keyof OpenAICompatibleParameters, string>> = {
  temperature: 'temperature',
  topP: 'top_p',
  maxTokens: 'max_tokens',
  stop: 'stop',
  presencePenalty: 'presence_penalty',
  frequencyPenalty: 'frequency_penalty',
  seed: 'seed',
  user: 'user',
};

/** The parameters as the request body names them; absent ones are left to the server. */
export function parametersBody(parameters: OpenAICompatibleParameters): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parameters)) {
    if (value !== undefined) body[wireNames[key as keyof OpenAICompatibleParameters]] = value;
  }
  return body;
}
