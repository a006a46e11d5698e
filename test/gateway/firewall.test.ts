import { APIError as AnthropicAPIError } from '@anthropic-ai/sdk';
import { APIError as OpenAIAPIError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeUpstream, replyText, startFakeUpstream, TOOL_ARGUMENTS } from '../fake-upstream/server.js';
import { createAccessKey, createConfiguration, createProviderKeys } from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';
import { lastUpstreamRequest, type SdkClients, sdkClients } from './gateway-fixtures.js';

const claude = 'claude-haiku-4-5';
const gpt = 'gpt-4o-mini';
const weather = 'What is the weather in Paris?';

/** The rules of both test policies: first match wins. */
const rules = [
  { name: 'allow-lookup', stages: ['request', 'response'], tools: ['lookup'], action: 'allow' },
  { name: 'no-shell', stages: ['request'], tools: ['shell'], action: 'block' },
  { name: 'hide-admin', stages: ['request'], tools: ['admin_*'], action: 'strip' },
  { name: 'no-paris', stages: ['response'], argumentsPattern: '"Par(i|1)s"', action: 'block' },
];

const chatTool = (name: string) => ({
  type: 'function' as const,
  function: { name, parameters: { type: 'object', properties: { location: { type: 'string' } } } },
});
const anthropicTool = (name: string) => ({
  name,
  input_schema: { type: 'object' as const, properties: { location: { type: 'string' } } },
});
const responsesTool = (name: string) => ({
  type: 'function' as const,
  name,
  strict: false,
  parameters: { type: 'object', properties: { location: { type: 'string' } } },
});

interface EventRow {
  firewall_policy_id: string | null;
  firewall_rule: string | null;
  firewall_decision: string | null;
  status_code: number;
}

