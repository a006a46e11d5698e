import { type ErrorCode, errorRegistry } from './registry.js';

export interface TollgateErrorOptions {
  /** The request field at fault (OpenAI `param`). */
  param?: string | undefined;
  /** Extra string details for the admin error body. */
  details?: Record<string, string> | undefined;
  /** Overrides the registry status, e.g. to mirror an upstream error's status. */
  status?: number | undefined;
  /** Response headers to add, e.g. Retry-After. */
  headers?: Record<string, string> | undefined;
  /**
   * The provider's own error code, shown to the client in place of the registry code when a
   * provider's 4xx ends the request (`empty_array`, `model_not_found`): it says what to fix.
   */
  wireCode?: string | undefined;
  /** What went wrong underneath (a driver error, a connection error): logged, never sent. */
  cause?: unknown;
}

/** An error with a registry code; anything else thrown is reported as `internal`. */
export class TollgateError extends Error {
  override name = 'TollgateError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly param: string | undefined;
  readonly details: Record<string, string>;
  readonly headers: Record<string, string>;
  /** The code the client sees: the provider's own for an upstream 4xx, else the registry's. */
  readonly wireCode: string;

  constructor(code: ErrorCode, message?: string, options: TollgateErrorOptions = {}) {
    // `cause` is set only when given, so `'cause' in error` keeps its usual meaning.
    super(
      message ?? errorRegistry[code].message,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.status = options.status ?? errorRegistry[code].status;
    this.param = options.param;
    this.details = options.details ?? {};
    this.headers = options.headers ?? {};
    this.wireCode = options.wireCode ?? code;
  }
}
