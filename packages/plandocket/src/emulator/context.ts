import type { EmulatorRequest } from '@invoicekit/core/emulator';
import type { ResolvedOptions } from './options';
import type { PlandocketState } from './state';

/** What a route handler gets: the request, the tenant, and this request's clock and id. */
export interface RouteContext {
  readonly request: EmulatorRequest;
  readonly state: PlandocketState;
  readonly options: ResolvedOptions;
  /** `req_<n>`, echoed in `meta.request_id` and the `x-request-id` header. */
  readonly requestId: string;
  /** The request's moment as an ISO timestamp, one value for every change it makes. */
  readonly timestamp: string;
  /** The `{id}` path segment, for item routes. */
  readonly id: number;
  /** The parsed JSON object body (`{}` for reads and empty bodies). */
  readonly body: Readonly<Record<string, unknown>>;
}
