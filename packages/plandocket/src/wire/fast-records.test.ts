import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readContactWire, readInvoiceWire, readPaymentWire } from './fast-records';
import { readWire } from './read-wire';
import { ContactWire, InvoiceWire, ItemWire, PaymentWire } from './records';

/** Spellings the vendor sends, and spellings it should not: every reader must treat them alike. */
const scalar = fc.constantFrom<unknown>(
  '13.37',
  '0.50',
  '119',
  '-0',
  '-0.5',
  '007',
  '1e21',
  '4.25E-3',
  ' 12.5 ',
  '12,50',
  'abc',
  '',
  '   ',
  12.5,
  7,
  0,
  -3,
  Number.NaN,
  true,
  false,
  '1',
  '0',
  'yes',
  'true',
  null,
  undefined,
  [],
  {},
  [1, 2],
  { a: 1 },
  '2026-11-21',
  '2026-02-30',
  '2026-11-21T10:00:00Z',
  '2026-11-21T10:00:00.123+01:00',
  '2026-11-21 10:00:00',
  '0000-00-00',
  '0000-00-00T00:00:00Z',
  '1700000000',
  1_700_000_000,
  '12345678901234567890123456789',
  '123456789012345678901234567890123',
  'completed',
  'EUR',
);

function recordOf(keys: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record(Object.fromEntries(keys.map((key) => [key, scalar])), { requiredKeys: [] })
    .chain((record) =>
      // An unknown key, as the vendor sends dozens: read or not, it must change nothing.
      fc.constantFrom(record, { ...record, gateway_fee: '0', extra: { nested: true } }),
    );
}

const keysOf = (schema: { shape: Record<string, unknown> }) => Object.keys(schema.shape);
const item = recordOf(keysOf(ItemWire));
const payment = recordOf(keysOf(PaymentWire));
const contact = recordOf(keysOf(ContactWire));

function listOf(record: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(record, { maxLength: 3 }) },
    fc.constantFrom<unknown>(null, '', {}, 'x', [1]),
    record,
    record.map((one) => ({ 0: one, 1: one })),
  );
}

const invoice = fc
  .tuple(
    recordOf(keysOf(InvoiceWire).filter((key) => !['items', 'payments', 'contact'].includes(key))),
    fc.option(listOf(item), { nil: undefined }),
    fc.option(listOf(payment), { nil: undefined }),
    fc.option(fc.oneof(contact, fc.constantFrom<unknown>(null, 'x', [])), { nil: undefined }),
  )
  .map(([fields, items, payments, contactValue]) => ({
    ...fields,
    ...(items === undefined ? {} : { items }),
    ...(payments === undefined ? {} : { payments }),
    ...(contactValue === undefined ? {} : { contact: contactValue }),
  }));

/** What the schema read of the fields it keeps (zod copies the others too, and keeps `undefined`). */
function kept(value: unknown, schema: { shape: Record<string, unknown> }): unknown {
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    const field = record[key];
    if (field === undefined) continue;
    if (key === 'items') out[key] = (field as unknown[]).map((one) => kept(one, ItemWire));
    else if (key === 'payments')
      out[key] = (field as unknown[]).map((one) => kept(one, PaymentWire));
    else if (key === 'contact' && schema === InvoiceWire)
      out[key] = field === null ? null : kept(field, ContactWire);
    else out[key] = field;
  }
  return out;
}

/** The outcome of a read: its value, or the message it threw. */
function outcome(read: () => unknown): { value?: unknown; error?: string } {
  try {
    return { value: read() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function expectSameRead(
  fast: (raw: unknown) => unknown,
  schema: typeof InvoiceWire | typeof PaymentWire | typeof ContactWire,
  what: string,
  raw: unknown,
): void {
  const before = structuredClone(raw);
  const quick = outcome(() => fast(raw));
  const reference = outcome(() => readWire(schema, raw, what));
  expect(quick.error).toBe(reference.error);
  if (reference.error === undefined) {
    expect(kept(quick.value, schema)).toEqual(kept(reference.value, schema));
  }
  // The raw record is the vendor's, kept as received.
  expect(raw).toEqual(before);
}

describe('the fast wire readers', () => {
  it('read an invoice exactly as its zod schema does, or fail with the same message', () => {
    fc.assert(
      fc.property(invoice, (raw) => expectSameRead(readInvoiceWire, InvoiceWire, 'invoice', raw)),
      { numRuns: 2000 },
    );
  });

  it('read payments and contacts exactly as their zod schemas do', () => {
    fc.assert(
      fc.property(payment, (raw) => expectSameRead(readPaymentWire, PaymentWire, 'payment', raw)),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(contact, (raw) => expectSameRead(readContactWire, ContactWire, 'contact', raw)),
      { numRuns: 1000 },
    );
  });

  it('refuse what is no record, as the schema reader does', () => {
    for (const raw of [null, 'ok', [], 42])
      expectSameRead(readInvoiceWire, InvoiceWire, 'invoice', raw);
  });

  it('copy none of the fields they do not keep', () => {
    const read = readInvoiceWire({
      id: '1',
      total: '10.5',
      custom_field_1: 'x',
      items: [{ quantity: '2', vendor_only: 1 }],
    });
    expect(read).toEqual({ id: '1', total: '10.5', items: [{ quantity: '2' }] });
  });
});
