import { ChatAnthropic } from '@langchain/anthropic';
import type { AIMessageChunk, UsageMetadata } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BASE_INPUT_TOKENS, OUTPUT_TOKENS, replyText, TOOL_INPUT } from '../fake-upstream/server.js';
import { type ClientSetup, startClientSetup } from './client-harness.js';

const claude = 'claude-haiku-4-5';

/** Issue 14 with LangChain JS (`@langchain/openai`, `@langchain/anthropic`), unmodified. */
describe('LangChain through Tollgate', () => {
  let setup: ClientSetup;

  beforeAll(async () => {
    setup = await startClientSetup();
  });
  afterAll(async () => {
    await setup?.close();
  });

  const chatAnthropic = (model: string) =>
    new ChatAnthropic({
      model,
      apiKey: setup.token,
      anthropicApiUrl: setup.harness.gatewayUrl,
      maxRetries: 0,
      maxTokens: 64,
    });
  const chatOpenAI = (model: string, useResponsesApi = false) =>
    new ChatOpenAI({
      model,
      apiKey: setup.token,
      configuration: { baseURL: `${setup.harness.gatewayUrl}/v1` },
      maxRetries: 0,
      useResponsesApi,
    });

  it('LangChain ChatAnthropic (item 2): a streamed answer from an OpenAI model reports its input tokens', async () => {
    let aggregate: AIMessageChunk | undefined;
    for await (const chunk of await chatAnthropic('gpt-4o').stream('Hi')) {
      aggregate = aggregate === undefined ? chunk : aggregate.concat(chunk);
    }
    expect(aggregate?.content).toBe(replyText('gpt-4o'));
    // LangChain's own types narrow usage_metadata to never under exactOptionalPropertyTypes.
    const usage = aggregate?.usage_metadata as UsageMetadata | undefined;
    expect(usage?.input_tokens).toBeGreaterThan(0);
    expect(usage?.output_tokens).toBe(OUTPUT_TOKENS);
  });

  it('LangChain ChatOpenAI (item 1): withStructuredOutput on a Claude model returns the object', async () => {
    const structured = chatOpenAI(claude).withStructuredOutput(z.object({ location: z.string() }), {
      method: 'jsonSchema',
      name: 'place',
    });
    expect(await structured.invoke('Where is the Eiffel tower?')).toEqual(TOOL_INPUT);
  });

  it('LangChain ChatOpenAI (item 3): useResponsesApi reaches a Claude model, streamed too', async () => {
    const model = chatOpenAI(claude, true);
    const answer = await model.invoke('Hi');
    expect(answer.text).toBe(replyText(claude));
    expect((answer.usage_metadata as UsageMetadata | undefined)?.input_tokens).toBe(BASE_INPUT_TOKENS + 1);
    let streamed = '';
    for await (const chunk of await model.stream('Hi')) streamed += chunk.text;
    expect(streamed).toBe(replyText(claude));
    expect(setup.upstream.requests.at(-1)?.path).toBe('/v1/messages');
  });
});
