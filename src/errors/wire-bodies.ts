import { errorRegistry } from './registry.js';
import type { TollgateError } from './tollgate-error.js';

/** OpenAI-format endpoints: `{"error": {message, type, code, param}}`. */
export function openAIErrorBody(error: TollgateError) {
  return {
    error: {
      message: error.message,
      type: errorRegistry[error.code].type,
      code: error.wireCode,
      param: error.param ?? null,
    },
  };
}

/** `/v1/messages`: Anthropic's error envelope, with the registry code beside its type. */
export function anthropicErrorBody(error: TollgateError) {
  return {
    type: 'error',
    error: { type: anthropicErrorType(error.status), message: error.message, code: error.wireCode },
  };
}

/** Management API: ngrok's `{errorCode, statusCode, msg, details}`. */
export function adminErrorBody(error: TollgateError) {
  return { errorCode: error.code, statusCode: error.status, msg: error.message, details: error.details };
}

function anthropicErrorType(status: number): string {
  if (status === 400 || status === 422) return 'invalid_request_error';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status === 529) return 'overloaded_error';
  return 'api_error';
}
