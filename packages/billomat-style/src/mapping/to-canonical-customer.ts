import type { Customer } from '@invoicekit/core';
import { BILLOMAT_STYLE } from '../provider-id';
import { readCustomer } from '../wire/records';
import { addressOf } from './address';
import { readRecord } from '../wire/wire-reader';

/** A method-style customer → canonical. */
export function toCanonicalCustomer(raw: unknown): Customer {
  const wire = readRecord(readCustomer, raw, 'customer');
  const isPerson = wire.CUSTOMER_TYPE === 'consumer';
  const personName = [wire.FIRST_NAME, wire.LAST_NAME].filter(Boolean).join(' ');
  const hasAddress = Boolean(wire.ADDRESS || wire.CITY || wire.ZIPCODE || wire.COUNTRY_CODE);
  return {
    id: wire.CUSTOMER_ID ?? '',
    provider: BILLOMAT_STYLE,
    kind: isPerson ? 'person' : 'company',
    name: (isPerson ? personName : wire.ORGANIZATION) || personName || wire.ORGANIZATION || '',
    firstName: wire.FIRST_NAME || null,
    lastName: wire.LAST_NAME || null,
    taxId: wire.VAT_ID || null,
    email: wire.EMAIL || null,
    phone: wire.PHONE || wire.MOBILE || null,
    address: hasAddress ? addressOf(wire) : null,
    bank:
      wire.BANK_IBAN || wire.BANK_NAME
        ? {
            bankName: wire.BANK_NAME || null,
            iban: wire.BANK_IBAN || null,
            bic: wire.BANK_BIC || null,
          }
        : null,
    customerNumber: wire.CUSTOMER_NUMBER || null,
    externalId: wire.CUSTOMER_EXT_UID || null,
    notes: wire.COMMENT || null,
    createdAt: wire.CREATED ?? null,
    updatedAt: wire.LASTUPDATE ?? null,
    raw,
  };
}
