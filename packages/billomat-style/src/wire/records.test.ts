import { decimalTextOfNumber, normalizeDecimalString, readVendorRecord } from '@invoicekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { BILLOMAT_STYLE } from '../provider-id';
import { CustomerWire, InvoiceWire, ItemWire, PaymentWire, ReminderWire } from './invoice';
import { isVatPercent } from './vat-percent';
import { toDecimal } from '@invoicekit/core';
import { isNormalizedVatPercent, readCustomer, readInvoice, readReminder } from './records';
import {
  decimalTextOf,
  isCanonicalDecimal,
  readRecord,
  type WireIssue,
  type WirePathKey,
} from './wire-reader';

/**
 * The zod-free readers against the zod schemas they replace (`./invoice`, the reference): the
 * same fields read the same way, the same records refused with the same message. Unknown tags
 * are the one difference — the readers do not copy them.
 */

const scalar = fc.oneof(
  fc.constantFrom(
    null,
    '',
    [],
    {},
    true,
    false,
    0,
    1,
    -1,
    19,
    7.7,
    1e21,
    1e-7,
    Number.NaN,
    2 ** 60,
    '0',
    '1',
    '19.00',
    '7,00',
    '1.234,50',
    ' 12.5 ',
    '+5',
    '.5',
    '5.',
    '-0.0',
    '1e-7',
    '100',
    '100.0001',
    '100.00',
    '19.12345',
    '-19',
    'abc',
    ' ',
    '0000-00-00',
    '0000-00-00 00:00:00',
    '2026-11-02',
    '2026-11-15 23:00:00',
    '2026-03-29 02:30:00',
    '2026-10-25 02:30:00',
    '2026-11-02T10:00:00Z',
    '2026-11-02T10:00:00+01:00',
    'true',
    'no',
    'yes',
    'T',
    '1506250',
    ' 42 ',
    '12a',
    1.5,
    1700000000,
    'Bench GmbH',
  ),
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -1000, max: 100000 }),
  fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
  fc.stringMatching(/^-?\d{1,4}(\.\d{1,8})?$/),
  fc.stringMatching(/^\d{1,3}(\.\d{3})*,\d{1,3}$/),
);

/** A record with some of `tags` (each value a vendor spelling) and an unknown tag or two. */
const recordOf = (tags: readonly string[], lists: Record<string, fc.Arbitrary<unknown>> = {}) =>
  fc
    .tuple(
      fc.dictionary(fc.constantFrom(...tags), scalar, { maxKeys: tags.length }),
      fc.record(lists, { requiredKeys: [] }),
      fc.dictionary(fc.constantFrom('CUSTOMER_COSTCENTER_ID', 'AFFILIATE', 'X'), scalar),
    )
    .map(([known, nested, unknown]) => ({ ...unknown, ...known, ...nested }));

const listOf = (item: fc.Arbitrary<unknown>) =>
  fc.oneof(
    fc.array(fc.oneof({ weight: 5, arbitrary: item }, { weight: 1, arbitrary: scalar }), {
      maxLength: 4,
    }),
    item,
    fc
      .array(item, { maxLength: 3 })
      .map((items) => Object.fromEntries(items.map((entry, index) => [String(index + 3), entry]))),
    scalar,
  );

const tagsOf = (schema: z.ZodObject) => Object.keys(schema.shape);
const item = recordOf(tagsOf(ItemWire));
const payment = recordOf(tagsOf(PaymentWire));
const vatItem = recordOf(['VAT_PERCENT', 'COMPLETE_NET', 'VAT_VALUE']);
const invoice = recordOf(
  tagsOf(InvoiceWire).filter((tag) => !['ITEMS', 'PAYMENTS', 'VAT_ITEMS'].includes(tag)),
  { ITEMS: listOf(item), PAYMENTS: listOf(payment), VAT_ITEMS: listOf(vatItem) },
);

