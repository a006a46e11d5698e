import pino, { type Logger } from 'pino';

/**
 * Paths that may hold a credential anywhere in a log object. Redaction is the safety net;
 * the code also never passes tokens, provider keys or request bodies to the logger.
 */
const redactedPaths = [
  'authorization',
  'token',
  'value',
  'apiKey',
  'secret',
  'password',
  '*.authorization',
  '*.Authorization',
  '*["x-api-key"]',
  '*.cookie',
  '*["set-cookie"]',
  '*.token',
  '*.value',
  '*.apiKey',
  '*.secret',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'tollgate' },
      redact: { paths: redactedPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** An error for a log line: its class and message, never a stack (nor anything it may carry). */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export type { Logger };
