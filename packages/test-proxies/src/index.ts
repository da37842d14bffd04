export type { ProxyKind, ProxyTunnel, RunningProxy, StartProxyOptions } from './start-proxy-process.js';
export { startProxyProcess } from './start-proxy-process.js';
