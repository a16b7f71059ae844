import { defineEmulator, type Emulator } from '@invoicekit/core/emulator';
import { resolveOptions, type PlandocketEmulatorOptions } from './options';
import { dispatch } from './router';
import { seedState, type PlandocketSeed } from './seed';
import { createState, type PlandocketState } from './state';
import { takeWebhooks } from './webhooks';

/** A running Plandocket emulator: serve it with `serveEmulator` or attach it with `attachToNock`. */
export type PlandocketEmulator = Emulator<PlandocketSeed>;

/** One hour: the vendor states its limits per hour (docs/vendors/plandocket.md §6). */
const HOUR_MS = 3_600_000;

/**
 * A stateful emulator of the Plandocket REST API (`/api/v1`): invoices (read and update only),
 * contacts, payments that settle invoices, participants and signed webhook deliveries, behind the three documented key
 * forms and per-resource scopes. The undocumented parts — envelope and paging — are switchable,
 * so a lenient client can be tested against each variant (docs/vendors/plandocket.md §10).
 */
export function createPlandocketEmulator(options: PlandocketEmulatorOptions): PlandocketEmulator {
  const resolved = resolveOptions(options);
  return defineEmulator<PlandocketState, PlandocketSeed>({
    name: 'plandocket',
    createState,
    seed: (state, data) => seedState(state, data, resolved.now()),
    handler: (request, state) => dispatch(request, state, resolved),
    // Deliveries to the webhooks registered with POST /webhooks, signed as the vendor signs them.
    takeWebhooks,
    ...(options.requestsPerHour !== undefined
      ? {
          // The vendor sends no rate-limit headers and no Retry-After yet
          // (docs/vendors/plandocket.md §6).
          rateLimit: { limit: options.requestsPerHour, windowMs: HOUR_MS, sendRetryAfter: false },
        }
      : {}),
    rateLimitBody: { error: 'Rate limit exceeded' },
    serverErrorBody: { error: 'Internal server error' },
    now: () => resolved.now().getTime(),
  });
}