/** The zod output without the tags a reader does not declare, and without `undefined` values. */
function kept(value: unknown, like: unknown): unknown {
  if (Array.isArray(value) && Array.isArray(like)) return value.map((v, i) => kept(v, like[i]));
  if (typeof value !== 'object' || value === null || typeof like !== 'object' || like === null)
    return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value))
    if (key in like && inner !== undefined) out[key] = kept(inner, (like as never)[key]);
  return out;
}

type Reader = (value: unknown, issues: WireIssue[], path: readonly WirePathKey[]) => unknown;

function sameAsZod(schema: z.ZodType, reader: Reader, raw: unknown, what: string): void {
  let expected: unknown;
  let expectedError: string | undefined;
  try {
    expected = readVendorRecord(schema, raw, { provider: BILLOMAT_STYLE, what });
  } catch (error) {
    expectedError = (error as Error).message;
  }
  let actual: unknown;
  let actualError: string | undefined;
  try {
    actual = readRecord(reader, raw, what);
  } catch (error) {
    actualError = (error as Error).message;
  }
  expect(actualError).toBe(expectedError);
  if (expectedError === undefined) expect(actual).toEqual(kept(expected, actual));
}

describe('the zod-free wire readers equal the zod schemas', () => {
  it('invoices, with their items, payments and VAT items', () => {
    fc.assert(
      fc.property(invoice, (raw) => sameAsZod(InvoiceWire, readInvoice, raw, 'invoice')),
      { numRuns: 600 },
    );
  });

  it('customers and reminders', () => {
    const customer = recordOf(tagsOf(CustomerWire));
    const reminder = recordOf(tagsOf(ReminderWire));
    fc.assert(
      fc.property(customer, reminder, (c, r) => {
        sameAsZod(CustomerWire, readCustomer, c, 'customer');
        sameAsZod(ReminderWire, readReminder, r, 'reminder');
      }),
      { numRuns: 400 },
    );
  });

  it('refuses what is no record alike', () => {
    for (const raw of [null, 'ok', [], 3, undefined])
      sameAsZod(InvoiceWire, readInvoice, raw, 'invoice');
  });

  it('copies no unknown tag, and keeps the record it read from untouched', () => {
    const raw = { INVOICE_ID: '1', AFFILIATE: 'x', ITEMS: [{ DESCRIPTION: 'a', EXTRA: 1 }] };
    const copy = structuredClone(raw);
    const read = readRecord(readInvoice, raw, 'invoice');
    expect(read).toEqual({ INVOICE_ID: '1', ITEMS: [{ DESCRIPTION: 'a' }] });
    expect(raw).toEqual(copy);
  });

  it('checks VAT percentages by their digits as isVatPercent does', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?(0|[1-9]\d{0,3})(\.\d{1,7})?$/), (written) => {
        // What the decimal reader yields: normalised (no negative zero).
        const text = normalizeDecimalString(written);
        // The Decimal reading it replaced: 0 ≤ rate ≤ 100, at most 4 places.
        const rate = toDecimal(text);
        const expected =
          rate.greaterThanOrEqualTo(0) && rate.lessThanOrEqualTo(100) && rate.decimalPlaces() <= 4;
        expect(isNormalizedVatPercent(text)).toBe(expected);
        expect(isVatPercent(written)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('spells JSON numbers as core does, exponent range included', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()),
        (n) => {
          expect(decimalTextOf(n)).toBe(normalizeDecimalString(decimalTextOfNumber(n)));
        },
      ),
      { numRuns: 3000 },
    );
    for (const n of [-0, 1e21, 1e-7, 5e-324, 123.456, -1e-10])
      expect(decimalTextOf(n)).toBe(normalizeDecimalString(decimalTextOfNumber(n)));
  });

  it("recognises the canonical decimal spelling as core's pattern does", () => {
    const canonical = /^(?!-0(\.0+)?$)-?(0|[1-9]\d*)(\.\d+)?$/;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^[+-]?\d{0,4}(\.\d{0,4})?$/),
          fc.string({ maxLength: 6 }),
          fc.constantFrom('-0', '-0.0', '-0.01', '0', '00', '0.', '.0', '-', '', '10', '01.5'),
        ),
        (text) => {
          expect(isCanonicalDecimal(text)).toBe(canonical.test(text));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
