import {
  EarlyPaymentDiscountInputSchema,
  ExchangeRateInputSchema,
  InvoiceBankAccountInputSchema,
  PartySnapshotInputSchema,
  type AdapterWarning,
  type Invoice,
  type InvoiceCreateInput,
  type Line,
  type LineInput,
} from '@invoicekit/core';
import { validFields } from './valid-fields';

/**
 * The idempotency key of a migrated invoice: the same source invoice always gets the same key, so
 * the target's own dedupe (InvoiceOcean `oid`, Monsum `INVOICE_EXT_UID`) makes a repeat harmless.
 */
export function migrationKey(sourceProvider: string, sourceId: string): string {
  return `invoicekit:${sourceProvider}:${sourceId}`;
}

/** What the builder knows besides the source invoice. */
export interface CreateInputContext {
  readonly sourceProvider: string;
  readonly targetCustomerId: string;
  readonly relatedInvoiceId?: string;
}

/**
 * How one field of a source record reaches the target:
 * - `carried`: a field of the create input holds it (named, so a reader can follow it);
 * - `derived`: the target computes it from what is carried (totals from lines), or the migration
 *   brings it about by its own steps (status, paid date: finalize, pay, cancel);
 * - `notCarried`: the canonical create input has no place for it — the migration reports its
 *   loss as a warning whenever the source holds a value.
 */
export type SourceFieldCarriage =
  { readonly carried: string } | { readonly derived: string } | { readonly notCarried: string };

/** One {@link SourceFieldCarriage} for every field of `Record`: none may be left out. */
export type SourceFieldTable<Record> = { readonly [Key in keyof Record]-?: SourceFieldCarriage };

/**
 * Every field of a source invoice and where it goes. A field added to the canonical `Invoice`
 * is a compile error here until it is placed, so a migration never drops one without a word.
 */
export const INVOICE_SOURCE_FIELDS = {
  id: { carried: 'externalId (the migration key) and the journal' },
  provider: { derived: 'the target is another provider' },
  number: {
    carried:
      'number (where the target numbers invoices itself, its writer warns and the report maps source → target number)',
  },
  type: { carried: 'type' },
  status: { derived: 'the lifecycle steps: finalize, pay, cancel' },
  state: { derived: 'the lifecycle steps (drafts by the drafts policy); payments one by one' },
  currency: { carried: 'currency' },
  issueDate: { carried: 'issueDate' },
  serviceDate: { carried: 'serviceDate' },
  dueDate: { carried: 'dueDate (when not before the issue date)' },
  paidDate: { derived: 'the date of the payment step' },
  paymentTermsDays: { carried: 'paymentTermsDays' },
  earlyPaymentDiscount: { carried: 'earlyPaymentDiscount' },
  bankAccount: { carried: 'bankAccount (values the model refuses are dropped with a warning)' },
  exchangeRate: { carried: 'exchangeRate' },
  customer: { carried: 'customer.id (the target customer made from the source customer or buyer)' },
  seller: { carried: 'seller' },
  lines: { carried: 'lines' },
  totals: { derived: 'the target computes totals from the lines; reconciliation compares them' },
  taxBreakdown: { derived: 'the target computes it from the lines' },
  payments: {
    derived:
      'the payment steps: one markPaid per source payment with its amount, date, method and reference (one whole payment where the target takes no partial ones)',
  },
  notes: { carried: 'notes' },
  internalNotes: { carried: 'internalNotes' },
  externalId: {
    notCarried:
      "the target's externalId is the migration key; the source's own external id is not kept",
  },
  orderId: { carried: 'orderId' },
  relatedInvoiceId: { carried: 'relatedInvoiceId (mapped to the migrated invoice)' },
  language: { carried: 'language' },
  createdAt: { derived: 'the target stamps its own' },
  updatedAt: { derived: 'the target stamps its own' },
  raw: { derived: 'vendor-specific; stays with the source' },
} as const satisfies SourceFieldTable<Invoice>;

