import { TollgateError } from '../errors/tollgate-error.js';
import { quoted } from './quoted.js';

/**
 * Fastify answers a URL it cannot route (bad percent-encoding, a path parameter over 100
 * characters) itself, before any hook, in its own shape, echoing the path. Both listeners route
 * these through `frameworkErrors` instead: the path names no resource, so it is a 404 in the
 * listener's own error shape, with a request id and the path cut short.
 */
export function frameworkUrlError(error: unknown, method: string, url: string): TollgateError | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (code !== 'FST_ERR_BAD_URL' && code !== 'FST_ERR_MAX_PARAM_LENGTH') return undefined;
  return new TollgateError('not_found', `No route for ${method} ${quoted(url)}.`);
}
