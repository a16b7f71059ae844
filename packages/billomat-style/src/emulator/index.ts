/**
 * @invoicekit/billomat-style/emulator — a stateful emulator of the FastBill / Monsum method-style
 * endpoint (one POST URL, SERVICE + FILTER/DATA envelopes) for contract tests and local demos.
 */
export {
  createMethodStyleEmulator,
  type MethodStyleEmulatorOptions,
  type MethodStyleSeed,
} from './emulator';
