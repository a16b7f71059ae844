import { InvoicekitError } from '@invoicekit/core';
import { JournalCorruptError, JournalLockedError, JournalMismatchError } from '@invoicekit/migrate';
import { didYouMean } from './args';
import { capabilities, CAPABILITIES_HELP } from './commands/capabilities';
import { demo, DEMO_HELP } from './commands/demo';
import { emulate, EMULATE_HELP } from './commands/emulate';
import { fleetCommand, FLEET_HELP } from './commands/fleet';
import { migrateCommand, MIGRATE_HELP } from './commands/migrate';
import { records, RECORDS_HELP } from './commands/records';
import { syncCommand, SYNC_HELP } from './commands/sync';
import { CommandError, EXIT, UsageError, quoted, type CliIo } from './io';
import { CLI_VERSION } from './version';

export const HELP = `Usage: invoicekit <command> [options]

Commands:
  demo                      the whole story on embedded emulators (no setup, loopback only)
  emulate <provider…>       serve vendor emulators on loopback until Ctrl-C
  migrate --from P --to P   move every invoice from one vendor to another, exactly once
  sync --from P --to P      bring the target to the source's current state until cut-over
                            (--watch INTERVAL to repeat, --full for the whole-book check)
  invoices list|get         read invoices from a configured provider
  customers list|get        read customers from a configured provider
  capabilities              what each provider's API can do (provider × operation)
  fleet enqueue|worker|status
                            many tenants on PostgreSQL: enqueue their migrations, run workers
                            (any number, anywhere), read each tenant's state

Global options: --verbose (before the command) prints each vendor request on stderr, for
migrate, sync, invoices and customers (credentials masked).

Run "invoicekit <command> --help" for a command's options; "invoicekit --version" for the version.
Exit codes: 0 done; 1 the command ran and something failed (or, for migrate, an outcome is
unknown: run it again to resume); 2 bad flags or configuration, or a migration journal that is
in use by another run (locked), belongs to another migration or is damaged — nothing was done.`;

const COMMANDS = [
  'demo',
  'emulate',
  'migrate',
  'sync',
  'invoices',
  'customers',
  'capabilities',
  'fleet',
  'help',
];

const HELPS: Readonly<Record<string, string>> = {
  demo: DEMO_HELP,
  emulate: EMULATE_HELP,
  migrate: MIGRATE_HELP,
  sync: SYNC_HELP,
  invoices: RECORDS_HELP,
  customers: RECORDS_HELP,
  capabilities: CAPABILITIES_HELP,
  fleet: FLEET_HELP,
};

/**
 * `parseArgs` errors in our words: Node's quote the argument itself (an unexpected positional),
 * which may be a secret pasted in the wrong place. Unknown options are answered by `parseFlags`.
 */
function parseArgsMessage(code: string, message: string): string {
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    return 'unexpected argument (not shown): this command takes none — a value goes with its flag, e.g. --set <provider>.<key>=<value>';
  // Names the option only, e.g. "Option '--set <value>' argument missing".
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return message;
  return 'invalid arguments (run with --help)';
}

/** Node's own errors that are about a file the user named (the path is theirs, no vendor text). */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/** Usage errors name the flag or key, never the value; anything else about usage is one line. */
function usageMessage(error: unknown): string | undefined {
  if (error instanceof UsageError) return error.message;
  // The journal cannot be used as it is: like bad configuration, nothing was done.
  if (
    error instanceof JournalLockedError ||
    error instanceof JournalMismatchError ||
    error instanceof JournalCorruptError
  )
    return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
    return parseArgsMessage(code, (error as Error).message);
  return undefined;
}

/**
 * Runs one command line and returns the exit code. Every failure becomes one line on stderr —
 * never a stack trace — and no credential: typed errors are redacted where they are made.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  // Global flags before the command: `--verbose` goes to the commands that talk to a vendor.
  const verbose = args[0] === '--verbose';
  const [command, ...given] = verbose ? args.slice(1) : args;
  const rest =
    verbose &&
    (command === 'migrate' ||
      command === 'sync' ||
      command === 'invoices' ||
      command === 'customers')
      ? [...given, '--verbose']
      : given;
  try {
    if (command === '--version' || command === '-V') {
      io.stdout.write(`invoicekit ${CLI_VERSION}\n`);
      return EXIT.ok;
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      const topic = command === 'help' ? rest[0] : undefined;
      io.stdout.write(`${(topic && HELPS[topic]) || HELP}\n`);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    switch (command) {
      case 'demo':
        return await demo(rest, io);
      case 'emulate':
        return await emulate(rest, io);
      case 'migrate':
        return await migrateCommand(rest, io);
      case 'sync':
        return await syncCommand(rest, io);
      case 'capabilities':
        return capabilities(rest, io);
      case 'fleet':
        return await fleetCommand(rest, io);
      case 'invoices':
      case 'customers':
        return await records(command, rest, io);
      default:
        throw new UsageError(
          `unknown command ${quoted(command)}${didYouMean(command, [...COMMANDS, '--help', '--version'])} (run "invoicekit --help")`,
        );
    }
  } catch (error) {
    const usage = usageMessage(error);
    if (usage !== undefined) {
      io.stderr.write(`invoicekit: ${usage}\n`);
      return EXIT.usage;
    }
    // A typed error is redacted where it is made; any other may quote a vendor's answer or the
    // configuration, so only its kind is printed.
    const message = InvoicekitError.isInvoicekitError(error)
      ? `${error.code}: ${error.message}`
      : error instanceof CommandError || isSystemError(error)
        ? error.message
        : `unexpected ${error instanceof Error ? error.name : typeof error} (its text is withheld: it may quote a vendor's answer or a credential)`;
    io.stderr.write(`invoicekit: ${message.split('\n')[0] ?? ''}\n`);
    return EXIT.failed;
  }
}
