/**
 * @invoicekit/core/emulator — the toolkit vendor emulators are built on: a stateful handler with
 * seeding, reset, fault injection and a request journal, served on loopback HTTP or attached to a
 * nock scope.
 */
export * from './types';
export * from './faults';
export * from './entity-store';
export * from './emulator';
export * from './encode-response';
export * from './serve-http';
export * from './attach-nock';
export * from './webhook-outbox';
