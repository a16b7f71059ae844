import type { Customer } from '../model/customer';
import type { Invoice } from '../model/invoice';
import { updatedAtOrAfter } from '../changes/change-cursor';
import { statusesOf } from '../model/invoice-state';
import type { ParsedCustomerListQuery, ParsedInvoiceListQuery } from '../model/operation-input';

/**
 * Whether an invoice matches every filter of a list query, in the canonical meaning: `status`
 * when any status word that holds for the invoice is asked for (its lifecycle, its payment state,
 * `overdue` — {@link statusesOf}); types, customer id, number and external id exactly; `issuedFrom` / `issuedTo` inclusive, and an
 * invoice without an issue date matches neither bound. Core applies it to whatever a provider
 * lists, so a vendor filter that is looser (or absent) never widens the answer.
 */
export function invoiceMatches(invoice: Invoice, query: ParsedInvoiceListQuery): boolean {
  if (query.status && !statusesOf(invoice.state).some((status) => query.status?.includes(status)))
    return false;
  if (query.type && !query.type.includes(invoice.type)) return false;
  if (query.customerId !== undefined && invoice.customer.id !== query.customerId) return false;
  if (query.number !== undefined && invoice.number !== query.number) return false;
  if (query.externalId !== undefined && invoice.externalId !== query.externalId) return false;
  if (query.issuedFrom !== undefined && (invoice.issueDate ?? '') < query.issuedFrom) return false;
  if (
    query.issuedTo !== undefined &&
    (invoice.issueDate === null || invoice.issueDate > query.issuedTo)
  )
    return false;
  if (query.updatedSince !== undefined && !updatedAtOrAfter(invoice.updatedAt, query.updatedSince))
    return false;
  return true;
}

/**
 * Whether a customer matches every filter: `name` as a case-insensitive part of the name,
 * `email` case-insensitively equal, `taxId` and `externalId` exactly; `updatedSince` as for invoices.
 */
export function customerMatches(customer: Customer, query: ParsedCustomerListQuery): boolean {
  if (query.name !== undefined && !customer.name.toLowerCase().includes(query.name.toLowerCase()))
    return false;
  if (query.email !== undefined && customer.email?.toLowerCase() !== query.email.toLowerCase())
    return false;
  if (query.taxId !== undefined && customer.taxId !== query.taxId) return false;
  if (query.externalId !== undefined && customer.externalId !== query.externalId) return false;
  if (query.updatedSince !== undefined && !updatedAtOrAfter(customer.updatedAt, query.updatedSince))
    return false;
  return true;
}

/** Whether a query filters at all (`pageSize` is not a filter). */
export function filtersAnything(query: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(query).some(([key, value]) => key !== 'pageSize' && value !== undefined);
}
