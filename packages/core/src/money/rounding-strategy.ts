/**
 * How amounts are rounded between lines and document totals. Vendors differ here, and a canonical
 * total only matches a vendor's own total when the vendor's strategy is reproduced.
 *
 * `line` — how one line's totals are formed from a net unit price:
 * - `net_first`: quantity × net unit price → net total (rounded), then tax on that net.
 *   InvoiceOcean `calculating_strategy.position = "default"`.
 * - `gross_first`: net unit price + tax → gross unit price (rounded), × quantity → gross total,
 *   net derived from gross ("as a cash register does"). InvoiceOcean `position = "keep_gross"`.
 *
 * A gross-priced line always starts from the gross total and derives the net, under either value.
 *
 * `document` — how line totals become document totals:
 * - `sum_lines`: net and gross are the sums of the lines' rounded values; tax = gross − net, so
 *   rounding differences land in the tax. InvoiceOcean `sum = "sum"`.
 * - `keep_gross`: per tax rate, the lines' gross values are summed and net is derived from that
 *   sum; rounding differences land in the net. InvoiceOcean `sum = "keep_gross"`.
 * - `keep_net`: per tax rate, the lines' net values are summed and the tax is computed once on that
 *   sum (the German/EU "per rate" rule). InvoiceOcean `sum = "keep_net"`.
 */
export interface RoundingStrategy {
  readonly line: 'net_first' | 'gross_first';
  readonly document: 'sum_lines' | 'keep_gross' | 'keep_net';
}

/** Net first, lines summed: the most common vendor default. */
export const DEFAULT_ROUNDING_STRATEGY: RoundingStrategy = Object.freeze({
  line: 'net_first',
  document: 'sum_lines',
});

/** Every strategy, for tests and tooling. */
export const ROUNDING_STRATEGIES: readonly RoundingStrategy[] = Object.freeze(
  (['net_first', 'gross_first'] as const).flatMap((line) =>
    (['sum_lines', 'keep_gross', 'keep_net'] as const).map((document) =>
      Object.freeze({ line, document }),
    ),
  ),
);
