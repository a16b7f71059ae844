import { EntityStore } from '@invoicekit/core/emulator';
import type { StoredClient, StoredInvoice, StoredPayment } from './state';

/** A value a record is looked up by (an oid, an invoice id a payment settles). */
type IndexKey = string | number;

/**
 * A store with an index of a key of its records: a request that asks for one key among the
 * whole book must not cost a scan of it. Every write goes through `insert` / `put` / `update` /
 * `delete` / `clear`, which keep the index; `withKey` re-checks each record it returns.
 */
export class IndexedStore<T extends { id: number }> extends EntityStore<T> {
  /** key → ids of the records carrying it. */
  private readonly byKey = new Map<IndexKey, number[]>();
  /** id → the order in which it entered the store (a replaced record keeps its place). */
  private readonly sequence = new Map<number, number>();
  private nextSequence = 0;

  constructor(
    firstId: number,
    /** The keys a record is found by (`[]` for none). */
    private readonly keysOf: (record: T) => readonly IndexKey[],
  ) {
    super(firstId);
  }

  override insert(record: Omit<T, 'id'>): T {
    const row = super.insert(record);
    this.indexed(undefined, row);
    return row;
  }

  override put(record: T): T {
    const previous = this.get(record.id);
    const row = super.put(record);
    this.indexed(previous, row);
    return row;
  }

  override update(id: number, changes: Partial<Omit<T, 'id'>>): T | undefined {
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
    this.byKey.clear();
    this.sequence.clear();
    this.nextSequence = 0;
  }

  /** The records carrying `key`, in the store's order. */
  withKey(key: IndexKey): T[] {
    const found: T[] = [];
    for (const id of this.byKey.get(key) ?? []) {
      const record = this.get(id);
      if (record && this.keysOf(record).includes(key)) found.push(record);
    }
    return found.length > 1
      ? found.sort((left, right) => this.order(left) - this.order(right))
      : found;
  }

  /**
   * The first record, in the store's order, that carries one of `keys` and passes `predicate`
   * (the index narrows the book to candidates; the predicate decides).
   */
  firstWith(keys: readonly IndexKey[], predicate: (record: T) => boolean): T | undefined {
    let first: T | undefined;
    for (const key of keys) {
      for (const record of this.withKey(key)) {
        if (!predicate(record)) continue;
        if (!first || this.order(record) < this.order(first)) first = record;
        break;
      }
    }
    return first;
  }

  private order(record: T): number {
    return this.sequence.get(record.id) ?? Number.MAX_SAFE_INTEGER;
  }

  private indexed(previous: T | undefined, row: T): void {
    if (!this.sequence.has(row.id)) this.sequence.set(row.id, this.nextSequence++);
    if (previous) this.unindex(previous);
    for (const key of new Set(this.keysOf(row))) {
      const ids = this.byKey.get(key);
      if (!ids) this.byKey.set(key, [row.id]);
      else if (!ids.includes(row.id)) ids.push(row.id);
    }
  }

  private unindex(record: T): void {
    for (const key of new Set(this.keysOf(record))) {
      const ids = this.byKey.get(key);
      if (!ids) continue;
      const remaining = ids.filter((id) => id !== record.id);
      if (remaining.length === 0) this.byKey.delete(key);
      else this.byKey.set(key, remaining);
    }
  }
}

/** The invoices, found by their order id (`oid`): a create with `oid_unique`, a list by oid. */
export class InvoiceStore extends IndexedStore<StoredInvoice> {
  constructor(firstId: number) {
    // Only a string is an oid the list filter and the uniqueness check compare equal.
    super(firstId, (record) =>
      typeof record.attributes.oid === 'string' ? [record.attributes.oid] : [],
    );
  }

  /** The invoices whose `oid` is `oid`, in the store's order. */
  withOid(oid: string): StoredInvoice[] {
    return this.withKey(oid);
  }
}

/** The invoice ids a payment settles, as an invoice's read compares them (numbers only). */
export function settledInvoiceIds(payment: StoredPayment): number[] {
  const ids = payment.attributes.invoice_ids;
  const listed: unknown[] = Array.isArray(ids) ? ids : [payment.attributes.invoice_id];
  return listed.filter((id): id is number => typeof id === 'number');
}

/** The banking payments, found by the invoices they settle (every invoice read lists them). */
export class PaymentStore extends IndexedStore<StoredPayment> {
  constructor(firstId: number) {
    super(firstId, settledInvoiceIds);
  }

  /** The payments settling invoice `invoiceId`, in the store's order. */
  settling(invoiceId: number): StoredPayment[] {
    return this.withKey(invoiceId);
  }
}

/**
 * A client field's index key: strict equality of primitives is equality of type and text
 * (objects are never equal to a freshly decoded request's).
 */
export function clientKey(field: 'tax_no' | 'email' | 'name', value: unknown): IndexKey[] {
  if (value === null) return [`${field}:null`];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? [`${field}:${typeof value}:${String(value)}`]
    : [];
}

/** The clients, found by tax number, e-mail and name (a buyer without `client_id` is matched). */
export class ClientStore extends IndexedStore<StoredClient> {
  constructor(firstId: number) {
    super(firstId, (record) => [
      ...clientKey('tax_no', record.attributes.tax_no),
      ...clientKey('email', record.attributes.email),
      ...clientKey('name', record.attributes.name),
    ]);
  }
}
