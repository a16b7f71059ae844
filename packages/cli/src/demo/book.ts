import {
  formatFixed,
  toDecimal,
  type InvoiceAdapterV1,
  type InvoiceCreateInput,
  type TaxRateInput,
} from '@invoicekit/core';
import type { Emulator } from '@invoicekit/core/emulator';
import { collect } from '../collect';
import type { RunningEmulator } from '../emulators';
import { createAdapter } from '../providers';

/** The buyers of the demo book: companies and a person, in Germany and Poland. */
const BUYERS = [
  {
    name: 'Nordlicht Messebau GmbH',
    taxId: 'DE811111111',
    email: 'rechnung@nordlicht.example',
    address: { street: 'Hafenstraße 4', city: 'Hamburg', postalCode: '20457', country: 'DE' },
  },
  {
    name: 'Wisła Catering Sp. z o.o.',
    taxId: 'PL5260000001',
    email: 'faktury@wisla.example',
    address: { street: 'ul. Długa 12', city: 'Kraków', postalCode: '31-147', country: 'PL' },
  },
  {
    name: 'Alpenblick Events AG',
    taxId: 'DE822222222',
    email: 'buchhaltung@alpenblick.example',
    address: { street: 'Seeweg 1', city: 'München', postalCode: '80331', country: 'DE' },
  },
  {
    name: 'Bałtyk Logistics S.A.',
    taxId: 'PL5260000002',
    email: 'ap@baltyk.example',
    address: { street: 'ul. Portowa 3', city: 'Gdańsk', postalCode: '80-001', country: 'PL' },
  },
] as const;

const SERVICES: readonly {
  description: string;
  unitPrice: string;
  rates: readonly TaxRateInput[];
}[] = [
  { description: 'Standfläche je m²', unitPrice: '85', rates: ['19', '23'] },
  { description: 'Messebau Pauschale', unitPrice: '1200', rates: ['19', '23'] },
  { description: 'Catering je Person', unitPrice: '24', rates: ['7', '8'] },
  { description: 'Fachbuch', unitPrice: '39', rates: ['7', '5'] },
  { description: 'Schulung (steuerbefreit)', unitPrice: '450', rates: ['exempt', 'exempt'] },
];

/** What was written, for the tour and the summary. */
export interface BookFacts {
  readonly invoices: number;
  readonly currencies: readonly string[];
}

/**
 * A realistic book written into InvoiceOcean through the canonical API: four buyers, invoices in
 * EUR and PLN (whole-unit prices, so every vendor's rounding agrees to the cent), issued, paid,
 * partially paid and canceled ones, tax-exempt lines, and a credit note.
 */
export async function writeInvoiceOceanBook(
  adapter: InvoiceAdapterV1,
  count: number,
): Promise<BookFacts> {
  const customers: string[] = [];
  for (const buyer of BUYERS) customers.push((await adapter.customers.create(buyer)).data.id);
  let first: string | undefined;
  for (let index = 0; index < count; index += 1) {
    const buyer = index % BUYERS.length;
    const polish = buyer % 2 === 1;
    const lines = [0, 1, 2].map((offset) => {
      const service = SERVICES[(index + offset) % SERVICES.length] ?? SERVICES[0];
      return {
        description: service?.description ?? 'Leistung',
        quantity: String(1 + ((index + offset) % 4)),
        unitPrice: service?.unitPrice ?? '1',
        taxRate: service?.rates[polish ? 1 : 0] ?? '19',
      };
    });
    const input: InvoiceCreateInput = {
      currency: polish ? 'PLN' : 'EUR',
      customer: { id: customers[buyer] ?? '' },
      lines,
      notes: `Messe ${2026 + (index % 2)} — Auftrag ${1000 + index}`,
    };
    const { data } = await adapter.invoices.create(input);
    first ??= data.id;
    if (index % 5 === 1) await adapter.invoices.markPaid(data.id);
    else if (index % 7 === 2) await adapter.invoices.markPaid(data.id, { amount: '100.00' });
    else if (index % 11 === 3) await adapter.invoices.cancel(data.id);
  }
  if (first !== undefined) {
    const original = await adapter.invoices.get(first);
    await adapter.invoices.create({
      type: 'credit_note',
      relatedInvoiceId: first,
      currency: original.currency,
      customer: { id: original.customer.id ?? customers[0] ?? '' },
      lines: [
        { description: 'Gutschrift Standfläche', quantity: '1', unitPrice: '85', taxRate: '19' },
      ],
    });
  }
  return { invoices: count + 1, currencies: ['EUR', 'PLN'] };
}

