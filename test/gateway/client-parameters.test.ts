import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type FakeUpstream, TOOL_INPUT } from '../fake-upstream/server.js';
import { lastUpstreamRequest, type SdkClients, useSdkGateway, weatherTool } from './gateway-fixtures.js';

const claude = 'claude-haiku-4-5';
/** The fake upstream answers a forced tool with `{"location": "Paris"}`. */
const Place = z.object({ location: z.string() });

/** Issue 14, item 1: no parameter vanishes across translation, as the official SDKs send them. */
describe('parameters across translation with the official SDKs', () => {
  let upstream: FakeUpstream;
  let clients: SdkClients;

  useSdkGateway(
    { anthropic: ['sk-ant-params-0001'], openai: ['sk-openai-params-0002'] },
    'params',
    (gateway) => {
      ({ upstream, clients } = gateway);
    },
  );

  it('openai SDK (item 1): chat.completions.parse with a json_schema gets parsed JSON from a Claude model', async () => {
    const completion = await clients.openai.chat.completions.parse({
      model: claude,
      messages: [{ role: 'user', content: 'Where is the Eiffel tower?' }],
      response_format: zodResponseFormat(Place, 'place'),
    });
    const message = completion.choices[0]?.message;
    expect(message?.parsed).toEqual(TOOL_INPUT);
    expect(message?.tool_calls ?? []).toEqual([]);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    const sent = lastUpstreamRequest(upstream).body;
    expect(sent.tool_choice).toEqual({ type: 'tool', name: 'structured_output' });
    expect(sent.tools).toMatchObject([{ name: 'structured_output', input_schema: { type: 'object' } }]);
  });

  it('openai SDK (item 1): a streamed json_object answer from a Claude model is JSON content', async () => {
    const stream = clients.openai.chat.completions.stream({
      model: claude,
      messages: [{ role: 'user', content: 'Where is the Eiffel tower? Answer in JSON.' }],
      response_format: { type: 'json_object' },
    });
    const completion = await stream.finalChatCompletion();
    expect(JSON.parse(completion.choices[0]?.message.content ?? '')).toEqual(TOOL_INPUT);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
  });

  it('openai SDK (item 1): seed and logprobs are named in Tollgate-Removed-Params, reasoning_effort becomes thinking', async () => {
    const { response } = await clients.openai.chat.completions
      .create({
        model: claude,
        messages: [{ role: 'user', content: 'Hi' }],
        seed: 7,
        logprobs: true,
        reasoning_effort: 'low',
        max_completion_tokens: 4_000,
      })
      .withResponse();
    expect(response.headers.get('tollgate-removed-params')).toBe('seed, logprobs');
    const sent = lastUpstreamRequest(upstream).body;
    expect(sent).not.toHaveProperty('seed');
    expect(sent.thinking).toEqual({ type: 'enabled', budget_tokens: 2_048 });
  });

  it('openai SDK (item 1): n > 1 on a Claude model is a 400 naming n, before any upstream call', async () => {
    const error = await clients.openai.chat.completions
      .create({ model: claude, messages: [{ role: 'user', content: 'Hi' }], n: 2 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.APIError>).param).toBe('n');
    expect(upstream.requests).toHaveLength(0);
  });

  it('openai SDK (item 1): parallel_tool_calls false reaches Claude as disable_parallel_tool_use', async () => {
    await clients.openai.chat.completions.create({
      model: claude,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [{ type: 'function', function: weatherTool }],
      parallel_tool_calls: false,
    });
    expect(lastUpstreamRequest(upstream).body.tool_choice).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
  });

  it('anthropic SDK (item 1): thinking becomes reasoning_effort and top_k is named as removed on an OpenAI model', async () => {
    const { response } = await clients.anthropic.messages
      .create({
        model: 'gpt-4o',
        max_tokens: 20_000,
        messages: [{ role: 'user', content: 'Hi' }],
        thinking: { type: 'enabled', budget_tokens: 10_000 },
        top_k: 5,
      } as Anthropic.MessageCreateParamsNonStreaming)
      .withResponse();
    expect(response.headers.get('tollgate-removed-params')).toBe('top_k');
    const sent = lastUpstreamRequest(upstream).body;
    expect(sent.reasoning_effort).toBe('medium');
    expect(sent).not.toHaveProperty('top_k');
  });

  it('anthropic SDK (item 1): output_config.format reaches an OpenAI model as response_format json_schema', async () => {
    await clients.anthropic.messages.create({
      model: 'gpt-4o',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Where is the Eiffel tower?' }],
      output_config: { format: { type: 'json_schema', schema: weatherTool.parameters } },
    });
    expect(lastUpstreamRequest(upstream).body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'output', schema: weatherTool.parameters },
    });
  });

  it('anthropic SDK (item 1): a server tool on an OpenAI model is a 400 naming tools', async () => {
    const error = await clients.anthropic.messages
      .create({
        model: 'gpt-4o',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'Search the news' }],
        tools: [{ type: 'web_search_20250305', name: 'web_search' }],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      error: { type: 'invalid_request_error', message: expect.stringContaining('"tools"') },
    });
  });
});
