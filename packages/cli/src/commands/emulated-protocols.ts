/** The protocols `switchyard emulate --protocol` serves; apart, so `--help` lists them without loading the emulators. */
export const emulatedProtocols = ['openassistant', 'openai', 'anthropic'] as const;
export type EmulatedProtocol = (typeof emulatedProtocols)[number];
