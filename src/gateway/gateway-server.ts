import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Readiness } from '../app/readiness.js';
import { toTollgateError } from '../errors/to-tollgate-error.js';
import { TollgateError } from '../errors/tollgate-error.js';
import { anthropicErrorBody, openAIErrorBody } from '../errors/wire-bodies.js';
import { installBoundedJsonParser } from '../http/bounded-json-parser.js';
import { frameworkUrlError } from '../http/framework-errors.js';
import { isBodyTooLarge, refuseOversizedBody } from '../http/oversized-body.js';
import { quoted } from '../http/quoted.js';
import { describeError, type Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { GatewayTracing } from '../observability/tracing/gateway-tracing.js';
import { countTokens, countTokensPath } from './count-tokens.js';
import { gatewayEndpoints } from './endpoints.js';
import { forwardRequest, type GatewayDependencies } from './forward.js';
import { listModels, type ModelLister, retrieveModel } from './list-models.js';
import { GatewayRequestState } from './request-state.js';
import { hopHeader } from './upstream-headers.js';

declare module 'fastify' {
  interface FastifyRequest {
    gatewayState: GatewayRequestState;
  }
}

export interface GatewayServerOptions extends GatewayDependencies {
  maxBodyBytes: number;
  /** How much of an oversized body is read after its 413 (`TOLLGATE_OVERSIZE_DRAIN_BYTES`). */
  oversizeDrainBytes: number;
  metrics: Metrics;
  /** Undefined when tracing is off: then no span is made, and no OpenTelemetry code is loaded. */
  tracing: GatewayTracing | undefined;
  models: ModelLister;
  /** Each dependency's state: 503 when this instance cannot serve. */
  ready(): Promise<Readiness>;
}

/** The data plane: `/v1/*` for applications, plus health checks. */
export function createGatewayServer(options: GatewayServerOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: options.maxBodyBytes,
    return503OnClosing: true,
    frameworkErrors: (error, request, reply) => sendGatewayError(error, request, reply, options.logger),
  });
  app.decorateRequest('gatewayState', undefined as unknown as GatewayRequestState);
  installBoundedJsonParser(
    app,
    options.requestLimits.maxJsonDepth,
    (maxDepth) =>
      new TollgateError(
        'invalid_request_body',
        `The request body nests arrays and objects deeper than ${maxDepth} levels.`,
      ),
  );
  const maxHeaderValueLength = options.requestLimits.maxHeaderValueLength;

  // Hooks in callback style: an async hook costs a promise per request for nothing here.
  app.addHook('onRequest', (request, _reply, done) => {
    request.gatewayState = new GatewayRequestState(maxHeaderValueLength);
    done(
      request.headers[hopHeader] === undefined
        ? undefined
        : new TollgateError('routing_loop', 'This request already passed through Tollgate; it would loop.'),
    );
  });

  app.setErrorHandler((error, request, reply) =>
    sendGatewayError(error, request, reply, options.logger, options.oversizeDrainBytes),
  );
  app.setNotFoundHandler((request, reply) => {
    sendGatewayError(
      new TollgateError('not_found', `No route for ${request.method} ${quoted(request.url)}.`),
      request,
      reply,
      options.logger,
    );
  });

  // Every data-plane POST route reports its duration under its own path.
  const postMeasured = (
    path: string,
    handle: (request: FastifyRequest, reply: FastifyReply) => Promise<void>,
  ) => {
    // The labelled child is resolved once per route, not hashed again on every request.
    const duration = options.metrics.gatewayDuration.labels({ endpoint: path });
    app.post(path, async (request, reply) => {
      // A double, not `hrtime.bigint()`: no BigInt arithmetic per request for a histogram.
      const started = performance.now();
      const state = request.gatewayState;
      state.trace = options.tracing?.startRequest(request.headers, path, state.requestId);
      try {
        await handle(request, reply);
      } finally {
        duration.observe((performance.now() - started) / 1_000);
        state.trace?.end(reply.statusCode);
      }
    });
  };
  for (const endpoint of gatewayEndpoints) {
    postMeasured(endpoint.path, (request, reply) =>
      forwardRequest(options, endpoint, request, reply, request.gatewayState),
    );
  }
  postMeasured(countTokensPath, (request, reply) =>
    countTokens(options, request, reply, request.gatewayState),
  );
  app.get('/v1/models', async (request, reply) => {
    const body = await listModels(options.models, request.headers);
    reply.headers(request.gatewayState.headers()).send(body);
  });
  // A wildcard, so that an id written `provider/model` reaches the handler whole.
  app.get<{ Params: { '*': string } }>('/v1/models/*', async (request, reply) => {
    const body = await retrieveModel(options.models, request.headers, request.params['*']);
    reply.headers(request.gatewayState.headers()).send(body);
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const readiness = await options.ready();
    reply.code(readiness.ready ? 200 : 503).send(readiness.body);
  });
  app.addHook('onResponse', (request, reply, done) => {
    if (request.url.startsWith('/v1/')) {
      options.metrics.gatewayRequests.inc({
        endpoint: request.routeOptions.url ?? 'unknown',
        status: String(reply.statusCode),
      });
    }
    done();
  });
  return app;
}

/** Every gateway error in the client's own wire format, with the request's headers. */
function sendGatewayError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: Logger,
  oversizeDrainBytes = 0,
): void {
  const failure = frameworkUrlError(error, request.method, request.url) ?? toGatewayError(error);
  if (failure.code === 'internal') {
    logger.error(
      { requestId: request.gatewayState?.requestId, err: describeError(error) },
      'gateway request failed',
    );
  } else if (failure.code === 'database_unavailable') {
    logger.warn(
      { requestId: request.gatewayState?.requestId, err: describeError(error) },
      'gateway request failed: the database is unavailable',
    );
  } else if (failure.status >= 500) {
    // Every 5xx leaves a line with a stack: a provider that failed, Redis refused, a timeout.
    logger.warn(
      { requestId: request.gatewayState?.requestId, code: failure.code, err: describeError(error) },
      'answered a server error',
    );
  }
  const state = request.gatewayState ?? new GatewayRequestState();
  // `/v1/models` answers the Anthropic SDK in its own shape, errors included.
  const anthropic =
    request.url.startsWith('/v1/messages') ||
    (request.url.startsWith('/v1/models') && request.headers['anthropic-version'] !== undefined);
  if (reply.sent || reply.raw.headersSent) {
    state.capture?.finish();
    return;
  }
  const body = anthropic ? anthropicErrorBody(failure) : openAIErrorBody(failure);
  state.capture?.responded(failure.status, JSON.stringify(body));
  state.capture?.finish();
  if (isBodyTooLarge(error)) {
    refuseOversizedBody(reply, state.headers(), JSON.stringify(body), oversizeDrainBytes);
    return;
  }
  reply
    .code(failure.status)
    .headers(state.headers())
    .headers(failure.headers)
    .header('content-type', 'application/json')
    .send(body);
}

/** Fastify's own errors (body too large, bad JSON) mapped to registry codes. */
function toGatewayError(error: unknown): TollgateError {
  if (error instanceof TollgateError) return error;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new TollgateError('payload_too_large');
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return new TollgateError(
      'invalid_request_body',
      'The request body must be JSON (Content-Type: application/json).',
    );
  }
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
    return new TollgateError('invalid_request_body', 'The request body is not valid JSON.');
  }
  const status =
    typeof error === 'object' && error !== null ? (error as { statusCode?: unknown }).statusCode : undefined;
  if (status === 400) return new TollgateError('invalid_request_body');
  return toTollgateError(error);
}
