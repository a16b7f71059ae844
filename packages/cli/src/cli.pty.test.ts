import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collect } from '@invoicekit/core/testing';
import { describe, expect, it } from 'vitest';
import { INVOICEKIT_COMMAND, INVOICEKIT_ENV, run, workDirectory } from './__fixtures__/cli-process';
import { startEmulator, type RunningEmulator } from './emulators';
import { EXIT } from './io';
import { createAdapter } from './providers';

const BOOK_SIZE = 12;

/** util-linux `script` gives the command a pseudo-terminal: stdin, stdout and stderr are a TTY. */
const SCRIPT = spawnSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' }).stdout.trim();
const hasScript =
  SCRIPT !== '' &&
  spawnSync(SCRIPT, ['-qfec', 'true', '/dev/null'], { stdio: 'ignore' }).status === 0;

const shellQuote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/** The words of a printed command line: bare words and JSON-quoted ones. */
function words(line: string): string[] {
  return [...line.matchAll(/"(?:[^"\\]|\\.)*"|\S+/g)].map(([word]) =>
    word.startsWith('"') ? (JSON.parse(word) as string) : word,
  );
}

function book(source: RunningEmulator): void {
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
}

describe('invoicekit migrate on a terminal', () => {
  it.skipIf(!hasScript)(
    'Ctrl-C under a pseudo-terminal: summary, the command that resumes, exit 130 — and that command resumes to the clean result',
    async () => {
      const source = await startEmulator('plandocket');
      const target = await startEmulator('invoiceocean');
      const reader = createAdapter(target.config);
      try {
        book(source);
        const cwd = workDirectory();
        const config = join(cwd, 'config.json');
        writeFileSync(
          config,
          JSON.stringify({ plandocket: source.config, invoiceocean: target.config }),
        );
        target.emulator.faults.inject({ kind: 'latency', ms: 150, times: Infinity });
        // The default journal (none named): the printed command must find it from this directory.
        const args = [
          ...['migrate', '--from', 'plandocket', '--to', 'invoiceocean'],
          ...['--config', config, '--concurrency', '2'],
        ];
        const command = `exec ${[...INVOICEKIT_COMMAND, ...args].map(shellQuote).join(' ')}`;
        const child = spawn(SCRIPT, ['-qfec', command, '/dev/null'], {
          cwd,
          env: INVOICEKIT_ENV,
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
        const deadline = Date.now() + 20_000;
        while (target.emulator.requestCount < 6) {
          if (Date.now() > deadline) throw new Error(`the migration never started:\n${output}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        // Ctrl-C as a person gives it: the terminal turns ^C into SIGINT for the foreground job.
        child.stdin.write('\x03');
        const code = await exited;
        target.emulator.faults.clear();
        const text = output.replace(/\r/g, '\n');

        expect(code, text).toBe(EXIT.interrupted);
        // The progress line was redrawn in place: this was a terminal.
        expect(text).toMatch(/ {2}\d+ seen · \d+ carried · 0 skipped · 0 failed · 0 unknown · /);
        expect(text).toContain('stopping: finishing the invoices in flight');
        expect(text).toContain('interrupted: stopped before every invoice was read');
        expect(text).toContain(
          'to resume, run the same command again in this directory (the journal ',
        );
        const carried = Number(/created (\d+)/.exec(text)?.[1]);
        expect(carried).toBeGreaterThan(0);
        expect(carried).toBeLessThan(BOOK_SIZE);
        const printed = /^ {2}(invoicekit migrate .*)$/m.exec(text)?.[1] ?? '';
        expect(printed).toContain('invoicekit migrate --from plandocket --to invoiceocean');
        const journal = join(cwd, 'invoicekit-plandocket-to-invoiceocean.journal.jsonl');
        expect(existsSync(journal)).toBe(true);
        expect(existsSync(`${journal}.lock`)).toBe(false);

        const [, ...again] = words(printed);
        expect(again).toEqual(args);
        const resumed = await run(again, cwd);
        expect(resumed.code).toBe(EXIT.ok);
        expect(resumed.stdout).toContain(
          `created ${BOOK_SIZE - carried}, already present 0, resumed ${carried}, skipped 0, failed 0`,
        );
        const invoices = await collect(reader.invoices.list());
        expect(invoices).toHaveLength(BOOK_SIZE);
        expect(new Set(invoices.map((invoice) => invoice.externalId)).size).toBe(BOOK_SIZE);
      } finally {
        await reader.close();
        await source.close();
        await target.close();
      }
    },
    60_000,
  );

  it.runIf(!hasScript)(
    'is skipped: no util-linux `script` to give the command a pseudo-terminal',
    () => {
      expect(hasScript).toBe(false);
    },
  );
});
