import type { InjectionToken } from 'tsyringe';
import type { AsyncGeneratorProvider } from '../contract/async-generator-provider.js';

/** A provider of any parameter type, as the registry and the fallback chain hold them. */
export type AnyProvider = AsyncGeneratorProvider<object>;

/** Every provider registers under this token; the registry resolves them all. */
export const PROVIDER: InjectionToken<AnyProvider> = Symbol.for('switchyard.provider');
