import type { IncomingHttpHeaders } from 'node:http';
import { TollgateError } from '../errors/tollgate-error.js';
import { redactSecrets } from '../observability/redact-secrets.js';
import { errorMessage } from '../providers/translate/errors.js';
import { isRecord, optString } from '../providers/translate/json.js';

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
  /** The provider's own error `code` and `param`, kept for a 4xx that ends the request. */
  code?: string | undefined;
  param?: string | undefined;
  /** The provider's request id (`x-request-id` / `request-id`), for a support ticket. */
  requestId?: string | undefined;
}

/**
 * The one failover decision, for chat, messages, responses and count_tokens alike: a failed
 * attempt is worth another candidate when it timed out, got no response, or got a retryable
 * status, and only while the client is still there (another attempt would serve nobody).
 */
export function isRetryable(status: number, timedOut: boolean, clientGone: boolean): boolean {
  return !clientGone && (timedOut || status === 0 || isRetryableStatus(status));
}

/**
 * SPEC §3: 408, 409, 429, 5xx and the provider rejecting its key are worth another candidate;
 * so is a redirect (3xx), which Tollgate never follows: like a 5xx, it says the provider is not
 * answering this request itself.
 */
function isRetryableStatus(status: number): boolean {
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

/** What an upstream error body says, every string scrubbed of anything key-like. */
export interface UpstreamErrorDetails {
  message: string;
  code: string | undefined;
  param: string | undefined;
}

/**
 * Pulls the human message, and OpenAI's `code` and `param`, out of an OpenAI or Anthropic error
 * body. Anthropic bodies carry no code: their `type` follows the status, which is kept anyway.
 */
export function upstreamErrorDetails(text: string, providerKey: string): UpstreamErrorDetails {
  let message = text.slice(0, 2_000);
  let code: string | undefined;
  let param: string | undefined;
  try {
    const body: unknown = JSON.parse(text);
    message = errorMessage(body) ?? message;
    const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
    code = optString(error?.code);
    param = optString(error?.param);
  } catch {
    // Not JSON: keep the (truncated) text.
  }
  return {
    message: scrubSecrets(message, providerKey),
    code: code === undefined ? undefined : scrubSecrets(code.slice(0, 100), providerKey),
    param: param === undefined ? undefined : scrubSecrets(param.slice(0, 200), providerKey),
  };
}

/** The human message of an upstream error body, scrubbed of anything key-like. */
export function upstreamErrorMessage(text: string, providerKey: string): string {
  return upstreamErrorDetails(text, providerKey).message;
}

/** The provider's request id: OpenAI-format providers send `x-request-id`, Anthropic `request-id`. */
export function upstreamRequestIdOf(headers: IncomingHttpHeaders): string | undefined {
  const value = headers['x-request-id'] ?? headers['request-id'];
  const id = Array.isArray(value) ? value[0] : value;
  // A header value is echoed to the client and stored: keep it to what an id looks like.
  return id !== undefined && /^[\w.:-]{1,200}$/.test(id) ? id : undefined;
}

/** Why no response came, without the details of the error object (which may carry the URL). */
export function connectionErrorMessage(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? `connection failed (${code})` : 'connection failed';
}

export function scrubSecrets(text: string, providerKey: string): string {
  return redactSecrets(text, providerKey);
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
    return lastAttemptError(last, details);
  }
  return new TollgateError('all_providers_failed', `All providers failed: ${attempts.join('; ')}`, {
    details,
  });
}

/**
 * The error of the attempt that ended the request. A provider refusing its key (401/403) is the
 * gateway's side (502 `provider_auth_failed`), never a 401 that SDKs would blame on the access
 * key; a provider 5xx is a bad gateway (502); any other 4xx keeps the provider's status, `code`
 * and `param`, since it describes the client's own request.
 */
function lastAttemptError(last: AttemptFailure, details: Record<string, string>): TollgateError {
  const message = `Provider "${last.providerId}" ${describeStatus(last)}: ${last.message}`;
  if (last.timedOut) return new TollgateError('request_timeout', message, { details });
  if (last.status === 0) return new TollgateError('upstream_unreachable', message, { details });
  if (last.status === 401 || last.status === 403) {
    return new TollgateError('provider_auth_failed', message, { details });
  }
  const headers: Record<string, string> = last.retryAfter ? { 'retry-after': last.retryAfter } : {};
  const code = codeForUpstreamStatus(last.status);
  // 5xx and redirects take the registry's 502; a 4xx, a 504 (timeout) and a 508 (loop) keep theirs.
  return new TollgateError(code, message, {
    ...(code === 'all_providers_failed' ? {} : { status: last.status }),
    details,
    headers,
    param: last.param,
    wireCode: code === 'invalid_request_body' || code === 'not_found' ? last.code : undefined,
  });
}

function describeStatus(failure: AttemptFailure): string {
  if (failure.timedOut) return 'timed out';
  if (failure.status === 0) return 'was unreachable';
  const request = failure.requestId === undefined ? '' : ` (request ${failure.requestId})`;
  if (isRedirect(failure.status)) {
    return `redirected (${failure.status}; redirects are not followed)${request}`;
  }
  return `returned ${failure.status}${request}`;
}

function codeForUpstreamStatus(status: number) {
  if (status === 413) return 'payload_too_large' as const;
  if (status === 429) return 'rate_limited' as const;
  if (status === 408 || status === 504) return 'request_timeout' as const;
  // 508 is what a Tollgate answers a request that already passed through one: the route loops.
  if (status === 508) return 'routing_loop' as const;
  if (status === 404) return 'not_found' as const;
  if (status >= 400 && status < 500 && status !== 401 && status !== 403)
    return 'invalid_request_body' as const;
  return 'all_providers_failed' as const;
}
