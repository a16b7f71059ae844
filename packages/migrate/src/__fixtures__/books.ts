/**
 * Books of invoices that exercise every field a migration must carry — numbers in the vendor's
 * own format, a seller and a language, units, payment terms, a bank account, several payments
 * with their own dates and methods, a foreign-currency invoice with its exchange rate, a draft,
 * a canceled invoice and a credit note — as far as each vendor holds them.
 */
import type { InvoiceAdapterV1 } from '@invoicekit/core';
import type { createPlandocketEmulator } from '@invoicekit/plandocket/emulator';

const SELLER = {
  name: 'Acme Sp. z o.o.',
  taxId: 'PL5260001246',
  email: 'faktury@acme.example',
  address: { street: 'ul. Prosta 1', city: 'Warszawa', postalCode: '00-850', country: 'PL' },
};

/** InvoiceOcean: the caller numbers invoices; payments are records; no drafts. */
export async function writeInvoiceOceanBook(adapter: InvoiceAdapterV1): Promise<void> {
  const buyer = (
    await adapter.customers.create({
      name: 'Müller GmbH',
      taxId: 'DE123456789',
      email: 'ap@mueller.example',
      address: { street: 'Weg 2', city: 'Köln', postalCode: '50667', country: 'DE' },
    })
  ).data;
  const lines = [
    { description: 'Konsultacje', quantity: '4', unit: 'h', unitPrice: '105.04', taxRate: 23 },
    { description: 'Licencja', quantity: '1', unit: 'szt.', unitPrice: '80.00', taxRate: 23 },
  ];
  const base = {
    customer: { id: buyer.id },
    seller: SELLER,
    language: 'pl',
    issueDate: '2025-03-01',
    dueDate: '2025-03-15',
    paymentTermsDays: 14,
    bankAccount: { bankName: 'mBank', iban: 'PL61109010140000071219812874' },
    notes: 'Dziękujemy za współpracę',
    lines,
  };
  const paidTwice = (
    await adapter.invoices.create({ ...base, number: 'FV/2025/0042', currency: 'PLN', orderId: 'PO-77' })
  ).data;
  await adapter.invoices.markPaid(paidTwice.id, {
    amount: '300.00',
    date: '2025-03-05',
    method: 'card',
    reference: 'ch_3MtwBw',
  });
  await adapter.invoices.markPaid(paidTwice.id, { date: '2025-03-10', method: 'transfer' });
  const foreign = (
    await adapter.invoices.create({
      ...base,
      number: 'FV/2025/0043',
      currency: 'EUR',
      exchangeRate: { currency: 'PLN', rate: '4.3012', source: 'own' },
    })
  ).data;
  await adapter.invoices.markPaid(foreign.id, { amount: '100.00', date: '2025-03-12', method: 'cash' });
  const canceled = (
    await adapter.invoices.create({ ...base, number: 'FV/2025/0044', currency: 'PLN' })
  ).data;
  await adapter.invoices.cancel(canceled.id);
  await adapter.invoices.create({
    ...base,
    number: 'KOR/2025/0001',
    currency: 'PLN',
    type: 'credit_note',
    relatedInvoiceId: paidTwice.id,
    lines: [{ description: 'Konsultacje', quantity: '1', unit: 'h', unitPrice: '-105.04', taxRate: 23 }],
  });
}

