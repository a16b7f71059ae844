import { writeFileSync } from 'node:fs';
import { parseFlags } from '../args';
import { migrate as runMigration, summarize, type MigrationProgress } from '@invoicekit/migrate';
import { EXIT, UsageError, pathFrom, type CliIo } from '../io';
import { PROVIDERS } from '../providers';
import { RUN_FLAG_OPTIONS, runAdapters, runHelp, runSettings } from './run-setup';

export const MIGRATE_HELP = `Usage: invoicekit migrate --from <provider> --to <provider> [options]

Moves every invoice of the source to the target exactly once (customers mapped once, lifecycle
replayed, totals reconciled), resumable from its journal.

  --from P, --to P    providers: ${PROVIDERS.join(', ')}
  --config FILE       JSON { "<provider>": { …adapter config } }
  --set P.K=V         a config value (repeatable); INVOICEKIT_<PROVIDER>_<KEY> in the environment too
  --journal FILE      durable progress; run again with the same file to resume. By default
                      ./invoicekit-<from>-to-<to>.journal.jsonl in the current directory (a dry
                      run keeps none). One run at a time —
                      while another run uses it (FILE.lock names its process), this one
                      stops with exit code 2 — wait for that run, or stop it and run again to
                      resume. A journal of another source or target account is refused (exit 2)
  --no-journal        keep progress in memory only; a re-run relies on the target's dedupe
  --report FILE       the full report as JSON
  --json              print that report as JSON on stdout (the only thing there), the summary
                      on stderr
  --verbose           one line per vendor request on stderr: provider, method, URL (credentials
                      masked), status, duration, attempt
  --concurrency N     invoices in flight (default 4)
  --dry-run           map and validate; write nothing to the target
  --drafts POLICY     source drafts: as-draft (default where the target has drafts), skip
                      (default where it has none) or issue (the target numbers and issues them)
  --verify POLICY     what each invoice is reconciled against: write-answer (default: the
                      target's answer to the last write) or read-back (one more read of it)
  --allow-skipped     exit 0 although invoices were skipped (a draft, a type the target cannot
                      hold, a credit note whose invoice was not carried)

Progress goes to stderr with the rate and the elapsed time. No total or ETA is shown: the vendors'
listings are read page by page and none of them says how many invoices there are up front.

Exit code 0 when every invoice was carried and reconciled field by field (differences the target
cannot avoid are announced and reported as explained); 1 when one failed, did not reconcile or
was skipped (unless --allow-skipped), or when the target's answer to
a write was lost so its outcome is unknown ("unknown N": run the same command again, with the
same --journal, to resume — nothing is written twice); 2 for bad flags or config, or a journal
that is locked by another run, belongs to another migration or is damaged (nothing was done);
130 when stopped by Ctrl-C: the invoices in flight finish, the summary and the command that
resumes are printed (a second Ctrl-C quits at once; the journal stays consistent either way).`;

/** `12.5/s`, `3m 04s`: what a person reads in a progress line. */
function rateAndElapsed(seen: number, startedAt: number, now: number): string {
  const ms = Math.max(1, now - startedAt);
  const whole = Math.floor(ms / 1000);
  const elapsed =
    whole >= 60
      ? `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, '0')}s`
      : `${whole}s`;
  // Tenths of an invoice per second, truncated: a rate for a person, not an amount.
  const tenths = Math.floor((seen * 10_000) / ms);
  return `${Math.floor(tenths / 10)}.${tenths % 10}/s, ${elapsed}`;
}

/**
 * Progress on stderr, so that stdout holds only the summary: a line redrawn in place on a
 * terminal; otherwise one line per 50 invoices, each printed once.
 */
export function progressPrinter(
  io: CliIo,
  now: () => number = Date.now,
): (progress: MigrationProgress) => void {
  const startedAt = now();
  let lastLine = 0;
  return (progress) => {
    const done = progress.created + progress.alreadyPresent + progress.resumed;
    const rate = rateAndElapsed(progress.seen, startedAt, now());
    if (io.stderr.isTTY) {
      io.stderr.write(
        `\r  ${progress.seen} seen · ${done} carried · ${progress.skipped} skipped · ${progress.failed} failed · ${progress.unknown} unknown · ${rate}   `,
      );
      return;
    }
    if (progress.seen % 50 !== 0 || progress.seen === lastLine) return;
    lastLine = progress.seen;
    io.stderr.write(
      `progress ${progress.seen} seen, ${done} carried, ${progress.failed} failed (${rate})\n`,
    );
  };
}

/**
 * How to carry on after Ctrl-C: the same command, which the journal makes resumable. Only flag
 * names and provider names are repeated — a `--set` value may be a credential, so those are
 * written as `--set …`.
 */
