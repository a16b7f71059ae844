import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { summarizeSync, sync as runSync, type SyncReport } from '@invoicekit/migrate';
import { parseFlags } from '../args';
import { EXIT, UsageError, pathFrom, type CliIo } from '../io';
import { PROVIDERS } from '../providers';
import { resumeHint } from './migrate';
import { RUN_FLAG_OPTIONS, runAdapters, runHelp, runSettings } from './run-setup';

export const SYNC_HELP = `Usage: invoicekit sync --from <provider> --to <provider> [options]

Keeps the target following the source until cut-over, on the journal of the migration: invoices
new in the source are migrated, migrated ones brought to the source's current state (each new
payment with its own date, an issue, a cancellation, a draft's edits). An issued invoice edited
in the source is reported as diverged, never edited in the target; a deleted one is reported.

  --from P, --to P    providers: ${PROVIDERS.join(', ')}
  --config FILE       JSON { "<provider>": { …adapter config } }
  --set P.K=V         a config value (repeatable); INVOICEKIT_<PROVIDER>_<KEY> in the environment too
  --journal FILE      the migration's journal (default ./invoicekit-<from>-to-<to>.journal.jsonl,
                      what migrate wrote); it holds the mapping and where the last sync stopped
  --since WHEN        list the source's changes since an ISO 8601 timestamp with offset (or a
                      cursor from a report) instead of the journal's cursor
  --full              look at every invoice, not only the changed ones: finds deletions and
                      reconciles the whole book — the cut-over check; its report lists every
                      invoice with its verdict
  --watch INTERVAL    sync again every INTERVAL (30s, 5m, 1h) until Ctrl-C
  --full-every N      with --watch: every Nth round reads the whole book (finds deletions, and
                      a change a deletion shifted past a paged listing)
  --report FILE       the (last) report as JSON
  --json              print that report as JSON on stdout, the summary on stderr
  --verbose           one line per vendor request on stderr (credentials masked)
  --concurrency N     invoices in flight (default 4)
  --drafts POLICY     as for migrate: as-draft, skip or issue
  --verify POLICY     as for migrate: write-answer (default) or read-back

Exit code 0 when source and target agree on every invoice looked at (after --full: the whole
book); 1 when one failed, diverged, did not reconcile or its outcome is unknown (run again to
finish: nothing is written twice); 2 for bad flags, config or journal; 130 when stopped by Ctrl-C.`;

/** `30s`, `5m`, `1h`, or plain seconds, as milliseconds; at least one second. */
export function intervalMs(text: string): number {
  const match = /^(\d{1,6})(s|m|h)?$/.exec(text.trim());
  if (!match) throw new UsageError('--watch: expected an interval such as 30s, 5m or 1h');
  const unit = match[2] === 'h' ? 3_600_000 : match[2] === 'm' ? 60_000 : 1_000;
  const ms = Number(match[1]) * unit;
  if (ms < 1_000) throw new UsageError('--watch: the interval must be at least 1s');
  return ms;
}

export async function syncCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags({
    args: [...args],
    options: {
      ...RUN_FLAG_OPTIONS,
      since: { type: 'string' },
      full: { type: 'boolean' },
      watch: { type: 'string' },
      'full-every': { type: 'string' },
    },
  });
  if (values.help) {
    io.stdout.write(runHelp(SYNC_HELP));
    return EXIT.ok;
  }
  const settings = runSettings(values);
  const { from, to, concurrency, drafts, verify } = settings;
  if (values.since !== undefined && values.full)
    throw new UsageError('--since and --full: give one of them');
  const every = values.watch === undefined ? undefined : intervalMs(values.watch);
  const fullEvery = values['full-every'] === undefined ? undefined : Number(values['full-every']);
  if (
    fullEvery !== undefined &&
    (every === undefined || !Number.isInteger(fullEvery) || fullEvery < 1)
  )
    throw new UsageError('--full-every: expected a whole number of rounds, with --watch');
  const journal =
    values.journal !== undefined
      ? { path: pathFrom(io, values.journal), named: true }
      : { path: pathFrom(io, `invoicekit-${from}-to-${to}.journal.jsonl`), named: false };
  const reportPath = values.report === undefined ? undefined : pathFrom(io, values.report);
  const adapters = runAdapters(io, values, settings);
  const { source, target } = adapters;
  const human = values.json ? io.stderr : io.stdout;
  try {
    if (!target.capabilities.invoices.create)
      throw new UsageError(
        `--to ${to}: its API cannot create invoices, so it cannot be a sync target`,
      );
    const stop = new AbortController();
    void io.interrupted.then(() => {
      if (stop.signal.aborted) return;
      stop.abort();
      io.stderr.write(
        '\nstopping: finishing the invoices in flight (Ctrl-C again to quit at once)\n',
      );
    });
    if (!journal.named)
      io.stderr.write(
        `journal: ${journal.path} (the default for this pair; --journal FILE for another)\n`,
      );
    let report: SyncReport;
    let round = 0;
    for (;;) {
      round += 1;
      report = await runSync({
        from: source,
        to: target,
        journal: journal.path,
        concurrency,
        ...(drafts !== undefined ? { drafts } : {}),
        ...(verify !== undefined ? { verify } : {}),
        // Only the first round of a watch starts where asked; later ones follow the journal.
        ...(round === 1 && values.since !== undefined ? { since: values.since } : {}),
        // The whole-book check reports every invoice, agreeing or not: the cut-over record.
        ...(round === 1 && values.full ? { full: true, detail: 'all' as const } : {}),
        ...(fullEvery !== undefined && round % fullEvery === 0 ? { full: true } : {}),
        signal: stop.signal,
      });
      const json = `${JSON.stringify(report, null, 2)}\n`;
      if (reportPath !== undefined) writeFileSync(reportPath, json);
      if (values.json) io.stdout.write(json);
      human.write(
        `${every !== undefined ? `[${report.finishedAt}] ` : ''}${summarizeSync(report)}\n`,
      );
      if (every === undefined || stop.signal.aborted) break;
      await sleep(every, undefined, { signal: stop.signal }).catch(() => undefined);
      if (stop.signal.aborted) break;
    }
    human.write(
      `  journal: ${journal.path}\n  report: ${reportPath ?? (values.json ? 'stdout (--json)' : 'not written (--report FILE to keep it)')}\n`,
    );
    if (stop.signal.aborted) {
      io.stderr.write(`${resumeHint(args, journal, 'sync')}\n`);
      return EXIT.interrupted;
    }
    return report.agreed ? EXIT.ok : EXIT.failed;
  } finally {
    await adapters.close();
  }
}
