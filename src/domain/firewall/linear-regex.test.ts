import { describe, expect, it } from 'vitest';
import { compileGlob, compileLinearRegex, regexSyntaxError } from './linear-regex.js';

describe('firewall regular expressions', () => {
  it('runs a catastrophic-backtracking pattern in linear time', () => {
    const pattern = '(a+)+$';
    expect(regexSyntaxError(pattern)).toBeUndefined();
    const regex = compileLinearRegex(pattern);
    // A backtracking engine takes ~2^n steps here; 100,000 characters would never finish.
    const input = `${'a'.repeat(100_000)}!`;
    const started = performance.now();
    expect(regex.test(input)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(regex.test('aaaa')).toBe(true);
  });

  it('refuses invalid syntax and the features that cannot run in linear time', () => {
    expect(regexSyntaxError('(a')).toMatch(/missing closing \)/);
    expect(regexSyntaxError('(a)\\1')).toBeDefined();
    expect(regexSyntaxError('(?=a)b')).toBeDefined();
  });

  it('matches globs against whole, case-sensitive names', () => {
    expect(compileGlob('get_*').test('get_weather')).toBe(true);
    expect(compileGlob('get_*').test('forget_it')).toBe(false);
    expect(compileGlob('admin_?').test('admin_x')).toBe(true);
    expect(compileGlob('admin_?').test('admin_xy')).toBe(false);
    expect(compileGlob('a.b').test('axb')).toBe(false);
    expect(compileGlob('Shell').test('shell')).toBe(false);
  });
});
