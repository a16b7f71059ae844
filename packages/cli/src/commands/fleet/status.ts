import { Fleet, type TenantStatus } from '@invoicekit/fleet';
import { parseFlags } from '../../args';
import { EXIT, type CliIo } from '../../io';
import { renderTable } from '../../table';
import {
  DATABASE_FLAGS_HELP,
  DATABASE_FLAG_OPTIONS,
  connectOptions,
  fleetDatabase,
  withDatabase,
} from './database';

/** `invoicekit fleet status --help`. */
export const FLEET_STATUS_HELP = `Usage: invoicekit fleet status [--json] [options]

Every tenant of the fleet: its job (kind, from → to), its state (queued, running, retrying, done,
dead), its attempts, the last run's counts and its last error (redacted where it was made).

  --json              the tenants as a JSON array instead of the table
${DATABASE_FLAGS_HELP}

Exit code 0; 1 when a tenant is dead (its last attempt failed: fix the cause, enqueue it again,
and it resumes from its journal) or PostgreSQL cannot be reached; 2 for bad flags.`;

/** The counts `fleet status` shows, in the order of the migration report. */
const COUNTS = [
  'seen',
  'created',
  'reconciled',
  'explained',
  'mismatched',
  'failed',
  'unknown',
] as const;

/** The last error, on one line and short enough for a table (the JSON holds all of it). */
function shortError(text: string | null): string {
  if (text === null) return '';
  const line = text.split('\n')[0] ?? '';
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

/** The status table: one row per tenant. */
export function renderFleetStatus(tenants: readonly TenantStatus[]): string {
  return renderTable(
    ['tenant', 'kind', 'from → to', 'state', 'attempts', ...COUNTS, 'last error'],
    tenants.map((tenant) => [
      tenant.tenantId,
      tenant.kind,
      `${tenant.from} → ${tenant.to}`,
      tenant.state,
      String(tenant.attempts),
      ...COUNTS.map((name) => (tenant.counts === null ? '-' : String(tenant.counts[name] ?? 0))),
      shortError(tenant.lastError),
    ]),
  );
}

/** `3 tenants: 2 done, 1 dead`. */
function summaryOf(tenants: readonly TenantStatus[]): string {
  const byState = new Map<string, number>();
  for (const tenant of tenants) byState.set(tenant.state, (byState.get(tenant.state) ?? 0) + 1);
  const states = ['queued', 'running', 'retrying', 'done', 'dead']
    .filter((state) => byState.has(state))
    .map((state) => `${byState.get(state) ?? 0} ${state}`);
  return `${tenants.length} tenant${tenants.length === 1 ? '' : 's'}: ${states.join(', ')}`;
}

/** `invoicekit fleet status`. */
export async function fleetStatus(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags({
    args: [...args],
    options: { ...DATABASE_FLAG_OPTIONS, json: { type: 'boolean' } },
  });
  if (values.help) {
    io.stdout.write(`${FLEET_STATUS_HELP}\n`);
    return EXIT.ok;
  }
  const database = fleetDatabase(io, values);
  const tenants = await withDatabase(database, async () => {
    const fleet = await Fleet.connect(connectOptions(database));
    try {
      return await fleet.status();
    } finally {
      await fleet.close();
    }
  });
  if (values.json) io.stdout.write(`${JSON.stringify(tenants, null, 2)}\n`);
  else if (tenants.length === 0)
    io.stdout.write('no tenants yet (invoicekit fleet enqueue --tenants FILE adds some)\n');
  else io.stdout.write(`${renderFleetStatus(tenants)}\n${summaryOf(tenants)}\n`);
  return tenants.some((tenant) => tenant.state === 'dead') ? EXIT.failed : EXIT.ok;
}
