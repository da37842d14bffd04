export type { RedisServerTls, RunningRedisServer, StartRedisServerOptions } from './redis-server-process.js';
export { startRedisServer } from './redis-server-process.js';
