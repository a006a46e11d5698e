import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { asTollgateError, TollgateError } from '../errors/tollgate-error.js';
import { anthropicErrorBody, openAIErrorBody } from '../errors/wire-bodies.js';
import { describeError, type Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { GatewayTracing } from '../observability/tracing/gateway-tracing.js';
import { countTokens, countTokensPath } from './count-tokens.js';
import { gatewayEndpoints } from './endpoints.js';
import { forwardRequest, type GatewayDependencies } from './forward.js';
import { listModels, type ModelLister } from './list-models.js';
import { GatewayRequestState } from './request-state.js';
import { hopHeader } from './upstream-headers.js';

declare module 'fastify' {
  interface FastifyRequest {
    gatewayState: GatewayRequestState;
  }
}

export interface GatewayServerOptions extends GatewayDependencies {
  maxBodyBytes: number;
  metrics: Metrics;
  /** Undefined when tracing is off: then no span is made, and no OpenTelemetry code is loaded. */
  tracing: GatewayTracing | undefined;
  models: ModelLister;
  ready(): Promise<boolean>;
}

/** The data plane: `/v1/*` for applications, plus health checks. */
export function createGatewayServer(options: GatewayServerOptions): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: options.maxBodyBytes, return503OnClosing: true });
  app.decorateRequest('gatewayState', undefined as unknown as GatewayRequestState);

  // Hooks in callback style: an async hook costs a promise per request for nothing here.
  app.addHook('onRequest', (request, _reply, done) => {
    request.gatewayState = new GatewayRequestState();
    done(
      request.headers[hopHeader] === undefined
        ? undefined
        : new TollgateError('routing_loop', 'This request already passed through Tollgate; it would loop.'),
    );
  });

  app.setErrorHandler((error, request, reply) => sendGatewayError(error, request, reply, options.logger));
  app.setNotFoundHandler((request, reply) => {
    sendGatewayError(
      new TollgateError('not_found', `No route for ${request.method} ${request.url}.`),
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

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const ready = await options.ready();
    reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'database unreachable' });
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
): void {
  const failure = toGatewayError(error);
  if (failure.code === 'internal') {
    logger.error(
      { requestId: request.gatewayState?.requestId, err: describeError(error) },
      'gateway request failed',
    );
  }
  const state = request.gatewayState ?? new GatewayRequestState();
  const anthropic = request.url.startsWith('/v1/messages');
  if (reply.sent || reply.raw.headersSent) return;
  reply
    .code(failure.status)
    .headers(state.headers())
    .headers(failure.headers)
    .header('content-type', 'application/json')
    .send(anthropic ? anthropicErrorBody(failure) : openAIErrorBody(failure));
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
  return asTollgateError(error);
}
