import { TollgateError } from '../errors/tollgate-error.js';
import type { JsonBody } from '../providers/exchange.js';

/** The parsed request body as a JSON object; anything else is `invalid_request_body`. */
export function asJsonBody(body: unknown): JsonBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new TollgateError('invalid_request_body', 'The request body must be a JSON object.');
  }
  return body as JsonBody;
}
