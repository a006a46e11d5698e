import { TollgateError } from '../errors/tollgate-error.js';
import { errorMessage } from '../providers/translate/errors.js';

/** One failed upstream attempt, as failover and the final error need it. */
export interface AttemptFailure {
  providerId: string;
  model: string;
  /** Upstream HTTP status, or 0 when no response came (timeout, connection error). */
  status: number;
  timedOut: boolean;
  retryable: boolean;
  /** Safe to show: never contains a key. */
  message: string;
  retryAfter: string | undefined;
}

/**
 * SPEC §3: 408, 409, 429, 5xx and the provider rejecting its key are worth another candidate;
 * so is a redirect (3xx), which Tollgate never follows: like a 5xx, it says the provider is not
 * answering this request itself.
 */
export function isRetryableStatus(status: number): boolean {
  return (
    isRedirect(status) ||
    status === 401 ||
    status === 403 ||
    status === 408 ||
    status === 409 ||
    status === 429 ||
    status >= 500
  );
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

/** Pulls the human message out of an OpenAI or Anthropic error body, scrubbed of anything key-like. */
export function upstreamErrorMessage(text: string, providerKey: string): string {
  let message = text.slice(0, 2_000);
  try {
    message = errorMessage(JSON.parse(text)) ?? message;
  } catch {
    // Not JSON: keep the (truncated) text.
  }
  return scrubSecrets(message, providerKey);
}

/** Why no response came, without the details of the error object (which may carry the URL). */
export function connectionErrorMessage(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? `connection failed (${code})` : 'connection failed';
}

export function scrubSecrets(text: string, providerKey: string): string {
  let scrubbed = providerKey.length > 0 ? text.split(providerKey).join('[redacted]') : text;
  scrubbed = scrubbed.replace(/\b(sk|rk|pk|tg|tgapi|xai|gsk|key)[-_][A-Za-z0-9_*\-.]{6,}/g, '[redacted]');
  return scrubbed;
}

/** The client-facing error once no candidate is left. */
export function finalError(failures: AttemptFailure[], totalTimedOut: boolean): TollgateError {
  const attempts = failures.map(
    (failure) => `${failure.providerId}:${failure.model} → ${describeStatus(failure)}`,
  );
  const details = Object.fromEntries(attempts.map((text, index) => [`attempt${index + 1}`, text]));
  if (totalTimedOut) {
    return new TollgateError('request_timeout', `Request timed out after ${failures.length} attempt(s).`, {
      details,
    });
  }
  const last = failures.at(-1);
  // The attempt that ended the request speaks for it when it was not worth retrying (its status is
  // the client's answer) or when it was the only one.
  if (last && (failures.length === 1 || (!last.retryable && last.status !== 0))) {
    const message = `Provider "${last.providerId}" ${describeStatus(last)}: ${last.message}`;
    if (last.timedOut) return new TollgateError('request_timeout', message, { details });
    if (last.status === 0) return new TollgateError('upstream_unreachable', message, { details });
    const headers: Record<string, string> = last.retryAfter ? { 'retry-after': last.retryAfter } : {};
    return new TollgateError(codeForUpstreamStatus(last.status), message, {
      // A redirect is no answer to mirror: the request failed upstream (502).
      status: isRedirect(last.status) ? 502 : last.status,
      details,
      headers,
    });
  }
  return new TollgateError('all_providers_failed', `All providers failed: ${attempts.join('; ')}`, {
    details,
  });
}

function describeStatus(failure: AttemptFailure): string {
  if (failure.timedOut) return 'timed out';
  if (failure.status === 0) return 'was unreachable';
  if (isRedirect(failure.status)) return `redirected (${failure.status}; redirects are not followed)`;
  return `returned ${failure.status}`;
}

function codeForUpstreamStatus(status: number) {
  if (status === 413) return 'payload_too_large' as const;
  if (status === 429) return 'rate_limited' as const;
  if (status === 408 || status === 504) return 'request_timeout' as const;
  // 508 is what a Tollgate answers a request that already passed through one: the route loops.
  if (status === 508) return 'routing_loop' as const;
  if (status >= 400 && status < 500 && status !== 401 && status !== 403)
    return 'invalid_request_body' as const;
  return 'all_providers_failed' as const;
}
