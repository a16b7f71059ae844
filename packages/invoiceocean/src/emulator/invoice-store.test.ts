import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClientStore, InvoiceStore, PaymentStore, clientKey } from './invoice-store';
import type { StoredInvoice } from './state';

function invoice(oid: unknown): Omit<StoredInvoice, 'id'> {
  return {
    attributes: { oid },
    positions: [],
    strategy: { position: 'default', sum: 'sum', invoice_form_price_kind: 'net' },
    paid: '0',
    token: '',
    created_at: '2026-01-01T00:00:00.000+01:00',
    updated_at: '2026-01-01T00:00:00.000+01:00',
  };
}

/** What the index replaces: a scan of the store for string oids equal to `oid`. */
function scanned(store: InvoiceStore, oid: string): number[] {
  return store
    .all()
    .filter((record) => record.attributes.oid === oid)
    .map((record) => record.id);
}

const OIDS = ['a', 'b', 'c', 7, null, undefined] as const;

describe('InvoiceStore.withOid', () => {
  it('finds what a scan of the store finds, in the same order, after any inserts, puts, updates, deletes and clears', () => {
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), oid: fc.constantFrom(...OIDS) }),
      fc.record({
        kind: fc.constant('put' as const),
        id: fc.integer({ min: 1, max: 12 }),
        oid: fc.constantFrom(...OIDS),
      }),
      fc.record({
        kind: fc.constant('update' as const),
        id: fc.integer({ min: 1, max: 12 }),
        oid: fc.constantFrom(...OIDS),
      }),
      fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 1, max: 12 }) }),
      fc.record({ kind: fc.constant('clear' as const) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 40 }), (operations) => {
        const store = new InvoiceStore(1);
        for (const step of operations) {
          if (step.kind === 'insert') store.insert(invoice(step.oid));
          else if (step.kind === 'put') store.put({ ...invoice(step.oid), id: step.id });
          else if (step.kind === 'update')
            store.update(step.id, { attributes: { oid: step.oid, other: 1 } });
          else if (step.kind === 'delete') store.delete(step.id);
          else store.clear();
          for (const oid of ['a', 'b', 'c', '7'])
            expect(store.withOid(oid).map((record) => record.id)).toEqual(scanned(store, oid));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('PaymentStore.settling', () => {
  it('finds what the scan of every payment found, after any writes', () => {
    const settles = fc.oneof(
      fc.record({ invoice_id: fc.constantFrom(1, 2, 3, '1', null) }),
      fc.record({
        invoice_ids: fc.array(fc.constantFrom(1, 2, 3, '2'), { maxLength: 3 }),
        invoice_id: fc.constantFrom(1, 3),
      }),
    );
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), settles }),
      fc.record({
        kind: fc.constant('update' as const),
        id: fc.integer({ min: 1, max: 10 }),
        settles,
      }),
      fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 1, max: 10 }) }),
    );
    const stamp = '2026-01-01T00:00:00.000+01:00';
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 30 }), (operations) => {
        const store = new PaymentStore(1);
        for (const step of operations) {
          if (step.kind === 'insert')
            store.insert({ attributes: { ...step.settles }, created_at: stamp, updated_at: stamp });
          else if (step.kind === 'update')
            store.update(step.id, { attributes: { ...step.settles, paid: true } });
          else store.delete(step.id);
          for (const invoiceId of [1, 2, 3]) {
            const scanned = store.all().filter((payment) => {
              const ids = payment.attributes.invoice_ids;
              return Array.isArray(ids)
                ? ids.includes(invoiceId)
                : payment.attributes.invoice_id === invoiceId;
            });
            expect(store.settling(invoiceId).map((payment) => payment.id)).toEqual(
              scanned.map((payment) => payment.id),
            );
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('ClientStore.firstWith', () => {
  it("finds the client a scan found for a buyer's tax number, e-mail or name, after any writes", () => {
    const value = fc.constantFrom('a', 'b', 1, '1', null, undefined, true);
    const fields = fc.record({ tax_no: value, email: value, name: value }, { requiredKeys: [] });
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), fields }),
      fc.record({
        kind: fc.constant('update' as const),
        id: fc.integer({ min: 1, max: 8 }),
        fields,
      }),
      fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 1, max: 8 }) }),
    );
    const stamp = '2026-01-01T00:00:00.000+01:00';
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 25 }), fields, (operations, wanted) => {
        const store = new ClientStore(1);
        for (const step of operations) {
          if (step.kind === 'insert')
            store.insert({
              attributes: { ...step.fields },
              token: '',
              created_at: stamp,
              updated_at: stamp,
            });
          else if (step.kind === 'update')
            store.update(step.id, { attributes: { ...step.fields } });
          else store.delete(step.id);
          const matches = (client: { attributes: Record<string, unknown> }) =>
            (wanted.tax_no !== undefined &&
              wanted.tax_no !== null &&
              client.attributes.tax_no === wanted.tax_no) ||
            (wanted.email !== undefined &&
              wanted.email !== null &&
              client.attributes.email === wanted.email) ||
            (wanted.name !== undefined && client.attributes.name === wanted.name);
          const keys = [
            ...(wanted.tax_no !== undefined && wanted.tax_no !== null
              ? clientKey('tax_no', wanted.tax_no)
              : []),
            ...(wanted.email !== undefined && wanted.email !== null
              ? clientKey('email', wanted.email)
              : []),
            ...(wanted.name !== undefined ? clientKey('name', wanted.name) : []),
          ];
          expect(store.firstWith(keys, matches)?.id).toBe(store.find(matches)?.id);
        }
      }),
      { numRuns: 500 },
    );
  });
});
