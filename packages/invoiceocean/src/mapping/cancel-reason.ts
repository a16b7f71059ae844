/**
 * Canceling turns an invoice's `kind` into `canceled` (docs/vendors/invoiceocean.md §5.1), hiding
 * what it was. The adapter's cancel keeps the former kind where the vendor keeps text with the
 * cancel: its `cancel_reason`, read back with `additional_fields[invoice]=cancel_reason`. A
 * document canceled elsewhere carries no such kind and reads as type `other`.
 */
const KIND_MARK = /\(kind: ([a-z0-9_]+)\)\s*$/;

/** The cancel reason the adapter sends: readable, and ending in the kind the document had. */
export function cancelReasonFor(kind: string | null | undefined): string {
  const base = 'canceled through invoicekit';
  return kind && kind !== 'canceled' ? `${base} (kind: ${kind})` : base;
}

/** The kind a document had before it was canceled, when its cancel reason says so. */
export function kindBeforeCancel(reason: string | null | undefined): string | null {
  return reason ? (KIND_MARK.exec(reason)?.[1] ?? null) : null;
}
