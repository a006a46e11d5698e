import { createRequire } from 'node:module';
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { estimateRequestInputTokens, estimateTokens, warmTokenizer } from './estimate-tokens.js';
import { fixture } from './fixtures/fixtures.js';

let reference: Tiktoken;

beforeAll(() => {
  warmTokenizer();
  const require = createRequire(import.meta.url);
  reference = new Tiktoken(require('js-tiktoken/ranks/o200k_base') as TiktokenBPE);
});

describe('estimateTokens', () => {
  it('counts exactly like js-tiktoken o200k_base', () => {
    const samples = [
      'hello world',
      'Hello, world! How are you today?',
      'The quick brown fox jumps over the lazy dog. '.repeat(50),
      "I'll check: it's 18°C — ça va? 東京は晴れです。 Привет, мир! 😀🎉",
      'function add(a: number, b: number): number {\n  return a + b;\n}\n\n\n',
      '   leading and trailing whitespace \t\r\n',
      '<|endoftext|> special tokens are plain text <|endofprompt|>',
      '1234567890 3.14159 1e10 0xDEADBEEF',
      fixture('openai-chat-stream-tool-calls.sse'),
      fixture('anthropic-message-tool-use.json'),
    ];
    for (const text of samples)
      expect(estimateTokens(text), text.slice(0, 30)).toBe(reference.encode(text, [], []).length);
  });

  it('returns 0 for empty text', () => {
    expect(estimateTokens('')).toBe(0);
  });

  it('stays fast on pathological input (one long letter run, long CJK text)', () => {
    const start = performance.now();
    const runs = estimateTokens('a'.repeat(200_000));
    const cjk = estimateTokens('漢字仮名交じり文中国语한국어'.repeat(2_000));
    expect(runs).toBeGreaterThan(10_000);
    expect(cjk).toBeGreaterThan(10_000);
    expect(performance.now() - start).toBeLessThan(3_000);
  });
});

describe('estimateRequestInputTokens', () => {
  const t = estimateTokens;

  it('walks OpenAI chat messages, tool calls and tools', () => {
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }];
    const body = {
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'You are terse.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${'A'.repeat(10_000)}` } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'c', type: 'function', function: { name: 'get_weather', arguments: '{"q":1}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'c', content: 'sunny' },
      ],
      tools,
    };
    const expected =
      4 * 4 +
      3 +
      t('You are terse.') +
      t('What is this?') +
      765 +
      t('get_weather') +
      t('{"q":1}') +
      t('sunny') +
      t(JSON.stringify(tools));
    expect(estimateRequestInputTokens(body)).toBe(expected);
  });

  it('walks Anthropic system, blocks, tool_use and tool_result', () => {
    const body = {
      model: 'claude',
      max_tokens: 10,
      system: [{ type: 'text', text: 'Be brief.' }],
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'w', input: { city: 'Paris' } }] },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: '18C' }] }],
        },
      ],
    };
    expect(estimateRequestInputTokens(body)).toBe(
      3 * 4 + 3 + t('Be brief.') + t('Weather?') + t('w') + t('{"city":"Paris"}') + t('18C'),
    );
  });

  it('handles completions prompts, embeddings inputs and Responses input', () => {
    expect(estimateRequestInputTokens({ prompt: 'Once upon a time' })).toBe(t('Once upon a time'));
    expect(estimateRequestInputTokens({ input: ['alpha', 'beta gamma'] })).toBe(t('alpha') + t('beta gamma'));
    expect(estimateRequestInputTokens({ input: [[1, 2, 3], [4]] })).toBe(4);
    expect(
      estimateRequestInputTokens({
        instructions: 'Talk like a pirate.',
        input: [
          {
            role: 'user',
            content: [
              { type: 'input_text', text: 'Hello' },
              { type: 'input_image', image_url: 'https://x/y.png' },
            ],
          },
        ],
      }),
    ).toBe(t('Talk like a pirate.') + 4 + t('Hello') + 765);
    expect(estimateRequestInputTokens(null)).toBe(0);
    expect(estimateRequestInputTokens({})).toBe(0);
  });
});

describe('the tokenizer budget', () => {
  it('counts a string longer than the budget by its UTF-8 bytes, quickly', () => {
    const text = '漢'.repeat(5_000_000);
    const started = performance.now();
    expect(estimateTokens(text)).toBe(15_000_000);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('shares one budget across a request: strings past it count their bytes', () => {
    const word = 'hello world '.repeat(5_000); // 60,000 characters: fits the 65,536 budget once
    const tokenized = estimateTokens(word);
    expect(tokenized).toBeLessThan(word.length / 2);
    const total = estimateRequestInputTokens({
      messages: [
        { role: 'user', content: word },
        { role: 'user', content: word },
      ],
    });
    // The first is tokenised, the second counted as 60,000 bytes; 4 per message and 3 for the reply.
    expect(total).toBe(tokenized + 60_000 + 4 + 4 + 3);
  });
});
