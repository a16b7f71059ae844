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
  /** True when the text holds one of the known secret values, in any of its wire forms. */
  containsSecret(text: string): boolean;
  /**
   * True when any string or key of a decoded value holds a known secret — after decoding, so
   * JSON escapes (`\"`, `\/`, `\u…`) and XML entities cannot hide one.
   */
  holdsSecret(value: unknown): boolean;
  /**
   * Deep copy with only the known secret values replaced (in strings and keys) — for a vendor's
   * answer that echoes one: its other fields, credential-named or not, are data and are kept.
   */
  maskSecrets<T>(value: T): T;
}

/** What a masked credential is replaced with. */
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
/** `scheme://user:password@host`: the userinfo of any URL in free text. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/\s?#@]+@/gi;
/**
 * Bounds of one deep redaction: a vendor's answer nested thousands deep or millions wide must
 * neither overflow the stack nor take unbounded time. What lies beyond is replaced, not kept.
 */
const MAX_DEPTH = 256;
const MAX_NODES = 1_000_000;
const TRUNCATED = '[truncated]';

/** Values shorter than this are not treated as secrets: masking "1" everywhere would ruin text. */
const MIN_SECRET_LENGTH = 4;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The forms a secret takes on the wire: plain, URL-encoded both ways, Base64, and as JSON writes
 * it inside a string (so that a secret is found in `JSON.stringify` of any value holding it).
 */
function variantsOf(secret: string): string[] {
  const formEncoded = new URLSearchParams([['', secret]]).toString().slice(1);
  return [
    secret,
    encodeURIComponent(secret),
    formEncoded,
    Buffer.from(secret, 'utf8').toString('base64'),
    JSON.stringify(secret).slice(1, -1),
  ];
}

/**
 * A redactor for a set of secret values (an API token, a Basic user:password pair, …). Pass every
 * credential the adapter holds; for Basic auth pass `user:password` too, so its Base64 form is known.
 */
export function createRedactor(secrets: Iterable<string | undefined | null>): Redactor {
  const known = [
    ...new Set(
      [...secrets]
        .filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
        .flatMap(variantsOf),
    ),
  ]
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
    result = result.replace(URL_USERINFO, (_match, scheme: string) => `${scheme}${REDACTED}@`);
    return result;
  };

  // A vendor may echo a credential as a key (a JSON field name, an XML tag): keys are masked too.
  const redactKey = (key: string): string =>
    secretPattern && containsSecret(key) ? redactText(key) : key;
  const redactValue = <T>(value: T): T => redactDeep(value, redactText, redactKey, true) as T;
  const maskText = (text: string): string =>
    secretPattern ? text.replace(secretPattern, REDACTED) : text;
  const maskSecrets = <T>(value: T): T =>
    (secretPattern ? redactDeep(value, maskText, redactKey, false) : value) as T;
  const holdsSecret = (value: unknown): boolean =>
    secretPattern !== null && someString(value, containsSecret);

  const containsSecret = (text: string): boolean => {
    if (!secretPattern) return false;
    secretPattern.lastIndex = 0;
    const found = secretPattern.test(text);
    secretPattern.lastIndex = 0;
    return found;
  };

  const redactHeaders = (headers: Readonly<Record<string, unknown>>): Record<string, string> => {
    const result: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || value === null) continue;
      const text = Array.isArray(value) ? value.join(', ') : String(value);
      result[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : redactText(text);
    }
    return result;
  };

  return { redactText, redactValue, redactHeaders, containsSecret, holdsSecret, maskSecrets };
}

/** Whether any string or key in a value passes `test`; iterative, bounded like the copy. */
function someString(value: unknown, test: (text: string) => boolean): boolean {
  const stack: unknown[] = [value];
  let nodes = 0;
  while (stack.length > 0) {
    const current = stack.pop();
    nodes += 1;
    if (nodes > MAX_NODES) return false;
    if (typeof current === 'string') {
      if (test(current)) return true;
    } else if (current !== null && typeof current === 'object' && !Buffer.isBuffer(current)) {
      if (Array.isArray(current)) {
        for (const item of current as unknown[]) stack.push(item);
      } else {
        for (const [key, inner] of Object.entries(current)) {
          if (test(key)) return true;
          stack.push(inner);
        }
      }
    }
  }
  return false;
}

/** One container still to copy, with the copy being filled and its depth. */
interface Frame {
  readonly source: object;
  readonly target: Record<string, unknown> | unknown[];
  readonly depth: number;
}

/**
 * A redacted deep copy, built iteratively with an explicit stack so that no nesting depth can
 * overflow the call stack; cycles become `[Circular]`, and anything past {@link MAX_DEPTH} or
 * {@link MAX_NODES} becomes `[truncated]`.
 */
function redactDeep(
  value: unknown,
  redactText: (text: string) => string,
  redactKey: (key: string) => string,
  maskCredentialNames: boolean,
): unknown {
  const leaf = (inner: unknown): { done: true; value: unknown } | { done: false } => {
    if (typeof inner === 'string') return { done: true, value: redactText(inner) };
    if (inner === null || typeof inner !== 'object') return { done: true, value: inner };
    if (Buffer.isBuffer(inner)) return { done: true, value: `[binary ${inner.length} bytes]` };
    return { done: false };
  };
  const first = leaf(value);
  if (first.done) return first.value;

  const onPath = new WeakSet<object>();
  const makeTarget = (source: object): Record<string, unknown> | unknown[] =>
    Array.isArray(source) ? [] : {};
  const root = makeTarget(value as object);
  const stack: Frame[] = [{ source: value as object, target: root, depth: 1 }];
  let nodes = 0;
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    onPath.add(frame.source);
    // An index loop, not map: a sparse array's holes are entries too.
    const entries: [string, unknown][] = [];
    if (Array.isArray(frame.source))
      for (let index = 0; index < frame.source.length; index += 1)
        entries.push([String(index), (frame.source as unknown[])[index]]);
    else entries.push(...Object.entries(frame.source));
    for (const [key, inner] of entries) {
      nodes += 1;
      let out: unknown;
      if (nodes > MAX_NODES) out = TRUNCATED;
      else if (
        maskCredentialNames &&
        !Array.isArray(frame.source) &&
        SECRET_KEY.test(key) &&
        inner !== null &&
        inner !== ''
      )
        out = REDACTED;
      else {
        const simple = leaf(inner);
        if (simple.done) out = simple.value;
        else if (onPath.has(inner as object)) out = '[Circular]';
        else if (frame.depth >= MAX_DEPTH) out = TRUNCATED;
        else {
          const child = makeTarget(inner as object);
          stack.push({ source: inner as object, target: child, depth: frame.depth + 1 });
          out = child;
        }
      }
      if (Array.isArray(frame.target)) frame.target.push(out);
      else
        Object.defineProperty(frame.target, redactKey(key), {
          value: out,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
  }
  return root;
}

/** A redactor that knows no secret values but still masks credential-named fields and headers. */
export const genericRedactor: Redactor = createRedactor([]);
