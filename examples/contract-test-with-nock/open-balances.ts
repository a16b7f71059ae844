import { toDecimal, type InvoiceAdapterV1 } from '@invoicekit/core';

/**
 * Your own code under test: what each customer still owes, per currency, across every vendor
 * invoice — written against the canonical API, so it works on any provider.
 */
export async function openBalances(
  adapter: InvoiceAdapterV1,
): Promise<Map<string, { customer: string; currency: string; due: string }>> {
  const balances = new Map<string, { customer: string; currency: string; due: string }>();
  for await (const invoice of adapter.invoices.list({
    status: ['issued', 'sent', 'overdue', 'partially_paid'],
  })) {
    const customer = invoice.customer.snapshot?.name ?? invoice.customer.id ?? 'unknown';
    const key = `${customer}/${invoice.currency}`;
    const before = balances.get(key)?.due ?? '0';
    balances.set(key, {
      customer,
      currency: invoice.currency,
      due: toDecimal(before).plus(toDecimal(invoice.totals.due)).toFixed(2),
    });
  }
  return balances;
}
