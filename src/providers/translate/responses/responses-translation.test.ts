import { describe, expect, it } from 'vitest';
import { createAnthropicToOpenAIStream } from '../anthropic-to-openai-stream.js';
import { fixture, payloads, runStream } from '../fixtures/fixtures.js';
import { ChainedStream } from './chained-stream.js';
import { ChatToResponsesStream } from './chat-to-responses-stream.js';
import { responsesToChatRequest } from './responses-to-chat-request.js';

const OPTIONS = { model: 'llama-3.3-70b' };

describe('responsesToChatRequest', () => {
  it('maps instructions, items, tools, text format and reasoning', () => {
    const removed: string[] = [];
    const out = responsesToChatRequest(
      {
        model: 'x',
        instructions: 'Be brief.',
        input: [
          { role: 'user', content: [{ type: 'input_text', text: 'Weather?' }] },
          { type: 'reasoning', id: 'rs_1', summary: [] },
          { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'function_call_output', call_id: 'call_1', output: 'sunny' },
        ],
        tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object' }, strict: true }],
        tool_choice: { type: 'function', name: 'get_weather' },
        text: {
          format: { type: 'json_schema', name: 'answer', schema: { type: 'object' } },
          verbosity: 'low',
        },
        reasoning: { effort: 'low', summary: 'auto' },
        max_output_tokens: 99,
        store: false,
        include: ['reasoning.encrypted_content'],
      },
      { ...OPTIONS, removed },
    );
    expect(out.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
    ]);
    expect(out).toMatchObject({
      max_tokens: 99,
      tools: [
        { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' }, strict: true } },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' } } },
      verbosity: 'low',
      reasoning_effort: 'low',
    });
    expect(removed).toEqual(['include', 'reasoning.summary']);
  });

  it.each([
    ['previous_response_id', { previous_response_id: 'resp_1' }],
    ['background', { background: true }],
    ['tools', { tools: [{ type: 'web_search' }] }],
    ['input', { input: [{ type: 'item_reference', id: 'msg_1' }] }],
    ['input', { input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file-1' }] }] }],
  ])('refuses %s', (param, extra) => {
    expect(() => responsesToChatRequest({ model: 'x', input: 'Hi', ...extra }, OPTIONS)).toThrow(
      expect.objectContaining({ code: 'invalid_request_body', param }),
    );
  });
});

describe('Responses streams', () => {
  const request = { model: 'm', input: 'Hi' };

  it('turns chat chunks into Responses events, usage on response.completed', () => {
    const translator = new ChatToResponsesStream({ model: 'm', request });
    const events = payloads(runStream(translator, fixture('openai-chat-stream-text.sse')));
    expect(events[0]?.event).toBe('response.created');
    const completed = events.at(-1)?.data as { type: string; response: { usage: unknown; status: string } };
    expect(completed.type).toBe('response.completed');
    expect(completed.response.status).toBe('completed');
    expect(completed.response.usage).toMatchObject({ input_tokens: expect.any(Number) });
    const sequence = events.map((event) => (event.data as { sequence_number: number }).sequence_number);
    expect(sequence).toEqual(sequence.map((_, index) => index));
    expect(translator.stopReason()).toBe('completed');
  });

  it('chains an Anthropic stream through chat chunks into Responses events, with its usage', () => {
    const chained = new ChainedStream(
      createAnthropicToOpenAIStream({ model: 'm', includeUsage: true }),
      new ChatToResponsesStream({ model: 'm', request }),
    );
    const events = payloads(runStream(chained, fixture('anthropic-stream-tool-use.sse')));
    const types = events.map((event) => event.event);
    expect(types).toContain('response.function_call_arguments.delta');
    expect(types.at(-1)).toBe('response.completed');
    expect(chained.usage()?.outputTokens).toBeGreaterThan(0);
  });

  it('raises an upstream error as an error event the SDK throws on', () => {
    const translator = new ChatToResponsesStream({ model: 'm', request });
    const out = runStream(translator, 'data: {"error":{"message":"boom","type":"server_error"}}\n\n');
    expect(payloads(out)).toMatchObject([
      { event: 'error', data: { type: 'error', message: 'boom', error: {} } },
    ]);
    expect(translator.stopReason()).toBeNull();
  });
});
