/**
 * The emulator the memory figure lists from, in its own process so that its book (100 000
 * invoices) is not in the measured heap. Prints `{"baseUrl": …}` once it serves.
 */
import { serveEmulator } from '@invoicekit/core/emulator';
import { createInvoiceOceanEmulator } from '../src/emulator';

const TOKEN = process.env.IO_BENCH_TOKEN ?? 'bench-token-1234567';
const count = Number(process.env.IO_BENCH_INVOICES ?? '10000');
const emulator = createInvoiceOceanEmulator({ apiToken: TOKEN, account: 'bench' });
emulator.seed({
  invoices: Array.from({ length: count }, (_, index) => ({
    buyer_name: `Buyer ${index % 97}`,
    issue_date: '2026-10-01',
    positions: [
      { name: 'Service', quantity: '1', price_net: `${(index % 500) + 1}.25`, tax: '23' },
    ],
  })),
});
const served = await serveEmulator(emulator);
console.log(JSON.stringify({ baseUrl: served.baseUrl }));
process.on('SIGTERM', () => void served.close().then(() => process.exit(0)));
