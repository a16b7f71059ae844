import { describe, expect, it } from 'vitest';
import { summarize, type InvoiceReport, type MigrationReport } from './report';

const entry = (changes: Partial<InvoiceReport>): InvoiceReport => ({
  sourceId: '1',
  sourceNumber: 'FV/2025/0042',
  targetId: '9',
  outcome: 'created',
  warnings: [],
  differences: [],
  ...changes,
});

const report = (invoices: InvoiceReport[]): MigrationReport => ({
  source: 'invoiceocean',
  target: 'billomat-style',
  identity: {
    source: { provider: 'invoiceocean', account: 'http://127.0.0.1:1' },
    target: { provider: 'billomat-style', account: 'http://127.0.0.1:2' },
  },
  dryRun: false,
  startedAt: '2026-12-01T00:00:00.000Z',
  finishedAt: '2026-12-01T00:00:01.000Z',
  counts: {
    seen: invoices.length,
    created: 2,
    alreadyPresent: 0,
    resumed: 0,
    skipped: 1,
    failed: 0,
    unknown: 0,
    planned: 0,
    reconciled: 0,
    explained: 1,
    mismatched: 1,
    customersCreatedOrMatched: 1,
  },
  interrupted: false,
  invoices,
  warnings: [],
});

describe('summarize', () => {
  it('prints an explained difference as explained, with its reason — never as a mismatch', () => {
    const text = summarize(
      report([
        entry({
          targetNumber: '4',
          differences: [
            {
              field: 'number',
              source: 'FV/2025/0042',
              target: '4',
              explained: 'the vendor numbers invoices on completion',
            },
          ],
        }),
        entry({
          sourceId: '2',
          sourceNumber: 'FV/2025/0043',
          differences: [
            { field: 'language', source: 'pl', target: 'de' },
            {
              field: 'number',
              source: 'FV/2025/0043',
              target: '5',
              explained: 'numbered by the vendor',
            },
          ],
        }),
        entry({
          sourceId: '3',
          sourceNumber: null,
          outcome: 'skipped',
          reason: 'a draft, and the target has no drafts',
        }),
      ]),
    );
    expect(text).toContain(
      'explained FV/2025/0042: number FV/2025/0042 → 4 (the vendor numbers invoices on completion)',
    );
    expect(text).not.toContain('mismatch FV/2025/0042');
    // Only the unexplained difference of the other invoice is a mismatch.
    expect(text).toContain('mismatch FV/2025/0043: language pl ≠ de');
    expect(text).not.toMatch(/mismatch FV\/2025\/0043:.*number/);
    expect(text).toContain('skipped 3: a draft, and the target has no drafts');
    expect(text).toContain('numbers: 1 invoices numbered by the target (e.g. FV/2025/0042 → 4)');
  });
});
