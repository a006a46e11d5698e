import type { FastifyRequest } from 'fastify';
import { assertDashboardWrite, isSafeMethod } from './csrf.js';
import { sessionTokenOf } from './session-cookie.js';

export type CredentialHeaders = Record<string, string | string[] | undefined>;

/**
 * The headers the API key check reads: the caller's own when it sent a key, else the dashboard's
 * session cookie presented as a bearer token, so both paths go through the one authenticator.
 * A cookie-authenticated change must pass the CSRF check first.
 */
export function credentialHeaders(request: FastifyRequest): CredentialHeaders {
  const { headers } = request;
  if (headers.authorization !== undefined || headers['x-api-key'] !== undefined) return headers;
  const token = sessionTokenOf(request);
  if (token === undefined) return headers;
  if (!isSafeMethod(request.method)) assertDashboardWrite(request);
  return { ...headers, authorization: `Bearer ${token}` };
}
