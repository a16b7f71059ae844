import type { InvoiceAdapterV1 } from '@invoicekit/core';
import type { MigrationJournal } from './journal';
import type { DraftPolicy } from './lifecycle';

/** What every run — `migrate` and `sync` — takes. */
export interface RunOptions {
  readonly from: InvoiceAdapterV1;
  readonly to: InvoiceAdapterV1;
  /**
   * A journal file path (durable, resumable; locked to one run at a time) or a journal; in memory
   * when absent. A journal belongs to one migration: another source or target is refused. `sync`
   * continues the journal its `migrate` wrote.
   */
  readonly journal?: string | MigrationJournal;
  /**
   * The source's and target's accounts as the journal records them — a base URL, a tenant, a
   * login name, never a credential (URL user info, query and fragment are dropped). By default
   * what each adapter declares.
   */
  readonly accounts?: { readonly from?: string; readonly to?: string };
  /** Invoices in flight at once; 4 by default. The adapters' rate limiters still apply. */
  readonly concurrency?: number;
  /**
   * Stops the run cleanly: no further invoice is taken, the ones in flight finish (a write is
   * never cut off halfway), the journal holds every fact, and the report says `interrupted`.
   * Running the same command again with the same journal resumes where it stopped.
   */
  readonly signal?: AbortSignal;
  /** `problems` (default): the report lists invoices with a warning, change, skip, failure or difference. */
  readonly detail?: 'problems' | 'all';
  /**
   * What to do with source drafts: `as-draft` (the default where the target has drafts), `skip`
   * (the default where it has none: reported with the reason), or `issue` (the target numbers and
   * issues them; announced on each). `as-draft` on a target without drafts is refused up front.
   */
  readonly drafts?: DraftPolicy;
  /**
   * What each carried invoice is reconciled against: `read-back` (the default) reads the target
   * invoice once more after its last write — the record as the target stores it, whatever its
   * write answers say; `write-answer` takes the last write's answer (the adapter's canonical
   * invoice, e.g. InvoiceOcean's create, payment and cancel answers are the whole record), one
   * call fewer per invoice. Either way at most one verification read per invoice.
   */
  readonly verify?: VerifyPolicy;
}

/** What a carried invoice is reconciled against; see {@link RunOptions.verify}. */
export type VerifyPolicy = 'read-back' | 'write-answer';
