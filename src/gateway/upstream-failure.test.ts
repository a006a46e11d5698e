import { describe, expect, it } from 'vitest';
import { isRetryable, scrubSecrets } from './upstream-failure.js';

describe('isRetryable', () => {
  it.each([
    [408, true],
    [409, true],
    [429, true],
    [500, true],
    [503, true],
    [401, true],
    [403, true],
    [302, true],
    [400, false],
    [404, false],
    [413, false],
    [422, false],
  ])('status %i → %s', (status, retryable) => {
    expect(isRetryable(status, false, false)).toBe(retryable);
  });

  it('retries a timeout and a connection that got no response', () => {
    expect(isRetryable(0, true, false)).toBe(true);
    expect(isRetryable(0, false, false)).toBe(true);
  });

  it('retries nothing once the client has gone', () => {
    expect(isRetryable(503, false, true)).toBe(false);
    expect(isRetryable(0, true, true)).toBe(false);
  });
});

describe('scrubSecrets', () => {
  it('removes the provider key and anything key-like', () => {
    expect(scrubSecrets('bad key abc123secret and sk-proj-1234567', 'abc123secret')).toBe(
      'bad key [redacted] and [redacted]',
    );
  });
});
