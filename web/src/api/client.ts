/**
 * The one way the dashboard talks to the admin listener: same origin, the session cookie, and the
 * CSRF header the server requires on cookie-authenticated changes (sent on every call, so no
 * request can forget it).
 */

export type FieldDetails = Record<string, string>;

/** The management API's error body (`{errorCode, statusCode, msg, details}`), or a transport failure. */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly details: FieldDetails,
  ) {
    super(message);
  }
}

/** Any failure as an ApiError, so every error state shows the same way (a network error has status 0). */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'client_error', error instanceof Error ? error.message : String(error), {});
}

let onSignedOut: () => void = () => {};

/** Called when the API says the session's key is no longer valid (deleted key, cleared cookie). */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toApiError(status: number, body: unknown): ApiError {
  if (isRecord(body) && typeof body.msg === 'string') {
    const details: FieldDetails = {};
    if (isRecord(body.details)) {
      for (const [field, message] of Object.entries(body.details)) details[field] = String(message);
    }
    const code = typeof body.errorCode === 'string' ? body.errorCode : `http_${status}`;
    return new ApiError(status, code, body.msg, details);
  }
  return new ApiError(status, `http_${status}`, `The server answered HTTP ${status}.`, {});
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-tollgate-csrf': '1' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'Could not reach Tollgate. Check that it is running.', {});
  }
  const parsed = await readBody(response);
  if (!response.ok) {
    const error = toApiError(response.status, parsed);
    if (response.status === 401 && !path.startsWith('/ui/session')) onSignedOut();
    throw error;
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: (path: string) => request<undefined>('DELETE', path),
};

/** `nextPageUri` is absolute (the server's view of its own address); the browser follows it on its own origin. */
export function pathOf(uri: string): string {
  const url = new URL(uri, window.location.origin);
  return `${url.pathname}${url.search}`;
}

/** Reads every page of a list envelope (`{<envelope>: [...], nextPageUri}`), up to `maxPages`. */
export async function listAll<T>(path: string, envelope: string, maxPages = 20): Promise<T[]> {
  const items: T[] = [];
  let next: string | null = `${path}${path.includes('?') ? '&' : '?'}limit=100`;
  for (let page = 0; next !== null && page < maxPages; page++) {
    const body: Record<string, unknown> = await api.get<Record<string, unknown>>(next);
    const list = body[envelope];
    if (Array.isArray(list)) items.push(...(list as T[]));
    next = typeof body.nextPageUri === 'string' ? pathOf(body.nextPageUri) : null;
  }
  return items;
}