/** Every field of a source line and where it goes. */
export const LINE_SOURCE_FIELDS = {
  id: { derived: 'the target numbers its lines' },
  description: { carried: 'description (— when empty)' },
  sku: { carried: 'sku' },
  productId: {
    notCarried: "product ids name the source's catalogue; the target's catalogue has other ids",
  },
  quantity: { carried: 'quantity' },
  unit: { carried: 'unit' },
  unitPrice: { carried: 'unitPrice' },
  unitPriceKind: { carried: 'unitPriceKind' },
  taxRate: { carried: 'taxRate' },
  discount: { carried: 'discount' },
  totals: { derived: 'the target computes them' },
} as const satisfies SourceFieldTable<Line>;

/** One filler for every field of a create input: none may be left out. */
export type Filled<Input> = {
  readonly [Key in keyof Input]-?: (
    source: Invoice,
    context: CreateInputContext,
  ) => Input[Key] | undefined;
};

type FilledLine = {
  readonly [Key in keyof LineInput]-?: (line: Line) => LineInput[Key] | undefined;
};

/** A nullable source value as an optional input value. */
const given = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

function negate(value: string): string {
  return value.startsWith('-') ? value.slice(1) : `-${value}`;
}

/** How every field of a line input is filled from the source line. */
const LINE_INPUT_FROM_SOURCE = {
  description: (line) => line.description || '—',
  sku: (line) => given(line.sku),
  productId: () => undefined,
  // A vendor that reads corrections as negative quantities (InvoiceOcean): the canonical input
  // takes none, so the sign moves to the unit price — the same amount, announced by planCreateInput.
  quantity: (line) => (line.quantity.startsWith('-') ? line.quantity.slice(1) : line.quantity),
  unit: (line) => given(line.unit),
  unitPrice: (line) => (line.quantity.startsWith('-') ? negate(line.unitPrice) : line.unitPrice),
  unitPriceKind: (line) => line.unitPriceKind,
  taxRate: (line) => line.taxRate,
  discount: (line) => given(line.discount),
} as const satisfies FilledLine;

/**
 * How every field of the target's create input is filled from the source invoice: the
 * compiler refuses this table when the canonical input gains a field it does not fill.
 */
export const CREATE_INPUT_FROM_SOURCE = {
  number: (source) => given(source.number),
  type: (source) => typeOf(source),
  currency: (source) => source.currency,
  issueDate: (source) => given(source.issueDate),
  serviceDate: (source) => given(source.serviceDate),
  // A due date before the issue date is invalid input; the target's default applies.
  dueDate: (source) =>
    source.dueDate !== null && (source.issueDate === null || source.dueDate >= source.issueDate)
      ? source.dueDate
      : undefined,
  paymentTermsDays: (source) => given(source.paymentTermsDays),
  earlyPaymentDiscount: (source) => given(source.earlyPaymentDiscount),
  bankAccount: (source) => (source.bankAccount === null ? undefined : present(source.bankAccount)),
  exchangeRate: (source) =>
    source.exchangeRate === null
      ? undefined
      : {
          currency: source.exchangeRate.currency,
          rate: source.exchangeRate.rate,
          ...(source.exchangeRate.source !== null ? { source: source.exchangeRate.source } : {}),
        },
  customer: (_source, context) => ({ id: context.targetCustomerId }),
  seller: (source) => (source.seller === null ? undefined : partyInput(source.seller)),
  lines: (source) => linesOf(source),
  notes: (source) => given(source.notes),
  internalNotes: (source) => given(source.internalNotes),
  externalId: (source, context) => migrationKey(context.sourceProvider, source.id),
  orderId: (source) => given(source.orderId),
  relatedInvoiceId: (_source, context) => context.relatedInvoiceId,
  language: (source) => given(source.language),
  // Vendor extras belong to one vendor; a migration carries canonical fields only.
  providerOptions: () => undefined,
} as const satisfies Filled<InvoiceCreateInput>;

/** A record's non-null values only: canonical output holds `null`, input leaves them out. */
function present<T extends object>(record: T): { [Key in keyof T]?: NonNullable<T[Key]> } {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== null && value !== undefined),
  ) as { [Key in keyof T]?: NonNullable<T[Key]> };
}

