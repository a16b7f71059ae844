import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, workDirectory } from './__fixtures__/cli-process';
import { startEmulator } from './emulators';
import { EXIT } from './io';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** Every command line of the README's shell blocks that starts with `invoicekit`. */
function readmeCommands(): string[] {
  return [...README.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap(([, block]) =>
    (block ?? '').split('\n').filter((line) => line.startsWith('invoicekit ')),
  );
}

/** The README's examples, each with what running it must show. */
const EXAMPLES: [command: string, shows: RegExp][] = [
  ['invoicekit demo --invoices 24', /Everything reconciled in/],
  ['invoicekit emulate invoiceocean plandocket', /^plandocket http:\/\/127\.0\.0\.1:\d+ /m],
  ['invoicekit capabilities', /invoiceocean/],
  [
    'invoicekit invoices list --provider plandocket --config invoicekit.json --limit 5',
    /^id +number +type +status/,
  ],
  [
    'invoicekit customers get 1 --provider plandocket --config invoicekit.json --json',
    /"name": "Quelle GmbH"/,
  ],
  [
    'invoicekit migrate --from plandocket --to invoiceocean --config invoicekit.json --dry-run',
    /^Dry run: plandocket → invoiceocean: 3 invoices/,
  ],
  [
    'invoicekit migrate --from plandocket --to invoiceocean --config invoicekit.json --report report.json',
    /created 3, already present 0, resumed 0, skipped 0, failed 0/,
  ],
  [
    'invoicekit sync --from plandocket --to invoiceocean --config invoicekit.json',
    /^sync plandocket → invoiceocean \(changes since [^)]+\): 3 invoices\n {2}created 0, updated 0, unchanged 3/,
  ],
  [
    'invoicekit sync --from plandocket --to invoiceocean --config invoicekit.json --full',
    /source and target agree, invoice by invoice, on the whole book/,
  ],
  [
    'invoicekit --verbose invoices get 10 --provider plandocket --config invoicekit.json',
    /^id +number/,
  ],
  ['invoicekit fleet --help', /^Usage: invoicekit fleet <enqueue\|worker\|status>/],
];

describe('packages/cli/README.md', () => {
  it('names the install lines', () => {
    expect(README).toContain('npm install -g @invoicekit/cli');
    expect(README).toContain('npx @invoicekit/cli');
  });

  it('holds exactly the examples tested here, verbatim', () => {
    expect(readmeCommands()).toEqual(EXAMPLES.map(([command]) => command));
  });

  it('every example runs as written (against emulators, from a directory with invoicekit.json)', async () => {
    const source = await startEmulator('plandocket');
    const target = await startEmulator('invoiceocean');
    try {
      source.emulator.seed({
        contacts: [{ id: 1, company_name: 'Quelle GmbH', email: 'q@quelle.example' }],
      });
      source.emulator.seed({
        invoices: Array.from({ length: 3 }, (_, index) => ({
          id: 10 + index,
          contact_id: 1,
          items: [{ description: 'Stand', unit_price: '100.00', tax_rate: '19' }],
        })),
      });
      const cwd = workDirectory();
      writeFileSync(
        join(cwd, 'invoicekit.json'),
        JSON.stringify({ plandocket: source.config, invoiceocean: target.config }),
      );
      for (const [command, shows] of EXAMPLES) {
        const [, ...args] = command.split(' ');
        // `emulate` serves until Ctrl-C: given at once, it prints its lines and stops.
        const result = await run(args, cwd, args[0] === 'emulate' ? Promise.resolve() : undefined);
        expect(result.code, `${command}\n${result.stderr}`).toBe(EXIT.ok);
        expect(result.stdout, command).toMatch(shows);
      }
      const report = JSON.parse(readFileSync(join(cwd, 'report.json'), 'utf8')) as {
        counts: { created: number; mismatched: number };
      };
      expect(report.counts).toMatchObject({ created: 3, mismatched: 0 });
    } finally {
      await source.close();
      await target.close();
    }
  }, 60_000);
});
