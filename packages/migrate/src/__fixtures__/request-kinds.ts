/**
 * Request counts by kind — method and route, ids replaced by `:id` — of an emulator: what the
 * bench and the call-count tests compare with the fewest calls the APIs allow.
 */
import type { Emulator } from '@invoicekit/core/emulator';

/** `GET /invoices/:id.json` for `GET /invoices/123.json`. */
export function requestKind(method: string, path: string): string {
  return `${method} ${path.replace(/\/\d+(?=\/|\.|$)/g, '/:id')}`;
}

/** An emulator that counts the requests it handles by kind, and the counts. */
export function countingRequests<Seed>(emulator: Emulator<Seed>): {
  readonly emulator: Emulator<Seed>;
  readonly counts: Map<string, number>;
} {
  const counts = new Map<string, number>();
  // The emulator's other members (getters included) stay its own: only `handle` is wrapped.
  const counted = Object.create(emulator) as Emulator<Seed>;
  Object.defineProperty(counted, 'handle', {
    value: (request: Parameters<Emulator<Seed>['handle']>[0]) => {
      const kind = requestKind(request.method, request.path);
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      return emulator.handle(request);
    },
  });
  return { emulator: counted, counts };
}
