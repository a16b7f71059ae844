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
   * What each carried invoice is reconciled against, field by field: `write-answer` (the default)
   * takes the last write's answer — every adapter's write result is the whole canonical record as
   * the target answered it (InvoiceOcean's create answer; its payment and cancel read the invoice
   * after the write), so no call is spent; an invoice the target's dedupe found again comes from a
   * look-up and is still read. `read-back` reads the target invoice once more after its last
   * write, for a target whose answers may differ from what it stores (a caching proxy). Either
   * way at most one verification read per invoice.
   */
  readonly verify?: VerifyPolicy;
}

/** What a carried invoice is reconciled against; see {@link RunOptions.verify}. */
export type VerifyPolicy = 'read-back' | 'write-answer';
