import { describe, expect, it } from 'vitest';
import { anthropicErrorToOpenAI, openAIErrorToAnthropic } from './errors.js';

describe('anthropicErrorToOpenAI', () => {
  it('converts an Anthropic error body', () => {
    const body = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    expect(anthropicErrorToOpenAI(529, body)).toEqual({
      error: { message: 'Overloaded', type: 'server_error', code: 'overloaded_error', param: null },
    });
    expect(
      anthropicErrorToOpenAI(400, {
        type: 'error',
        error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
      }),
    ).toEqual({
      error: {
        message: 'max_tokens: Field required',
        type: 'invalid_request_error',
        code: 'invalid_request_error',
        param: null,
      },
    });
    expect(
      anthropicErrorToOpenAI(401, {
        type: 'error',
        error: { type: 'authentication_error', message: 'invalid x-api-key' },
      }).error.type,
    ).toBe('authentication_error');
    expect(anthropicErrorToOpenAI(429, {}).error).toMatchObject({ type: 'rate_limit_error', code: null });
  });

  it('copes with non-JSON bodies', () => {
    expect(anthropicErrorToOpenAI(502, '<html>Bad Gateway</html>').error.message).toBe(
      '<html>Bad Gateway</html>',
    );
    expect(anthropicErrorToOpenAI(503, undefined).error.message).toBe(
      'Upstream request failed with status 503',
    );
  });
});

describe('openAIErrorToAnthropic', () => {
  const body = { error: { message: 'Something', type: 'x', code: null, param: null } };
  it.each([
    [400, 'invalid_request_error'],
    [401, 'authentication_error'],
    [403, 'permission_error'],
    [404, 'not_found_error'],
    [413, 'request_too_large'],
    [429, 'rate_limit_error'],
    [500, 'api_error'],
    [503, 'api_error'],
    [529, 'overloaded_error'],
  ])('maps status %i to %s', (status, type) => {
    expect(openAIErrorToAnthropic(status, body)).toEqual({
      type: 'error',
      error: { type, message: 'Something' },
    });
  });

  it('reads string errors and messages', () => {
    expect(openAIErrorToAnthropic(400, { error: 'bad' }).error.message).toBe('bad');
    expect(openAIErrorToAnthropic(400, { message: 'flat' }).error.message).toBe('flat');
  });
});
