import { z } from 'zod';
import { ValidationError } from '../errors/errors';
import { IsoTimestampSchema } from '../model/primitives';

/** What every change cursor starts with: the format's name and version. */
export const CHANGE_CURSOR_PREFIX = 'ikc1.';

/**
 * How far behind the start of a listing its cursor points, in milliseconds (5 minutes). A record
 * the vendor stamps while the listing pages through may be missed by that listing; the next one
 * starts early enough to see it, as long as the vendor's clock is no more than this behind ours.
 * Records seen twice are harmless: a sync compares before it writes.
 */
export const CHANGE_CURSOR_OVERLAP_MS = 5 * 60_000;

/** Which list a cursor belongs to. */
export type ChangeStream = 'invoices' | 'customers';

/** What a change cursor holds: whose list it is, and the instant the next listing starts at. */
export interface ChangeCursorState {
  /** The provider id whose list it continues. */
  readonly provider: string;
  readonly stream: ChangeStream;
  /** Every record updated at or after this instant (ISO 8601, UTC) is listed next time. */
  readonly since: string;
}

const CursorBodySchema = z.strictObject({
  p: z.string().min(1),
  r: z.enum(['invoices', 'customers']),
  s: IsoTimestampSchema,
});

/** An opaque, printable cursor (`ikc1.<base64url JSON>`), safe to store and to log. */
export function encodeChangeCursor(state: ChangeCursorState): string {
  const body = JSON.stringify({ p: state.provider, r: state.stream, s: state.since });
  return CHANGE_CURSOR_PREFIX + Buffer.from(body, 'utf8').toString('base64url');
}

function refuse(provider: string, operation: string, message: string): never {
  throw new ValidationError({
    provider,
    operation,
    issues: [{ path: 'updatedSince', message }],
  });
}

/**
 * Reads `updatedSince` — an ISO 8601 timestamp with offset, or a cursor an earlier listing of
 * this provider's `stream` returned — into the instant it stands for (ISO 8601, UTC). A cursor of
 * another provider or list, or a damaged one, is a `ValidationError` at `updatedSince`.
 */
export function resolveUpdatedSince(
  updatedSince: string,
  expected: {
    readonly provider: string;
    readonly stream: ChangeStream;
    readonly operation: string;
  },
): string {
  const { provider, stream, operation } = expected;
  if (!updatedSince.startsWith(CHANGE_CURSOR_PREFIX)) {
    if (!IsoTimestampSchema.safeParse(updatedSince).success)
      refuse(
        provider,
        operation,
        'must be an ISO 8601 timestamp with offset (e.g. "2026-11-30T08:00:00Z") or a cursor an earlier listing returned',
      );
    return wholeSecond(Date.parse(updatedSince));
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(
      Buffer.from(updatedSince.slice(CHANGE_CURSOR_PREFIX.length), 'base64url').toString('utf8'),
    );
  } catch {
    refuse(provider, operation, 'is not a readable change cursor (damaged or cut off)');
  }
  const body = CursorBodySchema.safeParse(decoded);
  if (!body.success)
    refuse(provider, operation, 'is not a readable change cursor (damaged or cut off)');
  if (body.data.p !== provider || body.data.r !== stream)
    refuse(
      provider,
      operation,
      `is a cursor of ${body.data.p} ${body.data.r}, not of ${provider} ${stream}`,
    );
  return wholeSecond(Date.parse(body.data.s));
}

/**
 * The instant, down to its whole second: several vendors stamp changes to the second only, so a
 * change within the same second as a fractional `since` would otherwise look older than it.
 */
function wholeSecond(ms: number): string {
  return new Date(ms - (((ms % 1000) + 1000) % 1000)).toISOString();
}

/**
 * Whether a record belongs in a listing of changes since `since`: updated at or after it. A record
 * without an update time is always listed — nothing shows it unchanged.
 */
export function updatedAtOrAfter(updatedAt: string | null, since: string): boolean {
  if (updatedAt === null) return true;
  const at = Date.parse(updatedAt);
  return Number.isNaN(at) || at >= Date.parse(since);
}
