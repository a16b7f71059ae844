import { pathToFileURL } from 'node:url';
import { UsageError } from '../../io';

/** What a worker asks the credentials module for: one side of one tenant's migration. */
export interface CredentialsRequest {
  readonly role: 'source' | 'target';
  readonly provider: string;
}

/**
 * The contract of a `--credentials` module: `credentialsFor(tenantId, { role, provider })`,
 * sync or async, returns that provider's adapter configuration for the tenant (e.g.
 * `{ apiToken, baseUrl }` for invoiceocean, `{ tenant, apiKey }` for plandocket) — from the
 * operator's secret store, never from the queue.
 */
export type CredentialsFor = (
  tenantId: string,
  request: CredentialsRequest,
) => Record<string, unknown> | Promise<Record<string, unknown>>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Imports the module (a path from the working directory, as a file URL so that Windows drive
 * letters and odd characters work) and returns its `credentialsFor`, named or on its default
 * export. A module that cannot be imported is named by its error's kind only: a syntax error's
 * message quotes the module's source, which holds credentials or the code that reads them.
 */
export async function loadCredentialsModule(path: string): Promise<CredentialsFor> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const kind =
      typeof code === 'string' ? code : error instanceof Error ? error.name : typeof error;
    throw new UsageError(`--credentials: cannot import ${path} (${kind})`);
  }
  const fallback = isPlainObject(module.default) ? module.default.credentialsFor : undefined;
  const credentialsFor = module.credentialsFor ?? fallback;
  if (typeof credentialsFor !== 'function')
    throw new UsageError(
      `--credentials: ${path} exports no function credentialsFor(tenantId, { role, provider })`,
    );
  const resolver = credentialsFor as (...args: unknown[]) => unknown;
  return async (tenantId, request) => {
    const config: unknown = await resolver(tenantId, request);
    if (!isPlainObject(config))
      throw new Error(
        `credentialsFor(${JSON.stringify(tenantId)}, { role: ${request.role} }) did not return an object of ${request.provider} configuration`,
      );
    return config;
  };
}
