import { describe, expect, it } from 'vitest';
import { isDatabaseFault } from './dependency-fault.js';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isDatabaseFault', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a Postgres connection exception (class 08)', withCode('08006')],
    ['an administrator shutdown (pg_terminate_backend)', withCode('57P01')],
    ['too many connections', withCode('53300')],
    ['SQLite busy', withCode('SQLITE_BUSY')],
    ['a SQLite I/O error', withCode('SQLITE_IOERR_WRITE')],
    ['a connection ended mid-query', new Error('Connection terminated unexpectedly')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a wrapped fault', new Error('migration failed', { cause: withCode('ECONNREFUSED') })],
  ])('recognises %s', (_name, error) => {
    expect(isDatabaseFault(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['a syntax error', withCode('42601')],
    ['a SQLite constraint failure', withCode('SQLITE_CONSTRAINT_UNIQUE')],
    ['a TypeError', new TypeError('cannot read properties of undefined')],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
  ])('does not take %s for one', (_name, error) => {
    expect(isDatabaseFault(error)).toBe(false);
  });
});
