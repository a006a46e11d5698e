import { request } from 'undici';
import { type CheckResult, fail, messageOf, ok } from './check-result.js';

/**
 * Whether a provider's base URL answers HTTP at all. Any status counts (an API root often answers
 * 401 or 404 without a key); a DNS failure, a refused connection or a timeout does not.
 */
export async function providerCheck(label: string, baseUrl: string, timeoutMs = 5_000): Promise<CheckResult> {
  const name = `provider ${label}`;
  try {
    const answer = await request(baseUrl, {
      method: 'GET',
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await answer.body.dump();
    return ok(name, `${baseUrl} answered HTTP ${answer.statusCode}`);
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return fail(name, `${baseUrl} is unreachable (${messageOf(error)}${cause})`);
  }
}
