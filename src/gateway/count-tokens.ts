import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Candidate } from '../domain/routing/candidate.js';
import type { JsonBody } from '../providers/exchange.js';
import { estimateRequestInputTokens } from '../providers/translate/estimate-tokens.js';
import { AttemptAbort, timeOutAttempt } from './attempt-abort.js';
import { type FailoverSteps, failover } from './failover.js';
import type { GatewayDependencies } from './forward.js';
import { asJsonBody } from './request-body.js';
import { checkRequestLimits } from './request-limits.js';
import type { GatewayRequestState } from './request-state.js';
import { serializedBody, translatedBody } from './upstream-body.js';
import {
  type AttemptFailure,
  connectionErrorMessage,
  isRetryable,
  upstreamErrorDetails,
  upstreamRequestIdOf,
} from './upstream-failure.js';
import { upstreamHeaders } from './upstream-headers.js';
import { upstreamTarget } from './upstream-url.js';

export const countTokensPath = '/v1/messages/count_tokens';

type CountOutcome =
  | { kind: 'answered'; bytes: Buffer; requestId?: string | undefined }
  | ({ kind: 'failed' } & AttemptFailure);

/**
 * `POST /v1/messages/count_tokens`: the same authentication, scope, limits admission and
 * routing as `/v1/messages`, but no usage event and no credits, because counting costs
 * nothing (Anthropic does not bill it) and generates no tokens. It still counts as a request
 * for `requestsPerMinute`, since it does load the provider key's rate limit.
 *
 * An Anthropic-format provider answers it itself. A model reached by translation (an
 * OpenAI-format provider) has no counting endpoint, so Tollgate answers with its own
 * tokenizer estimate instead of refusing: Anthropic-SDK tools call it before each turn.
 */
export async function countTokens(
  dependencies: GatewayDependencies,
  request: FastifyRequest,
  reply: FastifyReply,
  state: GatewayRequestState,
): Promise<void> {
  const identity = await dependencies.authenticator.authenticate(request.headers);
  const body = asJsonBody(request.body);
  checkRequestLimits(body, dependencies.requestLimits);
  const plan = await dependencies.planner.plan(identity, body, 'messages', state.rejectedModels);
  await dependencies.limits.admit(identity.accessKeyId, plan.configuration?.limits);
  const gatewayConfig = await dependencies.gatewayConfigs.get(identity.accountId);
  const run: CountRun = {
    dependencies,
    request,
    reply,
    state,
    body,
    perRequestTimeoutMs: gatewayConfig.perRequestTimeoutMs,
  };
  await failover(run, plan.candidates, state.startedAt + gatewayConfig.totalTimeoutMs, countSteps);
}

interface CountRun {
  dependencies: GatewayDependencies;
  request: FastifyRequest;
  reply: FastifyReply;
  state: GatewayRequestState;
  body: JsonBody;
  perRequestTimeoutMs: number;
}

/** Counting through the same failover loop as every endpoint; a count leaves no usage event. */
const countSteps: FailoverSteps<CountRun, Candidate> = {
  stopped: () => false,
  async attempt(run, candidate, index, remainingMs) {
    const { state } = run;
    state.attemptStarted(index + 1);
    const outcome = candidate.exchange.translated
      ? estimatedCount(run.body)
      : await countUpstream(run.dependencies, candidate, run.body, run.request.headers, {
          timeoutMs: Math.min(run.perRequestTimeoutMs, remainingMs),
        });
    if (outcome.requestId !== undefined) state.upstreamAnswered(outcome.requestId);
    if (outcome.kind === 'failed') return outcome;
    state.servedBy(candidate);
    run.reply
      .code(200)
      .headers(state.headers())
      .header('content-type', 'application/json')
      .send(outcome.bytes);
    return undefined;
  },
};

function estimatedCount(body: JsonBody): CountOutcome {
  const count = { input_tokens: estimateRequestInputTokens(body) };
  return { kind: 'answered', bytes: Buffer.from(JSON.stringify(count)) };
}

async function countUpstream(
  dependencies: GatewayDependencies,
  candidate: Candidate,
  body: JsonBody,
  clientHeaders: Record<string, string | string[] | undefined>,
  limits: { timeoutMs: number },
): Promise<CountOutcome> {
  const client = candidate.provider.guardAddresses ? dependencies.guardedUpstream : dependencies.upstream;
  // Outside the `try`: a body that cannot be built is the client's fault, not a connection failure.
  const upstreamBody = serializedBody(translatedBody(candidate, body, []));
  const signal = new AttemptAbort();
  const timer = setTimeout(timeOutAttempt, limits.timeoutMs, signal);
  const failure = (
    status: number,
    message: string,
    retryAfter?: string,
  ): { kind: 'failed' } & AttemptFailure => ({
    kind: 'failed',
    providerId: candidate.provider.id,
    model: candidate.upstreamModel,
    status,
    timedOut: signal.aborted,
    retryable: isRetryable(status, signal.aborted, false),
    message,
    retryAfter,
  });
  try {
    const response = await client.sendBuffered({
      target: upstreamTarget(candidate.provider.baseUrl, '/messages/count_tokens'),
      headers: upstreamHeaders(candidate, clientHeaders, dependencies.instanceId),
      body: upstreamBody,
      signal,
      headersTimeoutMs: limits.timeoutMs,
      bodyTimeoutMs: limits.timeoutMs,
    });
    const bytes = response.body;
    const requestId = upstreamRequestIdOf(response.headers);
    // A redirect is not followed and not an answer (see isRetryable).
    if (response.statusCode < 300) return { kind: 'answered', bytes, requestId };
    const retryAfter = response.headers['retry-after'];
    const details = upstreamErrorDetails(bytes.toString('utf8'), candidate.credential.value);
    return {
      ...failure(
        response.statusCode,
        details.message,
        typeof retryAfter === 'string' ? retryAfter : undefined,
      ),
      code: details.code,
      param: details.param,
      requestId,
    };
  } catch (error) {
    return failure(0, signal.aborted ? 'timed out' : connectionErrorMessage(error));
  } finally {
    clearTimeout(timer);
  }
}
