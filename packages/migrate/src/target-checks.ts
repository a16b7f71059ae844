import { UnsupportedOperationError, type InvoiceAdapterV1 } from '@invoicekit/core';
import type { DraftPolicy } from './lifecycle';

/** The drafts policy asked for, or the target's natural one; refuses one the target cannot follow. */
export function draftPolicyOf(to: InvoiceAdapterV1, asked: DraftPolicy | undefined): DraftPolicy {
  if (asked === 'as-draft' && !to.capabilities.drafts)
    throw new UnsupportedOperationError({
      provider: to.id,
      operation: 'migrate',
      message: `migrate: ${to.id} has no drafts, so drafts: 'as-draft' cannot be followed — choose 'skip' or 'issue'`,
    });
  return asked ?? (to.capabilities.drafts ? 'as-draft' : 'skip');
}

/** Refuses, before anything is read or written, a target that cannot receive invoices. */
export function checkTarget(to: InvoiceAdapterV1): void {
  if (!to.capabilities.invoices.create) {
    throw new UnsupportedOperationError({
      provider: to.id,
      operation: 'migrate',
      message: `migrate: ${to.id} cannot be a migration target — its API cannot create invoices`,
    });
  }
}
