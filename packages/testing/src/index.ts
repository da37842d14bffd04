export { startAnthropicTarget } from './anthropic/anthropic-conformance-target.js';
export { anthropicProtocol } from './anthropic/anthropic-protocol.js';
export type { AnthropicServer, AnthropicServerOptions } from './anthropic/start-anthropic-server.js';
export { anthropicEmulatorModels, startAnthropicServer } from './anthropic/start-anthropic-server.js';
export { closedPort } from './conformance/closed-port.js';
export type { CheckContext, ConformanceCheck } from './conformance/conformance-check.js';
export { conformanceChecks } from './conformance/conformance-checks.js';
export type { CheckResult, CheckStatus, ConformanceReport } from './conformance/conformance-report.js';
export type {
  ConformanceCredentials,
  ConformanceFault,
  ConformanceSubject,
  ConformanceTarget,
  ProviderTarget,
  ScriptedAnswer,
} from './conformance/conformance-subject.js';
export { formatCheckLine, formatReportTable } from './conformance/format-report.js';
export { startOpenAICompatibleTarget } from './conformance/openai-compatible-conformance-target.js';
export { startOpenAssistantTarget } from './conformance/openassistant-conformance-target.js';
export type { RunConformanceOptions } from './conformance/run-conformance.js';
export { runConformance } from './conformance/run-conformance.js';
export { scriptedConformanceTarget } from './conformance/scripted-conformance-target.js';
export type { EmulatorControls } from './http/emulator-controls.js';
export type { HoldGate } from './http/hold-gate.js';
export { holdGate } from './http/hold-gate.js';
export type { ListeningServer } from './http/listen-on-loopback.js';
export { listenOnLoopback } from './http/listen-on-loopback.js';
export type { RecordedRequest } from './http/recorded-request.js';
export type { OpenAICompatibleRoute, OpenAIReplyEnding, OpenAIScriptedReply } from './openai/openai-script.js';
export type {
  OpenAICompatibleServer,
  OpenAICompatibleServerOptions,
} from './openai/start-openai-compatible-server.js';
export { startOpenAICompatibleServer } from './openai/start-openai-compatible-server.js';
export { openAssistantModelConfigs } from './openassistant/openassistant-model-configs.js';
export type {
  OpenAssistantRoute,
  ReplyEnding,
  RouteFault,
  ScriptedReply,
} from './openassistant/openassistant-script.js';
export { PythonFloat, pythonJsonDumps } from './openassistant/python-json.js';
export type {
  ChatView,
  OpenAssistantServer,
  OpenAssistantServerOptions,
} from './openassistant/start-openassistant-server.js';
export {
  openAssistantSessionCookieName,
  startOpenAssistantServer,
} from './openassistant/start-openassistant-server.js';
export type { ScriptedProtocolParts } from './scripted/define-scripted-protocol.js';
export { defineScriptedProtocol } from './scripted/define-scripted-protocol.js';
export type {
  AnswerSummary,
  ProtocolErrorAnswer,
  ProtocolRequest,
  ScriptedEnding,
  ScriptedProtocol,
  ScriptedProtocolReply,
  StreamEncoder,
} from './scripted/scripted-protocol.js';
export type { ScriptedRoute, ScriptedServer, ScriptedServerOptions } from './scripted/start-scripted-server.js';
export { startScriptedServer } from './scripted/start-scripted-server.js';
