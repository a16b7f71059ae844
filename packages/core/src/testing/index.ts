/**
 * @invoicekit/core/testing — the conformance suite every adapter runs against its emulator, and
 * small helpers for provider tests. Requires vitest (an optional peer dependency).
 */
export * from './conformance-suite';
export * from './collect';
export * from './fake-clock';
export * from './secrets';
export * from './readme-example';
