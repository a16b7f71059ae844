import type { InvoiceAdapterV1 } from '@invoicekit/core';
import type { Pool } from 'pg';
import { z } from 'zod';
import { SCHEMA_NAME } from './database/sql-identifier';

/**
 * One tenant's job as enqueued: which tenant, which way, how — never a credential. The schema is
 * strict: a key it does not know (an `apiKey` put in by mistake) is refused, not stored in a
 * queue that every worker and operator reads.
 */
export const FleetJobSchema = z
  .object({
    tenantId: z.string().min(1).max(200),
    /** `migrate` carries the book; `sync` brings the target up to the source until cut-over. */
    kind: z.enum(['migrate', 'sync']).default('migrate'),
    /** Provider ids, e.g. `plandocket` → `invoiceocean`. */
    from: z.string().min(1).max(100),
    to: z.string().min(1).max(100),
    options: z
      .object({
        /** Invoices in flight at once within the tenant (the engine's `concurrency`). */
        concurrency: z.number().int().min(1).max(64).optional(),
        drafts: z.enum(['skip', 'as-draft', 'issue']).optional(),
        verify: z.enum(['write-answer', 'read-back']).optional(),
        dryRun: z.boolean().optional(),
        /** `sync` only: every invoice, not only the changed ones (the cut-over check). */
        full: z.boolean().optional(),
      })
      .strict()
      .default({}),
  })
  .strict()
  .refine((job) => job.from !== job.to, {
    message: 'from and to name the same provider',
    path: ['to'],
  });

/** A tenant's job as the caller gives it (defaults not applied yet). */
export type FleetJobInput = z.input<typeof FleetJobSchema>;
/** A tenant's job as stored and run. */
export type FleetJob = z.output<typeof FleetJobSchema>;

/** Where the fleet keeps its state. */
export interface FleetDatabaseOptions {
  /** A PostgreSQL connection string; or `pool`. */
  readonly databaseUrl?: string | undefined;
  /** A pool the caller owns (closing the fleet leaves it open). */
  readonly pool?: Pool | undefined;
  /** The schema of the fleet's tables; `invoicekit_fleet` by default. */
  readonly schema?: string | undefined;
  /** The schema pg-boss keeps its jobs in; `invoicekit_fleet_jobs` by default. */
  readonly jobSchema?: string | undefined;
  /** The queue's name; `invoicekit-fleet` by default (its dead letters: `<queue>-dead`). */
  readonly queue?: string | undefined;
}

export const FleetDatabaseOptionsSchema = z
  .object({
    databaseUrl: z.string().min(1).optional(),
    pool: z
      .custom<Pool>((value) => typeof (value as Pool | undefined)?.query === 'function')
      .optional(),
    schema: z.string().regex(SCHEMA_NAME).default('invoicekit_fleet'),
    jobSchema: z.string().regex(SCHEMA_NAME).default('invoicekit_fleet_jobs'),
    queue: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,100}$/)
      .default('invoicekit-fleet'),
  })
  .refine((options) => (options.databaseUrl === undefined) !== (options.pool === undefined), {
    message: 'give one of databaseUrl and pool',
    path: ['databaseUrl'],
  });

/** How a failed job is tried again before it is a dead letter. */
export interface FleetRetryOptions {
  /** Attempts after the first; 5 by default. */
  readonly limit?: number | undefined;
  /** Seconds before the first retry; 10 by default, doubled each time (`backoff`). */
  readonly delaySeconds?: number | undefined;
  readonly backoff?: boolean | undefined;
}

export const FleetRetryOptionsSchema = z
  .object({
    limit: z.number().int().min(0).max(100).default(5),
    delaySeconds: z.number().int().min(1).max(86_400).default(10),
    backoff: z.boolean().default(true),
  })
  .default({ limit: 5, delaySeconds: 10, backoff: true });

/** Which side of a tenant's migration an adapter is for. */
export interface TenantAdapterRequest {
  readonly tenantId: string;
  readonly role: 'source' | 'target';
  readonly provider: string;
}

/**
 * Builds a tenant's adapter: where the worker gets each tenant's credentials (the caller's
 * secret store, a module exporting `credentialsFor(tenantId)`). Called per job; the worker
 * closes the adapter when the job ends.
 */
export type TenantAdapterFactory = (
  request: TenantAdapterRequest,
) => InvoiceAdapterV1 | Promise<InvoiceAdapterV1>;
