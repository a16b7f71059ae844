import type { Reminder } from '@invoicekit/core';
import { BILLOMAT_STYLE } from '../provider-id';
import { readReminder } from '../wire/records';
import { readRecord } from '../wire/wire-reader';
import { money } from './vendor-money';

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A payment reminder → canonical. */
export function toCanonicalReminder(raw: unknown, currency: string): Reminder {
  const wire = readRecord(readReminder, raw, 'reminder');
  const level = wire.DUNNING_LEVEL ? Number.parseInt(wire.DUNNING_LEVEL, 10) : null;
  return {
    id: wire.REMINDER_ID ?? '',
    provider: BILLOMAT_STYLE,
    invoiceId: wire.INVOICE_ID ?? '',
    level: level !== null && level > 0 ? level : null,
    // DUNNING_DATE is the reminder's date; it asks for payment within DAYS_FOR_PAYMENT days.
    sentAt: wire.CREATED ?? (wire.DUNNING_DATE ? `${wire.DUNNING_DATE}T00:00:00Z` : null),
    dueDate:
      wire.DUNNING_DATE && wire.DAYS_FOR_PAYMENT && /^\d+$/.test(wire.DAYS_FOR_PAYMENT)
        ? addDays(wire.DUNNING_DATE, Number(wire.DAYS_FOR_PAYMENT))
        : null,
    fee: wire.DUNNING_FEE ? money(wire.DUNNING_FEE, currency) : null,
    raw,
  };
}
