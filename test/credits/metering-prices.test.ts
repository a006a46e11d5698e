import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASE_INPUT_TOKENS,
  CACHE_WRITE_1H_TOKENS,
  CACHE_WRITE_5M_TOKENS,
  CACHED_TOKENS,
  type FakeUpstream,
  OUTPUT_TOKENS,
  REASONING_TOKENS,
  startFakeUpstream,
} from '../fake-upstream/server.js';
import { dialects } from '../helpers/databases.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';
import { ledgerFacts } from './credit-helpers.js';

/**
 * Every price component of a managed request, charged to the nano-dollar through the real gateway
 * and the fake upstream. The prices live in a catalog overlay so that each one is a distinct whole
 * number of nano-dollars per token (USD per 1M tokens × 1,000), and the expected charges below are
 * computed from these constants and the fake's counts, not by the code under test.
 */
const fee = 0.05; // 50 nano-dollars per token
const gpt = { input: 2, cachedInput: 0.5, output: 8 };
const claude = { input: 3, cachedInput: 0.3, write5m: 3.75, write1h: 6, output: 15 };
const claudeLong = { input: 6, cachedInput: 0.6, write5m: 7.5, write1h: 12, output: 22.5 };
/** Above this many input tokens (cache reads and writes included) claude-test is priced at claudeLong. */
const threshold = 20;
const nano = (tokens: number, usdPerMTok: number) => Math.round(tokens * usdPerMTok * 1_000);

function overlay(gptInput: number, effectiveFrom: string): string {
  return JSON.stringify({
    version: effectiveFrom,
    overlay: true,
    providers: [],
    models: [
      {
        id: 'gpt-test',
        provider: 'openai',
        name: 'GPT test',
        contextWindow: 128_000,
        maxOutputTokens: 1_000,
        pricing: {
          effectiveFrom,
          inputPerMTok: gptInput,
          outputPerMTok: gpt.output,
          cachedInputPerMTok: gpt.cachedInput,
        },
      },
      {
        id: 'claude-test',
        provider: 'anthropic',
        name: 'Claude test',
        contextWindow: 1_000_000,
        maxOutputTokens: 1_000,
        pricing: {
          effectiveFrom: '2026-12-01',
          inputPerMTok: claude.input,
          outputPerMTok: claude.output,
          cachedInputPerMTok: claude.cachedInput,
          cacheWritePerMTok: { '5m': claude.write5m, '1h': claude.write1h },
          tiers: [
            {
              aboveInputTokens: threshold,
              inputPerMTok: claudeLong.input,
              outputPerMTok: claudeLong.output,
              cachedInputPerMTok: claudeLong.cachedInput,
              cacheWritePerMTok: { '5m': claudeLong.write5m, '1h': claudeLong.write1h },
            },
          ],
        },
      },
    ],
  });
}

interface Component {
  tokens: number;
  costNanoUsd: number;
}
interface Charge {
  effectiveFrom: string | null;
  tier: { aboveInputTokens: number } | null;
  unitPricesPerMTok: Record<string, string | null>;
  components: Record<
    'input' | 'cachedInput' | 'cacheWrite5m' | 'cacheWrite1h' | 'output' | 'reasoning' | 'fee',
    Component
  >;
}
interface Attempts {
  attempts: Array<{ event: { costNanoUsd: number; cacheWriteTokens: number }; charge: Charge | null }>;
}

