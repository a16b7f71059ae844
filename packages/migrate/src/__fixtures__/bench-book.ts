/**
 * The bench's Plandocket book: N invoices of 50 customers, every fourth one paid and every fourth
 * one canceled, two lines each. Shared by the emulators' child (which seeds it) and the bench
 * (which counts the fewest calls the APIs allow for it).
 */
import type { PlandocketSeed } from '@invoicekit/plandocket/emulator';

/** Customers the book's invoices are spread over. */
export const CUSTOMERS = 50;
const STATUSES = ['sent', 'sent', 'paid', 'cancelled'] as const;

/** The book of `count` invoices as a Plandocket seed. */
export function bookSeed(count: number): PlandocketSeed {
  const indexes = Array.from({ length: count }, (_, index) => index);
  return {
    contacts: Array.from({ length: CUSTOMERS }, (_, index) => ({
      id: index + 1,
      company_name: `Aussteller ${index + 1} GmbH`,
      email: `a${index + 1}@bench.example`,
    })),
    invoices: indexes.map((index) => ({
      id: 100_000 + index,
      contact_id: (index % CUSTOMERS) + 1,
      status: STATUSES[index % STATUSES.length],
      items: [
        {
          description: 'Standmiete',
          quantity: String(1 + (index % 3)),
          unit_price: '250.00',
          tax_rate: '19',
        },
        { description: 'Ausweis', quantity: '2', unit_price: '15.00', tax_rate: '19' },
      ],
    })),
    payments: indexes
      .filter((index) => STATUSES[index % STATUSES.length] === 'paid')
      .map((index) => ({
        invoice_id: 100_000 + index,
        amount: index % 3 === 0 ? '327.25' : index % 3 === 1 ? '624.75' : '922.25',
      })),
  };
}

/** How many of the book's invoices are paid and canceled in the source. */
export function bookShape(count: number): { paid: number; canceled: number } {
  let paid = 0;
  let canceled = 0;
  for (let index = 0; index < count; index += 1) {
    if (STATUSES[index % STATUSES.length] === 'paid') paid += 1;
    if (STATUSES[index % STATUSES.length] === 'cancelled') canceled += 1;
  }
  return { paid, canceled };
}
