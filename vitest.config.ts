import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Most test files wait on sockets, child processes and timers rather than compute: more of
    // them side by side than there are cores keeps the suite's wall time down. Each file still
    // runs in a process of its own, so the suite's timer and leftover counts stay per file.
    maxWorkers: 4,
    // Many tests start real processes (the CLI, redis-server, proxies, emulators), each ~1 s of
    // CPU on its own; with four files at once on a 2-core CI machine, vitest's 5 s default fails
    // tests that are only slow. These bounds say "it ended at all", never how fast.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
