import { scriptedConformanceTarget } from '../conformance/scripted-conformance-target.js';
import { anthropicProtocol } from './anthropic-protocol.js';
import { anthropicEmulatorModels } from './start-anthropic-server.js';

/** The Anthropic emulator as the conformance suite drives it; `baseUrl` is its origin, `/v1` is the provider's. */
export const startAnthropicTarget = scriptedConformanceTarget(anthropicProtocol, { models: anthropicEmulatorModels });
