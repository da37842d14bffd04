/** What a provider says about itself; the registry and the fallback chain decide on these. */
export interface ProviderCapabilities {
  /** Unique, case-insensitive name used to look the provider up, e.g. `OpenAssistant`. */
  readonly name: string;
  /** Human-readable name for tables and messages. */
  readonly label: string;
  /** The provider's home page or endpoint. */
  readonly url: string;
  readonly needsAuth: boolean;
  /** The static starting point; runtime health in the registry can override it. */
  readonly working: boolean;
  readonly supportsStream: boolean;
  readonly supportsMessageHistory: boolean;
  readonly supportsSystemMessage: boolean;
  /**
   * Each call creates a chat on the server that the provider deletes when the call ends, however
   * it ends (Open Assistant), so a caller can say what a cancel cleaned up.
   */
  readonly createsUpstreamChat: boolean;
  readonly defaultModel: string;
  /** Every model the provider accepts; empty means it accepts any model name. */
  readonly models: readonly string[];
  /** Alternative names mapped to entries of `models`. */
  readonly modelAliases: Readonly<Record<string, string>>;
}
