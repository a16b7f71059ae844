import { readVendorRecord, type Customer } from '@invoicekit/core';
import { INVOICEOCEAN } from '../provider-id';
import { ClientWire } from '../wire/client';
import { recordAnswer, requireId, type AnswerContext } from '../wire/answer';
import { toCanonicalAddress } from './party';

/**
 * An InvoiceOcean client → canonical customer; the vendor object stays in `raw`. Anything but a
 * client record with an id is a `ProviderError`; `operation` names the call in its message.
 */
export function toCanonicalCustomer(raw: unknown, operation = 'customers.read'): Customer {
  const answerContext: AnswerContext = { operation, what: 'client' };
  const wire = readVendorRecord(ClientWire, recordAnswer(raw, answerContext), {
    provider: INVOICEOCEAN,
    what: 'InvoiceOcean client',
  });
  const id = requireId(wire.id, raw, answerContext);
  const street = [wire.street, wire.street_no].filter(Boolean).join(' ') || null;
  const personName = [wire.first_name, wire.last_name].filter(Boolean).join(' ');
  return {
    id,
    provider: INVOICEOCEAN,
    kind: wire.company === false ? 'person' : 'company',
    name: wire.name ?? personName,
    firstName: wire.first_name ?? null,
    lastName: wire.last_name ?? null,
    taxId: wire.tax_no ?? null,
    email: wire.email ?? null,
    phone: wire.phone ?? wire.mobile_phone ?? null,
    address: toCanonicalAddress({
      street,
      city: wire.city,
      post_code: wire.post_code,
      country: wire.country,
    }),
    bank:
      wire.bank || wire.bank_account || wire.swift
        ? {
            bankName: wire.bank ?? null,
            iban: wire.bank_account ?? null,
            bic: wire.swift ?? null,
          }
        : null,
    customerNumber: null,
    externalId: wire.external_id ?? null,
    notes: wire.note ?? null,
    createdAt: wire.created_at ?? null,
    updatedAt: wire.updated_at ?? null,
    raw,
  };
}
