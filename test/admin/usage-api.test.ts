import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeUsageCursor, encodeUsageCursor } from '../../src/domain/usage/usage-cursor.js';
import { formatNanoUsd } from '../../src/domain/usage/usd-decimal.js';
import type { NewUsageEvent } from '../../src/store/schema.js';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import { dialects } from '../helpers/databases.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';
import { usageEventRow } from '../helpers/usage-rows.js';

interface UsageEvent {
  id: string;
  eventTime: string;
  requestId: string;
  accessKeyId: string;
  provider: string;
  model: string;
  attemptNumber: number;
  isFinalAttempt: boolean;
  statusCode: number;
  isError: boolean;
  stopReason: string;
  totalCost: string;
  costNanoUsd: number;
  usageEstimated: boolean;
  keySource: string;
  providerKeyId?: string;
  providerKeyDisplayName?: string;
}

interface UsageList {
  aiGatewayUsage: UsageEvent[];
  uri: string;
  nextPageUri: string | null;
}

interface Attempt {
  event: UsageEvent;
  served: boolean;
  retryAction: string | null;
  completion: string;
  upstreamDurationMs: number;
}

interface CostFields {
  cost: string;
  costNanoUsd: number;
  requests: number;
  errors: number;
}

interface Overview {
  uri: string;
  buckets: Array<CostFields & { bucketStart: string; groupKey: string }>;
  totals: CostFields;
}

interface AdminError {
  errorCode: string;
  statusCode: number;
  details: Record<string, string>;
}

/** The reference's AIGatewayUsageEvent fields plus Tollgate's additions. */
const referenceFields = [
  'id',
  'eventTime',
  'requestId',
  'accessKeyId',
  'provider',
  'providerDisplayName',
  'model',
  'modelDisplayName',
  'attemptNumber',
  'isFinalAttempt',
  'statusCode',
  'timedOut',
  'isError',
  'isStreaming',
  'stopReason',
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'reasoningTokens',
  'totalCost',
  'keySource',
];
const tollgateFields = [
  'costNanoUsd',
  'usageEstimated',
  'cacheWriteTokens',
  'firewallPolicyId',
  'firewallRule',
  'firewallDecision',
];
const byokFields = ['providerKeyId', 'providerKeyDisplayName'];

describe('formatNanoUsd', () => {
  it('formats nano-dollars as a 5-place USD string, cutting extra digits off (rounding down)', () => {
    expect(formatNanoUsd(0)).toBe('0.00000');
    expect(formatNanoUsd(1)).toBe('0.00000');
    expect(formatNanoUsd(9_999)).toBe('0.00000');
    expect(formatNanoUsd(10_000)).toBe('0.00001');
    expect(formatNanoUsd(12_345_678)).toBe('0.01234');
    expect(formatNanoUsd(19_999_999)).toBe('0.01999');
    expect(formatNanoUsd(1_000_000_000)).toBe('1.00000');
    expect(formatNanoUsd(2_512_345_680)).toBe('2.51234');
  });

  it('is exact beyond the range of doubles and accepts driver strings and bigints', () => {
    expect(formatNanoUsd(123_456_789_012_345_678_901n)).toBe('123456789012.34567');
    expect(formatNanoUsd('9007199254740993')).toBe('9007199.25474');
    expect(formatNanoUsd(1_234_567_891n, 9)).toBe('1.234567891');
    expect(formatNanoUsd(1_999_999_999, 0)).toBe('1');
  });

  it('keeps the sign of negative amounts, but never prints "-0"', () => {
    expect(formatNanoUsd(-12_345_678)).toBe('-0.01234');
    expect(formatNanoUsd(-1)).toBe('0.00000');
  });

  it('refuses what is not an integer amount', () => {
    expect(() => formatNanoUsd(1.5)).toThrow();
    expect(() => formatNanoUsd('1e9')).toThrow();
  });
});

