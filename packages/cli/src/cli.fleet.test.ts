import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TenantStatus } from '@invoicekit/fleet';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { run, workDirectory } from './__fixtures__/cli-process';
import { spawnFleetWorker, type WorkerProcess } from './__fixtures__/fleet-worker-process';
import {
  databaseUrlWithPassword,
  dropSchemas,
  freshSchemas,
  postgresUnavailable,
} from './__fixtures__/services';
import { startEmulator, type RunningEmulator } from './emulators';
import { EXIT } from './io';

const unavailable = await postgresUnavailable();

/** Every test's database password: trust authentication ignores it; no output may hold it. */
const DATABASE_PASSWORD = `pgpass${randomBytes(6).toString('hex')}`;
const DATABASE_URL = databaseUrlWithPassword(DATABASE_PASSWORD);

/** The schemas every test made, dropped at the end. */
const made: string[] = [];

function database(): string[] {
  const { schema, jobSchema } = freshSchemas();
  made.push(schema, jobSchema);
  return ['--database-url', DATABASE_URL, '--schema', schema, '--job-schema', jobSchema];
}

/** A file in a fresh directory. */
function fileWith(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'invoicekit-fleet-')), name);
  writeFileSync(path, text);
  return path;
}

async function status(flags: string[]): Promise<TenantStatus[]> {
  const { code, stdout, stderr } = await run(['fleet', 'status', '--json', ...flags]);
  expect(stderr).toBe('');
  expect([EXIT.ok, EXIT.failed]).toContain(code);
  return JSON.parse(stdout) as TenantStatus[];
}

