import { describe, expect, it } from 'vitest';
import { TextCache } from './text-cache.js';

describe('TextCache', () => {
  it('builds a text once per sequence of keys and gives back that same text', () => {
    const cache = new TextCache();
    let builds = 0;
    const text = (keys: string[]) =>
      cache.text(keys, () => {
        builds++;
        return keys.join(' + ');
      });
    const first = text(['a', 'b']);
    expect(text(['a', 'b'])).toBe(first);
    expect(builds).toBe(1);
    // A prefix, a longer sequence and another order are other texts.
    expect(text(['a'])).toBe('a');
    expect(text(['a', 'b', 'c'])).toBe('a + b + c');
    expect(text(['b', 'a'])).toBe('b + a');
    expect(builds).toBe(4);
  });

  it('stops keeping texts past its bound, and still answers each one right', () => {
    const cache = new TextCache();
    for (let index = 0; index < 1_000; index++) cache.text([`k${index}`], () => `t${index}`);
    let builds = 0;
    const late = () =>
      cache.text(['late'], () => {
        builds++;
        return 'late text';
      });
    expect(late()).toBe('late text');
    expect(late()).toBe('late text');
    expect(builds).toBe(2);
    expect(cache.text(['k7'], () => 'rebuilt')).toBe('t7');
  });
});
