import { describe, expect, it } from 'vitest';
import type { AnthropicRequest, AnthropicTool } from '../anthropic/wire.js';
import { anthropicToOpenAIRequest } from './anthropic-to-openai-request.js';

const OPTIONS = { model: 'gpt-4o' };

const WEATHER_SCHEMA = {
  type: 'object',
  properties: { location: { type: 'string' } },
  required: ['location'],
};

function request(extra: Partial<AnthropicRequest>): AnthropicRequest {
  return { model: 'openai:gpt-4o', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }], ...extra };
}

describe('anthropicToOpenAIRequest', () => {
  it('translates a full multi-turn tool conversation', () => {
    const body: AnthropicRequest = {
      model: 'openai:gpt-4o',
      max_tokens: 2048,
      system: [
        { type: 'text', text: 'You are a coding agent.', cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'Be brief.' },
      ],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this image, and the weather?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQ' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Need the tool.', signature: 'sig' },
            { type: 'text', text: 'A cat. Checking the weather.' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { location: 'Paris' } },
            { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { location: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: '18°C' },
            {
              type: 'tool_result',
              tool_use_id: 'toolu_2',
              content: [
                { type: 'text', text: 'Service unavailable' },
                { type: 'text', text: 'retry later' },
              ],
              is_error: true,
            },
            { type: 'text', text: 'And tomorrow?' },
          ],
        },
      ],
      tools: [{ name: 'get_weather', description: 'Weather for a city', input_schema: WEATHER_SCHEMA }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      stop_sequences: ['</answer>'],
      temperature: 0.2,
      top_p: 0.95,
      top_k: 40,
      stream: true,
      metadata: { user_id: 'u-1' },
    };
    expect(anthropicToOpenAIRequest(body, OPTIONS)).toEqual({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'You are a coding agent.\n\nBe brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this image, and the weather?' },
            { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ' } },
            { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
          ],
        },
        {
          role: 'assistant',
          content: 'A cat. Checking the weather.',
          tool_calls: [
            {
              id: 'toolu_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
            },
            {
              id: 'toolu_2',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"location":"Rome"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_1', content: '18°C' },
        { role: 'tool', tool_call_id: 'toolu_2', content: 'Error: Service unavailable\nretry later' },
        { role: 'user', content: 'And tomorrow?' },
      ],
      max_tokens: 2048,
      temperature: 0.2,
      top_p: 0.95,
      stop: ['</answer>'],
      stream: true,
      stream_options: { include_usage: true },
      user: 'u-1',
      tools: [
        {
          type: 'function',
          function: { name: 'get_weather', description: 'Weather for a city', parameters: WEATHER_SCHEMA },
        },
      ],
      tool_choice: 'required',
      parallel_tool_calls: false,
    });
  });

  it('handles a string system prompt, string contents and max_completion_tokens', () => {
    const out = anthropicToOpenAIRequest(
      request({
        system: 'Be kind.',
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello!' },
          { role: 'user', content: 'Bye' },
        ],
      }),
      { model: 'o4-mini', useMaxCompletionTokens: true },
    );
    expect(out).toEqual({
      model: 'o4-mini',
      messages: [
        { role: 'system', content: 'Be kind.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'Bye' },
      ],
      max_completion_tokens: 1024,
    });
  });

  it('maps tool_choice', () => {
    const tools = [{ name: 'f', input_schema: { type: 'object' } }];
    const choice = (tool_choice: AnthropicRequest['tool_choice']) =>
      anthropicToOpenAIRequest(
        request({ tools, ...(tool_choice === undefined ? {} : { tool_choice }) }),
        OPTIONS,
      ).tool_choice;
    expect(choice({ type: 'auto' })).toBe('auto');
    expect(choice({ type: 'any' })).toBe('required');
    expect(choice({ type: 'none' })).toBe('none');
    expect(choice({ type: 'tool', name: 'f' })).toEqual({ type: 'function', function: { name: 'f' } });
    expect(choice(undefined)).toBeUndefined();
    expect(
      anthropicToOpenAIRequest(request({ tool_choice: { type: 'auto' } }), OPTIONS).tool_choice,
    ).toBeUndefined();
  });

  it('does not ask for streaming unless the client did', () => {
    const out = anthropicToOpenAIRequest(request({ stream: false }), OPTIONS);
    expect(out.stream).toBeUndefined();
    expect(out.stream_options).toBeUndefined();
  });

  it('converts documents and tool results with images', () => {
    const out = anthropicToOpenAIRequest(
      request({
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'document',
                source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0x' },
                title: 'r.pdf',
              },
              { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'plain doc' } },
            ],
          },
          { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'shot', input: {} }] },
          {
            role: 'user',
            content: [
              {
                type: 'tool_result',
                tool_use_id: 't1',
                content: [
                  { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
                ],
              },
            ],
          },
        ],
      }),
      OPTIONS,
    );
    expect(out.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0x', filename: 'r.pdf' } },
          { type: 'text', text: 'plain doc' },
        ],
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 't1', type: 'function', function: { name: 'shot', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 't1', content: '[image]' },
    ]);
  });

  it('refuses server tools, which only Anthropic runs, naming `tools`', () => {
    const serverTool = { name: 'web_search', type: 'web_search_20250305' } as unknown as AnthropicTool;
    expect(() => anthropicToOpenAIRequest(request({ tools: [serverTool] }), OPTIONS)).toThrow(
      expect.objectContaining({ code: 'invalid_request_body', param: 'tools' }),
    );
  });

  it('maps thinking and output_config, names top_k and unknown fields as removed, refuses container', () => {
    const removed: string[] = [];
    const out = anthropicToOpenAIRequest(
      request({
        thinking: { type: 'enabled', budget_tokens: 10_000 },
        top_k: 5,
        output_config: { format: { type: 'json_schema', schema: WEATHER_SCHEMA } },
        some_future_field: true,
      }),
      { ...OPTIONS, removed },
    );
    expect(out.reasoning_effort).toBe('medium');
    expect(out.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'output', schema: WEATHER_SCHEMA },
    });
    expect(out).not.toHaveProperty('top_k');
    expect(removed).toEqual(['top_k', 'some_future_field']);
    expect(() => anthropicToOpenAIRequest(request({ container: 'c_1' }), OPTIONS)).toThrow(
      expect.objectContaining({ param: 'container' }),
    );
    const effort = anthropicToOpenAIRequest(request({ output_config: { effort: 'max' } }), OPTIONS);
    expect(effort.reasoning_effort).toBe('high');
  });
});
