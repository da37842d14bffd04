import type { RouteFault } from '../openassistant/openassistant-script.js';
import type { ListeningServer } from './listen-on-loopback.js';
import type { RouteFaults } from './route-faults.js';

/** What every emulator lets a test do and see, whatever protocol it speaks. */
export interface EmulatorControls<Reply, Route extends string> {
  /** Streams currently open, and requests a stall fault holds unanswered. */
  openStreams(): number;
  /** TCP connections accepted so far. */
  connectionsAccepted(): number;
  /** The next answer uses this reply (queued in order). */
  enqueueReply(reply: Reply): void;
  /** The next request(s) to `route` get this fault instead of an answer. */
  failNext(route: Route, fault: RouteFault): void;
  /** Ends open streams, destroys the sockets and stops listening. */
  close(): Promise<void>;
}

export function emulatorControls<Reply, Route extends string>(parts: {
  readonly listening: ListeningServer;
  /** One controller per open stream, aborted to end it. */
  readonly streams: ReadonlySet<AbortController>;
  readonly replies: Reply[];
  readonly faults: RouteFaults<Route>;
}): EmulatorControls<Reply, Route> {
  const { listening, streams, replies, faults } = parts;
  return {
    openStreams: () => streams.size,
    connectionsAccepted: () => listening.connectionsAccepted(),
    enqueueReply: (reply) => {
      replies.push(reply);
    },
    failNext: (route, fault) => {
      faults.add(route, fault);
    },
    async close() {
      for (const stream of streams) stream.abort();
      await listening.close();
    },
  };
}
