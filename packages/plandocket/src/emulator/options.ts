/**
 * Every scope the vendor documents (docs/vendors/plandocket.md §1). A key created with all of them
 * is what the emulator assumes when no `scopes` are given.
 */
export const PLANDOCKET_SCOPES = [
  'events',
  'contacts',
  'participants',
  'applications',
  'categories',
  'invoices',
  'payments',
  'tasks',
  'documents',
  'submissions',
  'booths',
  'checkins',
  'services',
  'service_orders',
  'newsletter',
  'custom_fields',
  'plans',
  'schedules',
  'webhooks',
  'reports',
  'audit',
  'calendar-feed',
] as const;

/** One of the documented API-key scopes. */
export type PlandocketScope = (typeof PLANDOCKET_SCOPES)[number];

/**
 * How list endpoints page. The vendor documents no paging at all (docs/vendors/plandocket.md §8),
 * so the emulator offers the three behaviours a lenient client must survive:
 * - `meta`: honours `page` / `per_page` and answers `meta.pagination` plus `links.next`;
 * - `page`: honours `page` / `per_page` but says nothing about further pages;
 * - `none`: ignores paging parameters and returns every row.
 */
export type PlandocketPagination = 'meta' | 'page' | 'none';

/**
 * Whether successful bodies come as `{"data": …, "meta": {"request_id": …}}` (the only example the
 * vendor shows, docs/vendors/plandocket.md §3) or as the bare data.
 */
export type PlandocketEnvelope = 'enveloped' | 'bare';

/** Options of `createPlandocketEmulator`. */
export interface PlandocketEmulatorOptions {
  /** The one API key the emulated tenant accepts (Bearer, `X-API-Key` or `?api_key=`). */
  readonly apiKey: string;
  /** The key's scopes; every documented scope by default. */
  readonly scopes?: readonly string[];
  /** List paging behaviour; `meta` by default. */
  readonly pagination?: PlandocketPagination;
  /** Response envelope; `enveloped` by default. */
  readonly envelope?: PlandocketEnvelope;
  /**
   * Requests per hour before 429 `{"error":"Rate limit exceeded"}` without rate-limit headers
   * (docs/vendors/plandocket.md §6); off by default.
   */
  readonly requestsPerHour?: number;
  /** The emulator's clock (timestamps, default dates, the rate-limit window). */
  readonly now?: () => Date;
}

/** The options with their defaults applied, as the route handlers read them. */
export interface ResolvedOptions {
  readonly apiKey: string;
  readonly scopes: ReadonlySet<string>;
  readonly pagination: PlandocketPagination;
  readonly envelope: PlandocketEnvelope;
  readonly now: () => Date;
}

/** Applies the defaults. */
export function resolveOptions(options: PlandocketEmulatorOptions): ResolvedOptions {
  return {
    apiKey: options.apiKey,
    scopes: new Set(options.scopes ?? PLANDOCKET_SCOPES),
    pagination: options.pagination ?? 'meta',
    envelope: options.envelope ?? 'enveloped',
    now: options.now ?? (() => new Date()),
  };
}
