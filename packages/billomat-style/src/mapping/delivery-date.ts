/**
 * DELIVERY_DATE is free text ("22.10.2015 - 01.11.2015", "März 2012", "2015-10-22"). A single date
 * reads as that date; a period as its last day (the date of supply of a service period); anything
 * else as no date — the text stays in `raw`.
 */
export function deliveryDateOf(text: string | null | undefined): string | null {
  if (!text) return null;
  const dates = [...text.matchAll(/(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\.(\d{1,2})\.(\d{4})/g)].map(
    (match) =>
      match[1]
        ? `${match[1]}-${match[2]}-${match[3]}`
        : `${match[6]}-${(match[5] ?? '').padStart(2, '0')}-${(match[4] ?? '').padStart(2, '0')}`,
  );
  const last = dates.at(-1);
  return last && !Number.isNaN(Date.parse(`${last}T00:00:00Z`)) ? last : null;
}

/** A date written the way the vendor's own UI writes DELIVERY_DATE: `DD.MM.YYYY`. */
export function toDeliveryDateText(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}.${month}.${year}`;
}
