/**
 * @invoicekit/cli — the `invoicekit` command as a library: `runCli(args, io)` returns the exit
 * code, so scripts and tests can run commands in-process.
 */
export { runCli, HELP } from './cli';
export { EXIT, UsageError, type CliIo } from './io';
export { startEmulator, parseFaults, type RunningEmulator } from './emulators';
export { PROVIDERS, createAdapter, providerConfig, type ProviderId } from './providers';
export { renderTable } from './table';
export { capabilityMatrix, withCurrentMatrix } from './capability-matrix';