/** A Plandocket tenant's book, seeded (its API cannot create invoices). */
export function seedPlandocketBook(emulator: Emulator<unknown>, count: number): BookFacts {
  emulator.seed({
    contacts: BUYERS.filter((buyer) => buyer.address.country === 'DE').map((buyer, index) => ({
      id: 100 + index,
      company_name: buyer.name,
      email: buyer.email.replace('.example', '-events.example'),
      tax_id: buyer.taxId.replace('DE8', 'DE9'),
      city: buyer.address.city,
      country: 'Deutschland',
    })),
  });
  const statuses = ['sent', 'sent', 'paid', 'draft', 'cancelled', 'sent'];
  emulator.seed({
    invoices: Array.from({ length: count }, (_, index) => ({
      id: 5000 + index,
      contact_id: 100 + (index % 2),
      event_key: index % 2 === 0 ? 'fruehjahrsmesse' : 'herbstmesse',
      status: statuses[index % statuses.length],
      is_reverse_charge: index % 13 === 4,
      items: [
        {
          description: 'Standmiete',
          quantity: String(1 + (index % 3)),
          unit_price: '250.00',
          tax_rate: '19',
        },
        { description: 'Ausstellerausweis', quantity: '2', unit_price: '15.00', tax_rate: '19' },
      ],
    })),
  });
  // Payments: every "paid" invoice in full, and some "sent" ones in part.
  const payments = Array.from({ length: count }, (_, index) => index).flatMap((index) => {
    const status = statuses[index % statuses.length];
    const net = toDecimal('250')
      .times(1 + (index % 3))
      .plus(toDecimal('30'));
    const gross = index % 13 === 4 ? net : net.times(toDecimal('1.19'));
    if (status === 'paid')
      return [
        { invoice_id: 5000 + index, amount: formatFixed(gross, 2), payment_date: '2026-10-20' },
      ];
    if (status === 'sent' && index % 4 === 0)
      return [{ invoice_id: 5000 + index, amount: '50.00', payment_date: '2026-10-25' }];
    return [];
  });
  emulator.seed({ payments });
  emulator.seed({
    invoices: [
      {
        id: 9000,
        contact_id: 100,
        event_key: 'fruehjahrsmesse',
        invoice_type: 'credit_note',
        related_invoice_id: 5000,
        status: 'sent',
        items: [
          {
            description: 'Gutschrift Standmiete',
            quantity: '1',
            unit_price: '100.00',
            tax_rate: '19',
          },
        ],
      },
    ],
  });
  return { invoices: count + 1, currencies: ['EUR'] };
}

/**
 * A small method-style (FastBill/Monsum) book: the buyers as customers, completed invoices and a
 * draft seeded, then one paid and one canceled through the vendor's API (its seed holds neither
 * state). The vendor has no partial payments and no credit notes.
 */
export async function writeMethodStyleBook(
  emulator: Emulator<unknown>,
  adapter: InvoiceAdapterV1,
  count: number,
): Promise<BookFacts> {
  emulator.seed({
    customers: BUYERS.map((buyer, index) => ({
      CUSTOMER_ID: 200 + index,
      CUSTOMER_TYPE: 'business',
      ORGANIZATION: buyer.name,
      EMAIL: buyer.email,
      VAT_ID: buyer.taxId,
      ADDRESS: buyer.address.street,
      ZIPCODE: buyer.address.postalCode,
      CITY: buyer.address.city,
      COUNTRY_CODE: buyer.address.country,
    })),
  });
  emulator.seed({
    invoices: Array.from({ length: count }, (_, index) => ({
      CUSTOMER_ID: 200 + (index % BUYERS.length),
      // The last one stays a draft.
      TYPE: index === count - 1 ? ('draft' as const) : ('outgoing' as const),
      ITEMS: [0, 1].map((offset) => {
        const service = SERVICES[(index + offset) % SERVICES.length] ?? SERVICES[0];
        const rate = service?.rates[0] ?? '19';
        return {
          DESCRIPTION: service?.description ?? 'Leistung',
          QUANTITY: String(1 + ((index + offset) % 3)),
          UNIT_PRICE: service?.unitPrice ?? '1',
          VAT_PERCENT: rate === 'exempt' ? '0' : rate,
        };
      }),
    })),
  });
  const issued = (await collect(adapter.invoices.list())).filter(
    (invoice) => invoice.status.canonical === 'issued',
  );
  if (issued[0]) await adapter.invoices.markPaid(issued[0].id);
  if (issued[1]) await adapter.invoices.cancel(issued[1].id);
  return { invoices: count, currencies: ['EUR'] };
}

/** Invoices in each emulated book that `invoicekit emulate` writes unless told `--empty`. */
export const EMULATED_BOOK_SIZE = 6;

/**
 * The small book `invoicekit emulate` starts each vendor with: a few customers and invoices in the
 * states the vendor has (issued, paid, partially paid, canceled, a draft, a credit note).
 */
export async function writeEmulatedBook(running: RunningEmulator): Promise<BookFacts> {
  if (running.provider === 'plandocket')
    return seedPlandocketBook(running.emulator, EMULATED_BOOK_SIZE);
  const adapter = createAdapter(running.config);
  try {
    return running.provider === 'invoiceocean'
      ? await writeInvoiceOceanBook(adapter, EMULATED_BOOK_SIZE)
      : await writeMethodStyleBook(running.emulator, adapter, EMULATED_BOOK_SIZE);
  } finally {
    await adapter.close();
  }
}
