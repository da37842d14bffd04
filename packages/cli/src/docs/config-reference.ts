import { configEnvironmentVariables, switchyardConfigSchema } from '@switchyard/core';
import { anthropicSectionSchema } from '@switchyard/provider-anthropic';
import { openAICompatibleEndpointSection, openAICompatibleSectionSchema } from '@switchyard/provider-openai-compatible';
import { openAssistantSettingsSchema } from '@switchyard/provider-openassistant';
import type { z } from 'zod';
import { type SchemaRow, schemaRows } from './schema-rows.js';

interface Section {
  readonly title: string;
  readonly intro: string;
  readonly prefix: string;
  readonly schema: z.ZodType;
}

/** What the reference documents: the config file, and each provider section the command knows. */
export const configSections: readonly Section[] = [
  {
    title: 'switchyard.config.json',
    intro:
      'Read from the working directory, or the file `SWITCHYARD_CONFIG` or `--config` names. Strict: an unknown key is an error that names it.',
    prefix: '',
    schema: switchyardConfigSchema,
  },
  {
    title: 'providers.OpenAssistant',
    intro: 'The Open Assistant provider (`@switchyard/provider-openassistant`).',
    prefix: 'providers.OpenAssistant.',
    schema: openAssistantSettingsSchema,
  },
  {
    title: 'providers.OpenAI',
    intro: 'OpenAI itself (`@switchyard/provider-openai-compatible`); its key may also come from `OPENAI_API_KEY`.',
    prefix: 'providers.OpenAI.',
    schema: openAICompatibleSectionSchema,
  },
  {
    title: 'providers.Anthropic',
    intro:
      "Anthropic's Messages API (`@switchyard/provider-anthropic`); its key may also come from `ANTHROPIC_API_KEY`.",
    prefix: 'providers.Anthropic.',
    schema: anthropicSectionSchema,
  },
  {
    title: 'providers.<any other name>',
    intro:
      'Any other name is an OpenAI-compatible endpoint registered under that name (Ollama, vLLM, llama.cpp, LM Studio, OpenRouter …); `baseUrl` is required. A plugin brings sections of its own.',
    prefix: 'providers.<name>.',
    schema: openAICompatibleEndpointSection.schema,
  },
];

/** Variables read outside the config's own overrides, by the command or by the config loader. */
const otherVariables: ReadonlyArray<readonly [string, string]> = [
  ['SWITCHYARD_CONFIG', 'The config file to read instead of `./switchyard.config.json`; `--config` wins over it.'],
  [
    'SWITCHYARD_API_KEY',
    'The API key of the provider `chat` asks (`--provider`, or the first of `--fallback`); `--api-key` wins over it.',
  ],
  ['OPENAI_API_KEY', 'The key of the built-in `OpenAI` provider, unless `providers.OpenAI.apiKey` sets one.'],
  ['ANTHROPIC_API_KEY', 'The key of the built-in `Anthropic` provider, unless `providers.Anthropic.apiKey` sets one.'],
  ['NO_COLOR', 'Set: no colour, even on a terminal. Output that is not a terminal never has colour.'],
  ['FORCE_COLOR', 'Colour depth on a terminal (0 turns it off); never colour into a pipe or a file.'],
  ['TERM', '`dumb`: no spinner or status line, only plain lines.'],
];

/** Variables only the test suite and `.ci/run` read. */
const testVariables: ReadonlyArray<readonly [string, string]> = [
  ['CI', '`true`: tests that need Debian proxies fail instead of skipping when they are missing.'],
  ['SWITCHYARD_REDIS_SERVER', 'The redis-server the health-redis tests start; `redis-server` on PATH by default.'],
  ['SWITCHYARD_PROXY_CREDENTIALS', 'Set by the test proxies for the proxy processes they start.'],
];

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** Each section's keys, full path first. */
export function sectionRows(section: Section): SchemaRow[] {
  return schemaRows(section.schema).map((row) => ({ ...row, key: `${section.prefix}${row.key}` }));
}

/** Keys whose schema says nothing about them: the reference would list them without a word. */
export function undescribedKeys(): string[] {
  return configSections.flatMap(sectionRows).flatMap((row) => (row.description === undefined ? [row.key] : []));
}

/** The configuration reference, as `docs/configuration.md` holds it. */
export function configReference(): string {
  const keyDescriptions = new Map(
    configSections
      .filter((section) => section.prefix === '')
      .flatMap(sectionRows)
      .map((row) => [row.key, row.description ?? ''] as const),
  );
  const overrides = configEnvironmentVariables().map(({ variable, key }) => [
    `\`${variable}\``,
    `Sets \`${key}\`: ${keyDescriptions.get(key) ?? ''}`.trim(),
  ]);
  const parts = [
    '# Configuration reference',
    '',
    '<!-- Generated from the zod schemas by `npx --yes pnpm@10.34.8 config-docs`; packages/cli/src/docs/config-reference.test.ts fails when it is out of date. Edit the schemas, not this file. -->',
    '',
    'Precedence, resolved in one place: a call’s own settings, then a provider’s constructor settings, then its `providers.<name>` section, then the top-level keys, then the defaults. An environment variable wins over the file’s key it sets; a command-line flag wins over both.',
    '',
    '## Environment variables',
    '',
    table(['variable', 'what it does'], [...otherVariables.map(([name, text]) => [`\`${name}\``, text]), ...overrides]),
    '',
    'Read by the test suite only:',
    '',
    table(
      ['variable', 'what it does'],
      testVariables.map(([name, text]) => [`\`${name}\``, text]),
    ),
  ];
  for (const section of configSections) {
    parts.push(
      '',
      `## ${section.title}`,
      '',
      section.intro,
      '',
      table(
        ['key', 'type', 'what it is'],
        sectionRows(section).map((row) => [`\`${row.key}\``, row.type, row.description ?? '']),
      ),
    );
  }
  return `${parts.join('\n')}\n`;
}
