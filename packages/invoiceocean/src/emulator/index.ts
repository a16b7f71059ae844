/**
 * @invoicekit/invoiceocean/emulator — a stateful emulator of the InvoiceOcean / Fakturownia /
 * VosFactures / eFakturierung REST API for contract tests and local demos.
 */
export {
  createInvoiceOceanEmulator,
  type InvoiceOceanEmulatorOptions,
  type InvoiceOceanSeed,
} from './emulator';
export type { EmulatorClock } from './clock';
export { formatBigDecimal } from './big-decimal';