describe('usage cursor', () => {
  it('round-trips and refuses anything it did not produce', () => {
    const cursor = { eventTime: '2026-11-27T10:00:00.123Z', id: 'ue_01JDXYZ' };
    expect(decodeUsageCursor(encodeUsageCursor(cursor))).toEqual(cursor);
    expect(decodeUsageCursor('!!!')).toBeUndefined();
    expect(decodeUsageCursor(Buffer.from('not json').toString('base64url'))).toBeUndefined();
    expect(decodeUsageCursor(Buffer.from('["yesterday","ue_1"]').toString('base64url'))).toBeUndefined();
    expect(
      decodeUsageCursor(Buffer.from('["2026-11-27T10:00:00.123Z",""]').toString('base64url')),
    ).toBeUndefined();
  });
});

describe.each(dialects)('usage API (%s)', (dialect) => {
  let upstream: FakeUpstream;
  let harness: Harness;
  let accountId: string;
  let goodKeyId: string;
  let goodKeyRedacted: string;
  let keyA: string;
  let keyB: string;
  let startTime: string;
  /** Request ids in the order they were sent. */
  const requests: Record<'aMini' | 'aFull' | 'bMini' | 'bFailed', string> = {
    aMini: '',
    aFull: '',
    bMini: '',
    bFailed: '',
  };
  const otherAccountRequestId = 'rq_OTHERACCOUNTREQUEST0000000';
  // A past window with hand-written, priced events: cost sums and formatting, without credits.
  const pastStart = '2020-01-01T00:00:00Z';
  const pastEnd = '2020-01-02T23:59:59.999Z';

  const get = <T>(path: string) => harness.admin<T>('GET', path);
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
  const usageRow = (fields: Partial<NewUsageEvent>): NewUsageEvent =>
    usageEventRow({
      account_id: accountId,
      request_id: 'rq_PAST',
      access_key_id: 'aigk_PAST',
      event_time: '2020-01-01T12:00:00.000Z',
      ...fields,
    });

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    harness = await startHarness({ dialect, upstreamUrl: upstream.url });
    const db = harness.tollgate.services.store.db;
    const account = await db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
    accountId = account.id;

    // Keys are tried in creation order: the failing one first, so every request fails over once.
    const flaky = await harness.admin('POST', '/provider-keys', {
      providerId: 'openai',
      name: 'flaky',
      value: 'sk-test-fail-500-0123456789',
    });
    expect(flaky.status).toBe(201);
    const good = await harness.admin<{ id: string; keyRedacted: string }>('POST', '/provider-keys', {
      providerId: 'openai',
      name: 'good',
      value: 'sk-test-good-key-0123456789',
    });
    expect(good.status).toBe(201);
    goodKeyId = good.body.id;
    goodKeyRedacted = good.body.keyRedacted;
    const a = await harness.admin<{ id: string; token: string }>('POST', '/access-keys', { name: 'app-a' });
    const b = await harness.admin<{ id: string; token: string }>('POST', '/access-keys', { name: 'app-b' });
    keyA = a.body.id;
    keyB = b.body.id;
    const clientA = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: a.body.token, maxRetries: 0 });
    const clientB = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: b.body.token, maxRetries: 0 });

    startTime = new Date(Date.now() - 60_000).toISOString();
    const chat = async (client: OpenAI, model: string) => {
      const { response } = await client.chat.completions
        .create({ model, messages: [{ role: 'user', content: 'Hi' }] })
        .withResponse();
      return response.headers.get('tollgate-request-id') ?? '';
    };
    requests.aMini = await chat(clientA, 'gpt-4o-mini');
    requests.aFull = await chat(clientA, 'gpt-4o');
    requests.bMini = await chat(clientB, 'gpt-4o-mini');
    // The upstream refuses an empty `messages` with 400 on the good key: the request ends in an error.
    const failed = await clientB.chat.completions
      .create({ model: 'gpt-4o', messages: [] })
      .withResponse()
      .catch((caught: unknown) => caught);
    expect(failed).toBeInstanceOf(OpenAI.APIError);
    requests.bFailed =
      (failed as InstanceType<typeof OpenAI.APIError>).headers?.get('tollgate-request-id') ?? '';
    for (const id of Object.values(requests)) expect(id).toMatch(/^rq_/);

    await db
      .insertInto('usage_events')
      .values([
        // Another account's traffic, in the live window.
        usageRow({
          account_id: 'acct_SOMEONEELSE',
          request_id: otherAccountRequestId,
          access_key_id: keyA,
          event_time: new Date().toISOString(),
        }),
        // Day 1: a costly failed attempt then a 1-nano success; day 2: one failed final attempt.
        usageRow({
          attempt_number: 1,
          is_final_attempt: 0,
          status_code: 500,
          is_error: 1,
          stop_reason: null,
          cost_nano_usd: 12_345_678,
          retry_action: 'next_key',
          completion: 'failed',
          served: 0,
        }),
        usageRow({ attempt_number: 2, event_time: '2020-01-01T12:00:01.000Z', cost_nano_usd: 1 }),
        usageRow({
          request_id: 'rq_PAST2',
          event_time: '2020-01-02T08:00:00.000Z',
          model: 'gpt-4o-mini',
          status_code: 429,
          is_error: 1,
          cost_nano_usd: 2_500_000_001,
          retry_action: 'exhausted',
          completion: 'failed',
          served: 0,
        }),
      ])
      .execute();
  });

  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  it('lists only final attempts by default, newest first, with the reference fields', async () => {
    const { status, body } = await get<UsageList>(`/usage?${q({ startTime })}`);
    expect(status).toBe(200);
    expect(body.nextPageUri).toBeNull();
    expect(body.uri).toContain('/usage?');
    expect(body.aiGatewayUsage.map((event) => event.requestId)).toEqual([
      requests.bFailed,
      requests.bMini,
      requests.aFull,
      requests.aMini,
    ]);
    for (const event of body.aiGatewayUsage) {
      expect(event.isFinalAttempt).toBe(true);
      expect(event.attemptNumber).toBe(2);
      expect(Object.keys(event).sort()).toEqual(
        [...referenceFields, ...tollgateFields, ...byokFields].sort(),
      );
      expect(event).toMatchObject({
        keySource: 'user',
        providerKeyId: goodKeyId,
        // The key's redacted form, as the reference describes the field (never its name or value).
        providerKeyDisplayName: goodKeyRedacted,
        totalCost: '0.00000',
        costNanoUsd: 0,
      });
    }
    const served = body.aiGatewayUsage.find((event) => event.requestId === requests.aMini);
    expect(served).toMatchObject({
      statusCode: 200,
      isError: false,
      stopReason: 'stop',
      model: 'gpt-4o-mini',
    });
    const failed = body.aiGatewayUsage.find((event) => event.requestId === requests.bFailed);
    expect(failed).toMatchObject({ statusCode: 400, isError: true, stopReason: '' });
  });

  it('includes every attempt with includeRetries=true', async () => {
    const { body } = await get<UsageList>(`/usage?${q({ startTime, includeRetries: 'true' })}`);
    expect(body.aiGatewayUsage).toHaveLength(8);
    for (const requestId of Object.values(requests)) {
      const attempts = body.aiGatewayUsage.filter((event) => event.requestId === requestId);
      expect(attempts.map((event) => event.attemptNumber)).toEqual([2, 1]);
      expect(attempts.map((event) => event.isFinalAttempt)).toEqual([true, false]);
    }
    const times = body.aiGatewayUsage.map((event) => event.eventTime);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('pages with limit=1 by following nextPageUri to the end, without repeats', async () => {
    const { body: all } = await get<UsageList>(`/usage?${q({ startTime, includeRetries: 'true' })}`);
    const seen: string[] = [];
    let next: string | null = `/usage?${q({ startTime, includeRetries: 'true', limit: '1' })}`;
    for (let pages = 0; next !== null && pages < 20; pages++) {
      const page: { status: number; body: UsageList } = await get<UsageList>(next);
      expect(page.status).toBe(200);
      expect(page.body.aiGatewayUsage).toHaveLength(1);
      seen.push(...page.body.aiGatewayUsage.map((event) => event.id));
      const uri = page.body.nextPageUri;
      if (uri !== null) {
        expect(uri.startsWith(harness.adminUrl)).toBe(true);
        const url = new URL(uri);
        expect(url.searchParams.get('limit')).toBe('1');
        expect(url.searchParams.get('cursor')).toMatch(/^[A-Za-z0-9_-]+$/);
        next = `${url.pathname}${url.search}`;
      } else {
        next = null;
      }
    }
    expect(next).toBeNull();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(all.aiGatewayUsage.map((event) => event.id));
  });

  it('filters by access key', async () => {
    const { body } = await get<UsageList>(`/usage?${q({ startTime, accessKeyId: keyB })}`);
    expect(body.aiGatewayUsage.map((event) => event.requestId)).toEqual([requests.bFailed, requests.bMini]);
    expect(body.aiGatewayUsage.every((event) => event.accessKeyId === keyB)).toBe(true);
  });

  it('honours endTime and never shows another account', async () => {
    const { body: past } = await get<UsageList>(
      `/usage?${q({ startTime: pastStart, endTime: pastEnd, includeRetries: 'true' })}`,
    );
    expect(past.aiGatewayUsage.map((event) => event.costNanoUsd)).toEqual([2_500_000_001, 1, 12_345_678]);
    expect(past.aiGatewayUsage.map((event) => event.totalCost)).toEqual(['2.50000', '0.00000', '0.01234']);
    // Managed (ngrok) keys carry no provider key fields.
    expect(past.aiGatewayUsage.every((event) => !('providerKeyId' in event))).toBe(true);
    const { body: live } = await get<UsageList>(`/usage?${q({ startTime, includeRetries: 'true' })}`);
    expect(live.aiGatewayUsage.some((event) => event.requestId === otherAccountRequestId)).toBe(false);
  });

  it('shows a request with its attempts: next_key, then succeeded', async () => {
    const { status, body } = await get<{ uri: string; requestId: string; attempts: Attempt[] }>(
      `/usage/requests/${requests.aMini}`,
    );
    expect(status).toBe(200);
    expect(body.requestId).toBe(requests.aMini);
    expect(body.uri).toBe(`${harness.adminUrl}/usage/requests/${requests.aMini}`);
    expect(body.attempts.map((attempt) => attempt.event.attemptNumber)).toEqual([1, 2]);
    expect(body.attempts.map((attempt) => attempt.retryAction)).toEqual(['next_key', 'succeeded']);
    expect(body.attempts.map((attempt) => attempt.served)).toEqual([false, true]);
    expect(body.attempts.map((attempt) => attempt.completion)).toEqual(['failed', 'succeeded']);
    expect(body.attempts.map((attempt) => attempt.event.statusCode)).toEqual([500, 200]);
    for (const attempt of body.attempts) expect(attempt.upstreamDurationMs).toBeGreaterThanOrEqual(0);
  });

  it('shows a request that failed on every key with its final action', async () => {
    const { body } = await get<{ attempts: Attempt[] }>(`/usage/requests/${requests.bFailed}`);
    expect(body.attempts.map((attempt) => attempt.retryAction)).toEqual(['next_key', 'fail_fast']);
    expect(body.attempts.map((attempt) => attempt.served)).toEqual([false, false]);
    expect(body.attempts.every((attempt) => attempt.event.isError)).toBe(true);
  });

  it("answers 404 for an unknown request and for another account's request", async () => {
    for (const requestId of ['rq_DOESNOTEXIST', otherAccountRequestId]) {
      const { status, body } = await get<AdminError>(`/usage/requests/${requestId}`);
      expect(status).toBe(404);
      expect(body).toMatchObject({ errorCode: 'not_found', statusCode: 404 });
    }
  });

  it('sums the overview by provider: final attempts as requests, every attempt as cost', async () => {
    const { status, body } = await get<Overview>(`/usage/overview?${q({ startTime })}`);
    expect(status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    expect(body.buckets).toEqual([
      {
        bucketStart: `${today}T00:00:00Z`,
        groupKey: 'openai',
        cost: '0.00000',
        costNanoUsd: 0,
        requests: 4,
        errors: 1,
      },
    ]);
    expect(body.totals).toEqual({ cost: '0.00000', costNanoUsd: 0, requests: 4, errors: 1 });
    expect(body.uri).toContain('groupBy=provider');
  });

  it('groups the overview by access key and by model', async () => {
    const { body: byKey } = await get<Overview>(`/usage/overview?${q({ startTime, groupBy: 'accessKey' })}`);
    const keyCounts = Object.fromEntries(
      byKey.buckets.map((bucket) => [bucket.groupKey, [bucket.requests, bucket.errors]]),
    );
    expect(keyCounts).toEqual({ [keyA]: [2, 0], [keyB]: [2, 1] });
    const { body: byModel } = await get<Overview>(`/usage/overview?${q({ startTime, groupBy: 'model' })}`);
    expect(byModel.buckets.map((bucket) => [bucket.groupKey, bucket.requests, bucket.errors])).toEqual([
      ['openai:gpt-4o', 2, 1],
      ['openai:gpt-4o-mini', 2, 0],
    ]);
    expect(byModel.totals).toMatchObject({ requests: 4, errors: 1 });
  });

  it('buckets by UTC day and sums exact costs of all attempts', async () => {
    const { body } = await get<Overview>(
      `/usage/overview?${q({ startTime: pastStart, endTime: pastEnd, groupBy: 'model' })}`,
    );
    expect(body.buckets).toEqual([
      {
        bucketStart: '2020-01-01T00:00:00Z',
        groupKey: 'openai:gpt-4o',
        cost: '0.01234',
        costNanoUsd: 12_345_679,
        requests: 1,
        errors: 0,
      },
      {
        bucketStart: '2020-01-02T00:00:00Z',
        groupKey: 'openai:gpt-4o-mini',
        cost: '2.50000',
        costNanoUsd: 2_500_000_001,
        requests: 1,
        errors: 1,
      },
    ]);
    expect(body.totals).toEqual({ cost: '2.51234', costNanoUsd: 2_512_345_680, requests: 2, errors: 1 });
  });

  it('accepts RFC3339 offsets and normalises them to UTC', async () => {
    // 2020-01-02T01:00:00+02:00 is 2020-01-01T23:00Z: day 1 only.
    const { body } = await get<Overview>(
      `/usage/overview?${q({ startTime: '2020-01-01T00:00:00+00:00', endTime: '2020-01-02T01:00:00+02:00' })}`,
    );
    expect(body.totals).toMatchObject({ requests: 1, costNanoUsd: 12_345_679 });
  });

  it('refuses invalid queries with validation_failed naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['/usage', 'startTime'],
      [`/usage?${q({ startTime: 'yesterday' })}`, 'startTime'],
      [`/usage?${q({ startTime: '2020-01-01' })}`, 'startTime'],
      [`/usage?${q({ startTime, endTime: 'soon' })}`, 'endTime'],
      [`/usage?${q({ startTime, endTime: pastStart })}`, 'endTime'],
      [`/usage?${q({ startTime, limit: '0' })}`, 'limit'],
      [`/usage?${q({ startTime, limit: '101' })}`, 'limit'],
      [`/usage?${q({ startTime, limit: 'ten' })}`, 'limit'],
      [`/usage?${q({ startTime, includeRetries: 'yes' })}`, 'includeRetries'],
      [`/usage?${q({ startTime, cursor: 'not a cursor' })}`, 'cursor'],
      [`/usage?${q({ startTime, cursor: Buffer.from('["x","y"]').toString('base64url') })}`, 'cursor'],
      ['/usage/overview', 'startTime'],
      [`/usage/overview?${q({ startTime, groupBy: 'day' })}`, 'groupBy'],
    ];
    for (const [path, field] of cases) {
      const { status, body } = await get<AdminError>(path);
      expect({ path, status, errorCode: body.errorCode }).toEqual({
        path,
        status: 400,
        errorCode: 'validation_failed',
      });
      expect(Object.keys(body.details)).toContain(field);
    }
  });

  it('needs an API key', async () => {
    const response = await fetch(`${harness.adminUrl}/usage?${q({ startTime })}`);
    expect(response.status).toBe(401);
  });
});
