import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveEmulator } from '@invoicekit/core/emulator';
import { createInvoiceOceanEmulator } from '@invoicekit/invoiceocean/emulator';
import { describe, expect, it } from 'vitest';
import { run, workDirectory } from './__fixtures__/cli-process';
import { startEmulator, type RunningEmulator } from './emulators';
import { EXIT } from './io';

/** A credential the user typed: it must never come back in any output. */
const CANARY = 'Canary9Secret4xQ';

function seed(source: RunningEmulator, count: number): void {
  source.emulator.seed({
    contacts: [{ id: 1, company_name: 'Quelle GmbH', email: 'q@quelle.example' }],
  });
  source.emulator.seed({
    invoices: Array.from({ length: count }, (_, index) => ({
      id: 10 + index,
      contact_id: 1,
      items: [{ description: 'Stand', unit_price: '100.00', tax_rate: '19' }],
    })),
  });
}

function configFile(config: Record<string, unknown>): string {
  const path = join(mkdtempSync(join(tmpdir(), 'invoicekit-cli-migrate-')), 'config.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

/** A loopback port nothing listens on: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('invoicekit migrate --json', () => {
  it('prints the report as the only stdout output, the same as --report writes; exit codes unchanged', async () => {
    const source = await startEmulator('plandocket');
    const target = await startEmulator('invoiceocean');
    try {
      seed(source, 3);
      const config = configFile({ plandocket: source.config, invoiceocean: target.config });
      const report = join(mkdtempSync(join(tmpdir(), 'invoicekit-cli-report-')), 'r.json');
      const args = ['migrate', '--from', 'plandocket', '--to', 'invoiceocean', '--config', config];
      const result = await run([...args, '--json', '--report', report, '--no-journal']);
      expect(result.code).toBe(EXIT.ok);
      const parsed = JSON.parse(result.stdout) as { counts: { created: number } };
      expect(parsed.counts.created).toBe(3);
      expect(result.stdout).toBe(readFileSync(report, 'utf8'));
      // The summary a person reads is on stderr.
      expect(result.stderr).toContain('plandocket → invoiceocean: 3 invoices');
      expect(result.stderr).toContain(`report: ${report}`);

      // A skipped draft still fails the run (exit 1), and stdout is still JSON only.
      source.emulator.seed({
        invoices: [
          {
            id: 99,
            contact_id: 1,
            status: 'draft',
            invoice_number: '',
            items: [{ description: 'Strom', unit_price: '80.00' }],
          },
        ],
      });
      const skipped = await run([...args, '--json']);
      expect(skipped.code).toBe(EXIT.failed);
      expect((JSON.parse(skipped.stdout) as { counts: { skipped: number } }).counts.skipped).toBe(
        1,
      );
      expect(skipped.stderr).toContain('--allow-skipped');
    } finally {
      await source.close();
      await target.close();
    }
  });
});

describe('invoicekit migrate: Ctrl-C before the first invoice', () => {
  it('with --no-journal and --json: the report (interrupted) alone on stdout, the hint on stderr, exit 130', async () => {
    const source = await startEmulator('plandocket');
    const target = await startEmulator('invoiceocean');
    try {
      seed(source, 3);
      const config = configFile({ plandocket: source.config, invoiceocean: target.config });
      const result = await run(
        [
          ...['migrate', '--from', 'plandocket', '--to', 'invoiceocean', '--config', config],
          ...['--no-journal', '--json'],
        ],
        workDirectory(),
        Promise.resolve(),
      );
      expect(result.code).toBe(EXIT.interrupted);
      expect((JSON.parse(result.stdout) as { interrupted: boolean }).interrupted).toBe(true);
      expect(result.stderr).toContain(
        "to resume, run the same command again: the target's dedupe finds what was carried (drop --no-journal",
      );
      expect(result.stderr).toContain('  journal: none (in memory)');
    } finally {
      await source.close();
      await target.close();
    }
  });
});

describe('invoicekit migrate: the default journal', () => {
  it('without --journal keeps one named after the pair in the current directory and resumes from it; --no-journal keeps none', async () => {
    const source = await startEmulator('plandocket');
    const target = await startEmulator('invoiceocean');
    try {
      seed(source, 4);
      const config = configFile({ plandocket: source.config, invoiceocean: target.config });
      const cwd = workDirectory();
      const journal = join(cwd, 'invoicekit-plandocket-to-invoiceocean.journal.jsonl');
      const args = ['migrate', '--from', 'plandocket', '--to', 'invoiceocean', '--config', config];
      const first = await run(args, cwd);
      expect(first.code).toBe(EXIT.ok);
      expect(first.stderr).toContain(`journal: ${journal} (the default for this pair;`);
      expect(first.stdout).toContain(`  journal: ${journal}\n`);
      expect(first.stdout).toContain('  report: not written (--report FILE to keep it)');
      expect(existsSync(journal)).toBe(true);
      const second = await run(args, cwd);
      expect(second.stdout).toMatch(/created 0, already present 0, resumed 4/);

      const elsewhere = workDirectory();
      const none = await run([...args, '--no-journal'], elsewhere);
      expect(none.code).toBe(EXIT.ok);
      expect(none.stdout).toMatch(/created 0, already present 4, resumed 0/);
      expect(none.stdout).toContain('  journal: none (in memory)');
      expect(
        existsSync(join(elsewhere, 'invoicekit-plandocket-to-invoiceocean.journal.jsonl')),
      ).toBe(false);
      const both = await run([...args, '--no-journal', '--journal', journal], elsewhere);
      expect(both.code).toBe(EXIT.usage);

      const help = await run(['migrate', '--help']);
      expect(help.stdout).toContain('./invoicekit-<from>-to-<to>.journal.jsonl');
      expect(help.stdout).toContain('--no-journal');
      expect(help.stdout).toContain('No total or ETA is shown');
    } finally {
      await source.close();
      await target.close();
    }
  });
});

describe('invoicekit --verbose', () => {
  it('prints one line per vendor request — provider, method, URL, status, duration, attempt — and never the credential', async () => {
    // An InvoiceOcean account whose token is the canary: it travels in the query string.
    const emulator = createInvoiceOceanEmulator({ apiToken: CANARY, account: 'demo' });
    const served = await serveEmulator(emulator, { port: 0 });
    const source = await startEmulator('plandocket');
    try {
      emulator.seed({ clients: [{ id: 1, name: 'Kunde' }] } as never);
      seed(source, 2);
      const token = `${CANARY}/demo`;
      const list = [
        ...['invoices', 'list', '--provider', 'invoiceocean'],
        ...[
          '--set',
          `invoiceocean.baseUrl=${served.baseUrl}`,
          '--set',
          `invoiceocean.apiToken=${token}`,
        ],
      ];
      for (const args of [
        [...list, '--verbose'],
        ['--verbose', ...list],
      ]) {
        const result = await run(args);
        expect(result.code, args.join(' ')).toBe(EXIT.ok);
        expect(result.stderr).toMatch(
          /^invoiceocean GET http:\/\/127\.0\.0\.1:\d+\/invoices\.json\S* 200 \d+ms attempt 1$/m,
        );
        for (const secret of [CANARY, encodeURIComponent(token), CANARY.toLowerCase()])
          expect(result.stdout + result.stderr).not.toContain(secret);
      }
      const quiet = await run(list);
      expect(quiet.stderr).toBe('');

      const config = configFile({
        plandocket: source.config,
        invoiceocean: { provider: 'invoiceocean', baseUrl: served.baseUrl, apiToken: token },
      });
      const migrated = await run([
        '--verbose',
        ...['migrate', '--from', 'plandocket', '--to', 'invoiceocean', '--config', config],
        '--no-journal',
      ]);
      expect(migrated.code).toBe(EXIT.ok);
      expect(migrated.stderr).toMatch(/^plandocket GET \S+ 200 \d+ms attempt 1$/m);
      expect(migrated.stderr).toMatch(/^invoiceocean POST \S+ 20\d \d+ms attempt 1$/m);
      const sourceKey = String(source.config.apiKey);
      for (const secret of [CANARY, encodeURIComponent(token), sourceKey])
        expect(migrated.stdout + migrated.stderr).not.toContain(secret);
    } finally {
      await served.close();
      await source.close();
    }
  });

  it('never prints a billomat-style or plandocket credential either', async () => {
    for (const provider of ['billomat-style', 'plandocket'] as const) {
      const emulator = await startEmulator(provider);
      try {
        const result = await run([
          ...['customers', 'list', '--provider', provider, '--verbose'],
          ...emulator.settings.split(' ').flatMap((pair) => ['--set', pair]),
        ]);
        expect(result.code, result.stderr).toBe(EXIT.ok);
        expect(result.stderr).toMatch(
          new RegExp(`^${provider} (GET|POST) \\S+ 200 \\d+ms attempt 1$`, 'm'),
        );
        for (const [key, value] of Object.entries(emulator.config))
          if (key === 'apiKey') expect(result.stdout + result.stderr).not.toContain(String(value));
      } finally {
        await emulator.close();
      }
    }
  });

  it("shows a refused connection's retries, each attempt on its own line", async () => {
    const port = await closedPort();
    const config = configFile({
      plandocket: {
        baseUrl: `http://127.0.0.1:${port}`,
        apiKey: CANARY,
        retry: { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 10 },
      },
    });
    const result = await run([
      ...['customers', 'list', '--provider', 'plandocket', '--config', config, '--verbose'],
    ]);
    expect(result.code).toBe(EXIT.failed);
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('plandocket GET'));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      new RegExp(
        `^plandocket GET http://127\\.0\\.0\\.1:${port}/\\S+ no answer \\(network\\), retry in \\d+ms \\d+ms attempt 1$`,
      ),
    );
    expect(lines[1]).toMatch(/no answer \(network\), retry in \d+ms \d+ms attempt 2$/);
    expect(lines[2]).toMatch(/ no answer \d+ms attempt 3$/);
    expect(result.stderr).not.toContain(CANARY);
  });
});
