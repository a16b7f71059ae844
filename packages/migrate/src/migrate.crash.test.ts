import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBillomatStyleAdapter } from '@invoicekit/billomat-style';
import { createMethodStyleEmulator } from '@invoicekit/billomat-style/emulator';
import { serveEmulator } from '@invoicekit/core/emulator';
import { collect } from '@invoicekit/core/testing';
import { createInvoiceOceanAdapter } from '@invoicekit/invoiceocean';
import { createInvoiceOceanEmulator } from '@invoicekit/invoiceocean/emulator';
import { describe, expect, it } from 'vitest';
import { runChild as run } from './__fixtures__/run-child';
import { migrate } from './migrate';
import type { MigrationReport } from './report';

describe('a migration killed with SIGKILL resumes to exactly the clean result', () => {
  it('kill -9 at several points, then resume: one copy of every invoice, totals reconciled', async () => {
    const sourceEmulator = createInvoiceOceanEmulator({
      apiToken: 'io-token-123456',
      account: 'acme',
    });
    const targetEmulator = createMethodStyleEmulator({
      email: 'owner@acme.example',
      apiKey: 'ms-key-12345678',
    });
    const [source, target] = await Promise.all([
      serveEmulator(sourceEmulator),
      serveEmulator(targetEmulator),
    ]);
    const from = createInvoiceOceanAdapter({
      apiToken: 'io-token-123456/acme',
      baseUrl: source.baseUrl,
    });
    const to = createBillomatStyleAdapter({
      email: 'owner@acme.example',
      apiKey: 'ms-key-12345678',
      baseUrl: target.baseUrl,
    });
    try {
      const customers = await Promise.all(
        ['Eins GmbH', 'Zwei AG', 'Drei KG'].map(
          async (name, index) =>
            (
              await from.customers.create({
                name,
                taxId: `DE00000000${index}`,
                email: `${index}@kunde.example`,
              })
            ).data.id,
        ),
      );
      for (let index = 0; index < 12; index += 1) {
        const { data } = await from.invoices.create({
          currency: 'EUR',
          customer: { id: customers[index % 3] ?? '' },
          lines: [
            {
              description: 'Beratung',
              quantity: String(index + 1),
              unitPrice: '99.90',
              taxRate: 19,
            },
            { description: 'Fahrt', quantity: '1', unitPrice: '12.35', taxRate: 7 },
          ],
        });
        if (index % 4 === 1) await from.invoices.markPaid(data.id);
        if (index % 4 === 2) await from.invoices.cancel(data.id);
      }
      const directory = mkdtempSync(join(tmpdir(), 'invoicekit-crash-'));
      const env = {
        SOURCE_URL: source.baseUrl,
        TARGET_URL: target.baseUrl,
        JOURNAL: join(directory, 'journal.jsonl'),
        REPORT: join(directory, 'report.json'),
      };
      // Killed after 4, 11, 19 and 30 more target requests: in customer matching, mid-create,
      // between lifecycle steps, during read-back.
      const outcomes: string[] = [];
      for (const killAfter of [4, 11, 19, 30])
        outcomes.push(await run(env, targetEmulator, killAfter));
      expect(outcomes).toContain('killed');
      expect(await run(env, targetEmulator)).toBe('finished');

      const migrated = await collect(to.invoices.list());
      expect(migrated).toHaveLength(12);
      expect(new Set(migrated.map((invoice) => invoice.externalId)).size).toBe(12);
      expect(await collect(to.customers.list())).toHaveLength(3);
      // Exactly the state of a clean, uninterrupted run into a fresh target.
      const cleanEmulator = createMethodStyleEmulator({
        email: 'owner@acme.example',
        apiKey: 'ms-key-12345678',
      });
      const clean = await serveEmulator(cleanEmulator);
      const cleanTarget = createBillomatStyleAdapter({
        email: 'owner@acme.example',
        apiKey: 'ms-key-12345678',
        baseUrl: clean.baseUrl,
      });
      const cleanReport = await migrate({ from, to: cleanTarget });
      const expected = await collect(cleanTarget.invoices.list());
      await cleanTarget.close();
      await clean.close();
      const shape = (invoice: (typeof migrated)[number]) => ({
        externalId: invoice.externalId,
        status: invoice.status.canonical,
        totals: invoice.totals,
        lines: invoice.lines.length,
      });
      const byKey = (a: { externalId: string | null }, b: { externalId: string | null }) =>
        (a.externalId ?? '').localeCompare(b.externalId ?? '');
      expect(migrated.map(shape).sort(byKey)).toEqual(expected.map(shape).sort(byKey));
      const report = JSON.parse(readFileSync(env.REPORT, 'utf8')) as MigrationReport;
      expect(report.counts.failed).toBe(0);
      expect(report.counts.seen).toBe(12);
      // Reconciled as a clean run reconciles (the vendors round a few cents differently).
      expect(report.counts).toMatchObject({
        reconciled: cleanReport.counts.reconciled,
        explained: cleanReport.counts.explained,
        mismatched: cleanReport.counts.mismatched,
      });
      expect(cleanReport.counts.failed).toBe(0);
    } finally {
      await from.close();
      await to.close();
      await source.close();
      await target.close();
    }
  }, 120_000);
});