describe.each(dialects)('metering at the catalog prices (%s)', (dialect) => {
  let upstream: FakeUpstream;
  let harness: Harness;
  let accessToken: string;
  let accountId: string;
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-metering-'));
  const catalogFile = join(dir, 'prices.json');

  beforeAll(async () => {
    writeFileSync(catalogFile, overlay(gpt.input, '2026-12-01'));
    upstream = await startFakeUpstream();
    harness = await startHarness({
      dialect,
      upstreamUrl: upstream.url,
      env: {
        TOLLGATE_MANAGED_OPENAI_API_KEY: 'sk-operator-openai',
        TOLLGATE_MANAGED_ANTHROPIC_API_KEY: 'sk-operator-anthropic',
        TOLLGATE_FEE_PER_MTOK_USD: String(fee),
        TOLLGATE_CATALOG_FILE: catalogFile,
      },
    });
    const me = await harness.admin<{ accountId: string }>('GET', '/me');
    accountId = me.body.accountId;
    await harness.admin('POST', `/accounts/${accountId}/credits/grants`, {
      amountCents: 10_000,
      category: 'purchase',
    });
    accessToken = (await harness.admin<{ token: string }>('POST', '/access-keys', { name: 'managed' })).body
      .token;
  });
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function send(path: '/v1/chat/completions' | '/v1/messages', body: Record<string, unknown>) {
    const response = await fetch(`${harness.gatewayUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${accessToken}`,
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, text, requestId: response.headers.get('tollgate-request-id') ?? '' };
  }

  /** Sends a request and returns its one attempt's charge, checking that the ledger moved by exactly that. */
  async function charged(path: '/v1/chat/completions' | '/v1/messages', body: Record<string, unknown>) {
    const db = harness.tollgate.services.store.db;
    const before = await ledgerFacts(db, accountId);
    const response = await send(path, body);
    expect(response.status, response.text).toBe(200);
    const { body: request } = await harness.admin<Attempts>('GET', `/usage/requests/${response.requestId}`);
    const [attempt] = request.attempts;
    if (attempt?.charge == null) throw new Error('the attempt has a charge');
    const after = await ledgerFacts(db, accountId);
    expect(before.balance - after.balance).toBe(attempt.event.costNanoUsd);
    const sum = Object.values(attempt.charge.components).reduce((total, part) => total + part.costNanoUsd, 0);
    expect(sum).toBe(attempt.event.costNanoUsd);
    return { requestId: response.requestId, costNanoUsd: attempt.event.costNanoUsd, charge: attempt.charge };
  }

  const hi = [{ role: 'user', content: 'Hi' }];
  const oneItem = BASE_INPUT_TOKENS + 1;

  it('charges uncached and cached input, output and reasoning (at the output price), plus the fee', async () => {
    for (const stream of [false, true]) {
      const { costNanoUsd, charge } = await charged('/v1/chat/completions', {
        model: 'gpt-test',
        messages: hi,
        user: 'cached',
        ...(stream ? { stream: true } : {}),
      });
      const expected = {
        input: nano(oneItem - CACHED_TOKENS, gpt.input),
        cachedInput: nano(CACHED_TOKENS, gpt.cachedInput),
        output: nano(OUTPUT_TOKENS - REASONING_TOKENS, gpt.output),
        reasoning: nano(REASONING_TOKENS, gpt.output),
        fee: nano(oneItem + OUTPUT_TOKENS, fee),
      };
      expect(charge.components).toMatchObject({
        input: { tokens: oneItem - CACHED_TOKENS, costNanoUsd: expected.input },
        cachedInput: { tokens: CACHED_TOKENS, costNanoUsd: expected.cachedInput },
        cacheWrite5m: { tokens: 0, costNanoUsd: 0 },
        cacheWrite1h: { tokens: 0, costNanoUsd: 0 },
        output: { tokens: OUTPUT_TOKENS - REASONING_TOKENS, costNanoUsd: expected.output },
        reasoning: { tokens: REASONING_TOKENS, costNanoUsd: expected.reasoning },
        fee: { tokens: oneItem + OUTPUT_TOKENS, costNanoUsd: expected.fee },
      });
      expect(costNanoUsd).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
      expect(charge.unitPricesPerMTok).toEqual({
        input: '2.000000000',
        cachedInput: '0.500000000',
        cacheWrite5m: '2.000000000',
        cacheWrite1h: '2.000000000',
        output: '8.000000000',
        fee: '0.050000000',
      });
      expect(charge).toMatchObject({ effectiveFrom: '2026-12-01', tier: null });
    }
  });

  it('charges 5-minute and 1-hour cache writes at their own prices, JSON and streamed', async () => {
    const written = CACHE_WRITE_5M_TOKENS + CACHE_WRITE_1H_TOKENS;
    expect(oneItem + written).toBeLessThanOrEqual(threshold);
    for (const stream of [false, true]) {
      const { costNanoUsd, charge } = await charged('/v1/messages', {
        model: 'claude-test',
        max_tokens: 64,
        messages: hi,
        metadata: { user_id: 'cache-write' },
        ...(stream ? { stream: true } : {}),
      });
      expect(charge.components).toMatchObject({
        input: { tokens: oneItem, costNanoUsd: nano(oneItem, claude.input) },
        cacheWrite5m: {
          tokens: CACHE_WRITE_5M_TOKENS,
          costNanoUsd: nano(CACHE_WRITE_5M_TOKENS, claude.write5m),
        },
        cacheWrite1h: {
          tokens: CACHE_WRITE_1H_TOKENS,
          costNanoUsd: nano(CACHE_WRITE_1H_TOKENS, claude.write1h),
        },
        output: { tokens: OUTPUT_TOKENS, costNanoUsd: nano(OUTPUT_TOKENS, claude.output) },
      });
      expect(costNanoUsd).toBe(
        nano(oneItem, claude.input) +
          nano(CACHE_WRITE_5M_TOKENS, claude.write5m) +
          nano(CACHE_WRITE_1H_TOKENS, claude.write1h) +
          nano(OUTPUT_TOKENS, claude.output) +
          nano(oneItem + written + OUTPUT_TOKENS, fee),
      );
    }
  });

  it('charges Anthropic cache reads at the cached-input price', async () => {
    const { costNanoUsd, charge } = await charged('/v1/messages', {
      model: 'claude-test',
      max_tokens: 64,
      messages: hi,
      metadata: { user_id: 'cached' },
    });
    expect(charge.components.cachedInput).toEqual({
      tokens: CACHED_TOKENS,
      costNanoUsd: nano(CACHED_TOKENS, claude.cachedInput),
      cost: expect.any(String),
    });
    expect(costNanoUsd).toBe(
      nano(oneItem, claude.input) +
        nano(CACHED_TOKENS, claude.cachedInput) +
        nano(OUTPUT_TOKENS, claude.output) +
        nano(oneItem + CACHED_TOKENS + OUTPUT_TOKENS, fee),
    );
  });

  it('charges every token of a request whose input is above the threshold at the long-context tier', async () => {
    // The fake counts 10 + one per message: 15 messages are 25 input tokens, above 20.
    const messages = Array.from({ length: 15 }, (_, index) => ({
      role: index % 2 === 0 ? 'user' : 'assistant',
      content: `turn ${index}`,
    }));
    const input = BASE_INPUT_TOKENS + messages.length;
    expect(input).toBeGreaterThan(threshold);
    const { costNanoUsd, charge } = await charged('/v1/messages', {
      model: 'claude-test',
      max_tokens: 64,
      messages,
    });
    expect(charge.tier).toEqual({ aboveInputTokens: threshold });
    expect(charge.unitPricesPerMTok).toMatchObject({ input: '6.000000000', output: '22.500000000' });
    expect(costNanoUsd).toBe(
      nano(input, claudeLong.input) +
        nano(OUTPUT_TOKENS, claudeLong.output) +
        nano(input + OUTPUT_TOKENS, fee),
    );
  });

  it('refuses a retired model with model_retired, naming its replacement', async () => {
    const response = await send('/v1/chat/completions', { model: 'claude-sonnet-4-5', messages: hi });
    expect(response.status).toBe(410);
    const body = JSON.parse(response.text) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('model_retired');
    expect(body.error.message).toContain('anthropic:claude-sonnet-5');
  });

  it('charges new requests at a reloaded price and leaves earlier events as they were charged', async () => {
    const body = { model: 'gpt-test', messages: hi };
    const before = await charged('/v1/chat/completions', body);
    const expectedAt = (inputPrice: number) =>
      nano(oneItem, inputPrice) + nano(OUTPUT_TOKENS, gpt.output) + nano(oneItem + OUTPUT_TOKENS, fee);
    expect(before.costNanoUsd).toBe(expectedAt(gpt.input));

    writeFileSync(catalogFile, overlay(4, '2026-12-24'));
    expect(harness.tollgate.reloadCatalog()).toBe(true);
    const after = await charged('/v1/chat/completions', body);
    expect(after.costNanoUsd).toBe(expectedAt(4));
    expect(after.charge).toMatchObject({
      effectiveFrom: '2026-12-24',
      unitPricesPerMTok: { input: '4.000000000' },
    });

    const earlier = await harness.admin<Attempts>('GET', `/usage/requests/${before.requestId}`);
    expect(earlier.body.attempts[0]?.event.costNanoUsd).toBe(before.costNanoUsd);
    expect(earlier.body.attempts[0]?.charge).toEqual(before.charge);
    const [row] = await harness.tollgate.services.store.db
      .selectFrom('usage_events')
      .select('cost_nano_usd')
      .where('request_id', '=', before.requestId)
      .execute();
    expect(Number(row?.cost_nano_usd)).toBe(before.costNanoUsd);
  });
});
