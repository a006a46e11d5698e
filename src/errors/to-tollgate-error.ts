import { isDatabaseFault } from './dependency-fault.js';
import { TollgateError } from './tollgate-error.js';

/**
 * Any error as the client's answer: a TollgateError as it is, a database that cannot be
 * reached as 503 `database_unavailable` (the request may succeed once it is back), anything
 * else as 500 `internal`. Redis faults are named where Redis is called (they carry their code).
 * The original error is kept as the `cause`, so the log line of the answer can show what failed.
 */
export function toTollgateError(error: unknown): TollgateError {
  if (error instanceof TollgateError) return error;
  if (isDatabaseFault(error)) {
    return new TollgateError('database_unavailable', undefined, {
      headers: { 'retry-after': '1' },
      cause: error,
    });
  }
  return new TollgateError('internal', undefined, { cause: error });
}
