import { describe, expect, it } from 'vitest';
import { member } from './resource-views.js';

describe('member', () => {
  const kinds = ['ngrok', 'user'] as const;

  it('passes a stored member and a null through unchanged', () => {
    expect(member(kinds, 'user', 'usage_events.key_source')).toBe('user');
    expect(member(kinds, null, 'usage_events.key_source')).toBeNull();
  });

  it('fails naming the column and the value when a stored value is not a member', () => {
    expect(() => member(kinds, 'managed', 'usage_events.key_source')).toThrow(
      'usage_events.key_source holds "managed", which is not one of ngrok, user.',
    );
  });
});
