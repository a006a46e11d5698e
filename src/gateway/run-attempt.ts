import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply } from 'fastify';
import { formatModelAddress } from '../domain/routing/model-address.js';
import type { Logger } from '../observability/logger.js';
import { surfacePaths } from '../providers/exchange.js';
import type { StreamedResponse } from '../upstream/streamed-response.js';
import {
  type BufferedResponse,
  UpstreamBodyError,
  type UpstreamClient,
} from '../upstream/upstream-client.js';
import { AttemptAbort, timeOutAttempt } from './attempt-abort.js';
import type { AttemptContext } from './attempt-context.js';
import type { ClientWatch } from './client-watch.js';
import type { GatewayEndpoint } from './endpoints.js';
import { relayJson } from './relay-json.js';
import { relayStream } from './relay-stream.js';
import { serializedBody, upstreamBodyFor } from './upstream-body.js';
import {
  type AttemptFailure,
  connectionErrorMessage,
  isRetryable,
  upstreamErrorDetails,
  upstreamRequestIdOf,
} from './upstream-failure.js';
import { upstreamHeaders } from './upstream-headers.js';
import { upstreamTarget } from './upstream-url.js';

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
  const controller = new AttemptAbort();
  const timer = setTimeout(timeOutAttempt, environment.timeoutMs, controller);
  const { client } = environment;
  client.attempt = controller;
  if (client.gone) controller.abort();
  try {
    // Outside the attempts' own `try`: a body that cannot be translated fails the request, it is
    // not an upstream failure to retry.
    const { body, removed } = upstreamBodyFor(context.candidate, context.clientBody);
    context.state.paramsRemoved(removed);
    const attempt: Attempt = { context, environment, controller, timer, body: serializedBody(body) };
    context.state.capture?.attemptSent(
      context.attemptNumber,
      formatModelAddress(context.candidate.provider.id, context.candidate.upstreamModel),
      context.candidate.credential.value,
      attempt.body,
    );
    return context.streaming ? await streamingAttempt(attempt) : await bufferedAttempt(attempt);
  } finally {
    clearTimeout(timer);
    client.attempt = undefined;
  }
}

/** A JSON answer: read whole (it is parsed for usage anyway), then relayed. */
async function bufferedAttempt(attempt: Attempt): Promise<AttemptOutcome> {
  const { context, environment, controller, timer } = attempt;
  const { candidate } = context;
  const { client } = environment;
  let response: BufferedResponse;
  try {
    response = await environment.upstream.sendBuffered(upstreamRequest(attempt));
  } catch (error) {
    if (error instanceof UpstreamBodyError && error.statusCode >= 300) {
      // An error answer whose body broke off still fails with its status.
      noteUpstreamRequestId(context, error.headers);
      return failed(attempt, error.statusCode, '', error.headers);
    }
    if (client.gone) return { kind: 'client-gone' };
    if (controller.timedOut) return failure(attempt, 'timed out');
    if (error instanceof UpstreamBodyError) {
      return failure(attempt, 'the response broke off');
    }
    return failure(attempt, connectionErrorMessage(error));
  }
  noteUpstreamRequestId(context, response.headers);
  // A redirect is never followed (it could lead anywhere, the provider key with it) and never
  // relayed as a success: it is an upstream failure like a 5xx.
  if (response.statusCode >= 300) {
    return failed(attempt, response.statusCode, bodyText(response.body), response.headers);
  }
  clearTimeout(timer);
  context.state.servedBy(candidate);
  context.state.capture?.attemptAnswered(context.attemptNumber, response.statusCode, null);
  await relayJson(context, response.body, environment.reply);
  return { kind: 'served' };
}

