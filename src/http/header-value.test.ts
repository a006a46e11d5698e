import { describe, expect, it } from 'vitest';
import { safeHeaderList, safeHeaderValue } from './header-value.js';

describe('safeHeaderValue', () => {
  it('passes a clean value unchanged', () => {
    expect(safeHeaderValue('openai:gpt-4o', 100)).toBe('openai:gpt-4o');
  });

  it('replaces CR, LF, NUL and non-ASCII characters', () => {
    expect(safeHeaderValue('a\r\nb\u0000c\u00e9', 100)).toBe('a??b?c?');
  });

  it('cuts a long value to the cap', () => {
    const value = safeHeaderValue('x'.repeat(10_000), 64);
    expect(value).toHaveLength(64);
    expect(value.endsWith('...')).toBe(true);
  });
});

describe('safeHeaderList', () => {
  it('joins entries with commas', () => {
    expect(safeHeaderList(['a', 'b'], 100)).toBe('a, b');
    expect(safeHeaderList([], 100)).toBe('');
  });

  it('leaves out whole entries beyond the cap and says how many', () => {
    const list = safeHeaderList(['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)], 100);
    expect(list).toBe(`${'a'.repeat(40)}, ${'b'.repeat(40)} (+1 more)`);
    expect(list.length).toBeLessThanOrEqual(100);
  });

  it('stays within the cap for one huge entry', () => {
    const list = safeHeaderList(['m'.repeat(1_000_000), 'n'], 1_024);
    expect(list.length).toBeLessThanOrEqual(1_024);
  });
});
