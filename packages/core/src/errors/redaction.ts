/**
 * Removes credentials from anything that may leave the library: error messages, bodies, URLs,
 * headers, hook payloads. It knows the adapter's secret values (exact match, plus their URL and
 * Base64 forms) and the names under which credentials usually travel.
 */
export interface Redactor {
  /** Replaces every known secret and every credential-named value in a string. */
  redactText(text: string): string;
  /** Deep copy of a JSON-like value with secrets replaced; credential-named keys are masked. */
  redactValue<T>(value: T): T;
  /** Header map with credential headers masked and the rest redacted. */
  redactHeaders(headers: Readonly<Record<string, unknown>>): Record<string, string>;
}

export const REDACTED = '[REDACTED]';

/** Header names whose value is always a credential. */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
]);

/**
 * Keys (query parameters, body fields) whose value is taken for a credential: any name ending in
 * token, key, secret, password, auth, signature or credential(s). Masking a harmless field too
 * (an idempotency key) is the price of never showing a real one.
 */
const SECRET_KEY = /(token|key|secret|password|passwd|auth|authorization|signature|credentials?)$/i;

/** `name=value` pairs in URLs, form bodies and log lines, with the same names as `SECRET_KEY`. */
const SECRET_PAIR =
  /(^|[?&;,{\s"'])([\w.[\]-]*?(?:token|key|secret|password|passwd|auth|signature|credentials?))=([^&\s"'<>]+)/gi;

/** `Bearer xyz` / `Basic xyz` wherever they appear in free text. */
const SCHEME_CREDENTIAL = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;

/** Values shorter than this are not treated as secrets: masking "1" everywhere would ruin text. */
const MIN_SECRET_LENGTH = 4;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The forms a secret takes on the wire: plain, URL-encoded both ways, and Base64. */
function variantsOf(secret: string): string[] {
  const formEncoded = new URLSearchParams([['', secret]]).toString().slice(1);
  return [
    secret,
    encodeURIComponent(secret),
    formEncoded,
    Buffer.from(secret, 'utf8').toString('base64'),
  ];
}

/**
 * A redactor for a set of secret values (an API token, a Basic user:password pair, …). Pass every
 * credential the adapter holds; for Basic auth pass `user:password` too, so its Base64 form is known.
 */
export function createRedactor(secrets: Iterable<string | undefined | null>): Redactor {
  const known = [
    ...new Set(
      [...secrets].filter(
        (s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH,
      ),
    ),
  ]
    .flatMap(variantsOf)
    // Longest first, so a secret that contains another is replaced whole.
    .sort((a, b) => b.length - a.length);
  const secretPattern =
    known.length > 0 ? new RegExp(known.map(escapeRegExp).join('|'), 'g') : null;

  const redactText = (text: string): string => {
    let result = secretPattern ? text.replace(secretPattern, REDACTED) : text;
    result = result.replace(
      SECRET_PAIR,
      (_match, lead: string, name: string) => `${lead}${name}=${REDACTED}`,
    );
    result = result.replace(SCHEME_CREDENTIAL, (_match, scheme: string) => `${scheme} ${REDACTED}`);
    return result;
  };

  const redactValue = <T>(value: T): T => redactDeep(value, redactText, new WeakSet()) as T;

  const redactHeaders = (headers: Readonly<Record<string, unknown>>): Record<string, string> => {
    const result: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || value === null) continue;
      const text = Array.isArray(value) ? value.join(', ') : String(value);
      result[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : redactText(text);
    }
    return result;
  };

  return { redactText, redactValue, redactHeaders };
}

function redactDeep(
  value: unknown,
  redactText: (text: string) => string,
  seen: WeakSet<object>,
): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (Buffer.isBuffer(value)) return `[binary ${value.length} bytes]`;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redactText, seen));
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    result[key] =
      SECRET_KEY.test(key) && inner !== null && inner !== ''
        ? REDACTED
        : redactDeep(inner, redactText, seen);
  }
  return result;
}

/** A redactor that knows no secret values but still masks credential-named fields and headers. */
export const genericRedactor: Redactor = createRedactor([]);
