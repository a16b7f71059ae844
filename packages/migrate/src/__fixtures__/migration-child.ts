/**
 * A migration or sync run in its own process, so a test can `kill -9` it anywhere and start it
 * again: InvoiceOcean (SOURCE_URL) → TARGET_KIND (`method-style`, the default, or `invoiceocean`)
 * at TARGET_URL; MODE `migrate` (default) or `sync`; journal in JOURNAL, report to REPORT.
 */
import { writeFileSync } from 'node:fs';
import { createBillomatStyleAdapter } from '@invoicekit/billomat-style';
import { createInvoiceOceanAdapter } from '@invoicekit/invoiceocean';
import { migrate } from '../migrate';
import { sync } from '../sync';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const from = createInvoiceOceanAdapter({
  apiToken: 'io-token-123456/acme',
  baseUrl: env('SOURCE_URL'),
});
const to =
  process.env.TARGET_KIND === 'invoiceocean'
    ? createInvoiceOceanAdapter({ apiToken: 'io-token-123456/acme', baseUrl: env('TARGET_URL') })
    : createBillomatStyleAdapter({
        email: 'owner@acme.example',
        apiKey: 'ms-key-12345678',
        baseUrl: env('TARGET_URL'),
      });
const onProgress = (progress: { seen: number }) =>
  process.stdout.write(`progress ${progress.seen}\n`);
const report =
  process.env.MODE === 'sync'
    ? await sync({ from, to, journal: env('JOURNAL'), concurrency: 2, onProgress })
    : await migrate({ from, to, journal: env('JOURNAL'), concurrency: 2, onProgress });
writeFileSync(env('REPORT'), JSON.stringify(report));
await from.close();
await to.close();
