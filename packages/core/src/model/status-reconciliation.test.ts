import { describe, expect, it } from 'vitest';
import { reconcileStatus } from './status-reconciliation';

/** gross / paid / due exactly as a vendor reports them. */
const totals = (gross: string, paid: string, due: string) => ({ gross, paid, due });
const today = '2026-11-21';

describe('reconcileStatus', () => {
  it.each([
    ['issued', totals('100', '0', '100'), '2026-12-01', 'issued'],
    ['sent', totals('100', '0', '100'), '2026-12-01', 'sent'],
    ['issued', totals('100', '100', '0'), '2026-12-01', 'paid'],
    ['sent', totals('100', '40', '60'), '2026-12-01', 'partially_paid'],
    ['sent', totals('100', '40', '60'), '2026-11-01', 'overdue'],
    ['issued', totals('100', '0', '100'), '2026-11-20', 'overdue'],
    ['issued', totals('100', '0', '100'), today, 'issued'],
    ['paid', totals('100', '0', '100'), '2026-12-01', 'issued'],
    ['paid', totals('100', '30', '70'), '2026-12-01', 'partially_paid'],
    ['overdue', totals('100', '0', '100'), '2026-12-01', 'issued'],
    ['issued', totals('0', '0', '0'), '2026-11-01', 'issued'],
  ] as const)('%s with %o due %s → %s', (status, amounts, dueDate, expected) => {
    expect(reconcileStatus(status, { totals: amounts, dueDate, today })).toBe(expected);
  });

  it.each(['draft', 'canceled', 'refunded', 'rejected', 'accepted', 'unknown'] as const)(
    'leaves %s alone',
    (status) => {
      expect(
        reconcileStatus(status, {
          totals: totals('100', '100', '0'),
          dueDate: '2020-01-01',
          today,
        }),
      ).toBe(status);
    },
  );
});
