/**
 * @invoicekit/plandocket/emulator — a stateful local emulator of the Plandocket REST API for
 * contract tests and demos, on the core emulator toolkit (faults, journal, loopback or nock).
 */
export { createPlandocketEmulator, type PlandocketEmulator } from './emulator';
export { EMULATED_GATEWAYS, type EmulatedGateway } from './gateways';
export {
  PLANDOCKET_SCOPES,
  type PlandocketEmulatorOptions,
  type PlandocketEnvelope,
  type PlandocketPagination,
  type PlandocketScope,
} from './options';
export type {
  PlandocketContactSeed,
  PlandocketInvoiceItemSeed,
  PlandocketInvoiceSeed,
  PlandocketPaymentSeed,
  PlandocketSeed,
} from './seed';
