/** The vendor's calendar day of an instant, as `YYYY-MM-DD`. */
export type BusinessDay = (instant: number) => string;

/**
 * The calendar day in a vendor's time zone (`Europe/Warsaw`, `Europe/Berlin`, `UTC`): what
 * "today" means for due dates and overdue. One formatter is built per call of this function —
 * a provider makes its business day once, not per read (building an `Intl.DateTimeFormat` costs
 * far more than using one).
 */
export function businessDayIn(timeZone: string): BusinessDay {
  const calendar = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return (instant) => calendar.format(new Date(instant));
}
