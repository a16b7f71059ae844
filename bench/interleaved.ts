/**
 * Interleaved rounds: every task runs once per round, in an order that rotates from round to
 * round, so that a slow stretch of the machine (another process, a GC of the previous task's
 * garbage, CPU frequency) falls on every task alike. Figures are the min and the median of the
 * per-round means — the min is the cost without interference, the median what a caller sees.
 */
import { allocatedBytes } from './allocation';
import { formatRows } from './format';

/** One measured task. `fn` may return a promise; it is awaited. */
export interface BenchTask {
  readonly name: string;
  readonly fn: () => unknown;
  /** Measure bytes allocated per call too (a separate pass; see `allocatedBytes`). */
  readonly allocation?: boolean;
}

/** Options of {@link compareInterleaved}. */
export interface InterleavedOptions {
  /** The task every other is compared with. */
  readonly baseline: string;
  /** Measured rounds (a warm-up round comes first and is discarded). BENCH_ROUNDS overrides. */
  readonly rounds?: number;
  /**
   * Time each task runs per round, in ms. Default: BENCH_TIME_MS (1500) spread over the rounds,
   * at least 20 ms.
   */
  readonly roundMs?: number;
}

/** The figures of one task. */
export interface InterleavedRow {
  readonly task: string;
  readonly minMicros: number;
  readonly medianMicros: number;
  /** min / baseline min. */
  readonly ratioMin: number;
  /** median / baseline median. */
  readonly ratioMedian: number;
  /** KiB allocated per call, when asked for. */
  readonly kibPerCall: number | undefined;
  /** Calls measured over all rounds. */
  readonly calls: number;
}

/** The configured bench time per task (BENCH_TIME_MS, default 1500 ms). */
export function benchTimeMs(): number {
  return Number(process.env.BENCH_TIME_MS ?? 1500);
}

/** True for the short CI run (`BENCH_TIME_MS` under 1000). */
export function isShortRun(): boolean {
  return benchTimeMs() < 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Runs `fn` for about `ms` and returns the mean µs per call and the number of calls. */
async function measureRound(
  fn: () => unknown,
  ms: number,
): Promise<{ micros: number; calls: number }> {
  let calls = 0;
  const started = performance.now();
  const until = started + ms;
  let now = started;
  // Batches keep `performance.now()` out of the figure for calls of a few µs.
  let batch = 1;
  while (now < until) {
    for (let index = 0; index < batch; index += 1) {
      const result = fn();
      if (result instanceof Promise) await result;
    }
    calls += batch;
    now = performance.now();
    if (now - started < ms / 20) batch *= 2;
  }
  return { micros: ((now - started) * 1000) / calls, calls };
}

/**
 * Measures `tasks` in interleaved rounds, prints a table (min and median µs, both ratios to the
 * baseline, KiB per call) and returns the rows.
 */
export async function compareInterleaved(
  title: string,
  tasks: readonly BenchTask[],
  options: InterleavedOptions,
): Promise<InterleavedRow[]> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? options.rounds ?? (isShortRun() ? 3 : 9));
  const roundMs = options.roundMs ?? Math.max(20, benchTimeMs() / rounds);
  const perTask = new Map<string, number[]>(tasks.map((task) => [task.name, []]));
  const callsOf = new Map<string, number>(tasks.map((task) => [task.name, 0]));
  for (let round = 0; round <= rounds; round += 1) {
    for (let offset = 0; offset < tasks.length; offset += 1) {
      const task = tasks[(round + offset) % tasks.length] as BenchTask;
      const { micros, calls } = await measureRound(task.fn, roundMs);
      // Round 0 warms every task up (JIT, sockets, caches) and is not counted.
      if (round === 0) continue;
      perTask.get(task.name)?.push(micros);
      callsOf.set(task.name, (callsOf.get(task.name) ?? 0) + calls);
    }
  }
  const allocation = new Map<string, number>();
  for (const task of tasks)
    if (task.allocation) allocation.set(task.name, (await allocatedBytes(task.fn)) / 1024);

  const baseline = perTask.get(options.baseline);
  if (!baseline) throw new Error(`the baseline ${options.baseline} is not a task`);
  const baselineMin = Math.min(...baseline);
  const baselineMedian = median(baseline);
  const rows = tasks.map((task): InterleavedRow => {
    const figures = perTask.get(task.name) ?? [];
    const min = Math.min(...figures);
    const mid = median(figures);
    return {
      task: task.name,
      minMicros: min,
      medianMicros: mid,
      ratioMin: min / baselineMin,
      ratioMedian: mid / baselineMedian,
      kibPerCall: allocation.get(task.name),
      calls: callsOf.get(task.name) ?? 0,
    };
  });
  console.log(
    `\n${title}\n  node ${process.version}, ${rounds} interleaved rounds of ${Math.round(roundMs)} ms per task, baseline: ${options.baseline}`,
  );
  console.table(formatRows(rows));
  return rows;
}
