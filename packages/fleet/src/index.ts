/**
 * @invoicekit/fleet — many tenants' migrations and syncs on PostgreSQL: each tenant's journal in
 * tables (customer and invoice mappings with their reconciliation, sync cursors) owned by one
 * worker at a time through a lease that expires with its worker, jobs on pg-boss (retries with
 * backoff, dead letters), a worker pool any number of processes run, and a status view.
 */
export { Fleet, type EnqueuedTenant, type FleetOptions } from './fleet';
export {
  startFleetWorker,
  type FleetWorker,
  type FleetWorkerEvent,
  type FleetWorkerOptions,
} from './jobs/fleet-worker';
export { deadLetterQueueOf } from './jobs/job-queue';
export { SCHEMA_NAME } from './database/sql-identifier';
export { PostgresJournal, type PostgresJournalOptions } from './journal/postgres-journal';
export { LeaseLostError } from './journal/lease-errors';
export { currentWorker, type WorkerIdentity } from './journal/worker-identity';
export {
  SCHEMA_MIGRATIONS,
  fleetSchemaVersion,
  migrateFleetSchema,
  type SchemaMigration,
} from './database/schema-migrations';
export {
  FleetJobSchema,
  type FleetDatabaseOptions,
  type FleetJob,
  type FleetJobInput,
  type FleetRetryOptions,
  type TenantAdapterFactory,
  type TenantAdapterRequest,
} from './options';
export type { TenantState, TenantStatus } from './status/tenant-status';