/** Method-style: drafts numbered on completion, whole payments, early-payment discount. */
export async function writeMethodStyleBook(adapter: InvoiceAdapterV1): Promise<void> {
  const buyer = (
    await adapter.customers.create({
      name: 'Kowalski Sp. z o.o.',
      taxId: 'PL7740001454',
      email: 'biuro@kowalski.example',
      address: { street: 'Długa 5', city: 'Gdańsk', postalCode: '80-827', country: 'PL' },
    })
  ).data;
  const base = {
    customer: { id: buyer.id },
    currency: 'EUR',
    issueDate: '2025-03-01',
    dueDate: '2025-03-15',
    earlyPaymentDiscount: { percent: '2', days: 7 },
    notes: 'Vielen Dank für Ihren Auftrag',
    lines: [
      { description: 'Beratung', quantity: '3', unit: 'Std.', unitPrice: '120.00', taxRate: 19 },
      { description: 'Fachbuch', quantity: '1', unit: 'Stk.', unitPrice: '20.00', taxRate: 7 },
    ],
  };
  // A draft stays a draft: no number yet.
  await adapter.invoices.create(base);
  const paid = (await adapter.invoices.create(base)).data;
  await adapter.invoices.finalize(paid.id);
  await adapter.invoices.markPaid(paid.id, { date: '2025-03-08', method: 'direct_debit' });
  const open = (await adapter.invoices.create(base)).data;
  await adapter.invoices.finalize(open.id);
  const canceled = (await adapter.invoices.create(base)).data;
  await adapter.invoices.finalize(canceled.id);
  await adapter.invoices.cancel(canceled.id);
}

type PlandocketEmulator = ReturnType<typeof createPlandocketEmulator>;

/** Plandocket: seeded (its API cannot create invoices); payments by gateway; internal notes. */
export function seedPlandocketBook(emulator: PlandocketEmulator): void {
  emulator.seed({
    contacts: [
      {
        id: 1,
        company_name: 'Messe Partner GmbH',
        email: 'buchhaltung@messe-partner.example',
        tax_id: 'DE811111111',
        address: 'Messeplatz 1',
        postal_code: '60327',
        city: 'Frankfurt',
        country: 'DE',
      },
    ],
    invoices: [
      {
        id: 10,
        invoice_number: 'RE-2025-0001',
        status: 'paid',
        contact_id: 1,
        created_at: '2025-03-01T09:00:00Z',
        due_date: '2025-03-15',
        service_date: '2025-02-28',
        notes: 'Stand B12, Halle 3',
        items: [
          { description: 'Standmiete', quantity: '12', unit: 'm²', unit_price: '35.00' },
          { description: 'Strom', quantity: '1', unit: 'Pauschale', unit_price: '80.00' },
        ],
      },
      {
        id: 11,
        invoice_number: 'RE-2025-0002',
        status: 'sent',
        contact_id: 1,
        created_at: '2025-03-02T09:00:00Z',
        due_date: '2025-03-16',
        items: [{ description: 'Standmiete', quantity: '6', unit: 'm²', unit_price: '35.00' }],
      },
      {
        id: 12,
        invoice_number: '',
        status: 'draft',
        contact_id: 1,
        created_at: '2025-03-03T09:00:00Z',
        items: [{ description: 'Catering', quantity: '20', unit: 'Pers.', unit_price: '18.50' }],
      },
      {
        id: 13,
        invoice_number: 'RE-2025-0004',
        status: 'cancelled',
        contact_id: 1,
        created_at: '2025-03-04T09:00:00Z',
        items: [{ description: 'Standmiete', quantity: '4', unit: 'm²', unit_price: '35.00' }],
      },
      {
        id: 14,
        invoice_number: 'GS-2025-0001',
        invoice_type: 'credit_note',
        related_invoice_id: 10,
        status: 'sent',
        contact_id: 1,
        created_at: '2025-03-20T09:00:00Z',
        items: [{ description: 'Strom', quantity: '1', unit: 'Pauschale', unit_price: '80.00' }],
      },
    ],
    payments: [
      { invoice_id: 10, amount: '300.00', payment_date: '2025-03-05', gateway_key: 'stripe' },
      { invoice_id: 10, amount: '295.00', payment_date: '2025-03-10', gateway_key: 'bank_transfer' },
      { invoice_id: 11, amount: '100.00', payment_date: '2025-03-12', gateway_key: 'paypal' },
    ],
  });
}
