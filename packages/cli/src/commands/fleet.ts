import { didYouMean } from '../args';
import { EXIT, UsageError, quoted, type CliIo } from '../io';

/** `invoicekit fleet --help`: the three commands and what runs where. */
export const FLEET_HELP = `Usage: invoicekit fleet <enqueue|worker|status> [options]

Many tenants' migrations (and syncs) on PostgreSQL: each tenant's journal in tables, its job on a
queue (pg-boss) with retries and dead letters, any number of workers on any machines.

  enqueue --tenants FILE       one job per tenant (JSON array or JSON lines), checked first
  worker --credentials MODULE  takes jobs until Ctrl-C; the module gives each tenant's credentials
  status [--json]              each tenant's state, attempts, counts and last error

What runs where: enqueue and status are one-off commands run anywhere that reaches the database;
workers are long-running processes, each needing the database, the credentials module and the
vendors (and Redis, for budgets shared between workers). The queue holds no credential.

All three take --database-url (or DATABASE_URL), --schema and --job-schema.
Run "invoicekit fleet <command> --help" for a command's options.`;

const SUBCOMMANDS = ['enqueue', 'worker', 'status'] as const;

/** `invoicekit fleet <sub-command>`. */
export async function fleetCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'help' && (rest[0] === 'enqueue' || rest[0] === 'worker' || rest[0] === 'status'))
    return fleetCommand([rest[0], '--help'], io);
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout.write(`${FLEET_HELP}\n`);
    return sub === undefined ? EXIT.usage : EXIT.ok;
  }
  // Loaded when used: the fleet brings pg and pg-boss, the shared budget ioredis — no other
  // command should pay for them at start-up, or fail with them.
  switch (sub) {
    case 'enqueue':
      return (await import('./fleet/enqueue')).fleetEnqueue(rest, io);
    case 'worker':
      return (await import('./fleet/worker')).fleetWorker(rest, io);
    case 'status':
      return (await import('./fleet/status')).fleetStatus(rest, io);
    default:
      throw new UsageError(
        `unknown fleet command ${quoted(sub)}${didYouMean(sub, SUBCOMMANDS)} (one of ${SUBCOMMANDS.join(', ')})`,
      );
  }
}
