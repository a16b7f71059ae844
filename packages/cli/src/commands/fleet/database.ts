import { InvoicekitError } from '@invoicekit/core';
import { SCHEMA_NAME } from '@invoicekit/fleet';
import { CommandError, UsageError, type CliIo } from '../../io';

/** The `parseArgs` options every `fleet` sub-command shares: where the fleet lives. */
export const DATABASE_FLAG_OPTIONS = {
  'database-url': { type: 'string' },
  schema: { type: 'string' },
  'job-schema': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The help lines of {@link DATABASE_FLAG_OPTIONS}. */
export const DATABASE_FLAGS_HELP = `  --database-url URL  PostgreSQL, postgres://user:password@host:port/database; DATABASE_URL in
                      the environment by default (better: a URL on the command line is visible to
                      every user of the machine)
  --schema NAME       the schema of the fleet's tables (default invoicekit_fleet)
  --job-schema NAME   the schema of its job queue, pg-boss's (default invoicekit_fleet_jobs)`;

/** Where the fleet lives, checked: what `Fleet.connect` and `startFleetWorker` take. */
export interface FleetDatabase {
  readonly databaseUrl: string;
  readonly schema?: string;
  readonly jobSchema?: string;
  /** `host:port/database`: how errors and log lines name the database (no user, no password). */
  readonly location: string;
  /** The URL's password, in the forms it may be spelled in: kept out of every message. */
  readonly secrets: readonly string[];
}

/** The flags' values as `parseArgs` gives them. */
export interface DatabaseFlags {
  readonly 'database-url'?: string | undefined;
  readonly schema?: string | undefined;
  readonly 'job-schema'?: string | undefined;
}

function schemaName(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!SCHEMA_NAME.test(value))
    throw new UsageError(
      `${flag}: expected a schema name of lowercase letters, digits and _ (at most 63)`,
    );
  return value;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * `--database-url` (or `DATABASE_URL`), `--schema` and `--job-schema`, checked: a missing or
 * malformed URL is a usage error that never quotes it (it holds the password).
 */
export function fleetDatabase(io: CliIo, values: DatabaseFlags): FleetDatabase {
  const databaseUrl = values['database-url'] ?? io.env.DATABASE_URL;
  if (databaseUrl === undefined || databaseUrl === '')
    throw new UsageError(
      'the database is not given: set DATABASE_URL or pass --database-url postgres://…',
    );
  const url = URL.canParse(databaseUrl) ? new URL(databaseUrl) : undefined;
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') || !url.hostname)
    throw new UsageError(
      'the database URL (not shown) is not a postgres://user:password@host:port/database URL',
    );
  const schema = schemaName(values.schema, '--schema');
  const jobSchema = schemaName(values['job-schema'], '--job-schema');
  if (schema !== undefined && schema === jobSchema)
    throw new UsageError('--schema and --job-schema name the same schema: give two');
  const password = url.password;
  return {
    databaseUrl,
    ...(schema !== undefined ? { schema } : {}),
    ...(jobSchema !== undefined ? { jobSchema } : {}),
    location: `${url.hostname}:${url.port || '5432'}${url.pathname.length > 1 ? url.pathname : ''}`,
    secrets: password === '' ? [] : [password, decoded(password)],
  };
}

/** Replaces every secret in `text`. */
function redacted(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret !== '') result = result.split(secret).join('[REDACTED]');
  return result;
}

/**
 * A failure talking to PostgreSQL as one line naming the database's host — never its URL: the
 * system's code (`ECONNREFUSED`), or the server's own message (`password authentication failed
 * for user "fleet"`) with the password taken out should it ever hold it.
 */
export function databaseError(database: FleetDatabase, error: unknown): Error {
  if (error instanceof UsageError || error instanceof CommandError) return error;
  // The fleet's typed errors (a ValidationError naming a field) are redacted where they are made.
  if (InvoicekitError.isInvoicekitError(error)) return error;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? (message.split('\n')[0] ?? '') : '';
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code))
    return new CommandError(`cannot reach PostgreSQL at ${database.location} (${code})`);
  const reason =
    text !== ''
      ? redacted(text, [database.databaseUrl, ...database.secrets]).slice(0, 300)
      : error instanceof Error
        ? error.name
        : 'an unknown failure';
  return new CommandError(`PostgreSQL at ${database.location}: ${reason}`);
}

/** Runs `work` against the database; any failure of it becomes {@link databaseError}. */
export async function withDatabase<T>(database: FleetDatabase, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw databaseError(database, error);
  }
}

/** What `Fleet.connect` and `startFleetWorker` take of {@link FleetDatabase}. */
export function connectOptions(database: FleetDatabase): {
  databaseUrl: string;
  schema?: string;
  jobSchema?: string;
} {
  return {
    databaseUrl: database.databaseUrl,
    ...(database.schema !== undefined ? { schema: database.schema } : {}),
    ...(database.jobSchema !== undefined ? { jobSchema: database.jobSchema } : {}),
  };
}
