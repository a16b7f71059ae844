import type { RoundingStrategy } from '@invoicekit/core';
import type { CalculatingStrategy } from '../config';

/** `calculating_strategy` → the core rounding strategy that reproduces the vendor's totals. */
export function toRoundingStrategy(strategy: CalculatingStrategy): RoundingStrategy {
  return {
    line: strategy.position === 'keep_gross' ? 'gross_first' : 'net_first',
    document: strategy.sum === 'sum' ? 'sum_lines' : strategy.sum,
  };
}
