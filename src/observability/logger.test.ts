import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TollgateError } from '../errors/tollgate-error.js';
import { createLogger, describeError } from './logger.js';

describe('describeError', () => {
  it('carries the stack and the cause chain, outermost first', () => {
    const driver = new Error('connection terminated');
    const wrapped = new TollgateError('database_unavailable', undefined, { cause: driver });
    const described = describeError(wrapped);
    expect(described).toMatchObject({ type: 'TollgateError', message: expect.any(String) });
    expect(described.stack).toContain('logger.test.ts');
    expect(described.causes).toEqual([
      { type: 'Error', message: 'connection terminated', stack: expect.stringContaining('logger.test.ts') },
    ]);
  });

  it('redacts key-like tokens in messages and stacks, causes included', () => {
    const leak = new Error('upstream refused sk-live-abcdefghijkl at https://user:tg-abcdefghij@host');
    const described = JSON.stringify(describeError(new Error('failed', { cause: leak })));
    expect(described).not.toContain('sk-live-abcdefghijkl');
    expect(described).not.toContain('tg-abcdefghij');
    expect(described).toContain('[redacted]');
  });

  it('stops a cause loop', () => {
    const first = new Error('first');
    const second = new Error('second', { cause: first });
    Object.assign(first, { cause: second });
    expect(describeError(first).causes).toHaveLength(5);
  });

  it('describes a thrown non-error by its type', () => {
    expect(describeError('plain text')).toEqual({ type: 'string', message: 'plain text' });
  });

  it('writes the description into the log line', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', destination);
    logger.error({ err: describeError(new Error('boom')) }, 'failed');
    expect(JSON.parse(lines[0] ?? '{}').err).toMatchObject({ type: 'Error', message: 'boom' });
    expect(JSON.parse(lines[0] ?? '{}').err.stack).toContain('at ');
  });
});
