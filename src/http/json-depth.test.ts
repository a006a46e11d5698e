import { describe, expect, it } from 'vitest';
import { exceedsJsonDepth } from './json-depth.js';

describe('exceedsJsonDepth', () => {
  it('counts the top-level value as depth 1', () => {
    expect(exceedsJsonDepth('{}', 1)).toBe(false);
    expect(exceedsJsonDepth('{"a":[]}', 1)).toBe(true);
    expect(exceedsJsonDepth('"text"', 0)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(exceedsJsonDepth('{"a":"[[[[{{{{"}', 1)).toBe(false);
    expect(exceedsJsonDepth('{"a":"\\"[[[[","b":"\\\\"}', 1)).toBe(false);
    expect(exceedsJsonDepth('{"a":"\\\\",  "b":[[1]]}', 2)).toBe(true);
  });

  it('refuses 8 million nested brackets quickly', () => {
    const text = `${'['.repeat(8_000_000)}${']'.repeat(8_000_000)}`;
    const started = performance.now();
    expect(exceedsJsonDepth(text, 64)).toBe(true);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('agrees with the parsed depth of siblings that close and reopen', () => {
    const text = JSON.stringify({ a: [[1], [2, [3]]], b: { c: { d: 1 } } });
    expect(exceedsJsonDepth(text, 4)).toBe(false);
    expect(exceedsJsonDepth(text, 3)).toBe(true);
  });

  it('leaves an unterminated string to the parser', () => {
    expect(exceedsJsonDepth('{"a":"[[[[', 1)).toBe(false);
  });
});
