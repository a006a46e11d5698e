import { describe, expect, it } from 'vitest';
import { type FailoverSteps, failover } from './failover.js';
import type { AttemptFailure } from './upstream-failure.js';

const failure = (providerId: string, status: number, retryable: boolean): AttemptFailure => ({
  providerId,
  model: 'm',
  status,
  timedOut: false,
  retryable,
  message: `status ${status}`,
  retryAfter: undefined,
});

interface Run {
  answers: Record<string, AttemptFailure | 'ok'>;
  tried: string[];
  told: Array<[string, string | undefined, boolean]>;
  gone: boolean;
}

const steps: FailoverSteps<Run, string> = {
  stopped: (run) => run.gone,
  async attempt(run, candidate) {
    run.tried.push(candidate);
    const answer = run.answers[candidate];
    return answer === 'ok' ? undefined : answer;
  },
  async failed(run, failed, next, continues) {
    run.told.push([failed.providerId, next, continues]);
  },
};

const runOf = (answers: Run['answers'], gone = false): Run => ({ answers, tried: [], told: [], gone });

describe('failover', () => {
  it('moves past a retryable failure to the next candidate and stops at the first answer', async () => {
    const run = runOf({ a: failure('a', 503, true), b: 'ok', c: 'ok' });
    await failover(run, ['a', 'b', 'c'], Date.now() + 10_000, steps);
    expect(run.tried).toEqual(['a', 'b']);
    expect(run.told).toEqual([['a', 'b', true]]);
  });

  it("stops at a failure that is not retryable and answers with that provider's error", async () => {
    const run = runOf({ a: failure('a', 400, false), b: 'ok' });
    await expect(failover(run, ['a', 'b'], Date.now() + 10_000, steps)).rejects.toMatchObject({
      code: 'invalid_request_body',
      status: 400,
    });
    expect(run.tried).toEqual(['a']);
    expect(run.told).toEqual([['a', 'b', false]]);
  });

  it('answers all_providers_failed once every candidate failed', async () => {
    const run = runOf({ a: failure('a', 503, true), b: failure('b', 502, true) });
    await expect(failover(run, ['a', 'b'], Date.now() + 10_000, steps)).rejects.toMatchObject({
      code: 'all_providers_failed',
    });
    expect(run.told.at(-1)).toEqual(['b', undefined, false]);
  });

  it('answers request_timeout once the deadline has passed, and tries nothing', async () => {
    const run = runOf({ a: 'ok' });
    await expect(failover(run, ['a'], Date.now() - 1, steps)).rejects.toMatchObject({
      code: 'request_timeout',
    });
    expect(run.tried).toEqual([]);
  });

  it('stops without an error when no one is left to answer', async () => {
    const run = runOf({ a: 'ok' }, true);
    await failover(run, ['a'], Date.now() + 10_000, steps);
    expect(run.tried).toEqual([]);
  });
});
