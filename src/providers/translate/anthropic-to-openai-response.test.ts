import { describe, expect, it } from 'vitest';
import type { AnthropicMessage } from '../anthropic/wire.js';
import { anthropicToOpenAIResponse, chatCompletionIdFromMessageId } from './anthropic-to-openai-response.js';
import { jsonFixture } from './fixtures/fixtures.js';
import { anthropicStopToOpenAI } from './stop-reasons.js';

describe('anthropicToOpenAIResponse', () => {
  it('translates text, tool_use and usage', () => {
    const message = jsonFixture('anthropic-message-tool-use.json') as AnthropicMessage;
    expect(
      anthropicToOpenAIResponse(message, { model: 'anthropic:claude-sonnet-4-5', created: 1748500000 }),
    ).toEqual({
      id: 'chatcmpl-01Aq9w938a90dw8q',
      object: 'chat.completion',
      created: 1748500000,
      model: 'anthropic:claude-sonnet-4-5',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: "I'll look that up. One moment.",
            refusal: null,
            tool_calls: [
              {
                id: 'toolu_01A09q90qw90lq917835lq9',
                type: 'function',
                function: {
                  name: 'get_weather',
                  arguments: '{"location":"San Francisco, CA","unit":"celsius"}',
                },
              },
            ],
          },
          logprobs: null,
          finish_reason: 'tool_calls',
        },
      ],
      usage: {
        prompt_tokens: 3295,
        completion_tokens: 503,
        total_tokens: 3798,
        prompt_tokens_details: { cached_tokens: 1000 },
      },
    });
  });

  it('uses null content when there is no text, and defaults created to now', () => {
    const message: AnthropicMessage = {
      id: 'msg_x',
      type: 'message',
      role: 'assistant',
      model: 'claude-haiku-4-5',
      content: [{ type: 'tool_use', id: 'toolu_1', name: 'f', input: {} }],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 5, output_tokens: 6 },
    };
    const before = Math.floor(Date.now() / 1000);
    const out = anthropicToOpenAIResponse(message, { model: 'm' });
    expect(out.choices[0]?.message.content).toBeNull();
    expect(out.choices[0]?.message.tool_calls?.[0]?.function.arguments).toBe('{}');
    expect(out.created).toBeGreaterThanOrEqual(before);
    expect(out.usage).toEqual({
      prompt_tokens: 5,
      completion_tokens: 6,
      total_tokens: 11,
      prompt_tokens_details: { cached_tokens: 0 },
    });
  });

  it('maps stop reasons', () => {
    expect(anthropicStopToOpenAI('end_turn')).toBe('stop');
    expect(anthropicStopToOpenAI('stop_sequence')).toBe('stop');
    expect(anthropicStopToOpenAI('max_tokens')).toBe('length');
    expect(anthropicStopToOpenAI('tool_use')).toBe('tool_calls');
    expect(anthropicStopToOpenAI('refusal')).toBe('content_filter');
    expect(anthropicStopToOpenAI('pause_turn')).toBe('stop');
    expect(anthropicStopToOpenAI(null)).toBeNull();
  });

  it('derives the completion id from the message id', () => {
    expect(chatCompletionIdFromMessageId('msg_01ABC')).toBe('chatcmpl-01ABC');
    expect(chatCompletionIdFromMessageId('other')).toBe('chatcmpl-other');
  });
});
