import type { z } from 'zod';
import type { ErrorCode } from '../errors/registry.js';
import { TollgateError } from '../errors/tollgate-error.js';

/** Parses a body or query with zod; the error names each field at fault. */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  code: ErrorCode = 'validation_failed',
): z.output<Schema> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const details: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(body)';
    details[field] ??= issue.message;
  }
  const summary = Object.entries(details)
    .map(([field, message]) => `${field}: ${message}`)
    .join('; ');
  throw new TollgateError(code, `Invalid request: ${summary}`, { details });
}