/** A snapshot party (seller) as input: only the values it holds. */
function partyInput(
  party: NonNullable<Invoice['seller']>,
): NonNullable<InvoiceCreateInput['seller']> {
  const address = party.address
    ? Object.fromEntries(Object.entries(party.address).filter(([, value]) => value !== null))
    : undefined;
  return {
    kind: party.kind,
    name: party.name,
    ...(party.firstName !== null ? { firstName: party.firstName } : {}),
    ...(party.lastName !== null ? { lastName: party.lastName } : {}),
    ...(party.taxId !== null ? { taxId: party.taxId } : {}),
    ...(party.email !== null ? { email: party.email } : {}),
    ...(party.phone !== null ? { phone: party.phone } : {}),
    ...(address && Object.keys(address).length > 0 ? { address } : {}),
  };
}

function fill<Input extends object, Source, Context>(
  table: { readonly [Key in keyof Input]-?: (source: Source, context: Context) => unknown },
  source: Source,
  context: Context,
): Input {
  const filled: Record<string, unknown> = {};
  for (const [key, from] of Object.entries(table) as [
    string,
    (s: Source, c: Context) => unknown,
  ][]) {
    const value = from(source, context);
    if (value !== undefined) filled[key] = value;
  }
  return filled as Input;
}

/**
 * The lines to write: the source's, or — for a vendor that returns none — one line carrying
 * the net total.
 */
function linesOf(source: Invoice): LineInput[] {
  if (source.lines.length === 0) {
    return [
      {
        description: `Invoice ${source.number ?? source.id}`,
        unitPrice: source.totals.net,
        taxRate: source.taxBreakdown[0]?.rate ?? { kind: 'percent', value: '0' },
      } satisfies LineInput,
    ];
  }
  return source.lines.map((line) =>
    fill<LineInput, Line, undefined>(LINE_INPUT_FROM_SOURCE, line, undefined),
  );
}

/**
 * The type to write. Some vendors hide a canceled invoice's type (InvoiceOcean's kind becomes
 * `canceled`, read as `other`); such an invoice is written as an invoice — see
 * {@link hiddenTypeWarning}.
 */
export function typeOf(source: Invoice): Invoice['type'] {
  return source.type === 'other' && source.status.canonical === 'canceled'
    ? 'invoice'
    : source.type;
}

/** The warning that goes with {@link typeOf} guessing, or `undefined`. */
export function hiddenTypeWarning(source: Invoice): AdapterWarning | undefined {
  return typeOf(source) === source.type
    ? undefined
    : {
        type: 'approximated',
        path: 'type',
        reason: 'the source hides the type of canceled invoices; written as an invoice',
      };
}

/**
 * The source invoice's fields that hold a value the migration cannot carry, each as a warning
 * naming its path (`number`, `lines.0.productId`) with the reason from the tables above.
 */
export function uncarriedFieldWarnings(source: Invoice): AdapterWarning[] {
  const warnings: AdapterWarning[] = [];
  const lost = (
    fields: readonly (readonly [string, string])[],
    record: Readonly<Record<string, unknown>>,
    prefix: string,
  ): void => {
    for (const [field, reason] of fields)
      if (record[field] !== null && record[field] !== undefined)
        warnings.push({ type: 'unsupported_field', path: `${prefix}${field}`, reason });
  };
  lost(INVOICE_NOT_CARRIED, source, '');
  source.lines.forEach((line, index) => lost(LINE_NOT_CARRIED, line, `lines.${index}.`));
  return warnings;
}

/** The fields of a table that are not carried, with the reason: worked out once, not per invoice. */
function notCarriedOf(
  table: Readonly<Record<string, SourceFieldCarriage>>,
): readonly (readonly [string, string])[] {
  return Object.entries(table).flatMap(([field, carriage]) =>
    'notCarried' in carriage ? [[field, carriage.notCarried] as const] : [],
  );
}
const INVOICE_NOT_CARRIED = notCarriedOf(INVOICE_SOURCE_FIELDS);
const LINE_NOT_CARRIED = notCarriedOf(LINE_SOURCE_FIELDS);

