/** The request's fields as the flags that set them, so a validation error names what the user typed. */
const flagOf: Readonly<Record<string, string>> = {
  temperature: '--temperature',
  topP: '--top-p',
  topK: '--top-k',
  maxOutputTokens: '--max-tokens',
  model: '--model',
  proxy: '--proxy',
  cookies: '--cookie',
  timeouts: '--timeout',
  messages: 'the prompt',
};

/** `request.temperature` → `--temperature`; a path no flag sets stays as it is. */
export function flagForPath(path: string): string {
  const field = path.replace(/^(request|options)\./, '').split('.')[0] ?? path;
  return flagOf[field] ?? path;
}
