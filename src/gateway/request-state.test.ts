import { afterAll, describe, expect, it } from 'vitest';
import { insertTestAccount } from '../../test/helpers/accounts.js';
import { migratedTestStore } from '../../test/helpers/databases.js';
import type { AccessKeyIdentity } from '../domain/access-keys/access-key-authenticator.js';
import { LastUsedTracker } from '../domain/access-keys/last-used-tracker.js';
import { CreditLeases } from '../domain/credits/credit-leases.js';
import { CreditLedger } from '../domain/credits/credit-ledger.js';
import { sqliteSettlementCommitter } from '../domain/credits/settlement-committers.js';
import { SettlementWriter } from '../domain/credits/settlement-writer.js';
import { newId } from '../domain/ids.js';
import { LimitAdmission } from '../domain/limits/limit-admission.js';
import { DatabaseWindowCounter } from '../domain/limits/window-counter.js';
import type { Candidate, RoutingPlan } from '../domain/routing/candidate.js';
import { UsageBatchWriter } from '../domain/usage/usage-batch-writer.js';
import { UsageRecorder } from '../domain/usage/usage-recorder.js';
import { createLogger } from '../observability/logger.js';
import { createMetrics } from '../observability/metrics.js';
import { SideEffectFailures } from '../observability/side-effect-failures.js';
import type { AttemptContext } from './attempt-context.js';
import { clientGoneResult, failedResult, refusedResult, servedResult } from './attempt-result.js';
import type { GatewayDependencies } from './forward.js';
import { GatewayRequestState } from './request-state.js';
import type { AttemptFailure } from './upstream-failure.js';

const cent = 10_000_000;
const logger = createLogger('silent');

/** Only what the headers and the usage event read of a candidate: a BYOK key, no catalog price. */
function candidate(provider: string, model: string): Candidate {
  return {
    provider: { id: provider, name: provider },
    upstreamModel: model,
    catalogModel: undefined,
    credential: { source: 'user', keyId: `pk_${provider}`, keyRedacted: 'sk-…abcd', value: 'sk-x' },
    modelIndex: 0,
  } as unknown as Candidate;
}

const usage = {
  inputTokens: 10,
  outputTokens: 5,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  cacheWrite1hTokens: 0,
  reasoningTokens: 0,
};

const upstreamFailure: AttemptFailure = {
  providerId: 'openai',
  model: 'gpt-4o',
  status: 503,
  timedOut: false,
  retryable: true,
  message: 'overloaded',
  retryAfter: undefined,
};

