import { ProviderError, ReminderSchema } from '@invoicekit/core';
import { describe, expect, it } from 'vitest';
import { toCanonicalReminder } from './to-canonical-reminder';

describe('an invoice.getreminders record → canonical', () => {
  it('reads the level, the fee in the currency and the due date from DAYS_FOR_PAYMENT', () => {
    const raw = {
      REMINDER_ID: '3',
      INVOICE_ID: '12',
      DUNNING_LEVEL: '2',
      DUNNING_FEE: '2.5',
      DUNNING_DATE: '2026-12-10',
      DAYS_FOR_PAYMENT: '7',
    };
    const reminder = toCanonicalReminder(raw, 'EUR');
    expect(ReminderSchema.parse(reminder)).toEqual(reminder);
    expect(reminder).toEqual({
      id: '3',
      provider: 'billomat-style',
      invoiceId: '12',
      level: 2,
      sentAt: '2026-12-10T00:00:00Z',
      dueDate: '2026-12-17',
      fee: '2.50',
      raw,
    });
  });

  it('a level of 0 and a DAYS_FOR_PAYMENT that is no number read as unknown', () => {
    expect(
      toCanonicalReminder(
        { REMINDER_ID: '4', DUNNING_LEVEL: '0', DUNNING_DATE: '2026-12-10', DAYS_FOR_PAYMENT: 'x' },
        'EUR',
      ),
    ).toMatchObject({ level: null, dueDate: null, fee: null });
  });

  it('a record without a REMINDER_ID is a ProviderError', () => {
    expect(() => toCanonicalReminder({ DUNNING_LEVEL: '1' }, 'EUR')).toThrow(ProviderError);
  });
});
