import type { AnthropicErrorBody } from '../anthropic/wire.js';
import type { OpenAIErrorBody } from '../openai/wire.js';
import { isRecord, optString } from './json.js';

/** Anthropic error `type` for an HTTP status. */
export function anthropicErrorTypeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 408:
      return 'timeout_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 529:
      return 'overloaded_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

/** OpenAI error `type` for an HTTP status. */
export function openAIErrorTypeForStatus(status: number): string {
  switch (status) {
    case 401:
      return 'authentication_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 429:
      return 'rate_limit_error';
    default:
      return status >= 500 ? 'server_error' : 'invalid_request_error';
  }
}

/** HTTP status an Anthropic error `type` stands for (used for errors that arrive inside a stream). */
export function statusForAnthropicErrorType(type: string | undefined): number {
  switch (type) {
    case 'invalid_request_error':
      return 400;
    case 'authentication_error':
      return 401;
    case 'billing_error':
      return 402;
    case 'permission_error':
      return 403;
    case 'not_found_error':
      return 404;
    case 'request_too_large':
      return 413;
    case 'rate_limit_error':
      return 429;
    case 'timeout_error':
      return 504;
    case 'overloaded_error':
      return 529;
    default:
      return 500;
  }
}

/** Message of an error body in either format (or a plain string body). */
export function errorMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim().length > 0 ? body.trim() : undefined;
  if (!isRecord(body)) return undefined;
  const error = body.error;
  if (typeof error === 'string') return error;
  if (isRecord(error)) return optString(error.message);
  return optString(body.message);
}

function errorType(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  return isRecord(body.error) ? optString(body.error.type) : undefined;
}

/**
 * Anthropic error response → OpenAI error body `{error: {message, type, code, param}}`.
 * `type` follows the status; `code` keeps the upstream's Anthropic error type.
 */
export function anthropicErrorToOpenAI(status: number, body: unknown): OpenAIErrorBody {
  return {
    error: {
      message: errorMessage(body) ?? `Upstream request failed with status ${status}`,
      type: openAIErrorTypeForStatus(status),
      code: errorType(body) ?? null,
      param: null,
    },
  };
}

/** OpenAI-format error response → Anthropic error body `{type: 'error', error: {type, message}}`. */
export function openAIErrorToAnthropic(status: number, body: unknown): AnthropicErrorBody {
  return {
    type: 'error',
    error: {
      type: anthropicErrorTypeForStatus(status),
      message: errorMessage(body) ?? `Upstream request failed with status ${status}`,
    },
  };
}