/** Values a vendor holds that the canonical input refuses, dropped one by one with a warning. */
function dropInvalid(input: InvoiceCreateInput, warnings: AdapterWarning[]): void {
  if (input.bankAccount !== undefined) {
    const bank = validFields(InvoiceBankAccountInputSchema, input.bankAccount, 'bankAccount');
    warnings.push(...bank.warnings);
    if (Object.keys(bank.value).length > 0)
      input.bankAccount = bank.value as NonNullable<InvoiceCreateInput['bankAccount']>;
    else delete input.bankAccount;
  }
  const invalid = (path: string): void => {
    warnings.push({
      type: 'unsupported_field',
      path,
      reason: 'the source value is not valid canonical input; not carried',
    });
  };
  if (
    input.earlyPaymentDiscount !== undefined &&
    !EarlyPaymentDiscountInputSchema.safeParse(input.earlyPaymentDiscount).success
  ) {
    delete input.earlyPaymentDiscount;
    invalid('earlyPaymentDiscount');
  }
  if (
    input.exchangeRate !== undefined &&
    !ExchangeRateInputSchema.safeParse(input.exchangeRate).success
  ) {
    delete input.exchangeRate;
    invalid('exchangeRate');
  }
  if (input.exchangeRate?.currency === input.currency) {
    delete input.exchangeRate;
    warnings.push({
      type: 'unsupported_field',
      path: 'exchangeRate',
      reason: 'the source rate converts into the invoice’s own currency; not carried',
    });
  }
  // Terms that disagree with the dates the source prints: the dates win, they are on the document.
  if (
    input.paymentTermsDays !== undefined &&
    input.issueDate !== undefined &&
    input.dueDate !== undefined &&
    addDays(input.issueDate, input.paymentTermsDays) !== input.dueDate
  ) {
    warnings.push({
      type: 'unsupported_field',
      path: 'paymentTermsDays',
      reason: `${input.paymentTermsDays} days disagree with the source's issue and due dates; the due date is carried`,
    });
    delete input.paymentTermsDays;
  }
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A source invoice → the canonical create input for the target: every field filled by the
 * table above — the same lines, dates, notes, currency, seller, order id and language, the
 * target's customer, and the migration key as `externalId`.
 */
export function toCreateInput(source: Invoice, context: CreateInputContext): InvoiceCreateInput {
  return planCreateInput(source, context).input;
}

/**
 * {@link toCreateInput} with what it could not carry: the fields the canonical input has no
 * place for ({@link uncarriedFieldWarnings}), and seller values that are not valid canonical
 * input (a vendor may hold what the model refuses) — dropped with a warning, never failing the
 * invoice for a field that is not money.
 */
export function planCreateInput(
  source: Invoice,
  context: CreateInputContext,
): { input: InvoiceCreateInput; warnings: AdapterWarning[] } {
  const input = fill<InvoiceCreateInput, Invoice, CreateInputContext>(
    CREATE_INPUT_FROM_SOURCE,
    source,
    context,
  );
  const warnings = uncarriedFieldWarnings(source);
  if (source.dueDate !== null && input.dueDate === undefined)
    warnings.push({
      type: 'unsupported_field',
      path: 'dueDate',
      reason: `the source's due date ${source.dueDate} is before its issue date, which the canonical input refuses; the target's default applies`,
    });
  source.lines.forEach((line, index) => {
    if (line.quantity.startsWith('-')) {
      const reason = `a negative quantity (${line.quantity}) is written as a positive one at a negative unit price: the same amount`;
      warnings.push(
        { type: 'approximated', path: `lines.${index}.quantity`, reason },
        { type: 'approximated', path: `lines.${index}.unitPrice`, reason },
      );
    }
  });
  dropInvalid(input, warnings);
  if (input.seller !== undefined) {
    const seller = validFields(PartySnapshotInputSchema, input.seller, 'seller');
    warnings.push(...seller.warnings);
    if (typeof seller.value.name === 'string' && seller.value.name.trim() !== '')
      input.seller = seller.value as NonNullable<InvoiceCreateInput['seller']>;
    else {
      delete input.seller;
      warnings.push({
        type: 'unsupported_field',
        path: 'seller',
        reason: 'the source seller has no name, which the canonical input requires; not carried',
      });
    }
  }
  return { input, warnings };
}
