/**
 * Heap figures: bytes allocated per call (garbage included) and heap retained after a run. Both
 * read V8's own counters; `gc()` is exposed at run time, so no flag is needed on the command line.
 */
import { GCProfiler, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A full, synchronous garbage collection. */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

/** The heap in use after a full collection, in bytes: what is retained. */
export function retainedHeapBytes(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/**
 * Mean bytes allocated per call of `fn` over `calls` calls: the growth of the used heap plus
 * everything each garbage collection in between freed (V8's GC profiler reports both sides).
 */
export async function allocatedBytes(fn: () => unknown, calls = 200): Promise<number> {
  // Warm: the first calls allocate inline caches and compiled code, not the call's own objects.
  for (let index = 0; index < 20; index += 1) {
    const result = fn();
    if (result instanceof Promise) await result;
  }
  collectGarbage();
  const profiler = new GCProfiler();
  profiler.start();
  const before = process.memoryUsage().heapUsed;
  for (let index = 0; index < calls; index += 1) {
    const result = fn();
    if (result instanceof Promise) await result;
  }
  const after = process.memoryUsage().heapUsed;
  const report = profiler.stop();
  let freed = 0;
  for (const entry of report?.statistics ?? [])
    freed += entry.beforeGC.heapStatistics.usedHeapSize - entry.afterGC.heapStatistics.usedHeapSize;
  return (after - before + freed) / calls;
}
