import type { Invoice, Line, TaxRate } from '@invoicekit/core';
import { decimalKey, sameDecimal } from './decimal-text';

/**
 * One field that differs between a source invoice and what the target holds after the migration,
 * by its canonical path (`number`, `lines.0.unit`, `payments.1.date`, `totals.paid`,
 * `taxBreakdown.19.tax`, `state.lifecycle`).
 */
export interface Difference {
  readonly field: string;
  readonly source: string;
  readonly target: string;
  /** Set when the migration announced this difference, with the reason it gave. */
  readonly explained?: string;
}

/** How an invoice came out: equal, different only where announced, or different. */
export type Reconciliation = 'exact' | 'explained' | 'mismatched';

/** The verdict on a list of differences. */
export function verdictOf(differences: readonly Difference[]): Reconciliation {
  if (differences.length === 0) return 'exact';
  return differences.every((difference) => difference.explained) ? 'explained' : 'mismatched';
}

/** Adds one verdict to a run's counts: reconciled (exact), explained or mismatched. */
export function tallyVerdict(
  counts: { reconciled: number; explained: number; mismatched: number },
  verdict: Reconciliation,
): void {
  if (verdict === 'exact') counts.reconciled += 1;
  else if (verdict === 'explained') counts.explained += 1;
  else counts.mismatched += 1;
}

/** What the migration said about a field before reading the target back: a path and a reason. */
export interface Announcement {
  readonly path: string;
  readonly reason: string;
}

/** What reconciliation needs besides the two invoices. */
export interface ReconcileContext {
  /** The target customer the invoice was written for: the target must name it. */
  readonly targetCustomerId?: string;
  /** The target's id of the invoice the source refers to (credit notes). */
  readonly relatedInvoiceId?: string;
}

type Text = string | null | undefined;

function show(value: Text): string {
  return value === null || value === undefined ? '' : value;
}

function rateKey(rate: TaxRate): string {
  return rate.kind === 'percent' ? decimalKey(rate.value) : rate.kind;
}

/**
 * Compares what the source holds with what the target holds, field by field: number, type,
 * lifecycle / payment / due state, dates, currency, customer, seller, language, order id, notes,
 * terms, bank account, exchange rate, every line (description, SKU, quantity, unit, unit price and
 * its kind, tax rate, discount, totals), the tax of every rate, every payment (amount, date,
 * method), and the totals. A field the source leaves empty is not compared (the target may fill
 * in its own default, e.g. its seller). Amounts compare as decimals (`40.00000000` = `40.00`).
 * An empty list means the target holds the same invoice.
 */
export function reconcile(
  source: Invoice,
  target: Invoice,
  context: ReconcileContext = {},
): Difference[] {
  const differences: Difference[] = [];
  const text = (field: string, a: Text, b: Text): void => {
    if (a === null || a === undefined) return;
    if (a !== b) differences.push({ field, source: show(a), target: show(b) });
  };
  const decimal = (field: string, a: Text, b: Text): void => {
    if (a === null || a === undefined) return;
    if (!sameDecimal(a, b)) differences.push({ field, source: show(a), target: show(b) });
  };

  // A draft has no number yet; a target that numbers it anyway differs from it.
  if (source.number !== target.number && !(source.number === null && target.number === null))
    differences.push({ field: 'number', source: show(source.number), target: show(target.number) });
  text('type', source.type, target.type);
  text('state.lifecycle', source.state.lifecycle, target.state.lifecycle);
  text('state.payment', source.state.payment, target.state.payment);
  text('state.due', source.state.due, target.state.due);
  text('currency', source.currency, target.currency);
  for (const field of ['issueDate', 'serviceDate', 'dueDate', 'paidDate'] as const)
    text(field, source[field], target[field]);
  if (context.targetCustomerId !== undefined)
    text('customer.id', context.targetCustomerId, target.customer.id);
  const buyer = source.customer.snapshot;
  const targetBuyer = target.customer.snapshot;
  if (buyer && targetBuyer) {
    text('customer.name', buyer.name, targetBuyer.name);
    text('customer.taxId', buyer.taxId, targetBuyer.taxId);
  }
  if (source.seller) {
    text('seller.name', source.seller.name, target.seller?.name);
    text('seller.taxId', source.seller.taxId, target.seller?.taxId);
  }
  if (context.relatedInvoiceId !== undefined)
    text('relatedInvoiceId', context.relatedInvoiceId, target.relatedInvoiceId);
  for (const field of ['language', 'orderId', 'notes', 'internalNotes'] as const)
    text(field, source[field], target[field]);
  if (source.paymentTermsDays !== null)
    text(
      'paymentTermsDays',
      String(source.paymentTermsDays),
      show(target.paymentTermsDays?.toString()),
    );
  if (source.earlyPaymentDiscount) {
    decimal(
      'earlyPaymentDiscount.percent',
      source.earlyPaymentDiscount.percent,
      target.earlyPaymentDiscount?.percent,
    );
    text(
      'earlyPaymentDiscount.days',
      String(source.earlyPaymentDiscount.days),
      show(target.earlyPaymentDiscount?.days.toString()),
    );
  }
  if (source.bankAccount) {
    for (const field of ['iban', 'bic', 'bankName'] as const)
      text(`bankAccount.${field}`, source.bankAccount[field], target.bankAccount?.[field]);
  }
  if (source.exchangeRate) {
    text('exchangeRate.currency', source.exchangeRate.currency, target.exchangeRate?.currency);
    decimal('exchangeRate.rate', source.exchangeRate.rate, target.exchangeRate?.rate);
  }

  differences.push(...compareLines(source.lines, target.lines));
  if (source.taxBreakdown.length > 0) {
    const targetRates = new Map(target.taxBreakdown.map((entry) => [rateKey(entry.rate), entry]));
    for (const entry of source.taxBreakdown) {
      const key = rateKey(entry.rate);
      const other = targetRates.get(key);
      for (const field of ['net', 'tax', 'gross'] as const)
        decimal(`taxBreakdown.${key}.${field}`, entry[field], other?.[field]);
    }
  }

  if (source.payments.length !== target.payments.length)
    differences.push({
      field: 'payments',
      source: `${source.payments.length} payments`,
      target: `${target.payments.length} payments`,
    });
  source.payments.forEach((payment, index) => {
    const other = target.payments[index];
    if (!other) return;
    decimal(`payments.${index}.amount`, payment.amount, other.amount);
    text(`payments.${index}.date`, payment.date, other.date);
    text(`payments.${index}.method`, payment.method, other.method);
    text(`payments.${index}.reference`, payment.reference, other.reference);
  });

  for (const field of ['net', 'tax', 'gross', 'paid', 'due'] as const)
    decimal(`totals.${field}`, source.totals[field], target.totals[field]);
  return differences;
}

