import { COUNTRY_NAMES } from './country-names';

/**
 * `"DE"`, `"de"`, `"Germany"`, `"Deutschland"`, `"Niemcy"`, `"Czech Republic"` → `"DE"`/`"CZ"`:
 * vendors store countries as free text; the canonical model keeps ISO 3166-1 alpha-2 codes.
 * `null` for empty or unknown text (the vendor's original stays in the record's `raw`).
 */
export function toCountryCode(text: string | null | undefined): string | null {
  if (!text || text.trim() === '') return null;
  const trimmed = text.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) return trimmed.toUpperCase();
  return COUNTRY_NAMES.get(trimmed.toLowerCase().normalize('NFC')) ?? null;
}
