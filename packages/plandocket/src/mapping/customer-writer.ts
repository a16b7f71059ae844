import {
  UnsupportedOperationError,
  type AdapterWarning,
  type ParsedCustomerCreateInput,
  type ParsedCustomerUpdateInput,
  type ParsedInvoiceUpdateInput,
} from '@invoicekit/core';
import { PLANDOCKET } from '../provider-id';

/**
 * A canonical invoice update → the vendor's `PATCH` body. The API changes `notes`, `due_date` and
 * `status` only; a change the vendor cannot make is refused with a typed error naming the fields,
 * before anything is sent — silently keeping the old lines would be worse than failing.
 */
export function toInvoicePatch(input: ParsedInvoiceUpdateInput): {
  body: Record<string, unknown>;
  warnings: AdapterWarning[];
} {
  const writable = new Set(['notes', 'dueDate', 'providerOptions']);
  const refused = Object.keys(input).filter((field) => !writable.has(field));
  if (refused.length > 0) {
    throw new UnsupportedOperationError({
      provider: PLANDOCKET,
      operation: 'invoices.update',
      issues: refused.map((path) => ({
        path,
        message: 'the vendor updates only notes, due date and status',
      })),
      message: `invoices.update: the vendor cannot change ${refused.join(', ')}`,
    });
  }
  const warnings: AdapterWarning[] = [];
  if (input.providerOptions !== undefined)
    warnings.push({
      type: 'unsupported_field',
      path: 'providerOptions',
      reason: 'the vendor takes no further invoice fields',
    });
  return {
    body: {
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
      ...(input.dueDate !== undefined ? { due_date: input.dueDate } : {}),
    },
    warnings,
  };
}

/** A canonical customer write → a Plandocket contact body, with warnings. */
export function toContactBody(input: ParsedCustomerCreateInput | ParsedCustomerUpdateInput): {
  body: Record<string, unknown>;
  warnings: AdapterWarning[];
} {
  const warnings: AdapterWarning[] = [];
  const unsupported = (path: string, reason: string): void => {
    warnings.push({ type: 'unsupported_field', path, reason });
  };
  if (input.bank !== undefined) unsupported('bank', 'contacts hold no bank details');
  if (input.externalId !== undefined)
    unsupported('externalId', 'contacts have no external id; customerNumber is the key');
  if (input.providerOptions !== undefined)
    unsupported('providerOptions', 'no contact options are supported');
  const isPerson = input.kind === 'person';
  const body: Record<string, unknown> = {
    // A company is its company_name; a person is first and last name (the name alone is the last).
    company_name: isPerson ? undefined : input.name,
    first_name: input.firstName,
    last_name: input.lastName ?? (isPerson ? input.name : undefined),
    tax_id: input.taxId,
    email: input.email,
    phone: input.phone,
    address: input.address?.street,
    postal_code: input.address?.postalCode,
    city: input.address?.city,
    state: input.address?.region,
    country: input.address?.country,
    customer_number: input.customerNumber,
    notes: input.notes,
  };
  return {
    body: Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)),
    warnings,
  };
}
