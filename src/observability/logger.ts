import pino, { type Logger } from 'pino';
import { redactSecrets } from './redact-secrets.js';

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
      // `err` is always a describeError() description: pino's own error serializer would copy
      // every field of an error (a request, headers) and rename its type to `Object`.
      serializers: { err: (value: unknown) => value },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** An error as a log line shows it: what a debugger needs, and nothing it may carry besides. */
export interface ErrorDescription {
  type: string;
  message: string;
  stack?: string;
  /** The `cause` chain, outermost first. */
  causes?: Array<{ type: string; message: string; stack?: string }>;
}

/** Causes nested deeper than this are left out: a chain that long is a loop or noise. */
const maxCauses = 5;

/**
 * An error for a log line: its class, message, stack and the class, message and stack of each
 * `cause` (a driver error kept under a 503, a bug kept under a 500). Only those strings are taken,
 * never the error's other fields (a request, headers, a config), and key-like tokens in them are
 * redacted, as the logger's `redact` paths do for objects.
 */
export function describeError(error: unknown): ErrorDescription {
  const description: ErrorDescription = describeOne(error);
  const causes: NonNullable<ErrorDescription['causes']> = [];
  let cause = error instanceof Error ? error.cause : undefined;
  while (cause !== undefined && causes.length < maxCauses) {
    causes.push(describeOne(cause));
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  if (causes.length > 0) description.causes = causes;
  return description;
}

function describeOne(error: unknown): { type: string; message: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: redactSecrets(String(error)) };
  const described: { type: string; message: string; stack?: string } = {
    type: error.name,
    message: redactSecrets(error.message),
  };
  if (error.stack !== undefined) described.stack = redactSecrets(error.stack);
  return described;
}

export type { Logger };
