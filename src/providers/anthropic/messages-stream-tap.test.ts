import { describe, expect, it } from 'vitest';
import { fixture, runStream, sseEvents } from '../translate/fixtures/fixtures.js';
import { createAnthropicStreamTap } from './messages-stream-tap.js';

describe('createAnthropicStreamTap', () => {
  for (const name of ['anthropic-stream-tool-use.sse', 'anthropic-stream-text.sse']) {
    it(`passes ${name} through byte for byte`, () => {
      for (const text of [fixture(name), fixture(name).replaceAll('\n', '\r\n')]) {
        for (const size of [text.length, 1, 17])
          expect(runStream(createAnthropicStreamTap(), text, size)).toBe(text);
      }
    });
  }

  it('merges message_start usage (input, cache) with message_delta usage (output)', () => {
    const tap = createAnthropicStreamTap();
    runStream(tap, fixture('anthropic-stream-tool-use.sse'));
    expect(tap.usage()).toEqual({
      inputTokens: 472 + 1024 + 128,
      outputTokens: 89,
      cacheReadTokens: 1024,
      cacheWriteTokens: 128,
      cacheWrite1hTokens: 0,
      reasoningTokens: 0,
    });
    expect(tap.stopReason()).toBe('tool_use');
    expect(tap.generatedText()).toBe(
      `I'll check the weather in Paris for you.{"location": "Paris, France", "unit": "celsius"}`,
    );
  });

  it('keeps the cache-write split of message_start when message_delta repeats only the total', () => {
    const tap = createAnthropicStreamTap();
    const start = {
      type: 'message_start',
      message: {
        usage: {
          input_tokens: 11,
          output_tokens: 1,
          cache_creation_input_tokens: 8,
          cache_creation: { ephemeral_5m_input_tokens: 5, ephemeral_1h_input_tokens: 3 },
        },
      },
    };
    const delta = { type: 'message_delta', usage: { output_tokens: 7, cache_creation_input_tokens: 8 } };
    runStream(
      tap,
      `event: message_start\ndata: ${JSON.stringify(start)}\n\nevent: message_delta\ndata: ${JSON.stringify(delta)}\n\n`,
    );
    expect(tap.usage()).toMatchObject({
      inputTokens: 19,
      outputTokens: 7,
      cacheWriteTokens: 8,
      cacheWrite1hTokens: 3,
    });
  });

  it('lets message_delta overwrite input fields it repeats', () => {
    const tap = createAnthropicStreamTap();
    runStream(tap, fixture('anthropic-stream-text.sse'));
    expect(tap.usage()).toEqual({
      inputTokens: 3025,
      outputTokens: 15,
      cacheReadTokens: 3000,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: 0,
    });
    expect(tap.stopReason()).toBe('max_tokens');
    expect(tap.generatedText()).toBe('Hello, world');
  });

  it('keeps message_start usage and partial text when the stream breaks', () => {
    const text = fixture('anthropic-stream-tool-use.sse');
    const cut = text.indexOf('"partial_json":"{') + 12;
    const tap = createAnthropicStreamTap();
    for (const event of sseEvents(text.slice(0, cut))) tap.push(event);
    expect(tap.usage()).toMatchObject({ inputTokens: 1624, outputTokens: 2 });
    expect(tap.stopReason()).toBeNull();
    expect(tap.generatedText()).toBe("I'll check the weather in Paris for you.");
  });

  it('works without event: lines', () => {
    const text = fixture('anthropic-stream-text.sse').replace(/^event: .*\n/gm, '');
    const tap = createAnthropicStreamTap();
    expect(runStream(tap, text)).toBe(text);
    expect(tap.usage()).toMatchObject({ inputTokens: 3025, outputTokens: 15 });
    expect(tap.generatedText()).toBe('Hello, world');
  });

  it('returns null usage before message_start', () => {
    const tap = createAnthropicStreamTap();
    tap.push({ event: 'ping', data: '{"type":"ping"}', raw: 'event: ping\ndata: {"type":"ping"}\n\n' });
    expect(tap.usage()).toBeNull();
    expect(tap.end()).toBe('');
  });
});
