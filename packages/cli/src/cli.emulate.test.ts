import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli';
import { EXIT, type CliIo } from './io';

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const tsconfig = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));

const PROVIDERS = ['invoiceocean', 'billomat-style', 'plandocket'] as const;

interface Emulating {
  readonly child: ChildProcess;
  /** Resolves with the first `count` stdout lines (or what there was when the child ended). */
  lines(count: number): Promise<string[]>;
  /** Resolves with stderr once it holds a whole line (or when the child ended). */
  stderrLine(): Promise<string>;
  stop(): Promise<number | null>;
}

/** `invoicekit emulate <args>` in its own process, as a user starts it. */
function emulate(args: string[]): Emulating {
  const child = spawn(
    process.execPath,
    ['--import', tsx, '--conditions=@invoicekit/source', main, 'emulate', ...args],
    { env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  let ended = false;
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((waiter) => waiter());
  child.stdout?.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), wake()));
  child.stderr?.on('data', (chunk: Buffer) => ((stderr += chunk.toString()), wake()));
  const closed = new Promise<number | null>((resolve) =>
    child.once('close', (code) => ((ended = true), wake(), resolve(code))),
  );
  const until = <T>(ready: () => T | undefined): Promise<T> =>
    new Promise((resolve) => {
      const check = () => {
        const value = ready();
        if (value === undefined) return;
        waiters.delete(check);
        resolve(value);
      };
      waiters.add(check);
      check();
    });
  return {
    child,
    lines: (count) =>
      until(() => {
        const whole = stdout.split('\n').slice(0, -1);
        return whole.length >= count || ended ? whole.slice(0, count) : undefined;
      }),
    stderrLine: () => until(() => (stderr.includes('\n') || ended ? stderr : undefined)),
    stop: () => {
      if (!ended) child.kill('SIGINT');
      return closed;
    },
  };
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
    interrupted: Promise.resolve(),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

interface Listed {
  readonly type: string;
  readonly status: { readonly canonical: string };
  readonly customer: { readonly snapshot?: { readonly name?: string | null } };
}

/** `invoicekit invoices list --provider P --set …` with the pairs an emulate line printed. */
async function listWith(line: string): Promise<Listed[]> {
  const [provider, , ...pairs] = line.split(' ');
  const listed = await run([
    'invoices',
    'list',
    '--provider',
    provider ?? '',
    '--json',
    ...pairs.flatMap((pair) => ['--set', pair]),
  ]);
  expect(listed.stderr, line).toBe('');
  expect(listed.code, line).toBe(EXIT.ok);
  return JSON.parse(listed.stdout) as Listed[];
}

const states = (invoices: readonly Listed[]) =>
  [...new Set(invoices.map((invoice) => `${invoice.type}:${invoice.status.canonical}`))].sort();

describe('invoicekit emulate (a child process)', () => {
  it('starts every provider with a small book, reachable with the printed --set pairs', async () => {
    const emulating = emulate([...PROVIDERS]);
    try {
      const lines = await emulating.lines(PROVIDERS.length);
      expect(lines).toHaveLength(PROVIDERS.length);
      for (const [index, provider] of PROVIDERS.entries()) {
        const [name, baseUrl, first] = (lines[index] ?? '').split(' ');
        expect(name).toBe(provider);
        expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        // The first pair after the base URL is the base URL itself, ready for --set.
        expect(first).toBe(`${provider}.baseUrl=${baseUrl}`);
      }
      const [invoiceOcean, methodStyle, plandocket] = await Promise.all(lines.map(listWith));
      expect(states(invoiceOcean ?? [])).toEqual(
        expect.arrayContaining([
          'invoice:issued',
          'invoice:paid',
          'invoice:partially_paid',
          'credit_note:issued',
        ]),
      );
      expect((invoiceOcean ?? []).some((invoice) => invoice.status.canonical === 'canceled')).toBe(
        true,
      );
      // The method-style vendor has drafts, but neither partial payments nor credit notes.
      expect(states(methodStyle ?? [])).toEqual(
        expect.arrayContaining([
          'invoice:issued',
          'invoice:paid',
          'invoice:canceled',
          'invoice:draft',
        ]),
      );
      expect(states(plandocket ?? [])).toEqual(
        expect.arrayContaining([
          'invoice:sent',
          'invoice:paid',
          'invoice:partially_paid',
          'invoice:draft',
          'invoice:canceled',
          'credit_note:sent',
        ]),
      );
      // Real-looking buyers, several of them, on every vendor.
      for (const invoices of [invoiceOcean, methodStyle, plandocket]) {
        const buyers = new Set((invoices ?? []).map((invoice) => invoice.customer.snapshot?.name));
        expect(buyers.size).toBeGreaterThanOrEqual(2);
        expect([...buyers]).toContain('Nordlicht Messebau GmbH');
      }
    } finally {
      expect(await emulating.stop()).toBe(EXIT.ok);
    }
  }, 60_000);

  it('prints the same settings as a one-line --config file on stderr, which the CLI reads', async () => {
    const emulating = emulate(['plandocket', 'billomat-style']);
    try {
      const lines = await emulating.lines(2);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^plandocket \S+ plandocket\.baseUrl=/);
      const hint = (await emulating.stderrLine()).trim();
      expect(hint.split('\n')).toHaveLength(1);
      const json = /^as a --config file: (\{.*\})$/.exec(hint)?.[1];
      expect(json, hint).toBeDefined();
      const file = join(mkdtempSync(join(tmpdir(), 'invoicekit-emulate-')), 'config.json');
      writeFileSync(file, json ?? '');
      for (const provider of ['plandocket', 'billomat-style']) {
        const listed = await run(['invoices', 'list', '--provider', provider, '--config', file]);
        expect(listed.stderr, provider).toBe('');
        expect(listed.code, provider).toBe(EXIT.ok);
        expect(listed.stdout, provider).toMatch(/\bpaid\b/);
      }
    } finally {
      expect(await emulating.stop()).toBe(EXIT.ok);
    }
  }, 60_000);

  it('--empty starts every provider blank', async () => {
    const emulating = emulate([...PROVIDERS, '--empty']);
    try {
      const lines = await emulating.lines(PROVIDERS.length);
      expect(lines).toHaveLength(PROVIDERS.length);
      for (const line of lines) expect(await listWith(line), line).toEqual([]);
    } finally {
      expect(await emulating.stop()).toBe(EXIT.ok);
    }
  }, 60_000);

  it('--help documents the book, --empty and the --set / --config forms', async () => {
    const help = await run(['emulate', '--help']);
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toMatch(/^ {2}--empty\s+start every emulator blank/m);
    expect(help.stdout).toMatch(/starts with a small book/);
    expect(help.stdout).toMatch(/<provider>\.baseUrl=<baseUrl>/);
    expect(help.stdout).toMatch(/--set/);
    expect(help.stdout).toMatch(/--config file/);
  });
});
