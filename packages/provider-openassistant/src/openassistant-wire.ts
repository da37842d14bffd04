import { z } from 'zod';

/** The parts of the server's replies the provider relies on; everything else is ignored. */
export const chatCreatedSchema = z.object({ id: z.string().min(1) });

export const messageReadSchema = z.object({
  id: z.string().min(1),
  content: z.string().nullable(),
  state: z.string(),
});

export type MessageRead = z.infer<typeof messageReadSchema>;

/** Events as the SSE stream carries them; checked by hand on the hot path, not by zod. */
export type OpenAssistantEvent =
  | { readonly event_type: 'token'; readonly text: string }
  | { readonly event_type: 'message'; readonly message: MessageRead }
  | { readonly event_type: 'error'; readonly error: string; readonly message: MessageRead | null }
  | { readonly event_type: 'pending'; readonly queue_position: number; readonly queue_size: number }
  | { readonly event_type: 'plugin_intermediate' }
  | { readonly event_type: 'safe_prompt' };
