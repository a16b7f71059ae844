/**
 * @invoicekit/core — the invoicekit specification and the utilities every provider shares.
 *
 * - `model/`: the canonical Invoice / Customer / Line / Payment / Reminder schemas (zod);
 * - `money/`: decimal arithmetic, ISO 4217 exponents, vendor rounding strategies;
 * - `spec/`: the versioned adapter interface, capabilities and warnings;
 * - `errors/`: one error vocabulary and credential redaction;
 * - `http/`: the transport (auth, codecs, retries, rate limiting, hooks);
 * - `changes/`: change cursors of `list({ updatedSince })`;
 * - `webhooks/`: the canonical webhook event, delivery verification and the replay guard;
 * - `pagination/`, `di/`, `validation/`.
 *
 * The emulator toolkit is at `@invoicekit/core/emulator`, the conformance suite at
 * `@invoicekit/core/testing`.
 */
export * from './model';
export * from './money';
export * from './spec';
export * from './errors';
export * from './http';
export * from './pagination';
export * from './di';
export * from './validation';
export * from './wire';
export * from './time';
export * from './changes';
export * from './webhooks';
