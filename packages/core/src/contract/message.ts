import { z } from 'zod';

export const messageRoleSchema = z.enum(['system', 'user', 'assistant']);
export type MessageRole = z.infer<typeof messageRoleSchema>;

export const messageSchema = z
  .object({
    role: messageRoleSchema,
    content: z.string(),
  })
  .strict();

export interface Message {
  readonly role: MessageRole;
  readonly content: string;
}

export const messagesSchema = z.array(messageSchema).min(1, 'expected at least one message').readonly();

export type Messages = readonly Message[];
