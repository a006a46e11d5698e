import { describe, expect, it } from 'vitest';
import { estimateRequestInputTokens } from '../../providers/translate/estimate-tokens.js';
import {
  boundedByWindow,
  imageTokenBound,
  inputTokenBound,
  requestOverheadTokens,
  unknownContextWindow,
} from './input-token-bound.js';

describe('inputTokenBound', () => {
  it('counts every byte of text, far above a tokenizer estimate for runs of spaces', () => {
    const body = { model: 'gpt-4o', messages: [{ role: 'user', content: ' '.repeat(4_000) }] };
    const bound = inputTokenBound(body);
    expect(bound.tokens).toBeGreaterThan(4_000 + requestOverheadTokens);
    expect(estimateRequestInputTokens(body)).toBeLessThan(100);
    expect(bound.hasFiles).toBe(false);
  });

  it('counts UTF-8 bytes, not characters', () => {
    const ascii = inputTokenBound({ messages: [{ role: 'user', content: 'a'.repeat(100) }] }).tokens;
    const cjk = inputTokenBound({ messages: [{ role: 'user', content: '字'.repeat(100) }] }).tokens;
    expect(cjk - ascii).toBe(200);
  });

  it('bounds an image by a fixed amount, whatever the size of its data', () => {
    const image = (url: string) => ({
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url } }] }],
    });
    const small = inputTokenBound(image('https://example.com/a.png')).tokens;
    const large = inputTokenBound(image(`data:image/png;base64,${'A'.repeat(1_000_000)}`)).tokens;
    expect(small).toBe(large);
    expect(small).toBeGreaterThanOrEqual(imageTokenBound);
    const anthropic = inputTokenBound({
      messages: [
        { role: 'user', content: [{ type: 'image', source: { type: 'base64', data: 'A'.repeat(1e5) } }] },
      ],
    });
    expect(anthropic.tokens).toBeLessThan(imageTokenBound + requestOverheadTokens + 200);
  });

  it('takes the whole context window for a file or a PDF, but counts a text document as text', () => {
    const pdf = {
      messages: [
        { role: 'user', content: [{ type: 'document', source: { type: 'url', url: 'https://x/a.pdf' } }] },
      ],
    };
    expect(inputTokenBound(pdf).hasFiles).toBe(true);
    expect(boundedByWindow(inputTokenBound(pdf), 200_000)).toBe(200_000);
    expect(boundedByWindow(inputTokenBound(pdf), undefined)).toBe(unknownContextWindow);
    const text = {
      messages: [
        { role: 'user', content: [{ type: 'document', source: { type: 'text', data: 'x'.repeat(500) } }] },
      ],
    };
    expect(inputTokenBound(text).hasFiles).toBe(false);
    expect(inputTokenBound(text).tokens).toBeGreaterThan(500);
    const responsesFile = { input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'file-1' }] }] };
    expect(inputTokenBound(responsesFile).hasFiles).toBe(true);
  });

  it('never exceeds the model’s context window', () => {
    const body = { messages: [{ role: 'user', content: 'x'.repeat(50_000) }] };
    expect(boundedByWindow(inputTokenBound(body), 8_192)).toBe(8_192);
    expect(boundedByWindow(inputTokenBound(body), undefined)).toBe(inputTokenBound(body).tokens);
  });

  it('counts tool definitions and tool results, which providers tokenize too', () => {
    const bare = inputTokenBound({ messages: [{ role: 'user', content: 'hi' }] }).tokens;
    const withTools = inputTokenBound({
      messages: [{ role: 'user', content: 'hi' }],
      tools: [
        {
          type: 'function',
          function: { name: 'lookup', parameters: { type: 'object', description: 'y'.repeat(300) } },
        },
      ],
    }).tokens;
    expect(withTools - bare).toBeGreaterThan(300);
  });
});
