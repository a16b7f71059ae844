import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli';
import { startEmulator } from './emulators';
import { EXIT, type CliIo } from './io';

/** A credential the user typed: it must never come back in any output. */
const CANARY = 'Canary9Secret4xQ';
/** The same for fields whose validity rules need a shorter one (an 8-character minimum). */
const SHORT = 'cQ7zR';
const NUMERIC = '98765432109876';

async function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; output: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text) },
    env,
    // A directory of its own, for the default journal of a migration.
    cwd: mkdtempSync(join(tmpdir(), 'invoicekit-cwd-')),
    interrupted: new Promise<void>(() => undefined),
  };
  const code = await runCli(args, io);
  return { code, output: stdout + stderr, stderr };
}

function configFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'invoicekit-canary-')), 'config.json');
  writeFileSync(path, text);
  return path;
}

const migrate = ['migrate', '--from', 'plandocket', '--to', 'invoiceocean'];
const list = ['invoices', 'list', '--provider', 'plandocket'];

describe('invoicekit never prints the credential a user typed', () => {
  it('every usage and configuration error names the flag or key, never the value: exit 2, one line', async () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      // Wrong separators and misplaced values.
      [
        [...list, '--set', `plandocket.apiKey:${CANARY}`],
        {},
        /--set: expected <provider>\.<key>=<value> for plandocket\.apiKey \(its value is not shown\)/,
      ],
      [
        [...list, '--set', `plandocket.apiKey ${CANARY}`],
        {},
        /--set: expected .* for plandocket\.apiKey/,
      ],
      [[...migrate, '--set', 'plandocket.apiKey', CANARY], {}, /unexpected argument \(not shown\)/],
      [
        [...migrate, '--set', `plandocket.apiKey${CANARY}`],
        {},
        /--set: expected .* for a plandocket key \(not shown\)/,
      ],
      [[...list, '--set', CANARY], {}, /--set: expected <provider>\.<key>=<value>$/m],
      [[...list, `--apiKey=${CANARY}`], {}, /unknown option '--apikey'|unknown option \(run/],
      [[...list, `-h${CANARY}`], {}, /unknown option \(run with --help/],
      [[...list, `--json=${CANARY}`], {}, /Option '--json' does not take an argument/],
      // Secrets where a name was expected.
      [[CANARY.toLowerCase()], {}, /unknown command \(not shown\)/],
      [
        ['migrate', '--from', 'plandocket', '--to', CANARY],
        {},
        /--to: unknown provider \(not shown\)/,
      ],
      [['emulate', `x${CANARY}`], {}, /emulate: unknown provider \(not shown\)/],
      // A config file holding the secret: broken JSON, a wrong shape, unknown keys.
      [
        [...list, '--config', configFile(`{"plandocket": {"apiKey": "${CANARY}",}}`)],
        {},
        /--config: .* is not JSON/,
      ],
      [
        [...list, '--config', configFile(`{"plandocket": "${CANARY}"}`)],
        {},
        /"plandocket" in .* must be an object/,
      ],
      [[...list, '--config', configFile(`["${CANARY}"]`)], {}, /must hold an object/],
      [
        [
          ...list,
          '--config',
          configFile(`{"plandocket": {"api_key": "${CANARY}", "tenant": "acme"}}`),
        ],
        {},
        /Unrecognized key: "api_key"/,
      ],
      // Unknown keys from flags and the environment.
      [
        [...list, '--set', `plandocket.apiKye=${CANARY}`, '--set', 'plandocket.tenant=acme'],
        {},
        /Unrecognized key: "apiKye"/,
      ],
      [
        list,
        { INVOICEKIT_PLANDOCKET_APIKEY: CANARY, INVOICEKIT_PLANDOCKET_TENANT: 'acme' },
        /Unrecognized key: "apikey"/,
      ],
      // Invalid values of secret fields.
      [
        [...list, '--set', `plandocket.apiKey=${SHORT}`, '--set', 'plandocket.tenant=acme'],
        {},
        /invalid plandocket configuration — apiKey: /,
      ],
      [
        // An all-digit key is a valid key (text); another field's error must not show it.
        [
          ...list,
          '--set',
          `plandocket.apiKey=${NUMERIC}`,
          '--set',
          'plandocket.tenant=acme',
          '--set',
          'plandocket.timeoutMs=soon',
        ],
        {},
        /invalid plandocket configuration — timeoutMs: /,
      ],
      [
        [
          'invoices',
          'list',
          '--provider',
          'billomat-style',
          '--set',
          `billomat-style.email=${CANARY}`,
          '--set',
          `billomat-style.apiKey=${SHORT}`,
        ],
        {},
        /invalid billomat-style configuration — email: .*apiKey: /,
      ],
      [
        [
          'invoices',
          'list',
          '--provider',
          'invoiceocean',
          '--set',
          `invoiceocean.apiToken=${CANARY}/`,
        ],
        {},
        /invalid invoiceocean configuration/,
      ],
    ];
    for (const [args, env, message] of cases) {
      const result = await run(args, env);
      const label = args.join(' ');
      expect(result.code, label).toBe(EXIT.usage);
      expect(result.stderr, label).toMatch(message);
      expect(result.stderr.trim().split('\n'), label).toHaveLength(1);
      for (const secret of [CANARY, CANARY.toLowerCase(), SHORT, NUMERIC])
        expect(result.output, label).not.toContain(secret);
    }
  });

  it('a wrong key against the vendor: the typed error line holds no credential (exit 1)', async () => {
    const emulator = await startEmulator('plandocket');
    try {
      const result = await run([
        ...list,
        '--set',
        `plandocket.baseUrl=${emulator.baseUrl}`,
        '--set',
        `plandocket.apiKey=${CANARY}`,
      ]);
      expect(result.code).toBe(EXIT.failed);
      expect(result.stderr).toMatch(/^invoicekit: authentication: /);
      expect(result.output).not.toContain(CANARY);
    } finally {
      await emulator.close();
    }
  });
});
