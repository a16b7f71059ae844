import type { FieldErrors } from './envelope';

/**
 * Reads an optional free-text body field into `errors`' vocabulary: absent → `undefined`, `null`
 * → `null` (clears the field), a string → the string, anything else → a field error.
 */
export function readText(
  body: Readonly<Record<string, unknown>>,
  field: string,
  errors: FieldErrors,
): string | null | undefined {
  if (!Object.hasOwn(body, field)) return undefined;
  const value = body[field];
  if (value === null || typeof value === 'string') return value;
  addError(errors, field, 'must be a string');
  return undefined;
}

/** Appends one message to a field's list. */
export function addError(errors: FieldErrors, field: string, message: string): void {
  (errors[field] ??= []).push(message);
}

/** Whether any field failed. */
export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}
