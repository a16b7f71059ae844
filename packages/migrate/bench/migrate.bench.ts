/**
 * Migration figures: a Plandocket book (3 000 invoices, 300 in the short run;
 * BENCH_MIGRATION_INVOICES overrides) of 50 customers migrated to InvoiceOcean at concurrency 32,
 * both emulators in a child process with 20 ms latency on every request, a file journal. After a
 * warm-up migration of a tenth of the book (not measured), repeated (3 runs, 2 in the short run,
 * of each verify policy in turn) on a freshly seeded pair; prints invoices/s (min and median),
 * client CPU per invoice, HTTP calls per invoice by kind against the fewest the APIs allow, and
 * the retained heap growth per 1 000 migrated. Then a sync right after, with its calls.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInvoiceOceanAdapter } from '@invoicekit/invoiceocean';
import { createPlandocketAdapter } from '@invoicekit/plandocket';
import { isShortRun, retainedHeapBytes, startChild } from '../../../bench/harness';
import { migrate, sync, type VerifyPolicy } from '../src/index';
import { CUSTOMERS, bookShape } from '../src/__fixtures__/bench-book';

const short = isShortRun();
const count = Number(process.env.BENCH_MIGRATION_INVOICES ?? (short ? 300 : 3000));
const runs = Number(process.env.BENCH_MIGRATION_RUNS ?? (short ? 2 : 3));
// Both verification policies, run in turn (BENCH_MIGRATION_VERIFY picks one).
const verifies: readonly VerifyPolicy[] =
  process.env.BENCH_MIGRATION_VERIFY !== undefined
    ? [process.env.BENCH_MIGRATION_VERIFY as VerifyPolicy]
    : ['write-answer', 'read-back'];
const LATENCY_MS = 20;
const CONCURRENCY = 32;

type Counts = Record<string, Record<string, number>>;
interface Ready {
  readonly source: string;
  readonly target: string;
  readonly admin: string;
}

const child = await startChild<Ready>(
  fileURLToPath(new URL('./emulators.child.ts', import.meta.url)),
  { BENCH_MIGRATION_INVOICES: String(count), BENCH_LATENCY_MS: String(LATENCY_MS) },
);
const admin = async (method: 'GET' | 'POST', path: string): Promise<Counts> =>
  (await (await fetch(`${child.ready.admin}${path}`, { method })).json()) as Counts;
const adapters = () => ({
  from: createPlandocketAdapter({ baseUrl: child.ready.source, apiKey: 'bench-source-key' }),
  to: createInvoiceOceanAdapter({
    apiToken: 'bench-target-token/bench',
    baseUrl: child.ready.target,
  }),
});
const directory = mkdtempSync(join(tmpdir(), 'invoicekit-migrate-bench-'));

interface Run {
  readonly perSecond: number;
  readonly cpuMsPerInvoice: number;
  readonly heapKibPer1000: number;
  readonly counts: Counts;
  readonly problems: number;
}

async function oneRun(index: number, verify: VerifyPolicy): Promise<Run> {
  await admin('POST', '/reset');
  const { from, to } = adapters();
  const journal = join(directory, `run-${index}.jsonl`);
  const heapBefore = retainedHeapBytes();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  // The report is dropped when this returns: the heap after is what the run left behind.
  const { problems, migrated } = await migrate({
    from,
    to,
    journal,
    concurrency: CONCURRENCY,
    verify,
  }).then((report) => ({
    problems: report.counts.failed + report.counts.mismatched + report.counts.unknown,
    migrated: report.counts.created + report.counts.alreadyPresent,
  }));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  if (migrated !== count) console.error(`run ${index}: ${migrated} of ${count} migrated`);
  const heapAfter = retainedHeapBytes();
  const counts = await admin('GET', '/counts');
  await Promise.all([from.close(), to.close()]);
  return {
    perSecond: count / seconds,
    cpuMsPerInvoice: (cpu.user + cpu.system) / 1000 / count,
    heapKibPer1000: (heapAfter - heapBefore) / 1024 / (count / 1000),
    counts,
    problems,
  };
}

// A warm-up migration of a tenth of the book first (JIT, the loader, the sockets), not measured.
{
  await admin('POST', '/reset');
  const { from, to } = adapters();
  const warmUp = Math.max(1, Math.floor(count / 10));
  await migrate({
    from,
    to,
    journal: join(directory, 'warm-up.jsonl'),
    concurrency: CONCURRENCY,
    where: (invoice) => Number(invoice.id) < 100_000 + warmUp,
  });
  await Promise.all([from.close(), to.close()]);
}
const results = new Map<VerifyPolicy, Run[]>(verifies.map((verify) => [verify, []]));
let runIndex = 0;
for (let round = 0; round < runs; round += 1)
  for (const verify of verifies) {
    results.get(verify)?.push(await oneRun(runIndex, verify));
    runIndex += 1;
  }

// A sync right after the last run, on its journal: the source's changes since (none).
const lastJournal = join(directory, `run-${runIndex - 1}.jsonl`);
const beforeSync = await admin('GET', '/counts');
const { from, to } = adapters();
const syncCpu = process.cpuUsage();
const syncStarted = performance.now();
const synced = await sync({ from, to, journal: lastJournal, concurrency: CONCURRENCY });
const syncMs = performance.now() - syncStarted;
const syncCpuUsed = process.cpuUsage(syncCpu);
const syncCpuMs = (syncCpuUsed.user + syncCpuUsed.system) / 1000;
const afterSync = await admin('GET', '/counts');
await Promise.all([from.close(), to.close()]);
await child.stop();
rmSync(directory, { recursive: true, force: true });

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => {
  const s = sorted(values);
  const middle = s.length >> 1;
  return s.length % 2 === 1
    ? (s[middle] as number)
    : ((s[middle - 1] as number) + (s[middle] as number)) / 2;
};
const min = (values: number[]) => sorted(values)[0] as number;
const max = (values: number[]) => sorted(values)[values.length - 1] as number;
const fixed = (value: number, digits = 2) => value.toFixed(digits);

const { paid, canceled } = bookShape(count);
// The fewest the APIs allow: one list page per 100 source invoices, one create per invoice, one
// payment per paid invoice, one cancel per canceled one, one create per customer.
const fewest = Math.ceil(count / 100) + count + paid + canceled + CUSTOMERS;
const total = (counts: Counts) =>
  Object.values(counts).reduce(
    (sum, side) => sum + Object.values(side).reduce((a, b) => a + b, 0),
    0,
  );
const fewestOf: Record<string, number> = {
  'source GET /api/v1/invoices': Math.ceil(count / 100),
  'target POST /invoices.json': count,
  'target POST /banking/payments.json': paid,
  'target POST /invoices/cancel.json': canceled,
  'target POST /clients.json': CUSTOMERS,
};

console.log(
  `\n@invoicekit/migrate — ${count} invoices Plandocket → InvoiceOcean, ${LATENCY_MS} ms latency per request, concurrency ${CONCURRENCY}, emulators in a child process, ${runs} runs per verify policy`,
);
const summary: Record<string, Record<string, string>> = {};
const kinds: Record<string, Record<string, string>> = {};
for (const [verify, runsOf] of results) {
  const last = runsOf[runsOf.length - 1] as Run;
  const perSecond = runsOf.map((r) => r.perSecond);
  const cpu = runsOf.map((r) => r.cpuMsPerInvoice);
  const heap = runsOf.map((r) => r.heapKibPer1000);
  summary[`verify: ${verify}`] = {
    'invoices/s min / median / max (≥ 300)': `${fixed(min(perSecond), 1)} / ${fixed(median(perSecond), 1)} / ${fixed(max(perSecond), 1)}`,
    'client CPU ms/invoice min / median (≤ 2.5)': `${fixed(min(cpu))} / ${fixed(median(cpu))}`,
    'heap KiB per 1 000 min / median (≤ 512)': `${fixed(min(heap), 0)} / ${fixed(median(heap), 0)}`,
    [`calls/invoice (fewest ${fixed(fewest / count)}, ≤ ${fixed(fewest / count + 1)})`]: fixed(
      total(last.counts) / count,
    ),
    'failed+mismatched+unknown': String(runsOf.reduce((sum, r) => sum + r.problems, 0)),
  };
  for (const [side, counts] of Object.entries(last.counts))
    for (const [kind, calls] of Object.entries(counts)) {
      const row = (kinds[`${side} ${kind}`] ??= {
        fewest: fixed((fewestOf[`${side} ${kind}`] ?? 0) / count, 3),
      });
      row[verify] = fixed(calls / count, 3);
    }
}
console.table(summary);
// Invoices/s is wall time: other processes on the machine lower it; CPU per invoice is the client's own.
console.log(`load average (1 min) at the end: ${fixed(loadavg()[0] ?? 0)}`);
console.log('HTTP calls per invoice by kind (the last run of each policy):');
console.table(kinds);
const syncCalls: Record<string, number> = {};
for (const [side, counts] of Object.entries(afterSync))
  for (const [kind, calls] of Object.entries(counts)) {
    const delta = calls - (beforeSync[side]?.[kind] ?? 0);
    if (delta > 0) syncCalls[`${side} ${kind}`] = delta;
  }
console.log(
  `sync right after (changes since the migration's cursor): ${fixed(syncMs, 0)} ms, ${fixed(syncCpuMs, 0)} ms CPU, ${synced.counts.unchanged} unchanged, calls:`,
  syncCalls,
);
if ([...results.values()].flat().some((r) => r.problems > 0)) process.exitCode = 1;
