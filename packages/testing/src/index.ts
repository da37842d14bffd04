export type { ListeningServer } from './http/listen-on-loopback.js';
export { listenOnLoopback } from './http/listen-on-loopback.js';
export type { RecordedRequest } from './http/recorded-request.js';
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
