import type { FastifyReply } from 'fastify';
import type { Dispatcher } from 'undici';
import type { Logger } from '../observability/logger.js';
import { surfacePaths } from '../providers/exchange.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';
import { AttemptAbort } from './attempt-abort.js';
import type { AttemptContext } from './attempt-context.js';
import type { ClientWatch } from './client-watch.js';
import type { GatewayEndpoint } from './endpoints.js';
import { relayJson } from './relay-json.js';
import { relayStream } from './relay-stream.js';
import { upstreamBodyFor } from './upstream-body.js';
import {
  type AttemptFailure,
  connectionErrorMessage,
  isRetryableStatus,
  upstreamErrorMessage,
} from './upstream-failure.js';
import { upstreamHeaders } from './upstream-headers.js';
import { upstreamUrl } from './upstream-url.js';

export interface AttemptEnvironment {
  upstream: UpstreamClient;
  logger: Logger;
  instanceId: string;
  endpoint: GatewayEndpoint;
  reply: FastifyReply;
  clientHeaders: Record<string, string | string[] | undefined>;
  /** Whether the client is still there; aborts the attempt it is given when the client leaves. */
  client: ClientWatch;
  /** Time this attempt may take until its answer starts. */
  timeoutMs: number;
  /** Idle time allowed between two chunks of an answer. */
  idleTimeoutMs: number;
}

export type AttemptOutcome =
  | { kind: 'served' }
  | { kind: 'client-gone' }
  | ({ kind: 'failed' } & AttemptFailure);

/** Sends one candidate's request upstream; relays the answer if it succeeded, else describes the failure. */
export async function runAttempt(
  context: AttemptContext,
  environment: AttemptEnvironment,
): Promise<AttemptOutcome> {
  const { candidate } = context;
  const controller = new AttemptAbort();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, environment.timeoutMs);
  const { client } = environment;
  client.attempt = controller;
  if (client.gone) controller.abort();
  const failure = (status: number, message: string, retryAfter?: string): AttemptOutcome => ({
    kind: 'failed',
    providerId: candidate.provider.id,
    model: candidate.upstreamModel,
    status,
    timedOut,
    // Once the client has left, nothing is retried: another attempt would serve nobody.
    retryable: !client.gone && (timedOut || status === 0 || isRetryableStatus(status)),
    message,
    retryAfter,
  });

  try {
    const { body: upstreamBody, removed } = upstreamBodyFor(candidate, context.clientBody);
    context.state.removedParams = removed;
    let response: Dispatcher.ResponseData;
    try {
      response = await environment.upstream.send({
        url: upstreamUrl(candidate.provider.baseUrl, surfacePaths[candidate.exchange.upstreamSurface]),
        headers: upstreamHeaders(candidate, environment.clientHeaders, environment.instanceId),
        body: JSON.stringify(upstreamBody),
        signal: controller,
        headersTimeoutMs: environment.timeoutMs,
        bodyTimeoutMs: environment.idleTimeoutMs,
      });
    } catch (error) {
      if (client.gone) return { kind: 'client-gone' };
      const reason = timedOut ? 'timed out' : connectionErrorMessage(error);
      return failure(0, reason);
    }

    if (response.statusCode >= 400) {
      const text = await response.body.text().catch(() => '');
      const retryAfter = response.headers['retry-after'];
      return failure(
        response.statusCode,
        upstreamErrorMessage(text, candidate.credential.value),
        typeof retryAfter === 'string' ? retryAfter : undefined,
      );
    }

    const servedModel = `${candidate.provider.id}:${candidate.upstreamModel}`;
    if (context.streaming) {
      context.state.servedModel = servedModel;
      clearTimeout(timer);
      environment.reply.hijack();
      await relayStream(
        context,
        response,
        environment.reply.raw,
        environment.endpoint.clientFormat,
        environment.logger,
      );
      return { kind: 'served' };
    }
    let bytes: Buffer;
    try {
      bytes = Buffer.from(await response.body.arrayBuffer());
    } catch {
      if (client.gone) return { kind: 'client-gone' };
      return failure(0, timedOut ? 'timed out' : 'the response broke off');
    }
    clearTimeout(timer);
    context.state.servedModel = servedModel;
    await relayJson(context, bytes, environment.reply);
    return { kind: 'served' };
  } finally {
    clearTimeout(timer);
    client.attempt = undefined;
  }
}
