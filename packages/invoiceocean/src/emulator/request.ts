import type { EmulatorRequest } from '@invoicekit/core/emulator';
import { decodeRailsXml } from '../codec/rails-xml';

/** `/invoices/100/send_by_email.json` → resource, id, action and format. */
export interface ParsedPath {
  readonly resource: string;
  readonly id: string | undefined;
  readonly action: string | undefined;
  readonly format: 'json' | 'xml' | 'pdf' | 'none';
}

const FORMAT = /\.(json|xml|pdf)$/;

export function parsePath(path: string): ParsedPath {
  const match = FORMAT.exec(path);
  const format = (match?.[1] as ParsedPath['format'] | undefined) ?? 'none';
  const segments = path.replace(FORMAT, '').split('/').filter(Boolean);
  // `/banking/payments/1` and the documented singular `/banking/payment/1` are one resource.
  if (segments[0] === 'banking') {
    segments.splice(0, 2, 'banking/payments');
  }
  const [resource = '', second, third] = segments;
  // Collection actions: `/invoices/cancel.json`, `/invoices/fiscal_print`.
  if (second !== undefined && !/^\d+$/.test(second) && third === undefined) {
    return { resource, id: undefined, action: second, format };
  }
  return { resource, id: second, action: third, format };
}

/** The body as the JSON shape, whether it came as JSON, XML or form data. */
export function readBody(request: EmulatorRequest): Record<string, unknown> {
  const text = request.body.trim();
  if (text === '') return {};
  const contentType = request.headers['content-type'] ?? '';
  // Multipart uploads are read from the raw bytes by the route that accepts them.
  if (contentType.startsWith('multipart/form-data')) return {};
  if (text.startsWith('<') || contentType.includes('xml')) {
    const decoded = decodeRailsXml(text);
    return typeof decoded === 'object' && decoded !== null && !Array.isArray(decoded)
      ? (decoded as Record<string, unknown>)
      : {};
  }
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  const parsed = JSON.parse(text) as unknown;
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}

/** `"59,00"`, `59`, `"59.00"` → `"59.00"`; `undefined` stays undefined; anything else is invalid. */
export function incomingDecimal(value: unknown): string | undefined | 'invalid' {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string') {
    const text = value.trim().replace(',', '.');
    if (/^-?(\d+(\.\d*)?|\.\d+)$/.test(text)) return text;
  }
  return 'invalid';
}
