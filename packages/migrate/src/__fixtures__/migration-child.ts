/**
 * A migration run in its own process, so a test can `kill -9` it anywhere and start it again:
 * InvoiceOcean (SOURCE_URL) → method-style (TARGET_URL), journal in JOURNAL, report to REPORT.
 */
import { writeFileSync } from 'node:fs';
import { createBillomatStyleAdapter } from '@invoicekit/billomat-style';
import { createInvoiceOceanAdapter } from '@invoicekit/invoiceocean';
import { migrate } from '../migrate';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const from = createInvoiceOceanAdapter({ apiToken: 'io-token-123456/acme', baseUrl: env('SOURCE_URL') });
const to = createBillomatStyleAdapter({
  email: 'owner@acme.example',
  apiKey: 'ms-key-12345678',
  baseUrl: env('TARGET_URL'),
});
const report = await migrate({
  from,
  to,
  journal: env('JOURNAL'),
  concurrency: 2,
  onProgress: (progress) => process.stdout.write(`progress ${progress.seen}\n`),
});
writeFileSync(env('REPORT'), JSON.stringify(report));
await from.close();
await to.close();
