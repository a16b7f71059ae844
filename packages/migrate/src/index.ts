/**
 * @invoicekit/migrate — moves a book of invoices between invoicing vendors exactly once: streamed
 * source, customers mapped once, idempotent writes through the target's dedupe, lifecycle replay,
 * reconciliation to the cent, a durable journal (locked to one run, bound to its migration) for
 * resuming, and a report — and `sync`, which keeps the target following the source until cut-over.
 */
export { migrate, type MigrateOptions, type MigrationProgress } from './migrate';
export { sync, type SyncOptions, type SyncProgress } from './sync';
export {
  summarizeSync,
  type SyncInvoiceReport,
  type SyncOutcome,
  type SyncReport,
  type SyncScope,
} from './sync-report';
export { syncFromWebhook } from './sync-from-webhook';
export {
  FileJournal,
  JOURNAL_FORMAT,
  MemoryJournal,
  sameIdentity,
  type JournalEntry,
  type MigrationJournal,
} from './journal';
export {
  JournalCorruptError,
  JournalLockedError,
  JournalMismatchError,
  describeEndpoint,
  describeIdentity,
  type JournalLockHolder,
  type MigrationEndpoint,
  type MigrationIdentity,
} from './journal-errors';
export { JournalLock } from './journal-lock';
export { endpointOf, safeAccount } from './identity';
export { summarize, type InvoiceOutcome, type InvoiceReport, type MigrationReport } from './report';
export {
  explainDifferences,
  reconcile,
  verdictOf,
  type Announcement,
  type Difference,
  type ReconcileContext,
  type Reconciliation,
} from './reconcile';
export {
  planLifecycle,
  type CannotReplay,
  type DraftPolicy,
  type LifecycleStep,
  type TargetAbilities,
} from './lifecycle';
export {
  migrationKey,
  planCreateInput,
  toCreateInput,
  uncarriedFieldWarnings,
  type CreateInputContext,
} from './to-create-input';
export { CustomerMapper, toCustomerInput, toCustomerWrite } from './customer-mapper';
export { forEachConcurrently } from './pool';
export type { RunOptions, VerifyPolicy } from './run-options';
