import type Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { BASE_INPUT_TOKENS } from '../fake-upstream/server.js';
import type { Harness } from '../helpers/tollgate-harness.js';
import {
  clientsRoutedThrough,
  eventualUsageEvents,
  type SdkClients,
  usageEvents,
  useSdkGateway,
} from './gateway-fixtures.js';

/** Issue 14, item 2: a translated stream's `message_start` as the Anthropic SDK reads it. */
describe('translated message_start usage with the Anthropic SDK', () => {
  let harness: Harness;
  let clients: SdkClients;

  useSdkGateway({ openai: ['sk-openai-start-0001'] }, 'start', (gateway) => {
    ({ harness, clients } = gateway);
  });

  const messageStartUsage = (events: Anthropic.MessageStreamEvent[]) => {
    const start = events.find((event) => event.type === 'message_start');
    if (start?.type !== 'message_start') throw new Error('no message_start');
    return start.message.usage;
  };

  it("anthropic SDK (item 2): message_start carries an input estimate, message_delta the provider's count", async () => {
    const stream = clients.anthropic.messages.stream({
      model: 'gpt-4o',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Tell me about the weather in Paris in spring, briefly.' }],
    });
    const events: Anthropic.MessageStreamEvent[] = [];
    stream.on('streamEvent', (event) => events.push(event));
    const message = await stream.finalMessage();
    expect(messageStartUsage(events).input_tokens).toBeGreaterThan(0);
    // The fake counts 10 + one per message: the provider's count replaces the estimate.
    expect(message.usage.input_tokens).toBe(BASE_INPUT_TOKENS + 1);
    const { response } = await stream.withResponse();
    const [event] = await usageEvents(harness, response.headers.get('tollgate-request-id') ?? '');
    expect(event).toMatchObject({ input_tokens: BASE_INPUT_TOKENS + 1, usage_estimated: 0 });
  });

  it('anthropic SDK (item 2): a stream that breaks before the count is recorded as estimated', async () => {
    const broken = await clientsRoutedThrough(harness, { openai: 'sk-break-stream-0002' });
    const stream = broken.anthropic.messages.stream({
      model: 'gpt-4o',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const events: Anthropic.MessageStreamEvent[] = [];
    stream.on('streamEvent', (event) => events.push(event));
    await expect(stream.finalMessage()).rejects.toThrow();
    expect(messageStartUsage(events).input_tokens).toBeGreaterThan(0);
    const { response } = await stream.withResponse();
    const [event] = await eventualUsageEvents(harness, response.headers.get('tollgate-request-id') ?? '');
    expect(event).toMatchObject({ usage_estimated: 1 });
  });
});
