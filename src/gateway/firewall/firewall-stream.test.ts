import { describe, expect, it } from 'vitest';
import { CompiledPolicy } from '../../domain/firewall/compiled-policy.js';
import type { FirewallMode, FirewallRule } from '../../domain/firewall/firewall-policy-schema.js';
import { createAnthropicStreamTap } from '../../providers/anthropic/messages-stream-tap.js';
import { createOpenAIStreamTap } from '../../providers/openai/chat-stream-tap.js';
import { fixture, sseEvents } from '../../providers/translate/fixtures/fixtures.js';
import type { ApiSurface, StreamTranslator } from '../../providers/types.js';
import { FirewallStream } from './firewall-stream.js';
import { RequestFirewall } from './request-firewall.js';

const blockParis: FirewallRule = {
  name: 'no-paris',
  stages: ['response'],
  argumentsPattern: 'Paris',
  action: 'block',
};

function firewall(surface: ApiSurface, rules: FirewallRule[], mode: FirewallMode = 'enforce') {
  const policy = new CompiledPolicy('aigfp_test', mode, rules);
  return new RequestFirewall(policy, surface, { policyId: policy.id, rule: undefined, decision: undefined });
}

/** What the client receives, push by push: each entry is one upstream event's output. */
function run(stream: StreamTranslator, text: string): string[] {
  const outputs = sseEvents(text).map((event) => stream.push(event));
  outputs.push(stream.end());
  return outputs;
}

const chunk = (choice: Record<string, unknown>) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, ...choice }] })}\n\n`;
const callPiece = (index: number, fn: Record<string, unknown>, id?: string) =>
  chunk({
    delta: { tool_calls: [{ index, ...(id ? { id, type: 'function' } : {}), function: fn }] },
    finish_reason: null,
  });

describe('FirewallStream', () => {
  it('passes a same-format stream byte for byte when its calls are allowed', () => {
    const text = fixture('openai-chat-stream-tool-calls.sse');
    const guarded = firewall('chat-completions', [{ ...blockParis, argumentsPattern: 'Berlin' }]);
    const out = run(new FirewallStream(createOpenAIStreamTap({ clientWantsUsage: true }), guarded), text);
    expect(out.join('')).toBe(text);
    expect(guarded.verdict.decision).toBeUndefined();
  });

  it('holds a chat call until the finish, and sends text deltas at once', () => {
    const text =
      chunk({ delta: { role: 'assistant', content: 'Let me check' }, finish_reason: null }) +
      callPiece(0, { name: 'get_weather', arguments: '' }, 'call_1') +
      callPiece(0, { arguments: '{"city":"Ber' }) +
      callPiece(0, { arguments: 'lin"}' }) +
      chunk({ delta: {}, finish_reason: 'tool_calls' }) +
      'data: [DONE]\n\n';
    const guarded = firewall('chat-completions', [blockParis]);
    const out = run(new FirewallStream(createOpenAIStreamTap({ clientWantsUsage: true }), guarded), text);
    expect(out[0]).toContain('Let me check');
    expect(out.slice(1, 4)).toEqual(['', '', '']);
    expect(out[4]).toContain('"arguments":"lin\\"}"');
    expect(out.join('')).toBe(text);
  });

  it('replaces parallel chat calls by one error chunk when any is refused, and sends nothing after', () => {
    const text =
      callPiece(0, { name: 'lookup', arguments: '{"q":"x"}' }, 'call_1') +
      callPiece(1, { name: 'get_weather', arguments: '{"city":"Par' }, 'call_2') +
      callPiece(1, { arguments: 'is"}' }) +
      chunk({ delta: {}, finish_reason: 'tool_calls' }) +
      'data: [DONE]\n\n';
    const guarded = firewall('chat-completions', [blockParis]);
    const out = run(
      new FirewallStream(createOpenAIStreamTap({ clientWantsUsage: true }), guarded),
      text,
    ).join('');
    expect(out).not.toContain('lookup');
    expect(out).not.toContain('[DONE]');
    const [event] = sseEvents(out);
    expect(JSON.parse(event?.data ?? '')).toMatchObject({
      error: { code: 'tool_call_blocked', type: 'permission_error', param: 'no-paris' },
    });
    expect(guarded.verdict).toMatchObject({ rule: 'no-paris', decision: 'blocked' });
  });

  it('decides an Anthropic tool_use block at its content_block_stop, keeping the text before it', () => {
    const text = fixture('anthropic-stream-tool-use.sse');
    const guarded = firewall('messages', [{ ...blockParis, argumentsPattern: '.' }]);
    const out = run(new FirewallStream(createAnthropicStreamTap(), guarded), text).join('');
    const names = sseEvents(out).map((event) => event.event);
    expect(names).not.toContain('message_stop');
    expect(names.at(-1)).toBe('error');
    expect(out).toContain('text_delta');
    expect(out).not.toContain('tool_use');
  });

  it('changes nothing in a dry run and records what would have happened', () => {
    const text = fixture('anthropic-stream-tool-use.sse');
    const guarded = firewall('messages', [{ ...blockParis, argumentsPattern: '.' }], 'dry_run');
    const out = run(new FirewallStream(createAnthropicStreamTap(), guarded), text).join('');
    expect(out).toBe(text);
    expect(guarded.verdict).toMatchObject({ rule: 'no-paris', decision: 'would_block' });
  });
});
