import { EntityStore } from '@invoicekit/core/emulator';
import type { StoredInvoice } from './state';

/**
 * The invoices, with an index of their order ids (`oid`): a create with `oid_unique` and a list
 * filtered by `oid` (the adapter's look-up by externalId) ask for one oid among the whole book,
 * which must not cost a scan of it. Every write goes through `insert` / `put` / `update` /
 * `delete` / `clear`, which keep the index; a look-up re-checks each record it returns.
 */
export class InvoiceStore extends EntityStore<StoredInvoice> {
  /** oid → ids of the invoices carrying it, in insertion order of the store. */
  private readonly byOid = new Map<string, number[]>();
  /** id → the order in which it entered the store (a replaced record keeps its place). */
  private readonly sequence = new Map<number, number>();
  private nextSequence = 0;

  override insert(record: Omit<StoredInvoice, 'id'>): StoredInvoice {
    const row = super.insert(record);
    this.indexed(undefined, row);
    return row;
  }

  override put(record: StoredInvoice): StoredInvoice {
    const previous = this.get(record.id);
    const row = super.put(record);
    this.indexed(previous, row);
    return row;
  }

  override update(
    id: number,
    changes: Partial<Omit<StoredInvoice, 'id'>>,
  ): StoredInvoice | undefined {
    const previous = this.get(id);
    const row = super.update(id, changes);
    if (row) this.indexed(previous, row);
    return row;
  }

  override delete(id: number): boolean {
    const previous = this.get(id);
    const deleted = super.delete(id);
    if (previous) {
      this.unindex(previous);
      this.sequence.delete(id);
    }
    return deleted;
  }

  override clear(): void {
    super.clear();
    this.byOid.clear();
    this.sequence.clear();
    this.nextSequence = 0;
  }

  /** The invoices whose `oid` is `oid`, in the store's order. */
  withOid(oid: string): StoredInvoice[] {
    const ids = this.byOid.get(oid) ?? [];
    const found: StoredInvoice[] = [];
    for (const id of ids) {
      const record = this.get(id);
      if (record && oidOf(record) === oid) found.push(record);
    }
    return found.length > 1
      ? found.sort((left, right) => this.order(left) - this.order(right))
      : found;
  }

  private order(record: StoredInvoice): number {
    return this.sequence.get(record.id) ?? Number.MAX_SAFE_INTEGER;
  }

  private indexed(previous: StoredInvoice | undefined, row: StoredInvoice): void {
    if (!this.sequence.has(row.id)) this.sequence.set(row.id, this.nextSequence++);
    const before = previous ? oidOf(previous) : undefined;
    const after = oidOf(row);
    if (before === after && previous) return;
    if (previous) this.unindex(previous);
    if (after === undefined) return;
    const ids = this.byOid.get(after);
    if (!ids) this.byOid.set(after, [row.id]);
    else if (!ids.includes(row.id)) ids.push(row.id);
  }

  private unindex(record: StoredInvoice): void {
    const oid = oidOf(record);
    if (oid === undefined) return;
    const ids = this.byOid.get(oid);
    if (!ids) return;
    const remaining = ids.filter((id) => id !== record.id);
    if (remaining.length === 0) this.byOid.delete(oid);
    else this.byOid.set(oid, remaining);
  }
}

/** The oid as the list filter and the uniqueness check compare it: only a string is one. */
function oidOf(record: StoredInvoice): string | undefined {
  const oid = record.attributes.oid;
  return typeof oid === 'string' ? oid : undefined;
}
