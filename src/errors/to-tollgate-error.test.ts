import { describe, expect, it } from 'vitest';
import { toTollgateError } from './to-tollgate-error.js';
import { TollgateError } from './tollgate-error.js';

describe('toTollgateError', () => {
  it('answers an unknown failure with 500 internal and keeps it as the cause', () => {
    const bug = new TypeError('cannot read properties of undefined');
    const answer = toTollgateError(bug);
    expect(answer).toMatchObject({ code: 'internal', status: 500 });
    expect(answer.cause).toBe(bug);
  });

  it('answers a database fault with 503 and keeps the driver error as the cause', () => {
    const fault = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const answer = toTollgateError(fault);
    expect(answer).toMatchObject({ code: 'database_unavailable', status: 503 });
    expect(answer.headers['retry-after']).toBe('1');
    expect(answer.cause).toBe(fault);
  });

  it('passes a TollgateError through as it is', () => {
    const refused = new TollgateError('rate_limited');
    expect(toTollgateError(refused)).toBe(refused);
  });

  it('sets no cause when none is given', () => {
    expect('cause' in new TollgateError('internal')).toBe(false);
  });
});
