import { writeFile } from 'node:fs/promises';
import { configReference } from './config-reference.js';

// `npx --yes pnpm@10.34.8 config-docs`: rewrites the generated reference from the schemas.
const target = new URL('../../../../docs/configuration.md', import.meta.url);
await writeFile(target, configReference());
process.stdout.write(`wrote ${target.pathname}\n`);