function compareLines(source: readonly Line[], target: readonly Line[]): Difference[] {
  const differences: Difference[] = [];
  // A vendor that lists no lines (Plandocket without items) has nothing to compare line by line.
  if (source.length === 0) return differences;
  if (source.length !== target.length)
    differences.push({
      field: 'lines',
      source: String(source.length),
      target: String(target.length),
    });
  source.forEach((line, index) => {
    const other = target[index];
    if (!other) return;
    const at = (field: string) => `lines.${index}.${field}`;
    const push = (field: string, a: string, b: string) =>
      differences.push({ field: at(field), source: a, target: b });
    if (line.description !== other.description)
      push('description', line.description, other.description);
    if (line.sku !== null && line.sku !== other.sku) push('sku', line.sku, show(other.sku));
    if (!sameDecimal(line.quantity, other.quantity))
      push('quantity', line.quantity, other.quantity);
    if (line.unit !== null && line.unit !== other.unit) push('unit', line.unit, show(other.unit));
    if (!sameDecimal(line.unitPrice, other.unitPrice) || line.unitPriceKind !== other.unitPriceKind)
      push(
        'unitPrice',
        `${line.unitPrice} ${line.unitPriceKind}`,
        `${other.unitPrice} ${other.unitPriceKind}`,
      );
    if (rateKey(line.taxRate) !== rateKey(other.taxRate))
      push('taxRate', rateKey(line.taxRate), rateKey(other.taxRate));
    const discount = (value: Line['discount']) =>
      value ? `${decimalKey(value.value)} ${value.kind}` : '';
    if (discount(line.discount) !== discount(other.discount))
      push('discount', discount(line.discount), discount(other.discount));
    for (const field of ['net', 'tax', 'gross'] as const)
      if (!sameDecimal(line.totals[field], other.totals[field]))
        push(`totals.${field}`, line.totals[field], other.totals[field]);
  });
  return differences;
}

/**
 * The fields a derived value follows from, by the derived field's path: a line's totals from that
 * line, the tax of a rate and the document amounts from the lines, what was paid from the
 * payments, the due state from the due date, payments and lifecycle. `null`: not derived.
 */
function causesOf(field: string): readonly string[] | null {
  const line = /^lines\.(\d+)\.totals\./.exec(field);
  if (line) return [`lines.${line[1]}`];
  if (field.startsWith('taxBreakdown.') || /^totals\.(net|tax|gross)$/.test(field))
    return ['lines'];
  if (/^totals\.(paid|due)$/.test(field) || field === 'state.payment' || field === 'paidDate')
    return ['payments', 'totals.paid', 'lines', 'state.lifecycle'];
  if (field === 'state.due')
    return ['dueDate', 'payments', 'totals.paid', 'state.lifecycle', 'lines'];
  return null;
}

/** Counts: only an announcement about the whole list explains how many items it has. */
const COUNTS: ReadonlySet<string> = new Set(['lines', 'payments']);

/**
 * Whether an announcement at one path explains a difference at another: the same path, a parent
 * (a whole `seller` not held explains `seller.name`), or a child of a value compared whole (a
 * warning at `lines.0.discount.value` explains `lines.0.discount`) — but never a count, which a
 * warning about one item cannot explain (a method not held does not explain a payment too many).
 */
function covers(announced: string, field: string): boolean {
  if (announced === field || field.startsWith(`${announced}.`)) return true;
  return !COUNTS.has(field) && announced.startsWith(`${field}.`);
}

/**
 * Marks each difference the migration announced — by a warning or a step it could not take at
 * the same path (or a parent or child path) — as explained, with the announced reason. A derived
 * difference (a line's totals, a rate's tax, the document amounts, the payment or due state, the
 * paid date) is explained when it follows from an explained difference of what it is derived
 * from, and no unexplained one; every other difference stays a mismatch.
 */
export function explainDifferences(
  differences: readonly Difference[],
  announcements: readonly Announcement[],
): Difference[] {
  const direct = differences.map((difference) => {
    const announced = announcements.find((announcement) =>
      covers(announcement.path, difference.field),
    );
    return announced ? { ...difference, explained: announced.reason } : difference;
  });
  return direct.map((difference) => {
    const causes = causesOf(difference.field);
    if (difference.explained || causes === null) return difference;
    const from = direct.filter(
      (other) =>
        other !== difference &&
        causesOf(other.field) === null &&
        causes.some((cause) => covers(cause, other.field)),
    );
    const cause = from.find((other) => other.explained);
    if (!cause || from.some((other) => !other.explained)) return difference;
    return { ...difference, explained: `follows from ${cause.field}: ${cause.explained ?? ''}` };
  });
}
