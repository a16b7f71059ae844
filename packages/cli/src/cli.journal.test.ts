import { appendFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from '@invoicekit/core/testing';
import { describe, expect, it } from 'vitest';
import { invoicekit, run } from './__fixtures__/cli-process';
import { startEmulator, type RunningEmulator } from './emulators';
import { EXIT } from './io';
import { createAdapter } from './providers';

/** A Plandocket book of eight invoices, two of them paid, and a config file reaching both sides. */
async function book(
  source: RunningEmulator,
  targets: readonly RunningEmulator[],
): Promise<{ directory: string; config: string }> {
  source.emulator.seed({
    contacts: [
      { id: 1, company_name: 'Quelle GmbH', email: 'q@quelle.example' },
      { id: 2, company_name: 'Zweite AG', email: 'z@zweite.example' },
    ],
  });
  source.emulator.seed({
    invoices: Array.from({ length: 8 }, (_, index) => ({
      id: 10 + index,
      contact_id: 1 + (index % 2),
      items: [{ description: 'Stand', unit_price: '100.00', tax_rate: '19' }],
    })),
  });
  const adapter = createAdapter(source.config);
  await adapter.invoices.markPaid('11');
  await adapter.invoices.markPaid('14');
  await adapter.close();
  const directory = mkdtempSync(join(tmpdir(), 'invoicekit-cli-journal-'));
  const config = join(directory, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      [source.provider]: source.config,
      ...Object.fromEntries(targets.map((target) => [target.provider, target.config])),
    }),
  );
  return { directory, config };
}

function secretsOf(...emulators: RunningEmulator[]): string[] {
  return emulators.flatMap((emulator) =>
    Object.entries(emulator.config)
      .filter(([key]) => key === 'apiKey' || key === 'apiToken')
      .map(([, value]) => String(value)),
  );
}

describe('invoicekit migrate: one run per journal', () => {
  it('the help says what exit code 2 means for a locked journal', async () => {
    const help = await run(['migrate', '--help']);
    expect(help.stdout).toMatch(
      /while another run uses it \(FILE\.lock names its process\), this one\s+stops with exit code 2/,
    );
    const top = await run(['--help']);
    expect(top.stdout).toMatch(
      /2 bad flags or configuration, or a migration journal that is\s+in use by another run \(locked\)/,
    );
  });

  it('two processes on one journal and target: the second exits 2 with one line; nothing twice', async () => {
    const source = await startEmulator('plandocket');
    const target = await startEmulator('invoiceocean');
    const reader = createAdapter(target.config);
    try {
      const { directory, config } = await book(source, [target]);
      const journal = join(directory, 'journal.jsonl');
      const args = [
        'migrate',
        ...['--from', 'plandocket', '--to', 'invoiceocean', '--config', config],
        ...['--journal', journal, '--concurrency', '2'],
      ];
      // The first run is slowed down by its target (about 40 calls of 300 ms, two at a time), so
      // it still runs when the second has started; the faults are cleared once that one is done.
      target.emulator.faults.inject({ kind: 'latency', ms: 300, times: Infinity });
      const first = invoicekit(args);
      const deadline = Date.now() + 20_000;
      while (target.emulator.requestCount === 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(existsSync(`${journal}.lock`)).toBe(true);
      const second = await invoicekit(args).finished;
      target.emulator.faults.clear();
      const done = await first.finished;
      expect(second, 'the second run').toMatchObject({ code: EXIT.usage });

      expect(second.code).toBe(EXIT.usage);
      expect(second.stdout).toBe('');
      expect(second.stderr.trim().split('\n')).toHaveLength(1);
      expect(second.stderr).toContain(
        `invoicekit: the journal ${journal} is in use by process ${first.pid} on `,
      );
      expect(second.stderr).toContain(
        `wait for that run to finish, or stop it (kill ${first.pid}) and run again to resume`,
      );
      expect(second.stderr).not.toMatch(/\n\s+at /);
      for (const secret of secretsOf(source, target)) expect(second.stderr).not.toContain(secret);

      expect(done.stderr).toBe('');
      expect(done.code).toBe(EXIT.ok);
      expect(done.stdout).toMatch(/created 8, already present 0, resumed 0, skipped 0, failed 0/);
      const invoices = await collect(reader.invoices.list());
      expect(invoices).toHaveLength(8);
      expect(new Set(invoices.map((invoice) => invoice.externalId)).size).toBe(8);
      expect(await collect(reader.customers.list())).toHaveLength(2);
      const payments = await reader.request<unknown[]>({
        method: 'GET',
        path: '/banking/payments.json',
      });
      expect(payments.body).toHaveLength(2);
      expect(existsSync(`${journal}.lock`)).toBe(false);
    } finally {
      await reader.close();
      await source.close();
      await target.close();
    }
  }, 60_000);

  it('a journal of another migration or a damaged one: exit 2, one line, nothing written', async () => {
    const source = await startEmulator('plandocket');
    const target = await startEmulator('invoiceocean');
    const other = await startEmulator('billomat-style');
    try {
      const { directory, config } = await book(source, [target, other]);
      const journal = join(directory, 'journal.jsonl');
      const to = (provider: string) => [
        'migrate',
        ...['--from', 'plandocket', '--to', provider, '--config', config, '--journal', journal],
      ];
      expect((await run(to('invoiceocean'))).code).toBe(EXIT.ok);
      const before = other.emulator.requestCount;
      const mismatch = await run(to('billomat-style'));
      expect(mismatch.code).toBe(EXIT.usage);
      expect(mismatch.stderr.trim().split('\n')).toHaveLength(1);
      expect(mismatch.stderr).toContain(
        `belongs to the migration plandocket (${source.baseUrl}) → invoiceocean (${target.baseUrl}), not plandocket (${source.baseUrl}) → billomat-style (${other.baseUrl} (demo@invoicekit.example))`,
      );
      expect(other.emulator.requestCount).toBe(before);
      // The same provider at another account (another emulator) is another migration too.
      const elsewhere = await startEmulator('invoiceocean');
      try {
        const moved = join(directory, 'moved.json');
        writeFileSync(
          moved,
          JSON.stringify({ plandocket: source.config, invoiceocean: elsewhere.config }),
        );
        const result = await run([
          'migrate',
          ...['--from', 'plandocket', '--to', 'invoiceocean', '--config', moved],
          ...['--journal', journal],
        ]);
        expect(result.code).toBe(EXIT.usage);
        expect(result.stderr).toContain(
          `not plandocket (${source.baseUrl}) → invoiceocean (${elsewhere.baseUrl})`,
        );
      } finally {
        await elsewhere.close();
      }
      appendFileSync(journal, 'null\n{"kind":"customer","sourceId":"a","targetId":"b"}\n');
      const damaged = await run(to('invoiceocean'));
      expect(damaged.code).toBe(EXIT.usage);
      expect(damaged.stderr).toMatch(
        /^invoicekit: the journal .* is damaged at line \d+: not a journal entry/,
      );
      expect(damaged.stderr.trim().split('\n')).toHaveLength(1);
      for (const result of [mismatch, damaged])
        for (const secret of secretsOf(source, target, other))
          expect(result.stderr).not.toContain(secret);
    } finally {
      await source.close();
      await target.close();
      await other.close();
    }
  }, 60_000);
});