export function resumeHint(
  args: readonly string[],
  journal: { path: string; named: boolean } | undefined,
  command: 'migrate' | 'sync' = 'migrate',
): string {
  const shown: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '--set') {
      shown.push('--set …');
      index += 1;
    } else if (arg.startsWith('--set=')) shown.push('--set …');
    else if (arg.startsWith('--')) shown.push(arg);
    else if (/^[a-z][a-z-]{0,30}$/.test(arg)) shown.push(arg);
    else shown.push(JSON.stringify(arg));
  }
  const line = `invoicekit ${command} ${shown.join(' ')}`;
  if (journal === undefined)
    return `to resume, run the same command again: the target's dedupe finds what was carried (drop --no-journal to make runs resumable from a journal):\n  ${line}`;
  return journal.named
    ? `to resume, run the same command again (the journal ${journal.path} knows what is done):\n  ${line}`
    : `to resume, run the same command again in this directory (the journal ${journal.path} knows what is done):\n  ${line}`;
}

export async function migrateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags({
    args: [...args],
    options: {
      ...RUN_FLAG_OPTIONS,
      'no-journal': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      'allow-skipped': { type: 'boolean' },
    },
  });
  if (values.help) {
    io.stdout.write(runHelp(MIGRATE_HELP));
    return EXIT.ok;
  }
  const settings = runSettings(values);
  const { from, to, concurrency, drafts, verify } = settings;
  if (values.journal !== undefined && values['no-journal'])
    throw new UsageError('--journal and --no-journal: give one of them');
  const dryRun = values['dry-run'] ?? false;
  // Named, the default file next to where the command runs, or none (in memory).
  const journal =
    values.journal !== undefined
      ? { path: pathFrom(io, values.journal), named: true }
      : values['no-journal'] || dryRun
        ? undefined
        : {
            path: pathFrom(io, `invoicekit-${from}-to-${to}.journal.jsonl`),
            named: false,
          };
  const reportPath = values.report === undefined ? undefined : pathFrom(io, values.report);
  const adapters = runAdapters(io, values, settings);
  const { source, target } = adapters;
  // With --json stdout holds the report alone; what a person reads goes to stderr.
  const human = values.json ? io.stderr : io.stdout;
  try {
    if (!target.capabilities.invoices.create)
      throw new UsageError(
        `--to ${to}: its API cannot create invoices, so it cannot be a migration target`,
      );
    if (drafts === 'as-draft' && !target.capabilities.drafts)
      throw new UsageError(`--drafts as-draft: ${to} has no drafts — use skip or issue`);
    // Ctrl-C: take no further invoice, let the ones in flight finish, then report as usual.
    const stop = new AbortController();
    void io.interrupted.then(() => {
      if (stop.signal.aborted) return;
      stop.abort();
      io.stderr.write(
        `\nstopping: finishing the invoices in flight, then writing the ${journal !== undefined ? 'journal and ' : ''}summary (Ctrl-C again to quit at once)\n`,
      );
    });
    if (journal !== undefined && !journal.named)
      io.stderr.write(
        `journal: ${journal.path} (the default for this pair; --journal FILE for another, --no-journal for none)\n`,
      );
    const report = await runMigration({
      from: source,
      to: target,
      concurrency,
      dryRun,
      ...(drafts !== undefined ? { drafts } : {}),
      ...(verify !== undefined ? { verify } : {}),
      ...(journal !== undefined ? { journal: journal.path } : {}),
      onProgress: progressPrinter(io),
      signal: stop.signal,
    });
    if (io.stderr.isTTY) io.stderr.write('\n');
    const json = `${JSON.stringify(report, null, 2)}\n`;
    if (reportPath !== undefined) writeFileSync(reportPath, json);
    if (values.json) io.stdout.write(json);
    human.write(
      `${summarize(report)}\n  journal: ${journal?.path ?? 'none (in memory)'}\n  report: ${reportPath ?? (values.json ? 'stdout (--json)' : 'not written (--report FILE to keep it)')}\n`,
    );
    if (report.interrupted) {
      io.stderr.write(`${resumeHint(args, journal)}\n`);
      return EXIT.interrupted;
    }
    const { failed, mismatched, unknown, skipped } = report.counts;
    const skippedFails = skipped > 0 && values['allow-skipped'] !== true;
    if (skippedFails)
      io.stderr.write(
        `${skipped} skipped (listed above and in the report): exit 1 — pass --allow-skipped if leaving them behind is intended\n`,
      );
    return failed === 0 && mismatched === 0 && unknown === 0 && !skippedFails
      ? EXIT.ok
      : EXIT.failed;
  } finally {
    await adapters.close();
  }
}
