import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leakedCanaries } from './canaries';
import { BOUNDS, HOSTILE_CASES } from './cases';
import { bundleChild, runInChild, type BundledChild } from './run-in-child';

/** One row per case, printed at the end and written for the closing note of a change. */
const figures: string[] = [];

let bundled: BundledChild;
beforeAll(async () => {
  bundled = await bundleChild();
}, 60_000);

afterAll(() => {
  bundled.dispose();
  const table = [
    '| case | item | outcome | seconds | peak RSS MB |',
    '|---|---|---|---|---|',
    ...figures,
  ].join('\n');
  process.stdout.write(`\nHostile-vendor figures\n${table}\n`);
  if (process.env.HOSTILE_FIGURES) writeFileSync(process.env.HOSTILE_FIGURES, `${table}\n`);
});

it('names every case once: the child finds its case by id', () => {
  const ids = HOSTILE_CASES.map((hostileCase) => hostileCase.id);
  expect(new Set(ids).size).toBe(ids.length);
});

describe('hostile vendors: every case fails typed, in time, in bounded memory, leaking nothing', () => {
  it.each(HOSTILE_CASES.map((hostileCase) => [hostileCase.id, hostileCase] as const))(
    '%s',
    async (_id, hostileCase) => {
      const vendor = await hostileCase.serve();
      try {
        const report = await runInChild(bundled, hostileCase.id, vendor.baseUrl);
        figures.push(
          `| ${hostileCase.id} | ${hostileCase.item} | ${report.code} | ${report.seconds.toFixed(2)} | ${report.peakRssMb.toFixed(0)} |`,
        );
        expect(hostileCase.expect, `${hostileCase.title}: ${report.message ?? ''}`).toContain(
          report.code,
        );
        expect(report.seconds).toBeLessThan(BOUNDS.seconds);
        expect(report.peakRssMb).toBeLessThan(BOUNDS.peakRssMb);
        expect(leakedCanaries(report.output)).toEqual([]);
        if (hostileCase.maxSent !== undefined)
          expect(vendor.sent()).toBeLessThanOrEqual(hostileCase.maxSent);
        if (hostileCase.nothingSent) expect(vendor.sent()).toBe(0);
      } finally {
        await vendor.close();
      }
    },
    60_000,
  );
});
