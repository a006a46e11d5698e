/**
 * Whether an error thrown by a database call means the database cannot be reached or used
 * right now (answered 503 `database_unavailable`), as opposed to a bug or bad data (500).
 * Errors are recognised by their codes: SQLSTATE class 08 and the server-shutdown states
 * from Postgres, socket errors from node, the pool's own messages, and SQLite's
 * busy/IO/open/full result codes.
 */
export function isDatabaseFault(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  // A wrapped fault (a failed migration, say) is still a fault; the chain is followed a little way.
  if (cause !== undefined && depth < 3 && isDatabaseFault(cause, depth + 1)) return true;
  if (typeof code === 'string') {
    if (socketCodes.has(code) || postgresStates.has(code) || code.startsWith('08')) return true;
    if (sqliteCodes.some((prefix) => code.startsWith(prefix))) return true;
  }
  return typeof message === 'string' && poolMessages.some((text) => message.includes(text));
}

const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections, database dropped. */
const postgresStates = new Set(['57P01', '57P02', '57P03', '53300', '3D000']);

const sqliteCodes = [
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'SQLITE_FULL',
  'SQLITE_READONLY',
  'SQLITE_PROTOCOL',
];

const poolMessages = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Cannot use a pool after calling end',
  'Client was closed and is not queryable',
  'The database connection is not open',
];
