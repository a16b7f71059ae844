import { parseFlags } from '../args';
import { formatFixed, toDecimal, type Invoice, type InvoiceAdapterV1 } from '@invoicekit/core';
import { collect } from '../collect';
import { MemoryJournal, migrate, sync, type MigrationReport } from '@invoicekit/migrate';
import { seedPlandocketBook, writeInvoiceOceanBook } from '../demo/book';
import { startEmulator, type RunningEmulator } from '../emulators';
import { EXIT, type CliIo } from '../io';
import { createAdapter } from '../providers';
import { renderTable } from '../table';

export const DEMO_HELP = `Usage: invoicekit demo [--invoices N]

Starts the three vendor emulators in this process (loopback only), writes a book of invoices,
shows the canonical API on each vendor, migrates InvoiceOcean → billomat-style (FastBill/Monsum)
and Plandocket → InvoiceOcean, and prints the reconciliation; then a Plandocket customer pays
and \`sync\` brings the payment to InvoiceOcean (the cut-over). Exit code 0 only when every
migrated invoice reconciled (differences a target cannot avoid are reported as explained) and
the sync left source and target agreeing.

  --invoices N   invoices in the InvoiceOcean book (default 180; Plandocket gets two thirds)`;

/** A few lines that show the canonical API answering the same way on one vendor. */
async function tour(name: string, adapter: InvoiceAdapterV1, io: CliIo): Promise<void> {
  const invoices = await collect(adapter.invoices.list());
  const byStatus = new Map<string, number>();
  for (const invoice of invoices)
    byStatus.set(invoice.status.canonical, (byStatus.get(invoice.status.canonical) ?? 0) + 1);
  const sample = invoices[0];
  const fetched = sample ? await adapter.invoices.get(sample.id) : undefined;
  const unsupported = Object.entries(adapter.capabilities.invoices)
    .filter(([, supported]) => !supported)
    .map(([operation]) => operation);
  io.stdout.write(
    `  ${name.padEnd(15)} ${String(invoices.length).padStart(4)} invoices (${[...byStatus].map(([status, n]) => `${status} ${n}`).join(', ')})\n` +
      (fetched
        ? `  ${''.padEnd(15)} get ${fetched.number ?? fetched.id}: ${fetched.lines.length} lines, ${fetched.totals.gross} ${fetched.currency} gross, ${fetched.totals.due} due\n`
        : '') +
      `  ${''.padEnd(15)} not in the vendor's API: ${unsupported.length > 0 ? unsupported.join(', ') : 'nothing'}\n`,
  );
}

function row(report: MigrationReport): string[] {
  const c = report.counts;
  return [
    `${report.source} → ${report.target}`,
    String(c.seen),
    String(c.created + c.alreadyPresent),
    String(c.skipped),
    String(c.failed),
    String(c.reconciled),
    String(c.explained),
    String(c.mismatched),
  ];
}

