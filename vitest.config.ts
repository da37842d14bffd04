import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Most test files wait on sockets, child processes and timers rather than compute: more of
    // them side by side than there are cores keeps the suite's wall time down. Each file still
    // runs in a process of its own, so the suite's timer and leftover counts stay per file.
    maxWorkers: 4,
  },
});