describe('firewall policies for tool calls, through both official SDKs', () => {
  let upstream: FakeUpstream;
  let harness: Harness;
  let enforced: SdkClients;
  let dryRun: SdkClients;
  let enforcePolicyId: string;
  let dryRunPolicyId: string;

  const keyFor = async (mode: 'enforce' | 'dry_run') => {
    const policy = await harness.admin<{ id: string }>('POST', '/firewall-policies', {
      name: `tools ${mode}`,
      mode,
      rules,
    });
    expect(policy.status).toBe(201);
    const configurationId = await createConfiguration(harness, { firewallPolicyId: policy.body.id });
    const { token } = await createAccessKey(harness, configurationId);
    return { policyId: policy.body.id, clients: sdkClients(harness, token) };
  };

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    harness = await startHarness({ upstreamUrl: upstream.url });
    await createProviderKeys(harness, 'anthropic', ['sk-ant-firewall-0001']);
    await createProviderKeys(harness, 'openai', ['sk-openai-firewall-0002']);
    ({ policyId: enforcePolicyId, clients: enforced } = await keyFor('enforce'));
    ({ policyId: dryRunPolicyId, clients: dryRun } = await keyFor('dry_run'));
  });
  beforeEach(() => upstream.reset());
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  /** The firewall columns of a request's events, through the usage API's view. */
  const eventsOf = async (requestId: string | null): Promise<EventRow[]> => {
    await harness.tollgate.services.recorder.settled();
    return (await harness.tollgate.services.store.db
      .selectFrom('usage_events')
      .select(['firewall_policy_id', 'firewall_rule', 'firewall_decision', 'status_code'])
      .where('request_id', '=', requestId ?? '')
      .execute()) as EventRow[];
  };

  /** The request id of the most recent usage event (a thrown SDK error hides the response headers). */
  const lastEvent = async (): Promise<EventRow & { request_id: string }> => {
    await harness.tollgate.services.recorder.settled();
    const row = await harness.tollgate.services.store.db
      .selectFrom('usage_events')
      .select(['request_id', 'firewall_policy_id', 'firewall_rule', 'firewall_decision', 'status_code'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return row as EventRow & { request_id: string };
  };

  describe('the request stage', () => {
    it('refuses an advertised tool with 403 tool_blocked naming the rule, before any upstream call', async () => {
      const error = await enforced.openai.chat.completions
        .create({ model: gpt, messages: [{ role: 'user', content: 'Hi' }], tools: [chatTool('shell')] })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAIAPIError);
      expect(error).toMatchObject({ status: 403, code: 'tool_blocked', param: 'no-shell' });
      expect((error as Error).message).toContain('"shell"');
      expect(upstream.requests).toHaveLength(0);
      expect(await lastEvent()).toMatchObject({
        firewall_policy_id: enforcePolicyId,
        firewall_rule: 'no-shell',
        firewall_decision: 'blocked',
        status_code: 403,
      });
    });

    it('refuses an advertised tool on /v1/messages in the Anthropic error shape', async () => {
      const error = await enforced.anthropic.messages
        .create({
          model: claude,
          max_tokens: 64,
          messages: [{ role: 'user', content: 'Hi' }],
          tools: [anthropicTool('shell')],
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AnthropicAPIError);
      expect(error).toMatchObject({
        status: 403,
        error: { type: 'error', error: { type: 'permission_error', code: 'tool_blocked' } },
      });
      expect(upstream.requests).toHaveLength(0);
    });

    it('refuses a tool result sent back for a call of a blocked tool (matched by the call it answers)', async () => {
      const error = await enforced.anthropic.messages
        .create({
          model: claude,
          max_tokens: 64,
          messages: [
            { role: 'user', content: 'List files' },
            {
              role: 'assistant',
              content: [{ type: 'tool_use', id: 'toolu_1', name: 'shell', input: { cmd: 'ls' } }],
            },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'a b c' }] },
          ],
        })
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ status: 403, error: { error: { code: 'tool_blocked' } } });
      expect(upstream.requests).toHaveLength(0);
    });

    it('strips a matching advertised tool before the model sees it (chat and messages)', async () => {
      const { response } = await enforced.openai.chat.completions
        .create({
          model: gpt,
          messages: [{ role: 'user', content: 'Hi' }],
          tools: [chatTool('lookup'), chatTool('admin_delete')],
          tool_choice: { type: 'function', function: { name: 'admin_delete' } },
        })
        .withResponse();
      const sent = lastUpstreamRequest(upstream).body;
      expect((sent.tools as Array<{ function: { name: string } }>).map((tool) => tool.function.name)).toEqual(
        ['lookup'],
      );
      // A tool_choice that forced the stripped tool goes with it.
      expect(sent.tool_choice).toBeUndefined();
      expect(await eventsOf(response.headers.get('tollgate-request-id'))).toEqual([
        expect.objectContaining({ firewall_rule: 'hide-admin', firewall_decision: 'stripped' }),
      ]);

      upstream.reset();
      await enforced.anthropic.messages.create({
        model: claude,
        max_tokens: 64,
        messages: [{ role: 'user', content: 'Hi' }],
        tools: [anthropicTool('admin_users')],
      });
      expect(lastUpstreamRequest(upstream).body.tools).toBeUndefined();
    });
  });

  describe('the response stage: an emitted tool call whose arguments a rule refuses', () => {
    const expectBlockedEvent = async (streaming: boolean) => {
      expect(await lastEvent()).toMatchObject({
        firewall_policy_id: enforcePolicyId,
        firewall_rule: 'no-paris',
        firewall_decision: 'blocked',
        ...(streaming ? {} : { status_code: 403 }),
      });
    };

    for (const [label, model] of [
      ['same format', gpt],
      ['translated', claude],
    ] as const) {
      it(`chat completions, ${label}: JSON answers 403 tool_call_blocked`, async () => {
        const error = await enforced.openai.chat.completions
          .create({ model, messages: [{ role: 'user', content: weather }], tools: [chatTool('get_weather')] })
          .catch((caught: unknown) => caught);
        expect(error).toMatchObject({ status: 403, code: 'tool_call_blocked', param: 'no-paris' });
        await expectBlockedEvent(false);
      });

      it(`chat completions, ${label}: the stream ends with an error event, the call never reaches the client`, async () => {
        const stream = await enforced.openai.chat.completions.create({
          model,
          messages: [{ role: 'user', content: weather }],
          tools: [chatTool('get_weather')],
          stream: true,
        });
        const seenCalls: unknown[] = [];
        const error = await (async () => {
          for await (const chunk of stream) {
            if (chunk.choices[0]?.delta.tool_calls) seenCalls.push(chunk.choices[0].delta.tool_calls);
          }
        })().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(OpenAIAPIError);
        expect(error).toMatchObject({ code: 'tool_call_blocked' });
        expect(seenCalls).toEqual([]);
        await expectBlockedEvent(true);
      });

      it(`chat completions, ${label}: an allowed tool's call streams through whole`, async () => {
        const stream = await enforced.openai.chat.completions.create({
          model,
          messages: [{ role: 'user', content: weather }],
          tools: [chatTool('lookup')],
          stream: true,
        });
        let args = '';
        let finish: string | null | undefined;
        for await (const chunk of stream) {
          args += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? '';
          finish = chunk.choices[0]?.finish_reason ?? finish;
        }
        expect(JSON.parse(args)).toEqual(JSON.parse(TOOL_ARGUMENTS));
        expect(finish).toBe('tool_calls');
        expect(await lastEvent()).toMatchObject({
          firewall_rule: 'allow-lookup',
          firewall_decision: 'allowed',
        });
      });
    }

    for (const [label, model] of [
      ['same format', claude],
      ['translated', gpt],
    ] as const) {
      it(`messages, ${label}: JSON answers 403 tool_call_blocked in the Anthropic shape`, async () => {
        const error = await enforced.anthropic.messages
          .create({
            model,
            max_tokens: 64,
            messages: [{ role: 'user', content: weather }],
            tools: [anthropicTool('get_weather')],
          })
          .catch((caught: unknown) => caught);
        expect(error).toMatchObject({
          status: 403,
          error: { error: { type: 'permission_error', code: 'tool_call_blocked' } },
        });
        await expectBlockedEvent(false);
      });

      it(`messages, ${label}: the stream ends with an error event instead of the tool_use block`, async () => {
        const stream = await enforced.anthropic.messages.create({
          model,
          max_tokens: 64,
          messages: [{ role: 'user', content: weather }],
          tools: [anthropicTool('get_weather')],
          stream: true,
        });
        const types: string[] = [];
        const error = await (async () => {
          for await (const event of stream) {
            types.push(
              event.type === 'content_block_start' ? `start:${event.content_block.type}` : event.type,
            );
          }
        })().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(AnthropicAPIError);
        expect((error as Error).message).toContain('tool_call_blocked');
        expect(types).not.toContain('start:tool_use');
        expect(types).not.toContain('content_block_delta');
        await expectBlockedEvent(true);
      });
    }

    for (const [label, model] of [
      ['same format', gpt],
      ['translated', claude],
    ] as const) {
      it(`responses, ${label}: JSON answers 403, and a stream ends with an error event`, async () => {
        const request = { model, input: weather, tools: [responsesTool('get_weather')] };
        const error = await enforced.openai.responses.create(request).catch((caught: unknown) => caught);
        expect(error).toMatchObject({ status: 403, code: 'tool_call_blocked' });
        await expectBlockedEvent(false);

        const stream = await enforced.openai.responses.create({ ...request, stream: true });
        const types: string[] = [];
        const streamError = await (async () => {
          for await (const event of stream) types.push(event.type);
        })().catch((caught: unknown) => caught);
        expect(streamError).toMatchObject({ code: 'tool_call_blocked' });
        expect(types).not.toContain('response.output_item.added');
        expect(types).not.toContain('response.function_call_arguments.delta');
        await expectBlockedEvent(true);
      });
    }

    it('text answers pass untouched under a policy with response rules', async () => {
      const stream = await enforced.openai.chat.completions.create({
        model: claude,
        messages: [{ role: 'user', content: 'Hi' }],
        stream: true,
      });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      expect(text).toBe(replyText(claude));
    });
  });

  describe('a dry run', () => {
    it('changes no traffic and records what would have happened', async () => {
      const { data, response } = await dryRun.openai.chat.completions
        .create({
          model: gpt,
          messages: [{ role: 'user', content: weather }],
          tools: [chatTool('get_weather'), chatTool('admin_delete')],
        })
        .withResponse();
      expect(data.choices[0]?.message.tool_calls?.[0]).toMatchObject({
        function: { name: 'get_weather', arguments: TOOL_ARGUMENTS },
      });
      expect(lastUpstreamRequest(upstream).body.tools).toHaveLength(2);
      const requestId = response.headers.get('tollgate-request-id');
      expect(await eventsOf(requestId)).toEqual([
        expect.objectContaining({
          firewall_policy_id: dryRunPolicyId,
          firewall_rule: 'no-paris',
          firewall_decision: 'would_block',
        }),
      ]);

      const since = new Date(Date.now() - 60_000).toISOString();
      const listed = await harness.admin<{ aiGatewayUsage: Array<Record<string, unknown>> }>(
        'GET',
        `/usage?startTime=${since}&firewallDecision=would_block&firewallPolicyId=${dryRunPolicyId}`,
      );
      expect(listed.body.aiGatewayUsage.map((event) => event.requestId)).toEqual([requestId]);
      expect(listed.body.aiGatewayUsage[0]).toMatchObject({
        firewallPolicyId: dryRunPolicyId,
        firewallRule: 'no-paris',
        firewallDecision: 'would_block',
      });
    });

    it('lets a would-be-blocked advertised tool and a would-be-stripped one through, streaming too', async () => {
      const stream = await dryRun.anthropic.messages.create({
        model: claude,
        max_tokens: 64,
        messages: [{ role: 'user', content: weather }],
        tools: [anthropicTool('shell'), anthropicTool('admin_users')],
        stream: true,
      });
      const blocks: string[] = [];
      for await (const event of stream) {
        if (event.type === 'content_block_start') blocks.push(event.content_block.type);
      }
      expect(blocks).toContain('tool_use');
      expect(lastUpstreamRequest(upstream).body.tools).toHaveLength(2);
      expect(await lastEvent()).toMatchObject({
        firewall_rule: 'no-shell',
        firewall_decision: 'would_block',
      });
    });
  });

  it('applies an edited policy on the next request', async () => {
    const edited = await harness.admin('PATCH', `/firewall-policies/${enforcePolicyId}`, {
      rules: rules.filter((rule) => rule.name !== 'no-shell'),
    });
    expect(edited.status).toBe(200);
    await enforced.openai.chat.completions.create({
      model: gpt,
      messages: [{ role: 'user', content: 'Hi' }],
      tools: [chatTool('shell')],
    });
    expect(upstream.requests).toHaveLength(1);
    await harness.admin('PATCH', `/firewall-policies/${enforcePolicyId}`, { rules });
  });
});