/** An SSE answer: relayed as it arrives. */
async function streamingAttempt(attempt: Attempt): Promise<AttemptOutcome> {
  const { context, environment, controller, timer } = attempt;
  const { client } = environment;
  let response: StreamedResponse;
  try {
    response = await environment.upstream.sendStreamed(upstreamRequest(attempt));
  } catch (error) {
    if (client.gone) return { kind: 'client-gone' };
    const reason = controller.timedOut ? 'timed out' : connectionErrorMessage(error);
    return failure(attempt, reason);
  }

  noteUpstreamRequestId(context, response.headers);
  if (response.statusCode >= 300) {
    // Only its message is kept, and the rest may be huge: read this far, then stop the answer.
    const text = bodyText(await response.body.bytes(maxErrorBodyBytes));
    return failed(attempt, response.statusCode, text, response.headers);
  }

  context.state.servedBy(context.candidate);
  context.state.capture?.attemptAnswered(context.attemptNumber, response.statusCode, null);
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

/** One attempt in flight, as its two ways of reading the answer take it. */
interface Attempt {
  context: AttemptContext;
  environment: AttemptEnvironment;
  controller: AttemptAbort;
  timer: NodeJS.Timeout;
  /** The candidate's upstream body, translated, stripped and serialised. */
  body: string;
}

/** The candidate's request. A base URL that is no URL throws here, and fails as a connection would. */
function upstreamRequest({ context, environment, controller, body }: Attempt) {
  const { candidate } = context;
  const headers = upstreamHeaders(candidate, environment.clientHeaders, environment.instanceId);
  // With tracing on, the attempt's span starts here and its context goes upstream.
  const traceparent = context.state.trace?.startAttempt(
    candidate.provider.id,
    candidate.upstreamModel,
    context.attemptNumber,
  );
  if (traceparent !== undefined) headers.traceparent = traceparent;
  return {
    target: upstreamTarget(candidate.provider.baseUrl, surfacePaths[candidate.exchange.upstreamSurface]),
    headers,
    body,
    signal: controller,
    headersTimeoutMs: environment.timeoutMs,
    bodyTimeoutMs: environment.idleTimeoutMs,
  };
}

/**
 * The provider's request id, for the client's headers (the last attempt's) and this attempt's
 * usage event. Read from the headers undici already parsed: nothing extra on the hot path.
 */
function noteUpstreamRequestId(context: AttemptContext, headers: IncomingHttpHeaders): void {
  const id = upstreamRequestIdOf(headers);
  context.upstreamRequestId = id ?? null;
  context.state.upstreamAnswered(id);
}

/** An upstream error answer: its status, message, code and param (scrubbed of the key) and `retry-after`. */
function failed(
  attempt: Attempt,
  status: number,
  text: string,
  headers: IncomingHttpHeaders,
): AttemptOutcome {
  const retryAfter = headers['retry-after'];
  const details = upstreamErrorDetails(text, attempt.context.candidate.credential.value);
  return {
    ...failure(attempt, details.message, status, typeof retryAfter === 'string' ? retryAfter : undefined),
    code: details.code,
    param: details.param,
    requestId: attempt.context.upstreamRequestId ?? undefined,
  };
}

function failure(
  attempt: Attempt,
  message: string,
  status = 0,
  retryAfter?: string,
): { kind: 'failed' } & AttemptFailure {
  const { candidate } = attempt.context;
  const { timedOut } = attempt.controller;
  attempt.context.state.capture?.attemptAnswered(attempt.context.attemptNumber, status, message);
  return {
    kind: 'failed',
    providerId: candidate.provider.id,
    model: candidate.upstreamModel,
    status,
    timedOut,
    retryable: isRetryable(status, timedOut, attempt.environment.client.gone),
    message,
    retryAfter,
  };
}

/** A body as text, as undici's `text()` reads it: UTF-8, a leading byte order mark skipped. */
function bodyText(body: Buffer): string {
  const bom = body.length > 2 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf;
  return body.toString('utf8', bom ? 3 : 0);
}

/** An error answer is read only this far: its message is all that is kept. */
const maxErrorBodyBytes = 64 * 1024;
