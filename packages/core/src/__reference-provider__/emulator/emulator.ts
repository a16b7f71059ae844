import { defineEmulator, type Emulator } from '../../emulator/emulator';
import { EntityStore } from '../../emulator/entity-store';
import {
  jsonResponse,
  readJsonBody,
  type EmulatorRequest,
  type EmulatorResponse,
} from '../../emulator/types';
import { computeInvoiceTotals } from '../../money/document-totals';
import { formatMoney } from '../../money/rounding';
import { DEFAULT_ROUNDING_STRATEGY } from '../../money/rounding-strategy';
import { toDecimal } from '../../money/decimal';
import type { TaxRate } from '../../model/tax-rate';

interface StoredLine {
  title: string;
  qty: string;
  unit_price: string;
  price_kind: 'net' | 'gross';
  tax_rate: string;
  discount_percent?: string;
  discount_amount?: string;
}

interface StoredInvoice {
  id: number;
  number: string | null;
  kind: string;
  status: string;
  currency: string;
  issued_on: string | null;
  due_on: string | null;
  paid_on: string | null;
  customer_id: number | null;
  buyer: { name: string; tax_id?: string | null; email?: string | null } | null;
  external_id: string | null;
  related_invoice_id: number | null;
  notes: string | null;
  lines: StoredLine[];
  paid_total: string;
  /** Each payment its own record, in the order received. */
  payments: {
    id: number;
    amount: string;
    date: string;
    method: string | null;
    reference: string | null;
  }[];
  sent_to: string[];
  created_at: string;
  updated_at: string;
}

interface StoredCustomer {
  id: number;
  [field: string]: unknown;
}

interface AcmeState {
  invoices: EntityStore<StoredInvoice>;
  customers: EntityStore<StoredCustomer>;
  numberSequence: number;
}

/** What `seed` accepts: invoices by line values; everything else defaulted. */
export interface AcmeSeed {
  invoices?: { currency?: string; status?: string; lines?: StoredLine[]; external_id?: string }[];
}

export const ACME_TOKEN_HEADER = 'authorization';
const MAX_PER_PAGE = 50;

function taxRateOf(wire: string): TaxRate {
  return wire === 'exempt' ? { kind: 'exempt' } : { kind: 'percent', value: wire };
}

function present(invoice: StoredInvoice): Record<string, unknown> {
  const computation = computeInvoiceTotals(
    invoice.lines.map((line) => ({
      quantity: line.qty,
      unitPrice: line.unit_price,
      unitPriceKind: line.price_kind,
      taxRate: taxRateOf(line.tax_rate),
      discount: line.discount_percent
        ? { kind: 'percent' as const, value: line.discount_percent }
        : line.discount_amount
          ? { kind: 'amount' as const, value: line.discount_amount }
          : null,
    })),
    { currency: invoice.currency, strategy: DEFAULT_ROUNDING_STRATEGY, paid: invoice.paid_total },
  );
  return {
    ...invoice,
    sent_to: undefined,
    lines: invoice.lines.map((line, index) => ({
      id: index + 1,
      ...line,
      net: computation.lines[index]?.net,
      tax: computation.lines[index]?.tax,
      gross: computation.lines[index]?.gross,
      discount: computation.lines[index]?.discount,
    })),
    net_total: computation.totals.net,
    tax_total: computation.totals.tax,
    gross_total: computation.totals.gross,
    paid_total: computation.totals.paid,
  };
}

function grossOf(invoice: StoredInvoice): string {
  return String(present(invoice).gross_total);
}

const ok = (data: unknown, status = 200): EmulatorResponse =>
  jsonResponse(status, {
    data,
    meta: { request_id: `req_${Math.random().toString(36).slice(2, 10)}` },
  });
const notFound = (): EmulatorResponse => jsonResponse(404, { error: 'not found' });
const invalid = (errors: Record<string, string[]>): EmulatorResponse =>
  jsonResponse(422, { error: 'validation failed', errors });
const conflict = (message: string): EmulatorResponse => jsonResponse(409, { error: message });

function validateLines(lines: unknown): Record<string, string[]> {
  if (!Array.isArray(lines) || lines.length === 0)
    return { lines: ['must have at least one line'] };
  const errors: Record<string, string[]> = {};
  lines.forEach((line: Partial<StoredLine>, index) => {
    if (!line.title) errors[`lines.${index}.title`] = ["can't be blank"];
    if (typeof line.unit_price !== 'string' || !/^-?\d+(\.\d+)?$/.test(line.unit_price)) {
      errors[`lines.${index}.unit_price`] = ['is not a number'];
    }
  });
  return errors;
}

