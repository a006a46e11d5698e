import { describe, expect, it } from 'vitest';
import type { AnthropicMessage } from '../anthropic/wire.js';
import { anthropicToOpenAIResponse } from './anthropic-to-openai-response.js';
import { AnthropicToOpenAIStream } from './anthropic-to-openai-stream.js';
import { payloads, runStream } from './fixtures/fixtures.js';
import { structuredOutputTool } from './structured-output.js';

/** An Anthropic answer through the forced structured-output tool, as Claude sends it. */
const message: AnthropicMessage = {
  id: 'msg_01Structured',
  type: 'message',
  role: 'assistant',
  model: 'claude-haiku-4-5',
  content: [{ type: 'tool_use', id: 'toolu_01', name: structuredOutputTool, input: { city: 'Paris' } }],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 20, output_tokens: 9 },
};

const streamed = [
  ['message_start', { type: 'message_start', message: { ...message, content: [], stop_reason: null } }],
  [
    'content_block_start',
    {
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'tool_use', id: 'toolu_01', name: structuredOutputTool, input: {} },
    },
  ],
  [
    'content_block_delta',
    { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"city": ' } },
  ],
  [
    'content_block_delta',
    { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '"Paris"}' } },
  ],
  ['content_block_stop', { type: 'content_block_stop', index: 0 }],
  [
    'message_delta',
    { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 9 } },
  ],
  ['message_stop', { type: 'message_stop' }],
]
  .map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`)
  .join('');

describe('structured output answered through the forced tool', () => {
  it('is the message content, with a plain stop, in a chat completion', () => {
    const completion = anthropicToOpenAIResponse(message, { model: 'm', structuredOutput: true });
    expect(completion.choices[0]?.message).toMatchObject({ content: '{"city":"Paris"}' });
    expect(completion.choices[0]?.message.tool_calls).toBeUndefined();
    expect(completion.choices[0]?.finish_reason).toBe('stop');
  });

  it('stays a tool call when the client did not ask for structured output', () => {
    const completion = anthropicToOpenAIResponse(message, { model: 'm' });
    expect(completion.choices[0]?.message.tool_calls).toHaveLength(1);
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('streams the tool input as content deltas, ending with a plain stop', () => {
    const translator = new AnthropicToOpenAIStream({
      model: 'm',
      includeUsage: false,
      structuredOutput: true,
    });
    const chunks = payloads(runStream(translator, streamed))
      .map((payload) => payload.data)
      .filter(
        (data): data is { choices: Array<{ delta: { content?: string }; finish_reason: string | null }> } =>
          typeof data === 'object' && data !== null && 'choices' in data,
      );
    const content = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(content).toBe('{"city": "Paris"}');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.some((chunk) => 'tool_calls' in (chunk.choices[0]?.delta ?? {}))).toBe(false);
  });
});
