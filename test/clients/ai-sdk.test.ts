import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateObject, generateText, streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BASE_INPUT_TOKENS, OUTPUT_TOKENS, replyText, TOOL_INPUT } from '../fake-upstream/server.js';
import { createAccessKey, createConfiguration, createProviderKeys } from '../helpers/gateway-client.js';
import { type ClientSetup, startClientSetup } from './client-harness.js';

const claude = 'claude-haiku-4-5';

/**
 * Issue 14 with the Vercel AI SDK (`ai` 6, `@ai-sdk/openai`, `@ai-sdk/anthropic`,
 * `@ai-sdk/openai-compatible`), unmodified.
 */
describe('Vercel AI SDK through Tollgate', () => {
  let setup: ClientSetup;
  let openai: ReturnType<typeof createOpenAI>;
  let anthropic: ReturnType<typeof createAnthropic>;

  beforeAll(async () => {
    setup = await startClientSetup();
    openai = createOpenAI({ baseURL: `${setup.harness.gatewayUrl}/v1`, apiKey: setup.token });
    anthropic = createAnthropic({ baseURL: `${setup.harness.gatewayUrl}/v1`, apiKey: setup.token });
  });
  afterAll(async () => {
    await setup?.close();
  });

  it('AI SDK (item 3): the default openai(model) reaches a Claude model through the Responses API', async () => {
    const result = await generateText({ model: openai(claude), prompt: 'Hi', maxRetries: 0 });
    expect(result.text).toBe(replyText(claude));
    expect(result.usage.inputTokens).toBe(BASE_INPUT_TOKENS + 1);
    expect(setup.upstream.requests.at(-1)?.path).toBe('/v1/messages');
  });

  it('AI SDK (item 3): streamText with openai(model) on a Claude model streams the Responses events', async () => {
    const result = streamText({ model: openai(claude), prompt: 'Hi', maxRetries: 0 });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe(replyText(claude));
    expect((await result.usage).outputTokens).toBe(OUTPUT_TOKENS);
  });

  it('AI SDK (item 1): generateObject on a Claude model, through chat completions and through responses', async () => {
    const schema = z.object({ location: z.string() });
    const viaChat = await generateObject({
      model: openai.chat(claude),
      schema,
      prompt: 'Where is the Eiffel tower?',
      maxRetries: 0,
    });
    expect(viaChat.object).toEqual(TOOL_INPUT);
    const viaResponses = await generateObject({
      model: openai(claude),
      schema,
      prompt: 'Where is the Eiffel tower?',
      maxRetries: 0,
    });
    expect(viaResponses.object).toEqual(TOOL_INPUT);
  });

  it('AI SDK: @ai-sdk/anthropic streaming from an OpenAI model keeps the provider input count', async () => {
    const result = streamText({ model: anthropic('gpt-4o'), prompt: 'Hi', maxRetries: 0 });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe(replyText('gpt-4o'));
    expect((await result.usage).inputTokens).toBe(BASE_INPUT_TOKENS + 1);
  });

  it('AI SDK (item 5): a refused provider key surfaces as a 502, not a 401', async () => {
    const [id] = await createProviderKeys(setup.harness, 'openai', ['sk-fail-401-aisdk-0004']);
    const configurationId = await createConfiguration(setup.harness, {
      router: { rules: [{ provider: 'openai', steps: [{ type: 'user', keys: [{ id }] }] }] },
    });
    const { token } = await createAccessKey(setup.harness, configurationId);
    const failing = createOpenAI({ baseURL: `${setup.harness.gatewayUrl}/v1`, apiKey: token });
    const error = await generateText({ model: failing.chat('gpt-4o'), prompt: 'Hi', maxRetries: 0 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ statusCode: 502, isRetryable: true });
  });

  it('AI SDK (item 1): @ai-sdk/openai-compatible generateObject on a Claude model with structured outputs', async () => {
    const compatible = createOpenAICompatible({
      name: 'tollgate',
      baseURL: `${setup.harness.gatewayUrl}/v1`,
      apiKey: setup.token,
      supportsStructuredOutputs: true,
    });
    const result = await generateObject({
      model: compatible.chatModel(claude),
      schema: z.object({ location: z.string() }),
      prompt: 'Where is the Eiffel tower?',
      maxRetries: 0,
    });
    expect(result.object).toEqual(TOOL_INPUT);
    expect(setup.upstream.requests.at(-1)?.body).toMatchObject({
      tool_choice: { type: 'tool', name: 'structured_output' },
    });
  });
});
