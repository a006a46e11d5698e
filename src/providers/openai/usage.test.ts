import { describe, expect, it } from 'vitest';
import { jsonFixture } from '../translate/fixtures/fixtures.js';
import { extractOpenAIUsage, normalizeOpenAIUsage } from './usage.js';

describe('extractOpenAIUsage', () => {
  it('reads chat completion usage with cached tokens', () => {
    expect(extractOpenAIUsage(jsonFixture('openai-chat-completion-tool-calls.json'))).toEqual({
      inputTokens: 1291,
      outputTokens: 14,
      cacheReadTokens: 1152,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: 0,
    });
  });

  it('reads reasoning tokens', () => {
    expect(extractOpenAIUsage(jsonFixture('openai-chat-completion-reasoning.json'))).toEqual({
      inputTokens: 25,
      outputTokens: 330,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: 320,
    });
  });

  it('reads embeddings usage (prompt tokens only)', () => {
    expect(extractOpenAIUsage(jsonFixture('openai-embeddings.json'))).toEqual({
      inputTokens: 8,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: 0,
    });
  });

  it('reads Responses API usage, also wrapped in a stream event', () => {
    const body = jsonFixture('openai-responses.json');
    const expected = {
      inputTokens: 328,
      outputTokens: 652,
      cacheReadTokens: 128,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: 512,
    };
    expect(extractOpenAIUsage(body)).toEqual(expected);
    expect(extractOpenAIUsage({ type: 'response.completed', response: body })).toEqual(expected);
  });

  it('reads legacy completions usage and DeepSeek cache hits', () => {
    expect(
      extractOpenAIUsage({
        object: 'text_completion',
        usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
      }),
    ).toMatchObject({ inputTokens: 5, outputTokens: 7 });
    expect(
      normalizeOpenAIUsage({
        prompt_tokens: 100,
        completion_tokens: 1,
        prompt_cache_hit_tokens: 64,
        prompt_cache_miss_tokens: 36,
      }),
    ).toMatchObject({ inputTokens: 100, cacheReadTokens: 64 });
  });

  it('returns null when there is no usage', () => {
    expect(extractOpenAIUsage({ id: 'x' })).toBeNull();
    expect(extractOpenAIUsage({ usage: null })).toBeNull();
    expect(extractOpenAIUsage('nope')).toBeNull();
    expect(extractOpenAIUsage({ usage: { foo: 1 } })).toBeNull();
  });

  it('ignores malformed counts', () => {
    expect(
      normalizeOpenAIUsage({
        prompt_tokens: 'ten',
        completion_tokens: -3,
        prompt_tokens_details: { cached_tokens: 99 },
      }),
    ).toEqual({
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: 0,
    });
  });
});
