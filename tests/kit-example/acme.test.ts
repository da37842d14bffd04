import { readFile } from 'node:fs/promises';
import { closeDispatchers } from '@switchyard/core';
import { runConformance } from '@switchyard/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { acmeConformanceSubject } from './acme.js';

afterAll(closeDispatchers);

describe("the core README's provider of one's own", () => {
  it('is this folder’s acme.ts, as it stands', async () => {
    const readme = await readFile(new URL('../../packages/core/README.md', import.meta.url), 'utf8');
    const block = readme.split('<!-- kit-example -->\n```ts\n')[1]?.split('```')[0];
    expect(block).toBe(await readFile(new URL('./acme.ts', import.meta.url), 'utf8'));
  });

  it('passes the conformance suite', { timeout: 120_000 }, async () => {
    const report = await runConformance(acmeConformanceSubject);
    const failed = report.checks.filter((check) => check.status === 'failed');
    expect(failed.map((check) => `${check.name}: ${check.reason}`)).toEqual([]);
    expect(report.passed).toBeGreaterThan(30);
  });
});
