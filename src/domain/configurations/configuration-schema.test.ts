import { describe, expect, it } from 'vitest';
import { stepKeyWriteSchema } from './configuration-schema.js';

describe('a router key on write', () => {
  it('reads on as an existing key by id, or a new key by name and value', () => {
    expect(stepKeyWriteSchema.parse({ id: 'aigpk_1' })).toEqual({ id: 'aigpk_1' });
    expect(stepKeyWriteSchema.parse({ name: 'new', value: 'sk-1' })).toEqual({ name: 'new', value: 'sk-1' });
  });

  it.each([
    [{ id: 'aigpk_1', value: 'sk-1' }],
    [{ id: 'aigpk_1', name: 'new' }],
    [{ name: 'new' }],
    [{ value: 'sk-1' }],
    [{}],
  ])('refuses any other mix (%j)', (key) => {
    const result = stepKeyWriteSchema.safeParse(key);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('either `id` alone, or `name` and `value`');
  });

  it('refuses a field it does not know', () => {
    expect(stepKeyWriteSchema.safeParse({ id: 'aigpk_1', keyRedacted: 'x' }).success).toBe(false);
  });
});
