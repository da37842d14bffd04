import type { RouteFault } from '../openassistant/openassistant-script.js';

/** Faults queued per route, each used for `times` requests (once by default), in order. */
export class RouteFaults<Route extends string> {
  readonly #queues = new Map<Route, Array<RouteFault & { remaining: number }>>();

  add(route: Route, fault: RouteFault): void {
    const queue = this.#queues.get(route) ?? [];
    queue.push({ ...fault, remaining: fault.times ?? 1 });
    this.#queues.set(route, queue);
  }

  /** The fault the next request to `route` gets, if any. */
  take(route: Route): RouteFault | undefined {
    const queue = this.#queues.get(route);
    const fault = queue?.[0];
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) queue?.shift();
    return fault;
  }
}
