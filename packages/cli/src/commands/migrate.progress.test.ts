import { describe, expect, it } from 'vitest';
import type { MigrationProgress } from '@invoicekit/migrate';
import type { CliIo } from '../io';
import { progressPrinter } from './migrate';

const at = (seen: number, failed = 0): MigrationProgress => ({
  seen,
  created: seen - failed,
  alreadyPresent: 0,
  resumed: 0,
  skipped: 0,
  failed,
  unknown: 0,
});

function capture(isTTY: boolean) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: { write: (text: string) => (out.stdout += text), isTTY },
    stderr: { write: (text: string) => (out.stderr += text), isTTY },
    env: {},
    interrupted: new Promise<void>(() => undefined),
  };
  return { io, out };
}

describe('migrate progress', () => {
  it('goes to stderr, one line per 50 invoices, each printed once, with rate and elapsed time', () => {
    const { io, out } = capture(false);
    let now = 1_000_000;
    const print = progressPrinter(io, () => now);
    now += 4_000;
    print(at(49));
    print(at(50));
    // Several invoices finishing at the same count report it again: printed once.
    print(at(50));
    print(at(50));
    now += 61_000;
    print(at(100, 2));
    expect(out.stdout).toBe('');
    expect(out.stderr.split('\n').filter(Boolean)).toEqual([
      'progress 50 seen, 50 carried, 0 failed (12.5/s, 4s)',
      'progress 100 seen, 98 carried, 2 failed (1.5/s, 1m 05s)',
    ]);
  });

  it('on a terminal redraws one line in place on stderr', () => {
    const { io, out } = capture(true);
    let now = 0;
    const print = progressPrinter(io, () => now);
    now = 2_000;
    print(at(3));
    print(at(4));
    expect(out.stdout).toBe('');
    expect(out.stderr.startsWith('\r  3 seen · 3 carried')).toBe(true);
    expect(out.stderr).toContain(
      '\r  4 seen · 4 carried · 0 skipped · 0 failed · 0 unknown · 2.0/s, 2s',
    );
  });
});
