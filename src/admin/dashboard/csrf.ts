import type { FastifyRequest } from 'fastify';
import { TollgateError } from '../../errors/tollgate-error.js';

/** The dashboard sends this header on every request; a page on another origin cannot without a CORS preflight we never grant. */
export const csrfHeaderName = 'x-tollgate-csrf';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return safeMethods.has(method.toUpperCase());
}

function refused(reason: string): TollgateError {
  // 403, not 401: the session may be fine; the request did not come from the dashboard.
  return new TollgateError('unauthorized', `Refused a cookie-authenticated change: ${reason}.`, {
    status: 403,
  });
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/**
 * Cookie-authenticated writes must come from the dashboard itself. SameSite=Strict is the first
 * line; the custom header (which a cross-origin page cannot add without a preflight) the second;
 * then where the browser says the request came from. `Sec-Fetch-Site` is the browser's own
 * verdict and survives reverse proxies, so it decides when present; older browsers fall back to
 * comparing `Origin` with the Host we were reached at (host only: a TLS-terminating proxy makes
 * the scheme we see differ from the browser's).
 */
export function assertDashboardWrite(request: FastifyRequest): void {
  if (request.headers[csrfHeaderName] !== '1') throw refused(`send the ${csrfHeaderName}: 1 header`);
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) {
    if (site !== 'same-origin') throw refused(`the browser reports a ${site} request`);
    return;
  }
  const origin = request.headers.origin;
  if (origin !== undefined && hostOf(origin) !== request.host)
    throw refused(`origin ${origin} is not this dashboard's`);
}
