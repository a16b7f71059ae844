import { readFileSync } from 'node:fs';
import { billomatStyleProvider } from '@invoicekit/billomat-style';
import {
  ValidationError,
  createProviderRegistry,
  type CreateAdapterOptions,
  type InvoiceAdapterV1,
  type ProviderDescriptor,
} from '@invoicekit/core';
import { invoiceOceanProvider } from '@invoicekit/invoiceocean';
import { plandocketProvider } from '@invoicekit/plandocket';
import { UsageError, quoted } from './io';

/** The providers the command knows. */
export const PROVIDERS = ['invoiceocean', 'billomat-style', 'plandocket'] as const;
export type ProviderId = (typeof PROVIDERS)[number];

export function providerId(value: string | undefined, flag: string): ProviderId {
  if (value === undefined)
    throw new UsageError(`${flag} is required (one of ${PROVIDERS.join(', ')})`);
  if (!(PROVIDERS as readonly string[]).includes(value))
    throw new UsageError(
      `${flag}: unknown provider ${quoted(value)} (one of ${PROVIDERS.join(', ')})`,
    );
  return value as ProviderId;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The configuration keys a provider knows (its schema's object shape). */
export function configKeys(provider: string): readonly string[] {
  let schema = registry().get(provider)?.configSchema as unknown;
  // Through the schema's transform and refinements to its object.
  for (let depth = 0; depth < 8 && schema; depth += 1) {
    const shape = (schema as { shape?: unknown }).shape;
    if (isPlainObject(shape)) return Object.keys(shape);
    const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    schema = def?.in ?? def?.innerType ?? def?.schema;
  }
  return [];
}

/**
 * What a bad `--set` assignment may be called by: its provider and key when both are known names
 * (` for plandocket.apiKey`), else nothing — the rest of it is the value, often a secret.
 */
function named(assignment: string): string {
  const head = /^([a-z-]+)\.([A-Za-z]+)/.exec(assignment);
  const provider = head?.[1] ?? '';
  const key = head?.[2] ?? '';
  if (!(PROVIDERS as readonly string[]).includes(provider)) return '';
  return configKeys(provider).includes(key)
    ? ` for ${provider}.${key} (its value is not shown)`
    : ` for a ${provider} key (not shown)`;
}

/** `API_TOKEN` → `apiToken`. */
function camelCase(snake: string): string {
  return snake.toLowerCase().replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** Config keys whose values are always text. */
const TEXT_KEYS = /(token|key|secret|password|email|account|tenant|url|endpoint|brand)$/i;

/** A value from the command line or the environment: numbers and booleans as such. */
function typed(key: string, value: string): unknown {
  // Credentials and names stay text even when they are all digits (a numeric API key, tenant).
  if (TEXT_KEYS.test(key)) return value;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}

/**
 * A provider's configuration, merged from (weakest first) the JSON file (`{ "<provider>": {…} }`),
 * the environment (`INVOICEKIT_<PROVIDER>_<KEY>`, e.g. `INVOICEKIT_INVOICEOCEAN_API_TOKEN`) and
 * `--set <provider>.<key>=<value>` flags.
 */
export function providerConfig(
  provider: ProviderId,
  sources: {
    file?: string | undefined;
    env: Readonly<Record<string, string | undefined>>;
    set?: readonly string[];
  },
): Record<string, unknown> {
  let fromFile: Record<string, unknown> = {};
  if (sources.file !== undefined) {
    let text: string;
    try {
      text = readFileSync(sources.file, 'utf8');
    } catch {
      throw new UsageError(`--config: cannot read ${sources.file}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // The parser's message quotes the text around the error: the file holds credentials.
      throw new UsageError(`--config: ${sources.file} is not JSON`);
    }
    if (!isPlainObject(parsed))
      throw new UsageError(`--config: ${sources.file} must hold an object { "<provider>": {…} }`);
    const section = parsed[provider] ?? {};
    if (!isPlainObject(section))
      throw new UsageError(`--config: "${provider}" in ${sources.file} must be an object`);
    fromFile = section;
  }
  const prefix = `INVOICEKIT_${provider.toUpperCase().replace(/-/g, '_')}_`;
  const fromEnv = Object.fromEntries(
    Object.entries(sources.env)
      .filter(([name, value]) => name.startsWith(prefix) && value !== undefined)
      .map(([name, value]) => [camelCase(name.slice(prefix.length)), typed(name, value ?? '')]),
  );
  const fromFlags: Record<string, unknown> = {};
  for (const assignment of sources.set ?? []) {
    const match = /^([a-z-]+)\.([A-Za-z]+)=(.*)$/s.exec(assignment);
    if (!match)
      throw new UsageError(`--set: expected <provider>.<key>=<value>${named(assignment)}`);
    if (match[1] === provider) fromFlags[match[2] ?? ''] = typed(match[2] ?? '', match[3] ?? '');
  }
  return { ...fromFile, ...fromEnv, ...fromFlags, provider };
}

function registry() {
  return createProviderRegistry([invoiceOceanProvider, billomatStyleProvider, plandocketProvider]);
}

/**
 * Every provider's configuration keys, for `--help`: read off the schemas, so the list cannot
 * drift from what the adapters accept.
 */
export function providerKeysHelp(): string {
  return PROVIDERS.map(
    (provider) =>
      `  ${provider}: ${configKeys(provider)
        .filter((key) => key !== 'provider')
        .join(', ')}`,
  ).join('\n');
}

/** `apiToken` → `API_TOKEN`. */
function snakeCase(camel: string): string {
  return camel.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** Where a configuration key can be given: the flag, the environment variable, the file. */
function howToSet(provider: string, path: string): string {
  const key = /^[A-Za-z]+$/.exec(path)?.[0];
  if (!key || !(PROVIDERS as readonly string[]).includes(provider)) return '';
  const variable = `INVOICEKIT_${provider.toUpperCase().replace(/-/g, '_')}_${snakeCase(key)}`;
  return ` (give it with --set ${provider}.${key}=…, ${variable}, or "${key}" in the "${provider}" section of --config)`;
}

/** An adapter from configuration; invalid configuration is a one-line usage error (no values shown). */
export function createAdapter(
  config: Record<string, unknown>,
  options: CreateAdapterOptions = {},
): InvoiceAdapterV1 {
  try {
    return registry().createAdapter(config, options);
  } catch (error) {
    if (error instanceof ValidationError) {
      const provider = String(config.provider);
      const fields = error.issues
        .map(
          (issue) =>
            `${issue.path || '(config)'}: ${issue.message}${howToSet(provider, issue.path)}`,
        )
        .join('; ');
      throw new UsageError(`invalid ${String(config.provider)} configuration — ${fields}`);
    }
    throw error;
  }
}

/** A provider's registry entry: its configuration schema and rate-limit defaults. */
export function providerDescriptor(provider: ProviderId): ProviderDescriptor<unknown> {
  const descriptor = registry().get(provider);
  // Every id of PROVIDERS is registered above; a miss is a bug in this file, not in the input.
  if (!descriptor) throw new Error(`provider ${provider} is not registered`);
  return descriptor;
}