/** Reads the status until `check` holds (a guard against hanging, not a timed assertion). */
async function statusUntil(
  flags: string[],
  check: (tenants: TenantStatus[]) => boolean,
  worker: WorkerProcess,
): Promise<TenantStatus[]> {
  for (let round = 0; ; round += 1) {
    const tenants = await status(flags);
    if (check(tenants)) return tenants;
    if (round > 600)
      throw new Error(
        `the fleet did not get there: ${JSON.stringify(tenants)}\n${worker.stdout()}\n${worker.stderr()}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A seeded Plandocket source and an empty InvoiceOcean target: one tenant's two accounts. */
async function tenantAccounts(invoices: number): Promise<[RunningEmulator, RunningEmulator]> {
  const source = await startEmulator('plandocket');
  const target = await startEmulator('invoiceocean');
  source.emulator.seed({
    contacts: [{ id: 1, company_name: 'Messe Kunde GmbH', email: 'kunde@messe.example' }],
  });
  source.emulator.seed({
    invoices: Array.from({ length: invoices }, (_, index) => ({
      id: 100 + index,
      contact_id: 1,
      items: [{ description: 'Standmiete', unit_price: '250.00', tax_rate: '19' }],
    })),
  });
  return [source, target];
}

/**
 * A credentials module as an operator writes one: `credentialsFor(tenantId, { role, provider })`
 * from a table of tenants (here: the emulators' configurations, in the module's source).
 */
function credentialsModule(
  tenants: Readonly<Record<string, { source: object; target: object }>>,
): string {
  return fileWith(
    'credentials.mjs',
    `const tenants = ${JSON.stringify(tenants)};
export async function credentialsFor(tenantId, { role }) {
  const found = tenants[tenantId];
  if (!found) throw new Error('no credentials for this tenant');
  return found[role];
}
`,
  );
}

/** Every credential of the tenants' configurations, for the "never in any output" checks. */
function secretsOf(emulators: readonly RunningEmulator[]): string[] {
  return emulators.flatMap((emulator) =>
    Object.entries(emulator.config)
      .filter(([key]) => key === 'apiKey' || key === 'apiToken')
      .flatMap(([, value]) => [String(value), String(value).split('/')[0] ?? '']),
  );
}

describe.skipIf(unavailable !== undefined)('invoicekit fleet, on PostgreSQL', () => {
  const running: RunningEmulator[] = [];
  const workers: WorkerProcess[] = [];

  afterEach(async () => {
    for (const worker of workers.splice(0)) {
      worker.signal('SIGKILL');
      await worker.exited;
    }
  });
  afterAll(async () => {
    await Promise.all(running.map((emulator) => emulator.close()));
    await dropSchemas(...made);
  });

  it('enqueues the tenants of a JSON-lines file, one line each and a summary; a waiting tenant is left as it is', async () => {
    const db = database();
    const tenants = fileWith(
      'tenants.jsonl',
      [
        '{"tenantId":"acme","from":"plandocket","to":"invoiceocean"}',
        '',
        '{"tenantId":"globex","kind":"sync","from":"plandocket","to":"invoiceocean","options":{"full":true}}',
        '',
      ].join('\n'),
    );
    const first = await run(['fleet', 'enqueue', '--tenants', tenants, ...db]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(EXIT.ok);
    expect(first.stdout).toMatch(/^acme {2}enqueued migrate plandocket → invoiceocean: job \S+$/m);
    expect(first.stdout).toMatch(/^globex {2}enqueued sync plandocket → invoiceocean: job \S+$/m);
    expect(first.stdout).toMatch(/^2 tenants: 2 enqueued, 0 already waiting /m);

    const again = await run(['fleet', 'enqueue', '--tenants', tenants, ...db]);
    expect(again.code).toBe(EXIT.ok);
    expect(again.stdout).toMatch(/^acme {2}already waiting \(migrate plandocket → invoiceocean\)/m);
    expect(again.stdout).toMatch(/^2 tenants: 0 enqueued, 2 already waiting /m);

    const queued = await status(db);
    expect(queued.map(({ tenantId, kind, state }) => ({ tenantId, kind, state }))).toEqual([
      { tenantId: 'acme', kind: 'migrate', state: 'queued' },
      { tenantId: 'globex', kind: 'sync', state: 'queued' },
    ]);
    const table = await run(['fleet', 'status', ...db]);
    expect(table.code).toBe(EXIT.ok);
    expect(table.stdout).toMatch(/^tenant +kind +from → to +state +attempts +seen +created/m);
    expect(table.stdout).toMatch(/^acme +migrate +plandocket → invoiceocean +queued +0 +- /m);
    expect(table.stdout).toMatch(/^2 tenants: 2 queued$/m);
    for (const output of [first, again, table])
      expect(output.stdout + output.stderr).not.toContain(DATABASE_PASSWORD);
  });

  it('refuses a file with a bad job — exit 2 naming its line and field, nothing enqueued, no value echoed', async () => {
    const db = database();
    const pasted = `sk_live_${randomBytes(8).toString('hex')}`;
    const tenants = fileWith(
      'tenants.jsonl',
      [
        '{"tenantId":"acme","from":"plandocket","to":"invoiceocean"}',
        `{"tenantId":"globex","from":"plandocket","to":"invoiceocean","options":{"apiKey":"${pasted}"}}`,
      ].join('\n'),
    );
    const refused = await run(['fleet', 'enqueue', '--tenants', tenants, ...db]);
    expect(refused.code).toBe(EXIT.usage);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(
      /^invoicekit: --tenants: \S+ line 2: options: unknown field apiKey/,
    );
    expect(refused.stderr).not.toContain(pasted);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);

    const wrongType = fileWith(
      'tenants.json',
      JSON.stringify([
        { tenantId: 'acme', from: 'plandocket', to: 'invoiceocean' },
        { tenantId: 'globex', from: 'plandocket', to: 'invoiceocean', kind: pasted },
      ]),
    );
    const second = await run(['fleet', 'enqueue', '--tenants', wrongType, ...db]);
    expect(second.code).toBe(EXIT.usage);
    expect(second.stderr).toMatch(/^invoicekit: --tenants: \S+ index 1: kind: /);
    expect(second.stderr).not.toContain(pasted);

    const notJson = fileWith('tenants.jsonl', `{"tenantId":"acme","apiToken":${pasted}}\n`);
    const third = await run(['fleet', 'enqueue', '--tenants', notJson, ...db]);
    expect(third.code).toBe(EXIT.usage);
    expect(third.stderr).toMatch(/line 1 is not valid JSON/);
    expect(third.stderr).not.toContain(pasted);

    // The valid job of the refused file was not enqueued either.
    expect(await status(db)).toEqual([]);
  });

  it('SIGTERM interrupts a tenant in flight between writes; another worker resumes it and nothing is written twice', async () => {
    const db = database();
    const [source, target] = await tenantAccounts(12);
    running.push(source, target);
    // Slow writes, so that the tenant is still in flight when the signal comes.
    target.emulator.faults.inject({ kind: 'latency', ms: 300, times: Infinity });
    const credentials = credentialsModule({
      hooli: { source: source.config, target: target.config },
    });
    const enqueued = await run([
      'fleet',
      'enqueue',
      '--tenants',
      fileWith('tenants.jsonl', '{"tenantId":"hooli","from":"plandocket","to":"invoiceocean"}\n'),
      '--retry-delay',
      '1',
      ...db,
    ]);
    expect(enqueued.code).toBe(EXIT.ok);
    const schemaFlags = db.slice(2);
    const first = spawnFleetWorker(['--credentials', credentials, ...schemaFlags], {
      DATABASE_URL,
      REDIS_URL: undefined,
    });
    workers.push(first);
    await first.printed(/ started hooli job /);
    const writes = (): number =>
      target.emulator.requests.filter((r) => r.method === 'POST' && r.path === '/invoices.json')
        .length;
    while (writes() === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    first.signal('SIGTERM');
    expect((await first.exited).code).toBe(EXIT.interrupted);
    workers.splice(workers.indexOf(first), 1);
    expect(first.stdout()).toMatch(/^stopping: /m);
    // A stop is no failure: the tenant is queued again, no attempt spent.
    expect(first.stdout()).toMatch(
      / requeued hooli job \S+: interrupted by the stop, queued again as job \S+ \(no attempt spent\)$/m,
    );
    const interrupted = (await status(db))[0];
    expect(interrupted?.state).toBe('queued');
    expect(writes()).toBeLessThan(12);

    const second = spawnFleetWorker(['--credentials', credentials, ...schemaFlags], {
      DATABASE_URL,
      REDIS_URL: undefined,
    });
    workers.push(second);
    const [done] = await statusUntil(db, (all) => all[0]?.state === 'done', second);
    expect(done?.counts).toMatchObject({ seen: 12, failed: 0, unknown: 0, mismatched: 0 });
    expect(second.stdout()).toMatch(/ started hooli job \S+ \(attempt 1\)$/m);
    // Every invoice written once, over both workers.
    expect(writes()).toBe(12);
  }, 90_000);

  it('a worker process migrates two tenants (Plandocket → InvoiceOcean), a tenant with wrong credentials ends dead, SIGTERM stops it', async () => {
    const db = database();
    const acme = await tenantAccounts(3);
    const globex = await tenantAccounts(2);
    const initech = await tenantAccounts(1);
    running.push(...acme, ...globex, ...initech);
    const wrongKey = `wrong${randomBytes(8).toString('hex')}`;
    const credentials = credentialsModule({
      acme: { source: acme[0].config, target: acme[1].config },
      globex: { source: globex[0].config, target: globex[1].config },
      initech: { source: { ...initech[0].config, apiKey: wrongKey }, target: initech[1].config },
    });
    const tenants = fileWith(
      'tenants.jsonl',
      ['acme', 'globex', 'initech']
        .map((tenantId) => JSON.stringify({ tenantId, from: 'plandocket', to: 'invoiceocean' }))
        .join('\n'),
    );
    // Short retries, so that the wrong tenant is dead after two attempts one second apart.
    const enqueued = await run([
      'fleet',
      'enqueue',
      '--tenants',
      tenants,
      '--retry-limit',
      '1',
      '--retry-delay',
      '1',
      ...db,
    ]);
    expect(enqueued.code).toBe(EXIT.ok);
    // The database from the environment this time, the schemas from their flags.
    const schemaFlags = db.slice(2);
    const worker = spawnFleetWorker(
      ['--credentials', credentials, '--concurrency', '2', '--lease', '5', ...schemaFlags],
      { DATABASE_URL, REDIS_URL: undefined },
    );
    workers.push(worker);
    await worker.printed(
      /^worker \S+ started on 127\.0\.0\.1:\d+\/\w+: 2 tenants at once, rate budgets in this process only/m,
    );

    const settled = await statusUntil(
      db,
      (all) => all.filter((t) => t.state === 'done' || t.state === 'dead').length === 3,
      worker,
    );
    const byTenant = new Map(settled.map((tenant) => [tenant.tenantId, tenant]));
    for (const [tenantId, invoices] of [
      ['acme', 3],
      ['globex', 2],
    ] as const) {
      expect(byTenant.get(tenantId)).toMatchObject({ state: 'done', lastError: null });
      expect(byTenant.get(tenantId)?.counts).toMatchObject({
        seen: invoices,
        created: invoices,
        failed: 0,
        unknown: 0,
        mismatched: 0,
      });
    }
    for (const [, target] of [acme, globex])
      expect(
        target.emulator.requests.filter((r) => r.method === 'POST' && r.path === '/invoices.json'),
      ).toHaveLength(target === acme[1] ? 3 : 2);
    const dead = byTenant.get('initech');
    expect(dead).toMatchObject({ state: 'dead', attempts: 2 });
    expect(dead?.lastError).toMatch(/^authentication: /);
    expect(initech[1].emulator.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    const table = await run(['fleet', 'status', ...db]);
    expect(table.code).toBe(EXIT.failed);
    expect(table.stdout).toMatch(
      /^initech +migrate +plandocket → invoiceocean +dead +2 .*authentication: /m,
    );
    expect(table.stdout).toMatch(/^3 tenants: 2 done, 1 dead$/m);

    expect(worker.stdout()).toMatch(/ started acme job \S+ \(attempt 1\)$/m);
    expect(worker.stdout()).toMatch(/ done acme job \S+: .*seen 3, .*created 3/m);
    expect(worker.stdout()).toMatch(/ failed initech job \S+ \(will retry\): authentication: /m);
    expect(worker.stdout()).toMatch(
      / failed initech job \S+ \(dead: no attempts left\): authentication: /m,
    );

    worker.signal('SIGTERM');
    const exit = await worker.exited;
    workers.splice(workers.indexOf(worker), 1);
    expect(exit.code).toBe(EXIT.interrupted);
    expect(worker.stdout()).toMatch(/^stopping: interrupting the tenants in flight/m);
    expect(worker.stdout()).toMatch(/^worker \S+ stopped$/m);
    expect(worker.stderr()).toBe('');

    const everything = [
      enqueued.stdout,
      enqueued.stderr,
      table.stdout,
      table.stderr,
      JSON.stringify(settled),
      worker.stdout(),
      worker.stderr(),
    ].join('\n');
    for (const secret of [
      DATABASE_PASSWORD,
      wrongKey,
      ...secretsOf([...acme, ...globex, ...initech]),
    ])
      expect(everything).not.toContain(secret);
  }, 90_000);
});

describe('invoicekit fleet, without a database', () => {
  it('answers --help for fleet and each of its commands', async () => {
    const fleet = await run(['fleet', '--help'], workDirectory());
    expect(fleet.code).toBe(EXIT.ok);
    expect(fleet.stdout).toMatch(/^Usage: invoicekit fleet <enqueue\|worker\|status>/);
    for (const command of ['enqueue', 'worker', 'status']) {
      const help = await run(['fleet', command, '--help']);
      expect(help.code).toBe(EXIT.ok);
      expect(help.stdout).toMatch(new RegExp(`^Usage: invoicekit fleet ${command}`));
    }
    const worker = await run(['fleet', 'worker', '--help']);
    expect(worker.stdout).toMatch(/Without it, each process keeps its own in-process limiter/);
    expect(worker.stdout).toMatch(
      /plandocket: from its configuration's rateLimit or requestsPerHour/,
    );
    const unknown = await run(['fleet', 'stauts']);
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.stderr).toMatch(/did you mean status\?/);
  });

  it('needs a database: none is exit 2; one out of reach is exit 1 naming its host, never the password', async () => {
    const missing = await run(['fleet', 'status']);
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toMatch(/set DATABASE_URL or pass --database-url/);

    const url = `postgres://fleet:${DATABASE_PASSWORD}@127.0.0.1:1/fleet`;
    const out = await run(['fleet', 'status', '--database-url', url]);
    expect(out.code).toBe(EXIT.failed);
    expect(out.stderr).toBe(
      'invoicekit: cannot reach PostgreSQL at 127.0.0.1:1/fleet (ECONNREFUSED)\n',
    );

    const malformed = await run([
      'fleet',
      'status',
      '--database-url',
      `mysql://x:${DATABASE_PASSWORD}@h/db`,
    ]);
    expect(malformed.code).toBe(EXIT.usage);
    expect(malformed.stderr).not.toContain(DATABASE_PASSWORD);

    const badSchema = await run([
      'fleet',
      'status',
      '--database-url',
      url,
      '--schema',
      'Fleet;drop',
    ]);
    expect(badSchema.code).toBe(EXIT.usage);
    expect(badSchema.stderr).toMatch(/^invoicekit: --schema: expected a schema name/);
  });

  it("checks the worker's flags and its credentials module before it connects", async () => {
    const db = ['--database-url', `postgres://fleet:${DATABASE_PASSWORD}@127.0.0.1:1/fleet`];
    const missing = await run(['fleet', 'worker', ...db]);
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toMatch(/--credentials MODULE is required/);
    const noExport = fileWith('credentials.mjs', 'export const token = "not-a-function";\n');
    const refused = await run(['fleet', 'worker', '--credentials', noExport, ...db]);
    expect(refused.code).toBe(EXIT.usage);
    expect(refused.stderr).toMatch(/exports no function credentialsFor/);
    const broken = fileWith('credentials.mjs', `export const token = "${DATABASE_PASSWORD}" +;\n`);
    const syntax = await run(['fleet', 'worker', '--credentials', broken, ...db]);
    expect(syntax.code).toBe(EXIT.usage);
    expect(syntax.stderr).toMatch(/cannot import .* \(\w+\)$/m);
    const budgetWithoutRedis = await run([
      'fleet',
      'worker',
      '--credentials',
      noExport,
      '--requests-per-minute',
      'plandocket=60',
      ...db,
    ]);
    expect(budgetWithoutRedis.code).toBe(EXIT.usage);
    expect(budgetWithoutRedis.stderr).toMatch(/--requests-per-minute: needs Redis/);
    const badBudget = await run([
      'fleet',
      'worker',
      '--credentials',
      noExport,
      '--redis-url',
      'redis://127.0.0.1:1',
      '--requests-per-minute',
      'plandocket=lots',
      ...db,
    ]);
    expect(badBudget.code).toBe(EXIT.usage);
    expect(badBudget.stderr).toMatch(/--requests-per-minute: expected <provider>=<requests>/);
    for (const output of [missing, refused, syntax, budgetWithoutRedis, badBudget])
      expect(output.stderr).not.toContain(DATABASE_PASSWORD);
  });
});