export async function demo(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags({
    args: [...args],
    options: { invoices: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout.write(`${DEMO_HELP}\n`);
    return EXIT.ok;
  }
  const count = values.invoices === undefined ? 180 : Number(values.invoices);
  if (!Number.isInteger(count) || count < 1 || count > 5000) {
    io.stderr.write('invoicekit: --invoices: expected a whole number from 1 to 5000\n');
    return EXIT.usage;
  }
  const started = Date.now();
  const running: RunningEmulator[] = [];
  const adapters: InvoiceAdapterV1[] = [];
  try {
    for (const provider of ['invoiceocean', 'billomat-style', 'plandocket'] as const)
      running.push(await startEmulator(provider));
    const [io_, ms, pd] = running as [RunningEmulator, RunningEmulator, RunningEmulator];
    const invoiceOcean = createAdapter(io_.config);
    const methodStyle = createAdapter(ms.config);
    const plandocket = createAdapter(pd.config);
    adapters.push(invoiceOcean, methodStyle, plandocket);
    io.stdout.write('invoicekit demo — three vendor emulators on loopback\n');
    for (const emulator of running)
      io.stdout.write(`  ${emulator.provider.padEnd(15)} ${emulator.baseUrl}\n`);

    io.stdout.write('\nWriting the books …\n');
    const book = await writeInvoiceOceanBook(invoiceOcean, count);
    seedPlandocketBook(pd.emulator, Math.max(1, Math.floor((count * 2) / 3)));
    // A draft's life on the method-style vendor: create → finalize → send → pay.
    const { data: customer } = await methodStyle.customers.create({
      name: 'Demo Kunde GmbH',
      email: 'demo@kunde.example',
    });
    const { data: draft } = await methodStyle.invoices.create({
      currency: 'EUR',
      customer: { id: customer.id },
      lines: [{ description: 'Beratung', quantity: '2', unitPrice: '120', taxRate: 19 }],
    });
    const finalized = (await methodStyle.invoices.finalize(draft.id)).data;
    await methodStyle.invoices.send(draft.id);
    const paid = (await methodStyle.invoices.markPaid(draft.id)).data;
    io.stdout.write(
      `  invoiceocean    ${book.invoices} invoices in ${book.currencies.join(' and ')}\n` +
        `  billomat-style  draft ${draft.id} → ${finalized.status.canonical} as no. ${finalized.number ?? '?'} → sent → ${paid.status.canonical}\n`,
    );

    io.stdout.write('\nThe same canonical API on each vendor:\n');
    await tour('invoiceocean', invoiceOcean, io);
    await tour('billomat-style', methodStyle, io);
    await tour('plandocket', plandocket, io);

    io.stdout.write('\nMigrating …\n');
    // The Plandocket → InvoiceOcean book keeps its journal: the cut-over below continues it.
    const cutOverJournal = new MemoryJournal();
    const reports = [
      await migrate({ from: invoiceOcean, to: methodStyle, concurrency: 8 }),
      await migrate({
        from: plandocket,
        to: invoiceOcean,
        concurrency: 8,
        journal: cutOverJournal,
      }),
    ];
    io.stdout.write(
      `\n${renderTable(['migration', 'invoices', 'carried', 'skipped', 'failed', 'reconciled', 'explained', 'mismatched'], reports.map(row))}\n`,
    );
    // Skipped and failed invoices by reason, with a few numbers each: what was left behind, and why.
    const leftBehind = new Map<string, string[]>();
    for (const report of reports)
      for (const entry of report.invoices)
        if (entry.outcome === 'skipped' || entry.outcome === 'failed') {
          const key = `${report.source} ${entry.outcome} — ${entry.reason ?? entry.error?.message ?? ''}`;
          leftBehind.set(key, [
            ...(leftBehind.get(key) ?? []),
            entry.sourceNumber ?? entry.sourceId,
          ]);
        }
    for (const [what, numbers] of leftBehind)
      io.stdout.write(
        `  ${what}: ${numbers.slice(0, 3).join(', ')}${numbers.length > 3 ? ` and ${numbers.length - 3} more` : ''}\n`,
      );
    // Each kind of explained difference once, with how often it occurred: what the targets could not hold.
    const explained = new Map<string, number>();
    for (const report of reports)
      for (const invoice of report.invoices)
        for (const difference of invoice.differences)
          if (difference.explained) {
            const field = difference.field.replace(/\.\d+\./, '.*.');
            const key = `${report.target} ${field}: ${difference.explained}`;
            explained.set(key, (explained.get(key) ?? 0) + 1);
          }
    for (const [what, times] of [...explained].sort((a, b) => b[1] - a[1]).slice(0, 8))
      io.stdout.write(`  explained ${what} (${times}×)\n`);
    // Until the switch, the source lives on: a customer pays, and sync brings the target along.
    io.stdout.write('\nCut-over: a Plandocket customer pays after the migration …\n');
    let payable: Invoice | undefined;
    for await (const invoice of plandocket.invoices.list())
      if (
        invoice.state.lifecycle !== 'draft' &&
        invoice.state.lifecycle !== 'canceled' &&
        invoice.state.payment !== 'paid' &&
        invoice.number !== null
      ) {
        payable = invoice;
        break;
      }
    if (payable) await plandocket.invoices.markPaid(payable.id, { method: 'transfer' });
    const synced = await sync({
      from: plandocket,
      to: invoiceOcean,
      journal: cutOverJournal,
      concurrency: 8,
    });
    const paidNow = synced.invoices.find((entry) => entry.sourceId === payable?.id);
    io.stdout.write(
      `  sync plandocket → invoiceocean: updated ${synced.counts.updated}, unchanged ${synced.counts.unchanged}${paidNow ? ` — ${paidNow.sourceNumber ?? paidNow.sourceId}: ${paidNow.changes.join('; ')}` : ''}\n` +
        `  ${synced.agreed ? 'source and target agree' : 'source and target do NOT agree'} on the ${synced.counts.seen} invoices looked at (changed since the migration began, with 5 minutes' overlap)\n`,
    );
    const ok =
      synced.agreed &&
      reports.every((report) => report.counts.failed === 0 && report.counts.mismatched === 0);
    io.stdout.write(
      `\n${ok ? 'Everything reconciled' : 'NOT everything reconciled'} in ${formatFixed(toDecimal(String(Date.now() - started)).dividedBy(1000), 1)} s.\n`,
    );
    return ok ? EXIT.ok : EXIT.failed;
  } finally {
    await Promise.all(adapters.map((adapter) => adapter.close()));
    await Promise.all(running.map((emulator) => emulator.close()));
  }
}