describe('the request lifecycle object', () => {
  it('renders the response headers from the facts recorded on it', () => {
    const state = new GatewayRequestState(40);
    expect(state.headers()).toEqual({
      'tollgate-request-id': state.requestId,
      'tollgate-attempts': '0',
      'tollgate-model': '',
      'tollgate-removed-params': '',
      'tollgate-rejected-models': '',
    });
    state.rejectedModels.push('anthropic:claude-x');
    state.attemptStarted(1);
    state.upstreamAnswered('req_first');
    state.attemptStarted(2);
    state.paramsRemoved(['logit_bias', 'seed']);
    state.upstreamAnswered('req\nsecond');
    state.servedBy(candidate('openai', 'gpt-4o'));
    expect(state.headers()).toEqual({
      'tollgate-request-id': state.requestId,
      'tollgate-attempts': '2',
      'tollgate-model': 'openai:gpt-4o',
      'tollgate-removed-params': 'logit_bias, seed',
      'tollgate-rejected-models': 'anthropic:claude-x',
      'x-request-id': 'req?second',
      'request-id': 'req?second',
    });
    // The last attempt's answer had no id: the client is not told an earlier attempt's.
    state.upstreamAnswered(undefined);
    state.servedBy(candidate('openai', 'a-model-name-longer-than-the-forty-characters-allowed'));
    const headers = state.headers();
    expect(headers['x-request-id']).toBeUndefined();
    expect(headers['tollgate-model']).toHaveLength(40);
    expect(headers['tollgate-model']?.endsWith('...')).toBe(true);
  });

  describe('its credit hold and usage events', () => {
    const store = migratedTestStore('sqlite');
    const instances: CreditLeases[] = [];

    afterAll(async () => {
      for (const instance of instances) await instance.stop();
    });

    /** One planned request of a new account with $0.50 (an exact hold), over real credits on SQLite. */
    async function plannedRequest() {
      const { db, sqlite } = store();
      const accountId = await insertTestAccount(db);
      const ledger = new CreditLedger(db);
      await ledger.grant(accountId, {
        amountNanoUsd: 50 * cent,
        category: 'purchase',
        expiresAt: null,
        createdBy: 't',
      });
      const credits = new CreditLeases(db, ledger, logger, { instanceId: newId('rq') });
      instances.push(credits);
      const settlements = new SettlementWriter(sqliteSettlementCommitter(db, sqlite!), (settled, effects) =>
        credits.settled(settled, effects),
      );
      const batchWriter = new UsageBatchWriter(store(), { batchWindowMs: 1, onLost: () => {} });
      const recorder = new UsageRecorder(settlements, batchWriter);
      const metrics = createMetrics();
      const lastUsed: string[] = [];
      const providerKeyLastUsed = new LastUsedTracker(
        async (entries) => {
          lastUsed.push(...entries.keys());
        },
        (error: unknown) => {
          throw error;
        },
      );
      const sideEffectFailures = new SideEffectFailures(logger, metrics.sideEffectFailures);
      const limits = new LimitAdmission(new DatabaseWindowCounter(db, () => {}), db, {
        mode: 'open',
        logger,
        counted: () => {},
      });
      // The gateway's dependencies that a request's lifecycle uses (a fee, so a BYOK request pays).
      const dependencies = {
        credits,
        ledger,
        recorder,
        limits,
        metrics,
        logger,
        providerKeyLastUsed,
        sideEffectFailures,
        feePerMTokUsd: 1,
      } as unknown as GatewayDependencies;
      const identity = { accountId, accessKeyId: newId('aigk') } as AccessKeyIdentity;
      const openai = candidate('openai', 'gpt-4o');
      const plan: RoutingPlan = { configuration: undefined, candidates: [openai], rejectedModels: [] };
      const state = new GatewayRequestState();
      state.planned(dependencies, identity, plan, 60_000);
      const body = { model: 'gpt-4o', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };
      const context = (attemptNumber: number): AttemptContext => ({
        state,
        candidate: openai,
        attemptNumber,
        clientBody: body,
        inputTokens: () => 10,
        clientModel: 'gpt-4o',
        streaming: false,
        startedAt: Date.now(),
        upstreamRequestId: null,
      });
      const reserved = async () => (await ledger.balance(accountId)).reservedNanoUsd;
      const events = async () => {
        await recorder.settled();
        return db
          .selectFrom('usage_events')
          .select(['attempt_number', 'is_final_attempt', 'status_code', 'cost_nano_usd'])
          .where('request_id', '=', state.requestId)
          .orderBy('attempt_number')
          .execute();
      };
      const followedUp = async () => {
        await providerKeyLastUsed.flush();
        return lastUsed.length;
      };
      return { state, body, context, reserved, events, followedUp };
    }

    it('settles the hold with the served attempt, and has nothing left to give back', async () => {
      const { state, body, context, reserved, events, followedUp } = await plannedRequest();
      await state.takeHold(body, 'chat-completions');
      expect(await reserved()).toBeGreaterThan(0);
      await state.recordAttempt(context(1), servedResult(200, 'succeeded', 'stop', usage, false));
      expect(await reserved()).toBe(0);
      expect(state.giveBackHold()).toBeUndefined();
      expect(await events()).toEqual([
        { attempt_number: 1, is_final_attempt: 1, status_code: 200, cost_nano_usd: 15_000 },
      ]);
      expect(await followedUp()).toBe(1);
    });

    it('keeps the hold through a failed attempt that is retried, and settles it with the final one', async () => {
      const { state, body, context, reserved, events } = await plannedRequest();
      await state.takeHold(body, 'chat-completions');
      const held = await reserved();
      await state.recordAttempt(context(1), failedResult(upstreamFailure, 'next_key', false));
      expect(await reserved()).toBe(held);
      await state.recordAttempt(context(2), failedResult(upstreamFailure, 'exhausted', true));
      expect(await reserved()).toBe(0);
      expect(state.giveBackHold()).toBeUndefined();
      expect((await events()).map((event) => event.is_final_attempt)).toEqual([0, 1]);
    });

    it('settles the hold when the client left, charging the estimated input', async () => {
      const { state, body, context, reserved, events } = await plannedRequest();
      await state.takeHold(body, 'chat-completions');
      await state.recordAttempt(context(1), clientGoneResult(10));
      expect(await reserved()).toBe(0);
      expect(state.giveBackHold()).toBeUndefined();
      expect(await events()).toEqual([
        { attempt_number: 1, is_final_attempt: 1, status_code: 499, cost_nano_usd: 10_000 },
      ]);
    });

    it('gives the hold back once when the request ended before any usage event', async () => {
      const { state, body, reserved, events } = await plannedRequest();
      await state.takeHold(body, 'chat-completions');
      expect(await reserved()).toBeGreaterThan(0);
      await state.giveBackHold();
      expect(await reserved()).toBe(0);
      expect(state.giveBackHold()).toBeUndefined();
      expect(await events()).toEqual([]);
    });

    it('writes a firewall refusal without a hold or a follow-up', async () => {
      const { state, context, reserved, events, followedUp } = await plannedRequest();
      await state.recordUnsent(context(1), refusedResult);
      expect(await reserved()).toBe(0);
      expect(state.giveBackHold()).toBeUndefined();
      expect(await events()).toEqual([
        { attempt_number: 1, is_final_attempt: 1, status_code: 403, cost_nano_usd: 0 },
      ]);
      expect(await followedUp()).toBe(0);
    });
  });
});
