import { readFileSync } from 'node:fs';

/** A recorded HTTP answer (`*.http`): status line, headers, blank line, body. */
export interface RecordedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Reads a fixture of this folder as text. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
}

/** Reads a recorded `*.http` answer of this folder. */
export function recordedResponse(name: string): RecordedResponse {
  const text = fixtureText(name).replace(/\r\n/g, '\n');
  const split = text.indexOf('\n\n');
  const [statusLine = '', ...headerLines] = text.slice(0, split).split('\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  return {
    status: Number(/^HTTP\/[\d.]+ (\d{3})/.exec(statusLine)?.[1]),
    headers,
    body: text.slice(split + 2).trim(),
  };
}

/**
 * The format of a wire value, so that emulator answers can be compared with recordings by shape:
 * a JSON number, an integer string, a decimal string with its places, a comma decimal, a date, a
 * timestamp, the zero timestamp, empty, text, a list, a record or null.
 */
export function wireFormatOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return 'number';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'record';
  const text = String(value);
  if (text === '') return 'empty';
  if (text === '0000-00-00 00:00:00') return 'zero-timestamp';
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return 'timestamp';
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return 'date';
  if (/^-?\d+$/.test(text)) return 'integer-string';
  const decimal = /^-?\d+\.(\d+)$/.exec(text);
  if (decimal) return `decimal-string(${decimal[1]?.length})`;
  const comma = /^-?\d+,(\d+)$/.exec(text);
  if (comma) return `comma-decimal(${comma[1]?.length})`;
  if (/^https?:\/\//.test(text)) return 'url';
  return 'text';
}
