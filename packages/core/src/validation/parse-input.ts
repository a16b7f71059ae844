import type { z } from 'zod';
import { ValidationError } from '../errors/errors';
import type { FieldIssue } from '../errors/invoicekit-error';

/** Converts zod issues into field issues with dotted paths (`lines.0.unitPrice`). */
export function toFieldIssues(
  issues: readonly z.core.$ZodIssue[],
  basePath: readonly PropertyKey[] = [],
): FieldIssue[] {
  return issues.map((issue) => ({
    path: [...basePath, ...issue.path].map(String).join('.'),
    message: issue.message,
  }));
}

/**
 * Validates public input with a zod schema. On failure throws a {@link ValidationError} naming
 * every field path, before anything is sent anywhere.
 *
 * @param context the provider and the call (`invoices.create`) the message names, and the path
 *   the issues are under
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  context: { provider: string; operation: string; basePath?: readonly PropertyKey[] },
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = toFieldIssues(result.error.issues, context.basePath);
  return throwValidation(issues, context);
}

function throwValidation(
  issues: FieldIssue[],
  context: { provider: string; operation: string },
): never {
  throw new ValidationError({
    provider: context.provider,
    issues,
    message: `${context.operation}: invalid input: ${issues
      .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
      .join('; ')}`,
  });
}
