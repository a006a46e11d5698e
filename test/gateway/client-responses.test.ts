import OpenAI from 'openai';
import { zodTextFormat } from 'openai/helpers/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BASE_INPUT_TOKENS,
  type FakeUpstream,
  OUTPUT_TOKENS,
  replyText,
  TOOL_ARGUMENTS,
  TOOL_INPUT,
} from '../fake-upstream/server.js';
import type { Harness } from '../helpers/tollgate-harness.js';
import {
  lastUpstreamRequest,
  type SdkClients,
  usageEvents,
  useSdkGateway,
  weatherTool,
} from './gateway-fixtures.js';

const claude = 'claude-haiku-4-5';
const groq = 'groq:llama-3.3-70b-versatile';
const functionTool = { type: 'function' as const, strict: false, ...weatherTool };

/** Issue 14, item 3: the Responses API for models that have only chat completions or messages. */
describe('/v1/responses for every model with the openai SDK', () => {
  let upstream: FakeUpstream;
  let harness: Harness;
  let clients: SdkClients;

  useSdkGateway(
    { anthropic: ['sk-ant-responses-0001'], groq: ['gsk-groq-responses-0002'] },
    'responses',
    (gateway) => {
      ({ upstream, harness, clients } = gateway);
    },
  );

  it('openai SDK (item 3): responses.create on a Claude model answers a Response, instructions as system', async () => {
    const { data, response } = await clients.openai.responses
      .create({ model: claude, input: 'Hi', instructions: 'Be brief.' })
      .withResponse();
    expect(data.object).toBe('response');
    expect(data.status).toBe('completed');
    expect(data.output_text).toBe(replyText(claude));
    expect(data.usage).toMatchObject({ input_tokens: BASE_INPUT_TOKENS + 1, output_tokens: OUTPUT_TOKENS });
    const sent = lastUpstreamRequest(upstream);
    expect(sent.path).toBe('/v1/messages');
    expect(sent.body).toMatchObject({ system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }] });
    const [event] = await usageEvents(harness, response.headers.get('tollgate-request-id') ?? '');
    expect(event).toMatchObject({ provider: 'anthropic', stop_reason: 'completed', usage_estimated: 0 });
  });

  it('openai SDK (item 3): responses.stream on a Claude model sends the full event sequence', async () => {
    const stream = clients.openai.responses.stream({ model: claude, input: 'Hi' });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    const final = await stream.finalResponse();
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(final.output_text).toBe(replyText(claude));
    expect(final.usage).toMatchObject({ input_tokens: BASE_INPUT_TOKENS + 1, output_tokens: OUTPUT_TOKENS });
  });

  it('openai SDK (item 3): a Claude tool call comes back as a function_call item, and its output goes back as tool_result', async () => {
    const first = await clients.openai.responses.create({
      model: claude,
      input: 'What is the weather in Paris?',
      tools: [functionTool],
    });
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ name: 'get_weather', arguments: JSON.stringify(TOOL_INPUT) });
    if (call?.type !== 'function_call') throw new Error('no function call');

    const second = await clients.openai.responses.create({
      model: claude,
      tools: [functionTool],
      input: [
        { role: 'user', content: 'What is the weather in Paris?' },
        call,
        { type: 'function_call_output', call_id: call.call_id, output: '18°C, sunny' },
      ],
    });
    expect(second.output_text).toBe(replyText(claude));
    const sent = lastUpstreamRequest(upstream).body;
    expect(sent.messages).toEqual([
      { role: 'user', content: 'What is the weather in Paris?' },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: call.call_id, name: 'get_weather', input: TOOL_INPUT }],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.call_id, content: '18°C, sunny' }] },
    ]);
  });

  it('openai SDK (item 3): a streamed Claude tool call arrives as function-call argument deltas', async () => {
    const stream = clients.openai.responses.stream({
      model: claude,
      input: 'What is the weather in Paris?',
      tools: [functionTool],
    });
    let args = '';
    stream.on('response.function_call_arguments.delta', (event) => {
      args += event.delta;
    });
    const final = await stream.finalResponse();
    expect(args).toBe(TOOL_ARGUMENTS);
    expect(final.output).toMatchObject([
      { type: 'function_call', name: 'get_weather', arguments: TOOL_ARGUMENTS },
    ]);
  });

  it('openai SDK (item 3): responses.parse with a text format gets parsed JSON from a Claude model', async () => {
    const parsed = await clients.openai.responses.parse({
      model: claude,
      input: 'Where is the Eiffel tower?',
      text: { format: zodTextFormat(z.object({ location: z.string() }), 'place') },
    });
    expect(parsed.output_parsed).toEqual(TOOL_INPUT);
  });

  it('openai SDK (item 3): previous_response_id is refused with a 400 naming it', async () => {
    const error = await clients.openai.responses
      .create({ model: claude, input: 'And then?', previous_response_id: 'resp_123' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.APIError>).param).toBe('previous_response_id');
    expect(upstream.requests).toHaveLength(0);
  });

  it('openai SDK (item 3): a chat-completions-only provider answers responses, JSON and streamed', async () => {
    const data = await clients.openai.responses.create({ model: groq, input: 'Hi', max_output_tokens: 50 });
    expect(data.output_text).toBe(replyText('llama-3.3-70b-versatile'));
    const sent = lastUpstreamRequest(upstream);
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.body).toMatchObject({ max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] });

    const stream = clients.openai.responses.stream({ model: groq, input: 'Hi' });
    const final = await stream.finalResponse();
    expect(final.output_text).toBe(replyText('llama-3.3-70b-versatile'));
    expect(final.usage?.output_tokens).toBe(OUTPUT_TOKENS);
  });

  it('openai SDK (item 3): a custom (free-text) tool, as the Codex CLI sends, round-trips through a Claude model', async () => {
    const patchTool = {
      type: 'custom' as const,
      name: 'apply_patch',
      description: 'Apply a patch.',
      format: { type: 'grammar' as const, syntax: 'lark' as const, definition: 'start: "*** Begin Patch"' },
    };
    const first = await clients.openai.responses.create({
      model: claude,
      input: 'Fix the bug.',
      tools: [patchTool],
      tool_choice: { type: 'custom', name: 'apply_patch' },
    });
    const call = first.output.find((item) => item.type === 'custom_tool_call');
    if (call?.type !== 'custom_tool_call') throw new Error('no custom tool call');
    // The fake answers any forced tool with its weather input; a custom tool's is then that JSON text.
    expect(call).toMatchObject({ name: 'apply_patch', input: JSON.stringify(TOOL_INPUT) });
    const sentTools = lastUpstreamRequest(upstream).body.tools as Array<Record<string, unknown>>;
    expect(sentTools[0]).toMatchObject({
      name: 'apply_patch',
      description: expect.stringContaining('*** Begin Patch'),
      input_schema: { properties: { input: { type: 'string' } }, required: ['input'] },
    });

    const stream = clients.openai.responses.stream({
      model: claude,
      tools: [patchTool],
      input: [
        { role: 'user', content: 'Fix the bug.' },
        { type: 'custom_tool_call', call_id: call.call_id, name: 'apply_patch', input: '*** Begin Patch' },
        { type: 'custom_tool_call_output', call_id: call.call_id, output: 'Done.' },
      ],
    });
    expect((await stream.finalResponse()).output_text).toBe(replyText(claude));
    expect(lastUpstreamRequest(upstream).body.messages).toEqual([
      { role: 'user', content: 'Fix the bug.' },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: call.call_id, name: 'apply_patch', input: { input: '*** Begin Patch' } },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.call_id, content: 'Done.' }] },
    ]);
  });

  it('openai SDK (item 3): a streamed custom tool call arrives as a custom_tool_call item', async () => {
    const stream = clients.openai.responses.stream({
      model: claude,
      input: 'Fix the bug.',
      tools: [{ type: 'custom', name: 'apply_patch' }],
      tool_choice: { type: 'custom', name: 'apply_patch' },
    });
    const types: string[] = [];
    stream.on('event', (event) => types.push(event.type));
    const final = await stream.finalResponse();
    expect(types).toContain('response.custom_tool_call_input.done');
    expect(final.output).toMatchObject([
      { type: 'custom_tool_call', name: 'apply_patch', input: TOOL_ARGUMENTS },
    ]);
  });
});
