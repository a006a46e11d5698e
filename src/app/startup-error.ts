/** A dependency Tollgate cannot start without did not answer; the message names it and its setting. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/**
 * `Redis at TOLLGATE_REDIS_URL (redis://host:6379) is unreachable: connect ECONNREFUSED …`.
 * The URL is shown without its password; the cause's own message often names neither
 * (ioredis says only "Connection is closed.").
 */
export function unreachableAtStart(
  dependency: string,
  variable: string,
  url: string,
  cause: unknown,
): StartupError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new StartupError(
    `${dependency} at ${variable} (${withoutPassword(url)}) is unreachable: ${reason}`,
    { cause },
  );
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}
