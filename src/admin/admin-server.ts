import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Readiness } from '../app/readiness.js';
import { newId } from '../domain/ids.js';
import { toTollgateError } from '../errors/to-tollgate-error.js';
import { TollgateError } from '../errors/tollgate-error.js';
import { adminErrorBody } from '../errors/wire-bodies.js';
import { installBoundedJsonParser } from '../http/bounded-json-parser.js';
import { frameworkUrlError } from '../http/framework-errors.js';
import { isBodyTooLarge, refuseOversizedBody } from '../http/oversized-body.js';
import { quoted } from '../http/quoted.js';
import { describeError, type Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { baseUrlOf } from './admin-context.js';
import type { ApiKeyIdentity } from './api-key-authenticator.js';
import { credentialHeaders } from './dashboard/session-credentials.js';

export interface AdminServerOptions {
  logger: Logger;
  metrics: Metrics;
  authenticate(headers: Record<string, string | string[] | undefined>): Promise<ApiKeyIdentity>;
  /** Each dependency's state: 503 when this instance cannot serve. */
  ready(): Promise<Readiness>;
  /** Deepest nesting a JSON body may have (`TOLLGATE_MAX_JSON_DEPTH`). */
  maxJsonDepth: number;
  /** How much of an oversized body is read after its 413 (`TOLLGATE_OVERSIZE_DRAIN_BYTES`). */
  oversizeDrainBytes: number;
  openApiDocument(): unknown;
  /** Registers the resource routes (one module per resource). */
  routes(app: FastifyInstance): void;
}

/** Paths that answer without an API key. */
const publicPaths = new Set(['/healthz', '/readyz', '/metrics', '/openapi.json']);

/** The management listener: the reference's API at the root, health, metrics and the OpenAPI document. */
export function createAdminServer(options: AdminServerOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    frameworkErrors: (error, request, reply) =>
      sendAdminError(error, request, reply, options.logger, options.oversizeDrainBytes),
  });
  app.decorateRequest('adminCaller', undefined);
  installBoundedJsonParser(
    app,
    options.maxJsonDepth,
    (maxDepth) =>
      new TollgateError('validation_failed', `The request body nests deeper than ${maxDepth} levels.`),
  );

  // Every answer, errors included, carries an id that its log lines share (as the gateway's do).
  app.addHook('onRequest', (_request, reply, done) => {
    reply.header('tollgate-request-id', newId('rq'));
    done();
  });
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    if (publicPaths.has(path) || path === '/ui' || path.startsWith('/ui/')) return;
    // A Bearer key, or the dashboard's session cookie (CSRF-checked for changes).
    const identity = await options.authenticate(credentialHeaders(request));
    request.adminCaller = { ...identity, baseUrl: baseUrlOf(request) };
  });

  app.setErrorHandler((error, request, reply) =>
    sendAdminError(error, request, reply, options.logger, options.oversizeDrainBytes),
  );
  app.setNotFoundHandler((request, reply) => {
    sendAdminError(
      new TollgateError('not_found', `No route for ${request.method} ${quoted(request.url)}.`),
      request,
      reply,
      options.logger,
    );
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const readiness = await options.ready();
    reply.code(readiness.ready ? 200 : 503).send(readiness.body);
  });
  app.get('/metrics', async (_request, reply) => {
    reply
      .header('content-type', options.metrics.registry.contentType)
      .send(await options.metrics.registry.metrics());
  });
  app.get('/openapi.json', async () => options.openApiDocument());
  options.routes(app);
  return app;
}

function sendAdminError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: Logger,
  oversizeDrainBytes = 0,
): void {
  const failure = frameworkUrlError(error, request.method, request.url) ?? toAdminError(error);
  // An answer that no hook saw (a URL Fastify refused) still gets its id.
  if (!reply.hasHeader('tollgate-request-id')) reply.header('tollgate-request-id', newId('rq'));
  if (failure.status >= 500) {
    // Every 5xx leaves a line with its stack and causes; an unexpected one is an error.
    logger[failure.code === 'internal' ? 'error' : 'warn'](
      {
        requestId: reply.getHeader('tollgate-request-id'),
        method: request.method,
        path: request.routeOptions.url,
        code: failure.code,
        err: describeError(error),
      },
      'admin request failed',
    );
  }
  if (isBodyTooLarge(error)) {
    const headers = {
      ...failure.headers,
      'tollgate-request-id': String(reply.getHeader('tollgate-request-id')),
    };
    refuseOversizedBody(reply, headers, JSON.stringify(adminErrorBody(failure)), oversizeDrainBytes);
    return;
  }
  reply.code(failure.status).headers(failure.headers).send(adminErrorBody(failure));
}

function toAdminError(error: unknown): TollgateError {
  if (error instanceof TollgateError) return error;
  const record =
    typeof error === 'object' && error !== null ? (error as { code?: unknown; statusCode?: unknown }) : {};
  if (record.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new TollgateError('payload_too_large');
  if (typeof record.statusCode === 'number' && record.statusCode >= 400 && record.statusCode < 500) {
    return new TollgateError('validation_failed', 'The request body is not valid JSON.');
  }
  return toTollgateError(error);
}
