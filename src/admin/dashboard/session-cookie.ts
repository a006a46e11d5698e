import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The dashboard's session is the API key token itself, in an httpOnly, SameSite=Strict cookie:
 * nothing is kept server-side, so any instance behind a load balancer accepts it, and deleting
 * the API key ends every session that uses it on the next request. Scripts in the page never
 * see it (httpOnly); other sites never send it (SameSite=Strict). `Path=/` because the dashboard
 * calls the management API at the root paths. Without Max-Age it ends when the browser closes.
 */
export const sessionCookieName = 'tollgate_session';

/**
 * Parsed on demand (the plugin is registered with `hook: false`): the admin auth hook runs before
 * any hook a later plugin could add. Without the dashboard (no `@fastify/cookie`), no cookie counts.
 */
export function sessionTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string' || header.length === 0) return undefined;
  if (!request.server.hasDecorator('parseCookie')) return undefined;
  const token = request.server.parseCookie(header)[sessionCookieName];
  return token === undefined || token.length === 0 ? undefined : token;
}

function attributes(request: FastifyRequest) {
  // `Secure` whenever the browser reached us over https, so the token never travels in clear after that.
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: request.protocol === 'https' } as const;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(sessionCookieName, token, attributes(request));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName, attributes(request));
}