/** The slice of `rows` that `?page=&per_page=` asks for (1-based pages, 25 by default, max 50). */
function pageOf<T>(request: EmulatorRequest, rows: readonly T[]): T[] {
  const page = Math.max(1, Number(request.query.get('page') ?? '1') || 1);
  const perPage = Math.min(
    MAX_PER_PAGE,
    Math.max(1, Number(request.query.get('per_page') ?? '25') || 25),
  );
  return rows.slice((page - 1) * perPage, page * perPage);
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function handleInvoices(
  request: EmulatorRequest,
  state: AcmeState,
  segments: string[],
): EmulatorResponse {
  const [, idText, action] = segments;
  const now = new Date().toISOString();

  if (idText === undefined) {
    if (request.method === 'GET') {
      const externalId = request.query.get('external_id');
      const rows = state.invoices
        .all()
        .filter((invoice) => !externalId || invoice.external_id === externalId);
      return ok(pageOf(request, rows).map(present));
    }
    if (request.method === 'POST') {
      const body = (readJsonBody(request) ?? {}) as { invoice?: Partial<StoredInvoice> };
      const input = body.invoice ?? {};
      if (input.external_id) {
        const existing = state.invoices.find(
          (invoice) => invoice.external_id === input.external_id,
        );
        // Acme's documented dedupe: a repeated external_id returns the first invoice.
        if (existing) return ok(present(existing), 200);
      }
      const errors = validateLines(input.lines);
      if (!input.currency) errors.currency = ["can't be blank"];
      if (!input.customer_id && !input.buyer) errors.buyer = ["can't be blank"];
      if (input.customer_id && !state.customers.get(Number(input.customer_id)))
        errors.customer_id = ['does not exist'];
      if (Object.keys(errors).length > 0) return invalid(errors);
      const created = state.invoices.insert({
        number: null,
        kind: input.kind ?? 'invoice',
        status: 'draft',
        currency: String(input.currency),
        issued_on: input.issued_on ?? null,
        due_on: input.due_on ?? null,
        paid_on: null,
        payments: [],
        customer_id: input.customer_id ? Number(input.customer_id) : null,
        buyer: input.buyer ?? null,
        external_id: input.external_id ?? null,
        related_invoice_id: input.related_invoice_id ? Number(input.related_invoice_id) : null,
        notes: input.notes ?? null,
        lines: input.lines as StoredLine[],
        paid_total: '0',
        sent_to: [],
        created_at: now,
        updated_at: now,
      });
      return ok(present(created), 201);
    }
    return jsonResponse(405, { error: 'method not allowed' });
  }

  const invoice = state.invoices.get(Number(idText));
  if (!invoice) return notFound();
  const update = (changes: Partial<StoredInvoice>): StoredInvoice =>
    state.invoices.update(invoice.id, { ...changes, updated_at: now }) as StoredInvoice;

  if (action === undefined) {
    if (request.method === 'GET') return ok(present(invoice));
    if (request.method === 'DELETE') {
      if (invoice.status !== 'draft') return conflict('only drafts can be deleted');
      state.invoices.delete(invoice.id);
      return { status: 204 };
    }
    if (request.method === 'PATCH') {
      if (invoice.status !== 'draft') return conflict('only drafts can be changed');
      const input =
        ((readJsonBody(request) ?? {}) as { invoice?: Partial<StoredInvoice> }).invoice ?? {};
      if (input.lines !== undefined) {
        const errors = validateLines(input.lines);
        if (Object.keys(errors).length > 0) return invalid(errors);
      }
      return ok(present(update(input)));
    }
  }

  if (request.method === 'POST' && action === 'finalize') {
    if (invoice.status !== 'draft') return conflict('invoice is not a draft');
    state.numberSequence += 1;
    return ok(
      present(
        update({
          status: 'open',
          number: `ACME-${String(state.numberSequence).padStart(4, '0')}`,
          issued_on: invoice.issued_on ?? today(),
        }),
      ),
    );
  }
  if (request.method === 'POST' && action === 'cancel') {
    if (invoice.status === 'void') return conflict('invoice is already void');
    return ok(present(update({ status: 'void' })));
  }
  if (request.method === 'POST' && action === 'send') {
    if (invoice.status === 'draft') return conflict('finalize the invoice before sending it');
    const to = ((readJsonBody(request) ?? {}) as { to?: string[] }).to ?? [];
    return ok(
      present(update({ status: invoice.status === 'open' ? 'sent' : invoice.status, sent_to: to })),
    );
  }
  if (request.method === 'POST' && action === 'payments') {
    if (invoice.status === 'draft' || invoice.status === 'void')
      return conflict('invoice cannot be paid');
    const body = (readJsonBody(request) ?? {}) as {
      amount?: string;
      date?: string;
      method?: string;
      reference?: string;
    };
    const gross = toDecimal(grossOf(invoice));
    const amount = body.amount
      ? toDecimal(body.amount)
      : gross.minus(toDecimal(invoice.paid_total));
    const paid = toDecimal(invoice.paid_total).plus(amount);
    if (paid.greaterThan(gross)) return invalid({ amount: ['exceeds the amount due'] });
    const fullyPaid = paid.equals(gross);
    return ok(
      present(
        update({
          paid_total: formatMoney(paid, invoice.currency),
          status: fullyPaid ? 'paid' : 'partial',
          paid_on: fullyPaid ? (body.date ?? today()) : null,
          payments: [
            ...invoice.payments,
            {
              id: invoice.payments.length + 1,
              amount: formatMoney(amount, invoice.currency),
              date: body.date ?? today(),
              method: body.method ?? null,
              reference: body.reference ?? null,
            },
          ],
        }),
      ),
    );
  }
  if (request.method === 'GET' && action === 'pdf') {
    return {
      status: 200,
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="invoice-${invoice.id}.pdf"`,
      },
      body: Buffer.from(
        `%PDF-1.4\n% acme invoice ${invoice.number ?? invoice.id}\n%%EOF\n`,
        'latin1',
      ),
    };
  }
  return notFound();
}

function handleCustomers(
  request: EmulatorRequest,
  state: AcmeState,
  segments: string[],
): EmulatorResponse {
  const [, idText] = segments;
  const now = new Date().toISOString();
  if (idText === undefined) {
    if (request.method === 'GET') {
      const email = request.query.get('email');
      const rows = state.customers.all().filter((customer) => !email || customer.email === email);
      return ok(pageOf(request, rows));
    }
    if (request.method === 'POST') {
      const input =
        ((readJsonBody(request) ?? {}) as { customer?: Record<string, unknown> }).customer ?? {};
      if (!input.name) return invalid({ name: ["can't be blank"] });
      return ok(
        state.customers.insert({ type: 'company', ...input, created_at: now, updated_at: now }),
        201,
      );
    }
    return jsonResponse(405, { error: 'method not allowed' });
  }
  const customer = state.customers.get(Number(idText));
  if (!customer) return notFound();
  if (request.method === 'GET') return ok(customer);
  if (request.method === 'PATCH') {
    const input =
      ((readJsonBody(request) ?? {}) as { customer?: Record<string, unknown> }).customer ?? {};
    return ok(state.customers.update(customer.id, { ...input, updated_at: now }));
  }
  return jsonResponse(405, { error: 'method not allowed' });
}

/** The Acme emulator. `token` is the only Bearer token it accepts. */
export function createAcmeEmulator(options: { token: string }): Emulator<AcmeSeed> {
  return defineEmulator<AcmeState, AcmeSeed>({
    name: 'acme',
    createState: () => ({
      invoices: new EntityStore(1000),
      customers: new EntityStore(500),
      numberSequence: 0,
    }),
    seed: (state, data) => {
      const now = new Date().toISOString();
      for (const invoice of data.invoices ?? []) {
        state.invoices.insert({
          number: null,
          kind: 'invoice',
          status: invoice.status ?? 'open',
          currency: invoice.currency ?? 'EUR',
          issued_on: today(),
          due_on: null,
          paid_on: null,
          customer_id: null,
          buyer: { name: 'Seeded Buyer GmbH' },
          external_id: invoice.external_id ?? null,
          related_invoice_id: null,
          notes: null,
          lines: invoice.lines ?? [
            {
              title: 'Seeded service',
              qty: '1',
              unit_price: '100.00',
              price_kind: 'net',
              tax_rate: '19',
            },
          ],
          paid_total: '0',
          payments: [],
          sent_to: [],
          created_at: now,
          updated_at: now,
        });
      }
    },
    handler: (request, state) => {
      if (request.headers[ACME_TOKEN_HEADER] !== `Bearer ${options.token}`) {
        return jsonResponse(401, { error: 'unauthorized' });
      }
      const segments = request.path
        .replace(/^\/v1\/?/, '')
        .split('/')
        .filter(Boolean);
      if (segments[0] === 'invoices') return handleInvoices(request, state, segments);
      if (segments[0] === 'customers') return handleCustomers(request, state, segments);
      return notFound();
    },
  });
}
