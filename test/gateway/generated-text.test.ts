import { describe, expect, it } from 'vitest';
import { generatedTextOf } from '../../src/gateway/generated-text.js';

describe('generatedTextOf', () => {
  it('takes a chat completion message, its reasoning and its tool calls, not its ids or keys', () => {
    const text = generatedTextOf({
      id: 'chatcmpl-123',
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            reasoning_content: 'Think. ',
            content: 'Hello',
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
          },
        },
      ],
    });
    expect(text).toBe('Think. Hellof{"a":1}');
  });

  it('takes legacy completion text', () => {
    expect(generatedTextOf({ choices: [{ text: 'one' }, { text: ' two' }] })).toBe('one two');
  });

  it('takes Anthropic text, thinking and tool_use blocks', () => {
    const text = generatedTextOf({
      id: 'msg_1',
      content: [
        { type: 'thinking', thinking: 'Hmm. ', signature: 'sig' },
        { type: 'text', text: 'Sure.' },
        { type: 'tool_use', id: 'toolu_1', name: 'g', input: { b: 2 } },
      ],
    });
    expect(text).toBe('Hmm. Sure.g{"b":2}');
  });

  it('takes Responses output messages, function calls and reasoning summaries', () => {
    const text = generatedTextOf({
      output: [
        { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Plan. ' }] },
        { type: 'message', content: [{ type: 'output_text', text: 'Done.' }] },
        { type: 'function_call', name: 'h', arguments: '{}' },
      ],
    });
    expect(text).toBe('Plan. Done.h{}');
  });

  it('finds nothing generated in embeddings or non-objects', () => {
    expect(generatedTextOf({ object: 'list', data: [{ embedding: [0.1] }] })).toBe('');
    expect(generatedTextOf('text')).toBe('');
    expect(generatedTextOf(null)).toBe('');
  });
});
