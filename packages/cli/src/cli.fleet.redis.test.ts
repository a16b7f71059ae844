import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TenantStatus } from '@invoicekit/fleet';
import { DEFAULT_KEY_PREFIX, budgetKey } from '@invoicekit/redis-rate-limiter';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './__fixtures__/cli-process';
import { spawnFleetWorker, type WorkerProcess } from './__fixtures__/fleet-worker-process';
import {
  TEST_REDIS_URL,
  databaseUrlWithPassword,
  dropSchemas,
  freshSchemas,
  monitorRedis,
  postgresUnavailable,
  redisUnavailable,
} from './__fixtures__/services';
import { startEmulator, type RunningEmulator } from './emulators';
import { EXIT } from './io';

const unavailable = (await postgresUnavailable()) ?? (await redisUnavailable());

const DATABASE_PASSWORD = `pgpass${randomBytes(6).toString('hex')}`;
const DATABASE_URL = databaseUrlWithPassword(DATABASE_PASSWORD);
/** Redis's default user has no password: any password is accepted, and none may be printed. */
const REDIS_PASSWORD = `redispass${randomBytes(6).toString('hex')}`;

function redisUrlWithPassword(): string {
  const url = new URL(TEST_REDIS_URL);
  url.username = url.username || 'default';
  url.password = REDIS_PASSWORD;
  return url.href;
}

function fileWith(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'invoicekit-fleet-')), name);
  writeFileSync(path, text);
  return path;
}

/** The account a routed base URL names, as the worker derives it (host, port and path). */
function accountOf(emulator: RunningEmulator): string {
  const { host, pathname } = new URL(emulator.baseUrl);
  return `${host}${pathname.replace(/\/+$/, '')}`;
}

describe.skipIf(unavailable !== undefined)('invoicekit fleet worker with Redis', () => {
  const { schema, jobSchema } = freshSchemas();
  const db = ['--schema', schema, '--job-schema', jobSchema];
  const running: RunningEmulator[] = [];
  const workers: WorkerProcess[] = [];

  afterAll(async () => {
    for (const worker of workers) {
      worker.signal('SIGKILL');
      await worker.exited;
    }
    await Promise.all(running.map((emulator) => emulator.close()));
    await dropSchemas(schema, jobSchema);
  });

  it('two worker processes draw every vendor request from the budget of its account in Redis', async () => {
    const tenants = ['acme', 'globex'];
    const accounts: Record<string, { source: RunningEmulator; target: RunningEmulator }> = {};
    for (const tenantId of tenants) {
      const source = await startEmulator('plandocket');
      const target = await startEmulator('invoiceocean');
      running.push(source, target);
      source.emulator.seed({ contacts: [{ id: 1, company_name: 'Kunde GmbH' }] });
      source.emulator.seed({
        invoices: [100, 101, 102].map((id) => ({
          id,
          contact_id: 1,
          items: [{ description: 'Stand', unit_price: '100.00', tax_rate: '19' }],
        })),
      });
      accounts[tenantId] = { source, target };
    }
    // Plandocket's budget comes from its configuration (requestsPerHour, as its descriptor reads
    // it); InvoiceOcean documents no limit, so its budget is given on the command line.
    const credentials = fileWith(
      'credentials.mjs',
      `const accounts = ${JSON.stringify(
        Object.fromEntries(
          Object.entries(accounts).map(([tenantId, { source, target }]) => [
            tenantId,
            { source: { ...source.config, requestsPerHour: 360_000 }, target: target.config },
          ]),
        ),
      )};
export const credentialsFor = (tenantId, { role }) => accounts[tenantId][role];
`,
    );
    const monitor = await monitorRedis();
    try {
      const start = (): WorkerProcess => {
        const worker = spawnFleetWorker(
          [
            '--credentials',
            credentials,
            '--concurrency',
            '1',
            '--requests-per-minute',
            'invoiceocean=6000',
            ...db,
          ],
          { DATABASE_URL, REDIS_URL: redisUrlWithPassword() },
        );
        workers.push(worker);
        return worker;
      };
      // Enqueued first: it creates the schemas, which two workers starting together on fresh
      // schemas would race to create (pg-boss's creation is not serialised).
      const enqueued = await run([
        'fleet',
        'enqueue',
        '--tenants',
        fileWith(
          'tenants.json',
          JSON.stringify(
            tenants.map((tenantId) => ({ tenantId, from: 'plandocket', to: 'invoiceocean' })),
          ),
        ),
        '--database-url',
        DATABASE_URL,
        ...db,
      ]);
      expect(enqueued.code).toBe(EXIT.ok);
      const both = [start(), start()];
      for (const worker of both)
        await worker.printed(/^worker \S+ started on .*rate budgets shared through redis:\/\//m);
      let done: TenantStatus[] = [];
      for (let round = 0; done.length < tenants.length; round += 1) {
        if (round > 600) throw new Error(`not done: ${both.map((w) => w.stdout()).join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
        const status = await run([
          'fleet',
          'status',
          '--json',
          '--database-url',
          DATABASE_URL,
          ...db,
        ]);
        done = (JSON.parse(status.stdout) as TenantStatus[]).filter((t) => t.state === 'done');
      }
      for (const tenant of done)
        expect(tenant.counts).toMatchObject({ seen: 3, created: 3, failed: 0, unknown: 0 });

      const commands = monitor.lines();
      for (const tenantId of tenants) {
        const { source, target } = accounts[tenantId] ?? {};
        for (const [provider, emulator] of [
          ['plandocket', source],
          ['invoiceocean', target],
        ] as const) {
          if (!emulator) throw new Error('no emulator');
          const key = `${DEFAULT_KEY_PREFIX}${budgetKey(provider, accountOf(emulator))}`;
          // The vendor was reached, and its account's budget in Redis was drawn from (how many
          // commands a grant takes is the limiter's business, so only their key is checked).
          expect(emulator.emulator.requests.length).toBeGreaterThan(0);
          expect(commands.some((line) => line.includes(key))).toBe(true);
        }
      }
      for (const worker of both) {
        worker.signal('SIGINT');
        expect((await worker.exited).code).toBe(EXIT.interrupted);
        expect(worker.stdout()).toMatch(/^stopping: /m);
        const output = worker.stdout() + worker.stderr();
        expect(output).not.toContain(REDIS_PASSWORD);
        expect(output).not.toContain(DATABASE_PASSWORD);
      }
    } finally {
      monitor.close();
    }
  }, 90_000);
});
