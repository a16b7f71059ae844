import { describe, expect, it } from 'vitest';
import { run } from './__fixtures__/cli-process';
import { closest, editDistance } from './args';
import { EXIT } from './io';

describe('did you mean', () => {
  it('measures edits and suggests only a close known name', () => {
    expect(editDistance('migarte', 'migrate')).toBe(1);
    expect(editDistance('lsit', 'list')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(closest('--jurnal', ['--journal', '--json'])).toBe('--journal');
    expect(closest('--dryrun', ['--dry-run', '--drafts'])).toBe('--dry-run');
    expect(closest('xyzzy', ['migrate', 'demo'])).toBeUndefined();
    expect(closest('dmo', ['demo', 'migrate'])).toBe('demo');
  });

  it('unknown commands and flags get a suggestion; exit 2, one line, nothing echoed that is not a name', async () => {
    const cases: [string[], string][] = [
      [['migarte'], 'unknown command "migarte" — did you mean migrate? (run "invoicekit --help")'],
      [['invoice', 'list'], 'unknown command "invoice" — did you mean invoices?'],
      [['--verison'], 'did you mean --version?'],
      [
        ['migrate', '--from', 'plandocket', '--to', 'invoiceocean', '--jurnal', 'j'],
        "unknown option '--jurnal' — did you mean --journal? (run with --help for the options)",
      ],
      [['invoices', 'list', '--provider', 'plandocket', '--limt', '3'], 'did you mean --limit?'],
      [['demo', '--invoice', '3'], 'did you mean --invoices?'],
      [
        ['invoices', 'lsit', '--provider', 'plandocket'],
        'expected "list" or "get" — did you mean list?',
      ],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(EXIT.usage);
      expect(result.stderr, args.join(' ')).toContain(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
    // A secret where a flag was expected is neither echoed nor "corrected".
    const secret = await run(['invoices', 'list', '--Canary9Secret4xQ']);
    expect(secret.stderr).toBe('invoicekit: unknown option (run with --help for the options)\n');
  });
});
