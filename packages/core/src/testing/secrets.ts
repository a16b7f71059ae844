import { inspect } from 'node:util';

/**
 * Every rendering of a value a log or a crash report could contain: `String`, JSON, and
 * `util.inspect` at full depth (which shows stacks, causes and hidden fields).
 */
export function renderingsOf(value: unknown): string[] {
  const renderings = [String(value), inspect(value, { depth: Infinity, showHidden: true })];
  try {
    renderings.push(JSON.stringify(value) ?? '');
  } catch {
    // circular structures: inspect already covered them
  }
  if (value instanceof Error && value.stack) renderings.push(value.stack);
  return renderings;
}

/** The secrets (and their Base64 / URL forms) found in any rendering of `value`. */
export function findLeakedSecrets(value: unknown, secrets: readonly string[]): string[] {
  const forms = secrets.flatMap((secret) => [
    secret,
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64'),
  ]);
  const text = renderingsOf(value).join('\n');
  return [...new Set(forms.filter((form) => text.includes(form)))];
}
