export type { AiSdkCallOptions, AiSdkModelSource, AiSdkProviderSettings } from './ai-sdk-provider-settings.js';
export { aiSdkCallOptionsSchema, aiSdkProviderSettingsSchema } from './ai-sdk-provider-settings.js';
export { AiSdkProvider, fromAiSdk } from './from-ai-sdk.js';
export { fromAiSdkError, fromAiSdkStreamError } from './from-ai-sdk-error.js';
export { registerAiSdkProvider } from './register-ai-sdk-provider.js';
export { switchyardFetch } from './switchyard-fetch.js';
