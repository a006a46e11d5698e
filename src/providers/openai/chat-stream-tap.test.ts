import { describe, expect, it } from 'vitest';
import { fixture, runStream, sseEvents } from '../translate/fixtures/fixtures.js';
import { hasNonNullMember } from '../translate/json.js';
import { SseSplitter } from '../translate/sse-splitter.js';
import { createOpenAIStreamTap } from './chat-stream-tap.js';

const STREAMS = [
  'openai-chat-stream-tool-calls.sse',
  'openai-chat-stream-text.sse',
  'openai-chat-stream-usage-in-last-choice.sse',
  'openai-completions-stream.sse',
  'openai-responses-stream.sse',
];

/** The fixture without its usage-only (`"choices":[]`) block. */
function withoutUsageChunk(text: string): string {
  return sseEvents(text)
    .filter((e) => !e.data.includes('"choices":[]'))
    .map((e) => e.raw)
    .join('');
}

describe('createOpenAIStreamTap', () => {
  for (const name of STREAMS) {
    it(`passes ${name} through byte for byte when the client wants usage`, () => {
      for (const text of [fixture(name), fixture(name).replaceAll('\n', '\r\n')]) {
        for (const size of [text.length, 1, 13, 64]) {
          const tap = createOpenAIStreamTap({ clientWantsUsage: true });
          expect(runStream(tap, text, size)).toBe(text);
        }
      }
    });
  }

  it('drops the usage-only chunk when the client did not ask for usage, and still meters it', () => {
    const text = fixture('openai-chat-stream-text.sse');
    const tap = createOpenAIStreamTap({ clientWantsUsage: false });
    const out = runStream(tap, text);
    expect(out).toBe(withoutUsageChunk(text));
    expect(out).not.toContain('"usage":{');
    expect(out.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(tap.usage()).toEqual({
      inputTokens: 2048,
      outputTokens: 12,
      cacheReadTokens: 1920,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: 0,
    });
    expect(tap.stopReason()).toBe('stop');
    expect(tap.generatedText()).toBe('Hello! How can I help "usage" today?');
  });

  it('captures tool call streams', () => {
    const tap = createOpenAIStreamTap({ clientWantsUsage: false });
    const text = fixture('openai-chat-stream-tool-calls.sse');
    expect(runStream(tap, text)).toBe(withoutUsageChunk(text));
    expect(tap.usage()).toMatchObject({ inputTokens: 142, outputTokens: 48 });
    expect(tap.stopReason()).toBe('tool_calls');
    expect(tap.generatedText()).toBe('get_weather{"location": "Paris"}get_time{"tz": "Europe/Paris"}');
  });

  it('keeps a last chunk that has choices and usage, and takes usage from it', () => {
    const text = fixture('openai-chat-stream-usage-in-last-choice.sse');
    const tap = createOpenAIStreamTap({ clientWantsUsage: false });
    expect(runStream(tap, text)).toBe(text);
    expect(tap.usage()).toEqual({
      inputTokens: 31,
      outputTokens: 4,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: 0,
    });
    expect(tap.stopReason()).toBe('length');
    expect(tap.generatedText()).toBe('Bonjour le monde');
  });

  it('handles legacy completions', () => {
    const text = fixture('openai-completions-stream.sse');
    const tap = createOpenAIStreamTap({ clientWantsUsage: false });
    expect(runStream(tap, text)).toBe(withoutUsageChunk(text));
    expect(tap.usage()).toMatchObject({ inputTokens: 5, outputTokens: 5 });
    expect(tap.stopReason()).toBe('length');
    expect(tap.generatedText()).toBe('\n\nOnce upon a time');
  });

  it('handles Responses API streams (usage in response.completed, never dropped)', () => {
    const text = fixture('openai-responses-stream.sse');
    const tap = createOpenAIStreamTap({ clientWantsUsage: false });
    expect(runStream(tap, text)).toBe(text);
    expect(tap.usage()).toEqual({
      inputTokens: 37,
      outputTokens: 11,
      cacheReadTokens: 16,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: 4,
    });
    expect(tap.stopReason()).toBe('completed');
    expect(tap.generatedText()).toBe('Hi there!');
  });

  it('reports the text of a truncated stream and no usage', () => {
    const text = fixture('openai-chat-stream-tool-calls.sse');
    const cut = text.indexOf('get_time') + 3; // inside the fourth event
    const tap = createOpenAIStreamTap({ clientWantsUsage: true });
    const splitter = new SseSplitter();
    let out = '';
    for (const event of splitter.push(text.slice(0, cut))) out += tap.push(event);
    expect(tap.usage()).toBeNull();
    expect(tap.stopReason()).toBeNull();
    expect(tap.generatedText()).toBe('get_weather{"location": "Paris"}');
    // generatedText() can be called repeatedly and keeps accumulating.
    expect(tap.generatedText()).toBe('get_weather{"location": "Paris"}');
    expect(out).toBe(text.slice(0, text.lastIndexOf('data:', cut)));
  });

  it('passes comments and unparseable data through', () => {
    const tap = createOpenAIStreamTap({ clientWantsUsage: false });
    const text = ': OPENROUTER PROCESSING\n\ndata: {not json "usage": 1}\n\n';
    expect(runStream(tap, text)).toBe(text);
    expect(tap.usage()).toBeNull();
  });
});

describe('hasNonNullMember', () => {
  it('finds a usage member without parsing', () => {
    expect(hasNonNullMember('{"choices":[],"usage":{"prompt_tokens":1}}', 'usage')).toBe(true);
    expect(hasNonNullMember('{"choices":[],"usage" : {"x":1}}', 'usage')).toBe(true);
    expect(hasNonNullMember('{"choices":[],"usage":null}', 'usage')).toBe(false);
    expect(hasNonNullMember('{"choices":[],"usage": null}', 'usage')).toBe(false);
    expect(hasNonNullMember('{"delta":{"content":"the \\"usage\\": field"},"usage":null}', 'usage')).toBe(
      false,
    );
    expect(hasNonNullMember('{"a":"usage"}', 'usage')).toBe(false);
  });
});
