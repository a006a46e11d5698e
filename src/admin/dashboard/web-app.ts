import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TollgateError } from '../../errors/tollgate-error.js';
import { adminErrorBody } from '../../errors/wire-bodies.js';

const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const missingBuildPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tollgate dashboard not built</title></head>
<body>
<h1>The dashboard has not been built</h1>
<p>This Tollgate serves the dashboard from <code>web/dist</code>, which does not exist.
In a clone, run <code>npm run build</code> (<code>npm install</code> does it too, but not
<code>npm ci --omit=dev</code>, which has no build tools), then restart Tollgate. A package made
with <code>npm pack</code> holds the built dashboard.</p>
<p>The management API on this listener works without it.</p>
</body></html>
`;

/** Vite names assets by content hash, so they never change; index.html must be revalidated to pick up a new build. */
function cacheHeaders(response: { setHeader(name: string, value: string): unknown }, path: string): void {
  const immutable = path.includes(`${sep}assets${sep}`);
  response.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/** Client-side routes have no file extension; anything else that is missing is a real 404. */
function isAppRoute(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  const last = path.split('/').at(-1) ?? '';
  return (request.method === 'GET' || request.method === 'HEAD') && !last.includes('.');
}

function sendNotFound(request: FastifyRequest, reply: FastifyReply): void {
  const error = new TollgateError('not_found', `No route for ${request.method} ${request.url}.`);
  reply.code(404).send(adminErrorBody(error));
}

/**
 * Serves the built single-page app under the scope's prefix, with every unknown extension-less
 * path answered by index.html (the app routes in the browser). Without a build, the app's paths
 * answer 503 with a page that says how to build it; the JSON routes keep working.
 */
export async function registerWebApp(scope: FastifyInstance, webRoot: string): Promise<void> {
  scope.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) {
      reply.header('content-security-policy', contentSecurityPolicy).header('x-frame-options', 'DENY');
    }
    return payload;
  });

  if (!existsSync(`${webRoot}${sep}index.html`)) {
    const missing = (request: FastifyRequest, reply: FastifyReply) => {
      if (!isAppRoute(request)) return sendNotFound(request, reply);
      reply
        .code(503)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(missingBuildPage);
    };
    scope.get('/', missing);
    scope.setNotFoundHandler(missing);
    return;
  }

  await scope.register(fastifyStatic, {
    root: webRoot,
    prefix: '/',
    index: false,
    wildcard: true,
    cacheControl: false,
    setHeaders: cacheHeaders,
  });
  scope.get('/', (request, reply) => {
    // `/ui` → `/ui/`, so the page's relative URLs and the app's router agree on the base.
    if (!request.url.split('?')[0]?.endsWith('/')) return reply.redirect(`${request.url.split('?')[0]}/`);
    return reply.sendFile('index.html');
  });
  scope.setNotFoundHandler((request, reply) => {
    if (!isAppRoute(request)) return sendNotFound(request, reply);
    return reply.sendFile('index.html');
  });
}
