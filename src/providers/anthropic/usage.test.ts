import { describe, expect, it } from 'vitest';
import { jsonFixture } from '../translate/fixtures/fixtures.js';
import { extractAnthropicUsage, normalizeAnthropicUsage } from './usage.js';

describe('extractAnthropicUsage', () => {
  it('counts cache reads and writes as part of the total input', () => {
    expect(extractAnthropicUsage(jsonFixture('anthropic-message-tool-use.json'))).toEqual({
      inputTokens: 2095 + 1000 + 200,
      outputTokens: 503,
      cacheReadTokens: 1000,
      cacheWriteTokens: 200,
      cacheWrite1hTokens: 0,
      reasoningTokens: 0,
    });
  });

  it('reads a message_start event and thinking tokens', () => {
    const event = {
      type: 'message_start',
      message: {
        id: 'msg_1',
        usage: { input_tokens: 10, output_tokens: 1, output_tokens_details: { thinking_tokens: 0 } },
      },
    };
    expect(extractAnthropicUsage(event)).toMatchObject({ inputTokens: 10, outputTokens: 1 });
    expect(
      normalizeAnthropicUsage({
        input_tokens: 3,
        output_tokens: 50,
        output_tokens_details: { thinking_tokens: 40 },
      }),
    ).toMatchObject({ reasoningTokens: 40 });
  });

  it('keeps the cache-write lifetimes Anthropic reports in cache_creation', () => {
    expect(
      normalizeAnthropicUsage({
        input_tokens: 20,
        output_tokens: 9,
        cache_read_input_tokens: 4,
        cache_creation_input_tokens: 30,
        cache_creation: { ephemeral_5m_input_tokens: 18, ephemeral_1h_input_tokens: 12 },
      }),
    ).toEqual({
      inputTokens: 20 + 4 + 30,
      outputTokens: 9,
      cacheReadTokens: 4,
      cacheWriteTokens: 30,
      cacheWrite1hTokens: 12,
      reasoningTokens: 0,
    });
  });

  it('reads writes without a lifetime split as 5-minute writes', () => {
    expect(
      normalizeAnthropicUsage({ input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: 7 }),
    ).toMatchObject({ cacheWriteTokens: 7, cacheWrite1hTokens: 0 });
  });

  it('treats null cache fields as zero', () => {
    expect(
      normalizeAnthropicUsage({ input_tokens: 12, output_tokens: 3, cache_read_input_tokens: null }),
    ).toEqual({
      inputTokens: 12,
      outputTokens: 3,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: 0,
    });
  });

  it('returns null without usage', () => {
    expect(extractAnthropicUsage({ type: 'message' })).toBeNull();
    expect(extractAnthropicUsage(null)).toBeNull();
    expect(normalizeAnthropicUsage({})).toBeNull();
  });
});
