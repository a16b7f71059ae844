import { ProviderError, readVendorRecord } from '@invoicekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import wooyekInvoice from '../__fixtures__/wooyek_invoice_get.json';
import { readWireRecord, type WireRecord } from './field-reader';
import { InvoiceWire } from './invoice';
import { INVOICE_RECORD, PAYMENT_RECORD, POSITION_RECORD } from './invoice-reader';
import { PaymentWire } from './payment';
import { PositionWire } from './position';
import type { z } from 'zod';

const context = { provider: 'invoiceocean', what: 'InvoiceOcean invoice' };

/** What a read gives: the fields (unknown keys and `undefined` left out) or the error's message. */
function outcome(read: () => unknown, keys: readonly string[]): unknown {
  try {
    return { fields: kept(read(), keys) };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { error: error.message };
  }
}

/** The keys the nested records of an invoice keep. */
const NESTED: Readonly<Record<string, readonly string[]>> = {
  positions: Object.keys(PositionWire.shape),
  connected_payments: Object.keys(PaymentWire.shape),
  descriptions: ['kind', 'content'],
};

/** A record reduced to the keys a schema names, nested records too, JSON-equal. */
function kept(value: unknown, keys: readonly string[]): unknown {
  const record = value as Record<string, unknown>;
  const entries = keys
    .filter((key) => key in record)
    .map((key) => {
      const nested = NESTED[key];
      const inner = record[key];
      return [
        key,
        nested && Array.isArray(inner) ? inner.map((item) => kept(item, nested)) : inner,
      ];
    });
  return JSON.parse(JSON.stringify(Object.fromEntries(entries))) as unknown;
}

/** Every spelling a wire field may arrive in, good and bad. */
const wireValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    '',
    ' ',
    '0',
    '1',
    '12.50',
    '-0.00',
    '+5',
    '.5',
    '5.',
    ' 4.30 ',
    '1.234,50',
    '59,00',
    '2026-11-02',
    '2026-11-02 10:00:00',
    '2026-11-02T10:00:00.123+01:00',
    '0000-00-00',
    'true',
    'no',
    'T',
    'zw',
    'abc',
    true,
    false,
    0,
    1,
    12.5,
    1e21,
    1.5e-7,
    -3,
    1_700_000_000,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    [],
    {},
    [1],
    { 0: 'a' },
    { nested: 1 },
  ),
  fc.string(),
  fc.integer(),
  fc.double(),
);

function recordOf(keys: readonly string[], extra: fc.Arbitrary<unknown> = wireValue) {
  return fc.record(Object.fromEntries(keys.map((key) => [key, extra])), { requiredKeys: [] });
}

function agree<T extends z.ZodType>(schema: T, record: WireRecord<unknown>, raw: unknown): void {
  const keys = Object.keys((schema as unknown as z.ZodObject).shape);
  expect(outcome(() => readWireRecord(record, raw, context), keys)).toEqual(
    outcome(() => readVendorRecord(schema, raw, context), keys),
  );
}

describe('the wire readers read as the zod wire schemas do', () => {
  it('name the same fields, in the same order (issues come in that order)', () => {
    expect(INVOICE_RECORD.entries.map(([key]) => key)).toEqual(Object.keys(InvoiceWire.shape));
    expect(POSITION_RECORD.entries.map(([key]) => key)).toEqual(Object.keys(PositionWire.shape));
    expect(PAYMENT_RECORD.entries.map(([key]) => key)).toEqual(Object.keys(PaymentWire.shape));
  });

  it('agree on a recorded vendor invoice, and keep no unknown key', () => {
    agree(InvoiceWire, INVOICE_RECORD, wooyekInvoice);
    const read = readWireRecord(INVOICE_RECORD, wooyekInvoice, context) as Record<string, unknown>;
    const known = new Set(Object.keys(InvoiceWire.shape));
    expect(Object.keys(read).filter((key) => !known.has(key))).toEqual([]);
  });

  it('agree on positions and payments of any spelling', () => {
    fc.assert(
      fc.property(recordOf([...Object.keys(PositionWire.shape), 'unknown_key']), (raw) =>
        agree(PositionWire, POSITION_RECORD, raw),
      ),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(recordOf([...Object.keys(PaymentWire.shape), 'extra']), (raw) =>
        agree(PaymentWire, PAYMENT_RECORD, raw),
      ),
      { numRuns: 400 },
    );
  });

  it('agree on invoices of any spelling, lists and nested records included', () => {
    const position = fc.oneof(recordOf(Object.keys(PositionWire.shape)), wireValue);
    const payment = fc.oneof(recordOf(Object.keys(PaymentWire.shape)), wireValue);
    const description = fc.oneof(recordOf(['kind', 'content']), wireValue);
    const listOf = (item: fc.Arbitrary<unknown>) =>
      fc.oneof(
        fc.array(item, { maxLength: 3 }),
        item,
        fc.dictionary(fc.constantFrom('0', '1', '7'), item, { maxKeys: 2 }),
        wireValue,
      );
    const strategy = fc.oneof(
      fc.constant({ position: 'default', sum: 'sum', invoice_form_price_kind: 'gross' }),
      fc.constant({ position: 'odd' }),
      wireValue,
    );
    const header = Object.keys(InvoiceWire.shape).filter(
      (key) =>
        !['positions', 'connected_payments', 'descriptions', 'calculating_strategy'].includes(key),
    );
    const invoice = fc
      .tuple(
        recordOf([...header, 'unknown_a', 'unknown_b']),
        fc.record(
          {
            positions: listOf(position),
            connected_payments: listOf(payment),
            descriptions: listOf(description),
            calculating_strategy: strategy,
          },
          { requiredKeys: [] },
        ),
      )
      .map(([head, nested]) => ({ ...head, ...nested }));
    fc.assert(
      fc.property(invoice, (raw) => agree(InvoiceWire, INVOICE_RECORD, raw)),
      { numRuns: 1500 },
    );
    fc.assert(
      fc.property(wireValue, (raw) => agree(InvoiceWire, INVOICE_RECORD, raw)),
      { numRuns: 100 },
    );
  });
});
