import { freePort } from '@switchyard/test-proxies';

/** A port on 127.0.0.1 that nothing listens on: connections to it are refused. */
export const closedPort: () => Promise<number> = freePort;
