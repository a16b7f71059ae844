/**
 * The file name of an invoice's PDF, from its number: letters, digits, `.`, `-` and `_` kept,
 * anything else (`/`, `\\`, control characters) replaced, no leading dots, at most 100
 * characters — so a vendor's `INVOICE_NUMBER` of `../../.bashrc` names no other directory. The
 * invoice id when nothing is left.
 */
export function documentFileName(invoiceNumber: string, invoiceId: string): string {
  const stem = invoiceNumber
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^[._]+/, '')
    .slice(0, 100);
  return `${stem || invoiceId}.pdf`;
}
