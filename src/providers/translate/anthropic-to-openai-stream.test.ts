import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { AnthropicToOpenAIStream, createAnthropicToOpenAIStream } from './anthropic-to-openai-stream.js';
import { fixture, payloads, runStream, sseEvents } from './fixtures/fixtures.js';

const OPTIONS = { model: 'anthropic:claude-sonnet-4-5', includeUsage: true, created: 1748500000 };

function envelope(choices: unknown[]): Record<string, unknown> {
  return {
    id: 'chatcmpl-01XFDUDYJgAACzvnptvVoYEL',
    object: 'chat.completion.chunk',
    created: 1748500000,
    model: 'anthropic:claude-sonnet-4-5',
    choices,
  };
}

const choice = (delta: unknown, finish: string | null = null) => ({
  index: 0,
  delta,
  logprobs: null,
  finish_reason: finish,
});

/** Runs SSE text through the OpenAI SDK's streaming helper and returns the final accumulated completion. */
async function viaOpenAISdk(sse: string) {
  const client = new OpenAI({
    apiKey: 'test',
    baseURL: 'http://upstream.invalid/v1',
    fetch: async () => new Response(sse, { headers: { 'content-type': 'text/event-stream' } }),
  });
  const stream = client.chat.completions.stream({
    model: 'anthropic:claude-sonnet-4-5',
    messages: [{ role: 'user', content: 'Weather in Paris?' }],
    stream_options: { include_usage: true },
  });
  return stream.finalChatCompletion();
}

describe('AnthropicToOpenAIStream', () => {
  it('translates a stream with text and a tool call, chunk by chunk', () => {
    const out = runStream(new AnthropicToOpenAIStream(OPTIONS), fixture('anthropic-stream-tool-use.sse'));
    expect(out.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(out).not.toContain('event:');
    expect(payloads(out).map((p) => p.data)).toEqual([
      envelope([choice({ role: 'assistant', content: '' })]),
      envelope([choice({ content: "I'll check the" })]),
      envelope([choice({ content: ' weather in Paris for you.' })]),
      envelope([
        choice({
          tool_calls: [
            {
              index: 0,
              id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
              type: 'function',
              function: { name: 'get_weather', arguments: '' },
            },
          ],
        }),
      ]),
      envelope([choice({ tool_calls: [{ index: 0, function: { arguments: '{"location": "Par' } }] })]),
      envelope([
        choice({ tool_calls: [{ index: 0, function: { arguments: 'is, France", "unit": "celsius"}' } }] }),
      ]),
      envelope([choice({}, 'tool_calls')]),
      {
        ...envelope([]),
        usage: {
          prompt_tokens: 1624,
          completion_tokens: 89,
          total_tokens: 1713,
          prompt_tokens_details: { cached_tokens: 1024 },
        },
      },
    ]);
  });

  it('is accepted by the OpenAI SDK stream helper', async () => {
    const translator = createAnthropicToOpenAIStream(OPTIONS);
    const final = await viaOpenAISdk(runStream(translator, fixture('anthropic-stream-tool-use.sse'), 11));
    expect(final.choices[0]?.message.content).toBe("I'll check the weather in Paris for you.");
    expect(final.choices[0]?.message.tool_calls).toEqual([
      {
        id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"location": "Paris, France", "unit": "celsius"}' },
      },
    ]);
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(final.usage?.prompt_tokens).toBe(1624);
    expect(translator.usage()).toEqual({
      inputTokens: 1624,
      outputTokens: 89,
      cacheReadTokens: 1024,
      cacheWriteTokens: 128,
      cacheWrite1hTokens: 0,
      reasoningTokens: 0,
    });
    expect(translator.stopReason()).toBe('tool_calls');
    expect(translator.generatedText()).toBe(
      `I'll check the weather in Paris for you.get_weather{"location": "Paris, France", "unit": "celsius"}`,
    );
  });

  it('omits the usage chunk unless the client asked for it', () => {
    const out = runStream(
      new AnthropicToOpenAIStream({ ...OPTIONS, includeUsage: false }),
      fixture('anthropic-stream-text.sse'),
    );
    const chunks = payloads(out).map(
      (p) => p.data as { choices: Array<{ finish_reason: string | null }>; usage?: unknown },
    );
    expect(chunks.every((c) => c.choices.length === 1 && c.usage === undefined)).toBe(true);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('length');
    expect(out.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('uses the given id and merges input usage repeated in message_delta', () => {
    const translator = new AnthropicToOpenAIStream({ ...OPTIONS, id: 'chatcmpl-fixed' });
    const out = runStream(translator, fixture('anthropic-stream-text.sse'));
    const chunks = payloads(out).map((p) => p.data as { id: string; usage?: unknown });
    expect(chunks.every((c) => c.id === 'chatcmpl-fixed')).toBe(true);
    expect(chunks.at(-1)?.usage).toEqual({
      prompt_tokens: 3025,
      completion_tokens: 15,
      total_tokens: 3040,
      prompt_tokens_details: { cached_tokens: 3000 },
    });
  });

  it('turns an Anthropic error event into an OpenAI error data event', async () => {
    const text =
      fixture('anthropic-stream-text.sse').split('event: content_block_delta')[0] +
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    const translator = new AnthropicToOpenAIStream(OPTIONS);
    const out = runStream(translator, text);
    const last = payloads(out).at(-1)?.data;
    expect(last).toEqual({
      error: { message: 'Overloaded', type: 'server_error', code: 'overloaded_error', param: null },
    });
    expect(out.endsWith('data: [DONE]\n\n')).toBe(false);
    await expect(viaOpenAISdk(out)).rejects.toThrow(/Overloaded/);
  });

  it('keeps generated text when the stream breaks', () => {
    const text = fixture('anthropic-stream-tool-use.sse');
    const translator = new AnthropicToOpenAIStream(OPTIONS);
    for (const event of sseEvents(text.slice(0, text.indexOf('"partial_json":"{')))) translator.push(event);
    expect(translator.generatedText()).toBe("I'll check the weather in Paris for you.get_weather");
    expect(translator.usage()).toMatchObject({ inputTokens: 1624, outputTokens: 2 });
    expect(translator.stopReason()).toBeNull();
  });
});
