import { ValidationError } from '@invoicekit/core';

/** What a schema of the fleet may be called: a plain lower-case PostgreSQL name (letters, digits, `_`; 63 bytes at most). */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The schema name, checked and quoted for SQL text. Names are interpolated (PostgreSQL has no
 * parameters for identifiers), so only plain lower-case names are taken: nothing a caller passes
 * can change what a statement does.
 */
export function quotedSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema))
    throw new ValidationError({
      provider: 'fleet',
      message: `schema: expected a plain lower-case PostgreSQL name (letters, digits, _), got ${JSON.stringify(schema.slice(0, 80))}`,
      issues: [{ path: 'schema', message: 'expected a plain lower-case PostgreSQL name' }],
    });
  return `"${schema}"`;
}
