import { errorCodes } from '../../src/errors/registry.js';

/** What one fuzz suite saw, printed at its end (the closing note asks for these counts). */
export class FuzzReport {
  cases = 0;
  readonly statuses = new Map<number, number>();
  /** 5xx that no upstream caused: the goal is none. */
  ownServerErrors = 0;

  constructor(readonly name: string) {}

  count(status: number): void {
    this.cases++;
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  print(seed: number): void {
    const distribution = [...this.statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}: ${count}`)
      .join(', ');
    console.log(
      `[fuzz] ${this.name}: seed ${seed}, ${this.cases} cases, statuses {${distribution}}, 5xx from Tollgate itself: ${this.ownServerErrors}`,
    );
  }
}

const knownCodes = new Set<string>(errorCodes);

/** The seed: TOLLGATE_FUZZ_SEED replays a failure; otherwise a fresh one each run, printed. */
export function fuzzSeed(): number {
  const given = process.env.TOLLGATE_FUZZ_SEED;
  return given ? Number(given) : Math.floor(Math.random() * 2 ** 31);
}

/** Cases per suite and dialect: TOLLGATE_FUZZ_RUNS overrides the default. */
export function fuzzRuns(fallback: number): number {
  const given = process.env.TOLLGATE_FUZZ_RUNS;
  return given ? Number(given) : fallback;
}

/**
 * Problems with a gateway error body for the path's format: Anthropic's on /v1/messages, and on
 * /v1/models for a request that carries `anthropic-version` (the Anthropic SDK); else OpenAI's.
 */
export function gatewayErrorShapeProblem(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  /** The provider was reached: a 4xx it answered keeps the provider's own `code` (issue 14). */
  providerAnswered = false,
): string | undefined {
  if (typeof body !== 'object' || body === null) return 'the error body is not a JSON object';
  const record = body as Record<string, unknown>;
  const error = record.error as Record<string, unknown> | undefined;
  if (typeof error !== 'object' || error === null) return 'no "error" object';
  if (typeof error.message !== 'string' || typeof error.type !== 'string') return 'no message or type';
  if (typeof error.code !== 'string' || (!knownCodes.has(error.code) && !providerAnswered))
    return `unknown code ${String(error.code)}`;
  const anthropic =
    path.startsWith('/v1/messages') ||
    (path.startsWith('/v1/models') && headers['anthropic-version'] !== undefined);
  if (anthropic) {
    if (record.type !== 'error') return 'an Anthropic error body without type "error"';
  } else if (!('param' in error)) {
    return 'an OpenAI error body without "param"';
  }
  return undefined;
}

/** Problems with a management API error body: `{errorCode, statusCode, msg, details}`. */
export function adminErrorShapeProblem(status: number, body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return 'the error body is not a JSON object';
  const record = body as Record<string, unknown>;
  if (typeof record.errorCode !== 'string' || !knownCodes.has(record.errorCode)) {
    return `unknown errorCode ${String(record.errorCode)}`;
  }
  if (record.statusCode !== status)
    return `statusCode ${String(record.statusCode)} is not the status ${status}`;
  if (typeof record.msg !== 'string') return 'no msg';
  if (typeof record.details !== 'object' || record.details === null) return 'no details object';
  return undefined;
}
