/** One object still to copy, and the copy its entries go into. */
interface Frame {
  readonly source: object;
  readonly target: Record<string, unknown> | unknown[];
}

/**
 * A decoded answer whose tag names hold a credential — an XML element or a JSON key named like
 * the API key, because the vendor echoed it where a name belongs — with those names replaced by
 * what `redactText` makes of them. Values are the transport's business (it masks a body that
 * echoes a secret); names are not masked there, and a name would otherwise reach `raw`, an
 * error's `rawBody` and every log line that prints one.
 *
 * Walks with an explicit stack (no nesting depth can overflow it) and returns the value itself,
 * uncopied, when no name needs masking — the case of every honest answer.
 */
export function scrubSecretKeys(value: unknown, redactText: (text: string) => string): unknown {
  if (!hasSecretKey(value, redactText)) return value;
  const copyOf = (source: object): Record<string, unknown> | unknown[] =>
    Array.isArray(source) ? [] : {};
  const root = copyOf(value as object);
  const stack: Frame[] = [{ source: value as object, target: root }];
  const onPath = new WeakSet<object>();
  while (stack.length > 0) {
    const { source, target } = stack.pop() as Frame;
    onPath.add(source);
    const entries = Array.isArray(source)
      ? source.map((item, index): [string, unknown] => [String(index), item])
      : Object.entries(source);
    for (const [key, inner] of entries) {
      let out: unknown = inner;
      if (typeof inner === 'object' && inner !== null && !Buffer.isBuffer(inner)) {
        if (onPath.has(inner)) out = '[Circular]';
        else {
          out = copyOf(inner);
          stack.push({ source: inner, target: out as Record<string, unknown> | unknown[] });
        }
      }
      if (Array.isArray(target)) target.push(out);
      // defineProperty: a masked name is data, never a setter such as `__proto__`.
      else
        Object.defineProperty(target, redactText(key), {
          value: out,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
  }
  return root;
}

function hasSecretKey(value: unknown, redactText: (text: string) => string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const stack: object[] = [value];
  const seen = new WeakSet<object>();
  while (stack.length > 0) {
    const node = stack.pop() as object;
    if (seen.has(node)) continue;
    seen.add(node);
    const isList = Array.isArray(node);
    for (const [key, inner] of Object.entries(node)) {
      if (!isList && redactText(key) !== key) return true;
      if (typeof inner === 'object' && inner !== null && !Buffer.isBuffer(inner)) stack.push(inner);
    }
  }
  return false;
}
