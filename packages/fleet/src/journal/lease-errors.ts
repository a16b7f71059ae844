import { ConflictError } from '@invoicekit/core';

/**
 * A worker's lease on a tenant's journal was taken over — it stopped renewing it for longer than
 * the lease lasts (killed, frozen, cut off from the database) and another worker has the tenant
 * now. Nothing more is written under the old lease; the other worker resumes from the journal.
 */
export class LeaseLostError extends ConflictError {
  readonly tenantId: string;

  constructor(tenantId: string, why: string) {
    super({
      provider: 'fleet',
      message: `the lease on tenant ${JSON.stringify(tenantId)}'s journal is lost (${why}): another worker resumes it; nothing more is written here`,
    });
    this.tenantId = tenantId;
  }
}
