import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveEmulator } from '@invoicekit/core/emulator';
import { createInvoiceOceanEmulator } from '@invoicekit/invoiceocean/emulator';
import { createPlandocketEmulator } from '@invoicekit/plandocket/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { CANARY, leakedCanaries } from './canaries';
import { answer, serveHostile } from './hostile-server';

const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const tsconfig = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));
const main = fileURLToPath(new URL('../../cli/src/main.ts', import.meta.url));

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/** Runs `invoicekit …` as a user would, bounded to 60 s. */
function invoicekit(args: readonly string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [tsx, '--tsconfig', tsconfig, '--conditions=@invoicekit/source', main, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000, env: { ...process.env, CI: 'true' } },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'invoicekit-cli-hostile-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the command line never prints a credential, whatever the vendor echoes', () => {
  it('an error answer echoing the key: exit 1, one line, no key', async () => {
    const server = await serveHostile(
      answer(
        422,
        JSON.stringify({
          message: `invalid key ${CANARY.plandocketKey}`,
          errors: { api_key: [CANARY.plandocketKey] },
        }),
      ),
    );
    cleanup.push(() => server.close());
    const run = await invoicekit([
      'invoices',
      'get',
      '1',
      '--provider',
      'plandocket',
      '--set',
      `plandocket.apiKey=${CANARY.plandocketKey}`,
      '--set',
      `plandocket.baseUrl=${server.baseUrl}`,
    ]);
    expect(run.status).toBe(1);
    expect(server.requests.length).toBeGreaterThan(0);
    expect(leakedCanaries(run.output)).toEqual([]);
  });

  it('a success answer echoing the key into a field: printed masked', async () => {
    const emulator = createPlandocketEmulator({ apiKey: CANARY.plandocketKey });
    emulator.seed({ invoices: [{ id: 1, notes: `paid with key ${CANARY.plandocketKey}` }] });
    const served = await serveEmulator(emulator as never);
    cleanup.push(() => served.close());
    const run = await invoicekit([
      'invoices',
      'get',
      '1',
      '--json',
      '--provider',
      'plandocket',
      '--set',
      `plandocket.apiKey=${CANARY.plandocketKey}`,
      '--set',
      `plandocket.baseUrl=${served.baseUrl}`,
    ]);
    expect(run.status).toBe(0);
    expect(run.output).toContain('[REDACTED]');
    expect(leakedCanaries(run.output)).toEqual([]);
  });

  it.each([
    ['a mistyped --set', ['--set', `plandocket.apiKey:${CANARY.plandocketKey}`]],
    ['an unknown key', ['--set', `plandocket.apiKee=${CANARY.plandocketKey}`]],
    [
      'a secret that is invalid',
      ['--set', `plandocket.apiKey= ${CANARY.plandocketKey.slice(0, 3)}`],
    ],
  ])('%s: exit 2, the flag named, the value never echoed', async (_name, flags) => {
    const run = await invoicekit(['invoices', 'list', '--provider', 'plandocket', ...flags]);
    expect(run.status).toBe(2);
    expect(run.output.trim().split('\n')).toHaveLength(1);
    expect(leakedCanaries(run.output)).toEqual([]);
    expect(run.output).not.toContain(CANARY.plandocketKey.slice(0, 3) + '\n');
  });

  it('a config file that is not JSON, holding the key: exit 2, no key', async () => {
    const file = join(scratch(), 'config.json');
    writeFileSync(file, `{ "plandocket": { "apiKey": "${CANARY.plandocketKey}", } oops`);
    const run = await invoicekit([
      'invoices',
      'list',
      '--provider',
      'plandocket',
      '--config',
      file,
    ]);
    expect(run.status).toBe(2);
    expect(leakedCanaries(run.output)).toEqual([]);
  });

  it('a migration from a vendor that echoes its key: no key in output, report or journal', async () => {
    const source = createPlandocketEmulator({ apiKey: CANARY.plandocketKey });
    source.seed({
      invoices: [
        { id: 1, notes: `token ${CANARY.plandocketKey}` },
        { id: 2, notes: 'plain' },
      ],
    });
    const target = createInvoiceOceanEmulator({
      apiToken: CANARY.invoiceOceanToken,
      account: 'demo',
    });
    const [servedSource, servedTarget] = await Promise.all([
      serveEmulator(source as never),
      serveEmulator(target as never),
    ]);
    cleanup.push(
      () => servedSource.close(),
      () => servedTarget.close(),
    );
    const dir = scratch();
    const journal = join(dir, 'journal.jsonl');
    const report = join(dir, 'report.json');
    const run = await invoicekit([
      'migrate',
      '--from',
      'plandocket',
      '--to',
      'invoiceocean',
      '--set',
      `plandocket.apiKey=${CANARY.plandocketKey}`,
      '--set',
      `plandocket.baseUrl=${servedSource.baseUrl}`,
      '--set',
      `invoiceocean.apiToken=${CANARY.invoiceOceanToken}`,
      '--set',
      `invoiceocean.baseUrl=${servedTarget.baseUrl}`,
      '--journal',
      journal,
      '--report',
      report,
    ]);
    expect(run.status, run.output).not.toBe(2);
    expect(existsSync(journal)).toBe(true);
    expect(existsSync(report)).toBe(true);
    const written = `${run.output}\n${readFileSync(journal, 'utf8')}\n${readFileSync(report, 'utf8')}`;
    expect(written).toMatch(/invoice/);
    expect(leakedCanaries(written)).toEqual([]);
  });
});
