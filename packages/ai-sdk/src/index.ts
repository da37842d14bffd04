// tsyringe (reached through the provider kit) refuses to load without the metadata polyfill, so it comes first.
import 'reflect-metadata';

export type { AiSdkCallOptions, AiSdkModelSource, AiSdkProviderSettings } from './ai-sdk-provider-settings.js';
export { aiSdkCallOptionsSchema, aiSdkProviderSettingsSchema } from './ai-sdk-provider-settings.js';
export type { SwitchyardCallOptions } from './call-options-to-request.js';
export { switchyardCallOptionsSchema } from './call-options-to-request.js';
export { AiSdkProvider, fromAiSdk } from './from-ai-sdk.js';
export { fromAiSdkError, fromAiSdkStreamError } from './from-ai-sdk-error.js';
export { registerAiSdkProvider } from './register-ai-sdk-provider.js';
export { switchyardFetch } from './switchyard-fetch.js';
export type { SwitchyardModelOptions } from './switchyard-model.js';
export { switchyardModel } from './switchyard-model.js';
export { toAiSdkError } from './to-ai-sdk-error.js';
