import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './__fixtures__/cli-process';
import { intervalMs } from './commands/sync';
import { startEmulator, type RunningEmulator } from './emulators';
import { EXIT } from './io';
import { createAdapter } from './providers';

/** A small Plandocket book, a config reaching it and an InvoiceOcean target, and a journal. */
function setUp(source: RunningEmulator, target: RunningEmulator) {
  source.emulator.seed({
    contacts: [{ id: 1, company_name: 'Quelle GmbH', email: 'q@quelle.example' }],
  });
  source.emulator.seed({
    invoices: [0, 1, 2].map((index) => ({
      id: 10 + index,
      invoice_number: `RE-1${index}`,
      status: 'sent',
      contact_id: 1,
      items: [{ description: 'Stand', unit_price: '100.00', tax_rate: '19' }],
    })),
  });
  const directory = mkdtempSync(join(tmpdir(), 'invoicekit-cli-sync-'));
  const config = join(directory, 'config.json');
  writeFileSync(config, JSON.stringify({ plandocket: source.config, invoiceocean: target.config }));
  const pair = ['--from', 'plandocket', '--to', 'invoiceocean', '--config', config];
  return { directory, pair, journal: join(directory, 'journal.jsonl') };
}

describe('invoicekit sync', () => {
  it('after migrate: a payment in the source reaches the target; --full checks the whole book; a second sync writes nothing', async () => {
    const source = await startEmulator('plandocket');
    const target = await startEmulator('invoiceocean');
    const payer = createAdapter(source.config);
    try {
      const { pair, journal, directory } = setUp(source, target);
      expect((await run(['migrate', ...pair, '--journal', journal])).code).toBe(EXIT.ok);
      await payer.invoices.markPaid('11', { amount: '40.00', date: '2026-11-20', method: 'card' });

      const synced = await run(['sync', ...pair, '--journal', journal]);
      expect(synced.code).toBe(EXIT.ok);
      expect(synced.stdout).toMatch(/updated 1, unchanged 2/);
      expect(synced.stdout).toContain('updated RE-11: paid 40.00 on 2026-11-20');
      expect(synced.stdout).toContain('source and target agree');

      const writes = () =>
        target.emulator.requests.filter((request) => request.method !== 'GET').length;
      const before = writes();
      const report = join(directory, 'final.json');
      const final = await run([
        'sync',
        ...pair,
        '--journal',
        journal,
        '--full',
        '--json',
        '--report',
        report,
      ]);
      expect(final.code).toBe(EXIT.ok);
      expect(writes()).toBe(before);
      const parsed = JSON.parse(final.stdout) as {
        scope: string;
        agreed: boolean;
        invoices: { sourceId: string; outcome: string }[];
      };
      expect(parsed).toMatchObject({ scope: 'full', agreed: true });
      // Invoice by invoice: every one of the book is in the cut-over report.
      expect(parsed.invoices.map((invoice) => invoice.sourceId).sort()).toEqual(['10', '11', '12']);
      expect(readFileSync(report, 'utf8')).toBe(final.stdout);
      expect(final.stderr).toContain(
        'source and target agree, invoice by invoice, on the whole book',
      );
    } finally {
      await payer.close();
      await source.close();
      await target.close();
    }
  }, 60_000);

  it('--watch repeats until Ctrl-C, then prints how to resume (exit 130)', async () => {
    const source = await startEmulator('plandocket');
    const target = await startEmulator('invoiceocean');
    try {
      const { pair, journal } = setUp(source, target);
      let interrupt = (): void => undefined;
      const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
      // Ctrl-C once the second round has started: each round lists the source twice (invoices,
      // then credit notes).
      const timer = setInterval(() => {
        const listings = source.emulator.requests.filter(
          (request) => request.method === 'GET' && request.path === '/api/v1/invoices',
        ).length;
        if (listings >= 3) interrupt();
      }, 20);
      const watched = await run(
        ['sync', ...pair, '--journal', journal, '--watch', '1s', '--full-every', '2'],
        undefined,
        interrupted,
      );
      clearInterval(timer);
      expect(watched.code).toBe(EXIT.interrupted);
      expect(
        watched.stdout.match(/sync plandocket → invoiceocean/g)?.length,
      ).toBeGreaterThanOrEqual(2);
      expect(watched.stderr).toContain('invoicekit sync --from plandocket --to invoiceocean');
      // The second round read the whole book.
      expect(watched.stdout).toContain('(the whole book)');
    } finally {
      await source.close();
      await target.close();
    }
  }, 60_000);

  it('refuses a bad interval, --since with --full, and an unknown provider (exit 2, nothing done)', async () => {
    expect(() => intervalMs('soon')).toThrow(/--watch/);
    expect(() => intervalMs('0s')).toThrow(/at least 1s/);
    expect(intervalMs('5m')).toBe(300_000);
    expect(intervalMs('90')).toBe(90_000);
    const both = await run([
      'sync',
      '--from',
      'plandocket',
      '--to',
      'invoiceocean',
      '--since',
      '2026-11-01T00:00:00Z',
      '--full',
    ]);
    expect(both.code).toBe(EXIT.usage);
    expect(both.stderr).toContain('--since and --full');
    const lonely = await run([
      'sync',
      '--from',
      'plandocket',
      '--to',
      'invoiceocean',
      '--full-every',
      '3',
    ]);
    expect(lonely.code).toBe(EXIT.usage);
    expect(lonely.stderr).toContain('--full-every');
    const unknown = await run(['sync', '--from', 'nowhere', '--to', 'invoiceocean']);
    expect(unknown.code).toBe(EXIT.usage);
  });
});
