import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from '@invoicekit/core/testing';
import { describe, expect, it } from 'vitest';
import { invoicekit, run } from './__fixtures__/cli-process';
import { startEmulator, type RunningEmulator } from './emulators';
import { EXIT } from './io';
import { createAdapter } from './providers';

const BOOK_SIZE = 12;

/** A Plandocket book, a config file reaching it and the InvoiceOcean target, and the command. */
function setUp(source: RunningEmulator, target: RunningEmulator): string[] {
  source.emulator.seed({
    contacts: [{ id: 1, company_name: 'Quelle GmbH', email: 'q@quelle.example' }],
  });
  source.emulator.seed({
    invoices: Array.from({ length: BOOK_SIZE }, (_, index) => ({
      id: 10 + index,
      contact_id: 1,
      items: [{ description: 'Stand', unit_price: '100.00', tax_rate: '19' }],
    })),
  });
  const directory = mkdtempSync(join(tmpdir(), 'invoicekit-cli-interrupt-'));
  const config = join(directory, 'config.json');
  writeFileSync(config, JSON.stringify({ plandocket: source.config, invoiceocean: target.config }));
  return [
    'migrate',
    ...['--from', 'plandocket', '--to', 'invoiceocean', '--config', config],
    ...['--journal', join(directory, 'journal.jsonl'), '--concurrency', '2'],
  ];
}

/** Waits until the target has answered `count` requests (the run is under way). */
async function targetAnswered(target: RunningEmulator, count: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (target.emulator.requestCount < count) {
    if (Date.now() > deadline) throw new Error('the migration never reached the target');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('invoicekit migrate: Ctrl-C', () => {
  it('the first Ctrl-C stops cleanly — summary, journal, the command that resumes — and resuming carries the rest once', async () => {
    const source = await startEmulator('plandocket');
    const target = await startEmulator('invoiceocean');
    const reader = createAdapter(target.config);
    try {
      const args = setUp(source, target);
      // Slow enough that the run is still going when the signal comes.
      target.emulator.faults.inject({ kind: 'latency', ms: 150, times: Infinity });
      const child = invoicekit(args);
      await targetAnswered(target, 6);
      process.kill(child.pid ?? 0, 'SIGINT');
      const stopped = await child.finished;
      target.emulator.faults.clear();

      expect(stopped.code).toBe(EXIT.interrupted);
      expect(stopped.stderr).toContain('stopping: finishing the invoices in flight');
      expect(stopped.stdout).toContain('interrupted: stopped before every invoice was read');
      expect(stopped.stderr).toContain('to resume, run the same command again (the journal ');
      expect(stopped.stderr).toContain('invoicekit migrate --from plandocket --to invoiceocean');
      expect(stopped.stdout).not.toMatch(/\n\s+at /);
      const carried = Number(/created (\d+)/.exec(stopped.stdout)?.[1]);
      expect(carried).toBeGreaterThan(0);
      expect(carried).toBeLessThan(BOOK_SIZE);
      expect(await collect(reader.invoices.list())).toHaveLength(carried);
      expect(existsSync(`${args[args.indexOf('--journal') + 1]}.lock`)).toBe(false);

      const resumed = await run(args);
      expect(resumed.code).toBe(EXIT.ok);
      expect(resumed.stdout).toContain(
        `created ${BOOK_SIZE - carried}, already present 0, resumed ${carried}, skipped 0, failed 0`,
      );
      expect(await collect(reader.invoices.list())).toHaveLength(BOOK_SIZE);
    } finally {
      await reader.close();
      await source.close();
      await target.close();
    }
  }, 60_000);

  it('a second Ctrl-C exits at once, and the journal still resumes with nothing written twice', async () => {
    const source = await startEmulator('plandocket');
    const target = await startEmulator('invoiceocean');
    const reader = createAdapter(target.config);
    try {
      const args = setUp(source, target);
      target.emulator.faults.inject({ kind: 'latency', ms: 400, times: Infinity });
      const child = invoicekit(args);
      await targetAnswered(target, 4);
      process.kill(child.pid ?? 0, 'SIGINT');
      await new Promise((resolve) => setTimeout(resolve, 100));
      process.kill(child.pid ?? 0, 'SIGINT');
      const killed = await child.finished;
      target.emulator.faults.clear();
      expect(killed.code).toBe(EXIT.interrupted);
      expect(killed.stderr).toContain('interrupted again: stopped at once');

      const resumed = await run(args);
      expect(resumed.code).toBe(EXIT.ok);
      expect(resumed.stdout).toMatch(/skipped 0, failed 0/);
      const invoices = await collect(reader.invoices.list());
      expect(invoices).toHaveLength(BOOK_SIZE);
      expect(new Set(invoices.map((invoice) => invoice.externalId)).size).toBe(BOOK_SIZE);
    } finally {
      await reader.close();
      await source.close();
      await target.close();
    }
  }, 60_000);
});
