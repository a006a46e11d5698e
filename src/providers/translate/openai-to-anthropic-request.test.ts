import { describe, expect, it } from 'vitest';
import type { OpenAIChatRequest } from '../openai/wire.js';
import { openAIChatToAnthropicRequest, parseDataUrl } from './openai-to-anthropic-request.js';

const OPTIONS = { model: 'claude-sonnet-4-5-20250929', defaultMaxTokens: 4096 };

const WEATHER_TOOL = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
};

function request(extra: Partial<OpenAIChatRequest>): OpenAIChatRequest {
  return { model: 'anthropic:claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hi' }], ...extra };
}

describe('openAIChatToAnthropicRequest', () => {
  it('translates a full multi-turn tool conversation', () => {
    const body: OpenAIChatRequest = {
      model: 'anthropic:claude-sonnet-4-5',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'developer', content: [{ type: 'text', text: 'Use metric units.' }] },
        { role: 'user', content: 'Weather in Paris, and the time?' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Also, what is in these pictures?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'high' } },
          ],
        },
        {
          role: 'assistant',
          content: 'Checking.',
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
            },
            {
              id: 'call_2',
              type: 'function',
              function: { name: 'get_time', arguments: '{"tz":"Europe/Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '18°C, sunny' },
        { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: '14:05' }] },
        { role: 'user', content: 'Thanks!' },
        { role: 'assistant', content: 'You are welcome.' },
        { role: 'assistant', content: [{ type: 'text', text: 'Anything else?' }] },
      ],
      tools: [WEATHER_TOOL, { type: 'function', function: { name: 'get_time' } }],
      tool_choice: 'required',
      parallel_tool_calls: false,
      stop: 'END',
      max_completion_tokens: 500,
      max_tokens: 100,
      temperature: 0.3,
      top_p: 0.9,
      stream: true,
      stream_options: { include_usage: true },
      user: 'user-42',
      frequency_penalty: 0.5,
      n: 1,
    };
    expect(openAIChatToAnthropicRequest(body, OPTIONS)).toEqual({
      model: 'claude-sonnet-4-5-20250929',
      system: 'You are terse.\n\nUse metric units.',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather in Paris, and the time?' },
            { type: 'text', text: 'Also, what is in these pictures?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { location: 'Paris' } },
            { type: 'tool_use', id: 'call_2', name: 'get_time', input: { tz: 'Europe/Paris' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_1', content: '18°C, sunny' },
            { type: 'tool_result', tool_use_id: 'call_2', content: '14:05' },
            { type: 'text', text: 'Thanks!' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'You are welcome.' },
            { type: 'text', text: 'Anything else?' },
          ],
        },
      ],
      max_tokens: 500,
      stop_sequences: ['END'],
      temperature: 0.3,
      top_p: 0.9,
      stream: true,
      metadata: { user_id: 'user-42' },
      tools: [
        {
          name: 'get_weather',
          description: 'Current weather for a city',
          input_schema: WEATHER_TOOL.function.parameters,
        },
        { name: 'get_time', input_schema: { type: 'object', properties: {} } },
      ],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
    });
  });

  it('sends a single text turn as a string and uses defaultMaxTokens', () => {
    expect(openAIChatToAnthropicRequest(request({}), OPTIONS)).toEqual({
      model: 'claude-sonnet-4-5-20250929',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 4096,
    });
  });

  it('takes max_tokens when max_completion_tokens is absent', () => {
    expect(openAIChatToAnthropicRequest(request({ max_tokens: 77 }), OPTIONS).max_tokens).toBe(77);
    expect(openAIChatToAnthropicRequest(request({ max_tokens: null }), OPTIONS).max_tokens).toBe(4096);
  });

  it('maps tool_choice', () => {
    const choice = (tool_choice: OpenAIChatRequest['tool_choice'], parallel?: boolean) =>
      openAIChatToAnthropicRequest(
        request({
          tools: [WEATHER_TOOL],
          ...(tool_choice === undefined ? {} : { tool_choice }),
          ...(parallel === undefined ? {} : { parallel_tool_calls: parallel }),
        }),
        OPTIONS,
      ).tool_choice;
    expect(choice('auto')).toEqual({ type: 'auto' });
    expect(choice('required')).toEqual({ type: 'any' });
    expect(choice('none')).toEqual({ type: 'none' });
    expect(choice({ type: 'function', function: { name: 'get_weather' } })).toEqual({
      type: 'tool',
      name: 'get_weather',
    });
    expect(choice(undefined)).toBeUndefined();
    expect(choice(undefined, false)).toEqual({ type: 'auto', disable_parallel_tool_use: true });
    expect(choice('none', false)).toEqual({ type: 'none' });
    expect(choice(undefined, true)).toBeUndefined();
  });

  it('maps stop arrays, drops empty stops and clamps temperature to 0..1', () => {
    const out = openAIChatToAnthropicRequest(
      request({ stop: ['###', '', 'END'], temperature: 1.6 }),
      OPTIONS,
    );
    expect(out.stop_sequences).toEqual(['###', 'END']);
    expect(out.temperature).toBe(1);
    expect(openAIChatToAnthropicRequest(request({ stop: null }), OPTIONS).stop_sequences).toBeUndefined();
  });

  it('handles assistant tool calls without content and unparseable arguments', () => {
    const out = openAIChatToAnthropicRequest(
      request({
        messages: [
          { role: 'user', content: 'go' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'noop', arguments: '{oops' } }],
          },
          { role: 'tool', tool_call_id: 'call_9', content: '' },
        ],
      }),
      OPTIONS,
    );
    expect(out.messages).toEqual([
      { role: 'user', content: 'go' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'call_9', name: 'noop', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_9', content: '' }] },
    ]);
  });

  it('converts PDF file parts to document blocks and skips empty text', () => {
    const out = openAIChatToAnthropicRequest(
      request({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: '' },
              {
                type: 'file',
                file: { file_data: 'data:application/pdf;base64,JVBERi0x', filename: 'a.pdf' },
              },
              { type: 'text', text: 'Summarise' },
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
          {
            type: 'document',
            source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0x' },
            title: 'a.pdf',
          },
          { type: 'text', text: 'Summarise' },
        ],
      },
    ]);
  });
});

