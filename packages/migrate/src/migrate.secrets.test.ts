import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InvoiceAdapterV1 } from '@invoicekit/core';
import { collect, findLeakedSecrets } from '@invoicekit/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  IO_TOKEN,
  MS_KEY,
  closeAll,
  startInvoiceOcean,
  startMethodStyle,
  writeBook,
} from './__fixtures__/loopback';
import { migrate } from './migrate';
import { summarize } from './report';
import { sync } from './sync';
import { summarizeSync } from './sync-report';

afterEach(closeAll);

const SECRETS = [IO_TOKEN, `${IO_TOKEN}/acme`, MS_KEY];

/** The target, but its `invoices.create` fails like a raw parser quoting what the vendor echoed. */
function echoingParserFailure(target: InvoiceAdapterV1): InvoiceAdapterV1 {
  let calls = 0;
  const invoices = new Proxy(target.invoices, {
    get(operations, name, receiver) {
      if (name !== 'create') return Reflect.get(operations, name, receiver) as unknown;
      return async (...args: Parameters<InvoiceAdapterV1['invoices']['create']>) => {
        calls += 1;
        if (calls === 2)
          throw new SyntaxError(`Unexpected token 'k', "key=${MS_KEY}&x" is not valid JSON`);
        return operations.create(...args);
      };
    },
  });
  return new Proxy(target, {
    get: (adapter, name, receiver) =>
      name === 'invoices' ? invoices : (Reflect.get(adapter, name, receiver) as unknown),
  });
}

describe('no credential in the report, its summary or the journal', () => {
  it('an untyped error quoting a credential is reported by its kind, its text withheld', async () => {
    const source = await startInvoiceOcean();
    const target = await startMethodStyle();
    await writeBook(source.adapter);
    const journal = join(mkdtempSync(join(tmpdir(), 'invoicekit-secrets-')), 'journal.jsonl');
    const report = await migrate({
      from: source.adapter,
      to: echoingParserFailure(target.adapter),
      journal,
      concurrency: 1,
    });
    expect(report.counts).toMatchObject({ seen: 6, created: 5, failed: 1 });
    expect(report.invoices.find((entry) => entry.outcome === 'failed')?.error).toEqual({
      code: 'internal',
      message: "an unexpected SyntaxError (its text is withheld: it may quote a vendor's answer)",
    });
    expect(findLeakedSecrets(report, SECRETS)).toEqual([]);
    expect(findLeakedSecrets(summarize(report), SECRETS)).toEqual([]);
    expect(findLeakedSecrets(readFileSync(journal, 'utf8'), SECRETS)).toEqual([]);
  });

  it('a vendor that echoes the key in its error answers: nothing of it reaches the report', async () => {
    const source = await startInvoiceOcean();
    const target = await startMethodStyle();
    await writeBook(source.adapter);
    target.emulator.faults.inject({
      kind: 'server_error',
      // An answered refusal (not retried), as a vendor's error page or envelope.
      status: 400,
      body: { RESPONSE: { ERRORS: [`invalid key ${MS_KEY} for owner@acme.example`] } },
      match: { body: /invoice\.create/ },
      times: Infinity,
    });
    const journal = join(mkdtempSync(join(tmpdir(), 'invoicekit-secrets-')), 'journal.jsonl');
    const report = await migrate({ from: source.adapter, to: target.adapter, journal });
    expect(report.counts).toMatchObject({ seen: 6, failed: 6 });
    expect(findLeakedSecrets(report, SECRETS)).toEqual([]);
    expect(findLeakedSecrets(summarize(report), SECRETS)).toEqual([]);
    expect(findLeakedSecrets(readFileSync(journal, 'utf8'), SECRETS)).toEqual([]);
  });

  it('a sync against a vendor that echoes the key: nothing of it reaches the sync report, its summary or the journal', async () => {
    const source = await startInvoiceOcean();
    const target = await startMethodStyle();
    await writeBook(source.adapter);
    const journal = join(mkdtempSync(join(tmpdir(), 'invoicekit-secrets-')), 'journal.jsonl');
    await migrate({ from: source.adapter, to: target.adapter, journal });
    const [open] = await collect(source.adapter.invoices.list({ status: ['issued'] }));
    expect(open).toBeDefined();
    await source.adapter.invoices.markPaid(open?.id ?? '', { date: '2026-11-20' });
    // Every read of the target now answers with the key in its error text.
    target.emulator.faults.inject({
      kind: 'server_error',
      status: 400,
      body: { RESPONSE: { ERRORS: [`invalid key ${MS_KEY} for owner@acme.example`] } },
      match: { body: /invoice\.get/ },
      times: Infinity,
    });
    const report = await sync({ from: source.adapter, to: target.adapter, journal, full: true });
    expect(report.counts.failed).toBeGreaterThan(0);
    expect(report.agreed).toBe(false);
    expect(findLeakedSecrets(report, SECRETS)).toEqual([]);
    expect(findLeakedSecrets(summarizeSync(report), SECRETS)).toEqual([]);
    expect(findLeakedSecrets(readFileSync(journal, 'utf8'), SECRETS)).toEqual([]);
  });
});
