import { GatewayHttpError } from './gateway-http-error.js';

/** What a client hears when the gateway is shutting down: before its answer, or cut off in the middle of it. */
export function shuttingDown(): GatewayHttpError {
  return new GatewayHttpError({
    status: 503,
    type: 'server_error',
    code: 'server_shutting_down',
    message: 'The gateway is shutting down; retry the request (on another instance).',
    headers: { 'retry-after': '1', connection: 'close' },
  });
}
