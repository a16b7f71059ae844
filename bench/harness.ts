import { Bench } from 'tinybench';

/** One measured task. `fn` may be async. */
export interface BenchTask {
  readonly name: string;
  readonly fn: () => unknown;
}

/** Options of {@link runBenchmarks}. */
export interface BenchOptions {
  /** The task every other is compared with (ratio = task mean / baseline mean). */
  readonly baseline: string;
  /** Measuring time per task; 1500 ms by default (BENCH_TIME_MS overrides). */
  readonly timeMs?: number;
}

/** A row of the printed table, also returned for callers that record figures. */
export interface BenchRow {
  readonly task: string;
  readonly meanMicros: number;
  readonly p99Micros: number;
  readonly opsPerSecond: number;
  readonly samples: number;
  readonly ratio: number;
}

/**
 * Runs tasks with tinybench and prints mean and p99 latency in microseconds, throughput, and the
 * ratio to the baseline. Figures come from here, never from timed tests.
 */
export async function runBenchmarks(
  title: string,
  tasks: readonly BenchTask[],
  options: BenchOptions,
): Promise<BenchRow[]> {
  const time = Number(process.env.BENCH_TIME_MS ?? options.timeMs ?? 1500);
  const bench = new Bench({ time, warmupTime: Math.min(500, time / 3) });
  for (const task of tasks) bench.add(task.name, task.fn);
  await bench.run();

  const statsOf = (name: string) => {
    const task = bench.getTask(name);
    const result = task?.result;
    if (!result || !('latency' in result))
      throw new Error(`benchmark ${name} did not complete (${result?.state ?? 'missing'})`);
    return result;
  };
  const baselineMean = statsOf(options.baseline).latency.mean;
  const rows = tasks.map((task): BenchRow => {
    const result = statsOf(task.name);
    return {
      task: task.name,
      meanMicros: result.latency.mean * 1000,
      p99Micros: result.latency.p99 * 1000,
      opsPerSecond: result.throughput.mean,
      samples: result.latency.samplesCount,
      ratio: result.latency.mean / baselineMean,
    };
  });

  console.log(
    `\n${title}  (node ${process.version}, ${time} ms per task, baseline: ${options.baseline})`,
  );
  console.table(
    rows.map((row) => ({
      task: row.task,
      'mean µs': row.meanMicros.toFixed(2),
      'p99 µs': row.p99Micros.toFixed(2),
      'ops/s': Math.round(row.opsPerSecond).toLocaleString('en'),
      samples: row.samples,
      'ratio vs baseline': `${row.ratio.toFixed(2)}×`,
    })),
  );
  return rows;
}
