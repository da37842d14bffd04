export { freePort } from './free-port.js';
export { startDante } from './start-dante.js';
export type { ProxyKind, ProxyTunnel, RunningProxy, StartProxyOptions } from './start-proxy-process.js';
export { startProxyProcess } from './start-proxy-process.js';
export { startTinyproxy } from './start-tinyproxy.js';
export type {
  RunningThirdPartyProxy,
  StartThirdPartyProxyOptions,
  ThirdPartyProxyKind,
} from './third-party-proxy.js';
export { missingThirdPartyProxy, requireThirdPartyProxy } from './third-party-proxy.js';
