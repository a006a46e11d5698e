import { describe, expect, it } from 'vitest';
import type { OpenAIChatCompletion } from '../openai/wire.js';
import { jsonFixture } from './fixtures/fixtures.js';
import { openAIToAnthropicResponse } from './openai-to-anthropic-response.js';
import { openAIFinishToAnthropic } from './stop-reasons.js';

describe('openAIToAnthropicResponse', () => {
  it('translates text, tool calls and usage', () => {
    const completion = jsonFixture('openai-chat-completion-tool-calls.json') as OpenAIChatCompletion;
    expect(openAIToAnthropicResponse(completion, { model: 'openai:gpt-4o' })).toEqual({
      id: 'msg_BcQ8ko2nz9B7CRvV0uVbcowidHpQU',
      type: 'message',
      role: 'assistant',
      model: 'openai:gpt-4o',
      content: [
        { type: 'text', text: 'Let me check.' },
        {
          type: 'tool_use',
          id: 'call_qOfTGgDrItLORNfC6VwUbyLL',
          name: 'get_weather',
          input: { location: 'Shanghai' },
        },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 139,
        output_tokens: 14,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 1152,
      },
    });
  });

  it('maps a plain completion', () => {
    const completion = jsonFixture('openai-chat-completion-reasoning.json') as OpenAIChatCompletion;
    const out = openAIToAnthropicResponse(completion, { model: 'o4-mini' });
    expect(out.content).toEqual([{ type: 'text', text: '42' }]);
    expect(out.stop_reason).toBe('end_turn');
    expect(out.usage).toEqual({
      input_tokens: 25,
      output_tokens: 330,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
  });

  it('turns a refusal into text and tolerates bad tool arguments and missing usage', () => {
    const completion: OpenAIChatCompletion = {
      id: 'chatcmpl-r',
      object: 'chat.completion',
      created: 1,
      model: 'gpt-4o',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            refusal: "I can't help with that.",
            tool_calls: [{ id: 'call_x', type: 'function', function: { name: 'f', arguments: 'not json' } }],
          },
          logprobs: null,
          finish_reason: 'content_filter',
        },
      ],
    };
    expect(openAIToAnthropicResponse(completion, { model: 'm' })).toMatchObject({
      content: [
        { type: 'text', text: "I can't help with that." },
        { type: 'tool_use', id: 'call_x', name: 'f', input: {} },
      ],
      stop_reason: 'refusal',
      usage: { input_tokens: 0, output_tokens: 0 },
    });
  });

  it('maps finish reasons', () => {
    expect(openAIFinishToAnthropic('stop')).toBe('end_turn');
    expect(openAIFinishToAnthropic('length')).toBe('max_tokens');
    expect(openAIFinishToAnthropic('tool_calls')).toBe('tool_use');
    expect(openAIFinishToAnthropic('function_call')).toBe('tool_use');
    expect(openAIFinishToAnthropic('content_filter')).toBe('refusal');
    expect(openAIFinishToAnthropic(null)).toBeNull();
  });
});
