/**
 * The one registry of error codes. Every error Tollgate returns carries one of these codes;
 * docs/errors.md lists the same codes, and a test keeps the two equal.
 */
export const errorRegistry = {
  missing_access_key: { status: 401, type: 'authentication_error', message: 'No access key was sent.' },
  invalid_access_key: { status: 401, type: 'authentication_error', message: 'The access key is invalid.' },
  wrong_key_kind: { status: 401, type: 'authentication_error', message: 'This key belongs elsewhere.' },
  invalid_request_body: {
    status: 400,
    type: 'invalid_request_error',
    message: 'The request body is invalid.',
  },
  unknown_model: { status: 422, type: 'invalid_request_error', message: 'The model is not known.' },
  model_retired: {
    status: 410,
    type: 'invalid_request_error',
    message: 'The provider has retired this model.',
  },
  unknown_provider: { status: 422, type: 'invalid_request_error', message: 'The provider is not known.' },
  provider_not_allowed: {
    status: 403,
    type: 'permission_error',
    message: 'The provider is not allowed for this key.',
  },
  model_not_allowed: {
    status: 403,
    type: 'permission_error',
    message: 'The model is not allowed for this key.',
  },
  no_provider_key: {
    status: 400,
    type: 'invalid_request_error',
    message: 'No provider key is available for this provider.',
  },
  pricing_required: {
    status: 422,
    type: 'invalid_request_error',
    message: 'Managed inference needs a model with a catalog price.',
  },
  insufficient_credits: {
    status: 403,
    type: 'permission_error',
    message: 'The account has too few credits.',
  },
  spend_limit_exceeded: { status: 403, type: 'permission_error', message: 'The spend limit is reached.' },
  rate_limited: { status: 429, type: 'rate_limit_error', message: 'Too many requests.' },
  input_too_large: { status: 413, type: 'invalid_request_error', message: 'The input has too many tokens.' },
  unsupported_surface: {
    status: 422,
    type: 'invalid_request_error',
    message: 'The provider does not offer this API surface.',
  },
  request_timeout: { status: 504, type: 'timeout_error', message: 'The request timed out.' },
  upstream_unreachable: { status: 502, type: 'api_error', message: 'The provider could not be reached.' },
  all_providers_failed: { status: 502, type: 'api_error', message: 'Every provider attempt failed.' },
  provider_auth_failed: {
    status: 502,
    type: 'api_error',
    message: 'The provider refused the provider key stored for it.',
  },
  routing_loop: { status: 508, type: 'invalid_request_error', message: 'The request came back to Tollgate.' },
  unauthorized: { status: 401, type: 'authentication_error', message: 'A valid API key is required.' },
  not_found: { status: 404, type: 'not_found_error', message: 'The resource was not found.' },
  resource_in_use: {
    status: 409,
    type: 'invalid_request_error',
    message: 'The resource is still referenced.',
  },
  validation_failed: { status: 400, type: 'invalid_request_error', message: 'The request is not valid.' },
  invalid_router_configuration: {
    status: 400,
    type: 'invalid_request_error',
    message: 'The router configuration is invalid.',
  },
  base_url_host_not_allowed: {
    status: 400,
    type: 'invalid_request_error',
    message: 'The base URL host is not allowed.',
  },
  encryption_not_configured: {
    status: 503,
    type: 'api_error',
    message: 'Provider key encryption is not configured for this deployment.',
  },
  payload_too_large: {
    status: 413,
    type: 'invalid_request_error',
    message: 'The request body is too large.',
  },
  database_unavailable: {
    status: 503,
    type: 'api_error',
    message: 'The database is unavailable; try again shortly.',
  },
  redis_unavailable: {
    status: 503,
    type: 'api_error',
    message: 'Redis is unavailable; try again shortly.',
  },
  internal: { status: 500, type: 'api_error', message: 'Internal error.' },
  // Virtual models and request capture (issue 16).
  virtual_model_name_taken: {
    status: 409,
    type: 'invalid_request_error',
    message: 'The name is already a catalog model or another virtual model.',
  },
  virtual_model_in_allow_list: {
    status: 400,
    type: 'invalid_request_error',
    message: 'A virtual model cannot be allow-listed: allow its target models instead.',
  },
  no_usable_target: {
    status: 403,
    type: 'permission_error',
    message: 'None of the virtual model targets can be used by this key.',
  },
  // Firewall policies for tool calls (docs/firewall.md).
  tool_blocked: {
    status: 403,
    type: 'permission_error',
    message: 'A firewall rule refuses a tool in this request.',
  },
  tool_call_blocked: {
    status: 403,
    type: 'permission_error',
    message: 'A firewall rule refuses a tool call the model emitted.',
  },
} as const satisfies Record<string, { status: number; type: string; message: string }>;

export type ErrorCode = keyof typeof errorRegistry;

export const errorCodes = Object.keys(errorRegistry) as ErrorCode[];
