import {
  ProviderError,
  normalizeDecimalString,
  isDecimalString,
  type TaxRate,
} from '@invoicekit/core';
import { INVOICEOCEAN } from '../provider-id';

/** Spellings of "not subject to tax" the vendor accepts (any case). */
const NOT_SUBJECT = new Set(['np', 'n/a', 'na', 'nie podlega', 'not applicable']);

/**
 * The vendor's `tax` → canonical rate: `"23"` is 23 %; `zw` exempt; `np` and its spellings not
 * subject; `oo` reverse charge; `disabled` hidden. An empty tax is 0 %. Any other word is a
 * vendor change we do not know: a {@link ProviderError}, never a guess.
 */
export function toCanonicalTaxRate(tax: string | null | undefined): TaxRate {
  if (tax === null || tax === undefined || tax.trim() === '')
    return { kind: 'percent', value: '0' };
  const text = tax.trim();
  const numeric = text.replace(',', '.');
  if (isDecimalString(numeric)) return { kind: 'percent', value: normalizeDecimalString(numeric) };
  const word = text.toLowerCase();
  if (word === 'zw') return { kind: 'exempt' };
  if (NOT_SUBJECT.has(word)) return { kind: 'not_subject' };
  if (word === 'oo') return { kind: 'reverse_charge' };
  if (word === 'disabled') return { kind: 'hidden' };
  throw new ProviderError({
    provider: INVOICEOCEAN,
    message: `unknown InvoiceOcean tax value ${JSON.stringify(tax)}`,
  });
}

/** Canonical rate → the vendor's `tax`. */
export function fromCanonicalTaxRate(rate: TaxRate): string {
  switch (rate.kind) {
    case 'percent':
      return rate.value;
    case 'exempt':
      return 'zw';
    case 'not_subject':
      return 'np';
    case 'reverse_charge':
      return 'oo';
    case 'hidden':
      return 'disabled';
  }
}
