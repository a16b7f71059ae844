import type { AdapterWarning } from '@invoicekit/core';
import { z } from 'zod';

/**
 * A record's fields that are valid canonical input for `schema` (an object schema), one field at
 * a time — one level into nested objects, so that a bad IBAN drops the IBAN and keeps the bank
 * name. A vendor's answer can hold what its own API accepted but the canonical model does not
 * (a domestic account number where an IBAN belongs): such a value is not carried, and a warning
 * names its path and the rule it breaks, never the value.
 */
export function validFields(
  schema: z.ZodType,
  record: Readonly<Record<string, unknown>>,
  basePath = '',
): { value: Record<string, unknown>; warnings: AdapterWarning[] } {
  const shape = objectShape(schema);
  const value: Record<string, unknown> = {};
  const warnings: AdapterWarning[] = [];
  for (const [key, field] of Object.entries(record)) {
    if (field === undefined) continue;
    const path = basePath ? `${basePath}.${key}` : key;
    const fieldSchema = shape?.[key];
    if (!fieldSchema) {
      value[key] = field;
      continue;
    }
    const nested = objectShape(fieldSchema);
    if (nested && typeof field === 'object' && field !== null && !Array.isArray(field)) {
      const inner = validFields(fieldSchema, field as Record<string, unknown>, path);
      warnings.push(...inner.warnings);
      if (Object.keys(inner.value).length > 0) value[key] = inner.value;
      continue;
    }
    const checked = fieldSchema.safeParse(field);
    if (checked.success) value[key] = field;
    else
      warnings.push({
        type: 'unsupported_field',
        path,
        reason: `the source's value is not valid canonical input (${checked.error.issues
          .map((issue) => issue.message)
          .join('; ')}); not carried`,
      });
  }
  return { value, warnings };
}

/** The shape of an object schema, through `optional` / `default` / `nullable` wrappers. */
function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  let current: unknown = schema;
  for (let depth = 0; depth < 6; depth += 1) {
    if (current instanceof z.ZodObject) return current.shape as Record<string, z.ZodType>;
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable ||
      current instanceof z.ZodDefault
    ) {
      current = current.unwrap();
      continue;
    }
    return undefined;
  }
  return undefined;
}