describe('parseDataUrl', () => {
  it('splits media type and base64 payload', () => {
    expect(parseDataUrl('data:image/jpeg;base64,/9j/4AAQ')).toEqual({
      mediaType: 'image/jpeg',
      data: '/9j/4AAQ',
    });
    expect(parseDataUrl('data:image/png;name=x.png;base64,AAAA')).toEqual({
      mediaType: 'image/png',
      data: 'AAAA',
    });
    expect(parseDataUrl('https://example.com/x.png')).toBeUndefined();
    expect(parseDataUrl('data:text/plain,hello')).toBeUndefined();
  });

  describe('parameters without a direct equivalent', () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

    it('turns response_format json_schema into a forced structured-output tool', () => {
      const out = openAIChatToAnthropicRequest(
        request({ response_format: { type: 'json_schema', json_schema: { name: 'place', schema } } }),
        OPTIONS,
      );
      expect(out.tools).toEqual([
        { name: 'structured_output', description: expect.stringContaining('"place"'), input_schema: schema },
      ]);
      expect(out.tool_choice).toEqual({ type: 'tool', name: 'structured_output' });
    });

    it('lets the model pick its own tools or the schema when structured output meets tools', () => {
      const out = openAIChatToAnthropicRequest(
        request({ tools: [WEATHER_TOOL], tool_choice: 'required', response_format: { type: 'json_object' } }),
        OPTIONS,
      );
      expect(out.tools?.map((tool) => tool.name)).toEqual(['get_weather', 'structured_output']);
      expect(out.tool_choice).toEqual({ type: 'any' });
    });

    it('maps reasoning_effort to a thinking budget below max_tokens, and removes what thinking forbids', () => {
      const removed: string[] = [];
      const out = openAIChatToAnthropicRequest(
        request({ reasoning_effort: 'high', max_completion_tokens: 10_000, temperature: 0.2 }),
        { ...OPTIONS, removed },
      );
      expect(out.thinking).toEqual({ type: 'enabled', budget_tokens: 9_999 });
      expect(out).not.toHaveProperty('temperature');
      expect(removed).toEqual(['temperature']);
    });

    it('names reasoning_effort as removed when no thinking budget fits', () => {
      const removed: string[] = [];
      const out = openAIChatToAnthropicRequest(request({ reasoning_effort: 'low', max_tokens: 500 }), {
        ...OPTIONS,
        removed,
      });
      expect(out).not.toHaveProperty('thinking');
      expect(removed).toEqual(['reasoning_effort']);
    });

    it('maps parallel_tool_calls, top_k, safety_identifier and the deprecated functions', () => {
      const out = openAIChatToAnthropicRequest(
        request({
          functions: [WEATHER_TOOL.function],
          function_call: { name: 'get_weather' },
          parallel_tool_calls: false,
          top_k: 3,
          safety_identifier: 'user-7',
        }),
        OPTIONS,
      );
      expect(out.tools?.map((tool) => tool.name)).toEqual(['get_weather']);
      expect(out.tool_choice).toEqual({ type: 'tool', name: 'get_weather', disable_parallel_tool_use: true });
      expect(out.top_k).toBe(3);
      expect(out.metadata).toEqual({ user_id: 'user-7' });
    });

    it('names seed, logprobs and unknown fields as removed', () => {
      const removed: string[] = [];
      openAIChatToAnthropicRequest(request({ seed: 7, logprobs: true, n: 1, brand_new: 1 }), {
        ...OPTIONS,
        removed,
      });
      expect(removed).toEqual(['seed', 'logprobs', 'brand_new']);
    });

    it.each([
      ['n', { n: 2 }],
      ['audio', { audio: { voice: 'alloy', format: 'mp3' } }],
      ['modalities', { modalities: ['text', 'audio'] }],
      ['tools', { tools: [{ type: 'custom', custom: { name: 'x' } }] }],
      ['web_search_options', { web_search_options: {} }],
    ])('refuses %s with a 400 naming it', (param, extra) => {
      expect(() =>
        openAIChatToAnthropicRequest(request(extra as Partial<OpenAIChatRequest>), OPTIONS),
      ).toThrow(expect.objectContaining({ code: 'invalid_request_body', param }));
    });
  });
});
