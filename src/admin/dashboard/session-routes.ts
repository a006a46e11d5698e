import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseInput } from '../validation.js';
import { assertDashboardWrite } from './csrf.js';
import type { DashboardAuthenticate } from './dashboard-deps.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';

// Tokens are letters, digits and dashes; anything else cannot be a key and would not survive a cookie.
const signInSchema = z.strictObject({
  apiKey: z
    .string()
    .trim()
    .min(1, 'enter an API key')
    .max(512)
    .regex(/^[A-Za-z0-9-]+$/, 'an API key looks like tgapi-…'),
});

/** `POST /session` signs in with an API key (checked exactly as the Bearer header is); `DELETE /session` signs out. */
export function registerSessionRoutes(scope: FastifyInstance, authenticate: DashboardAuthenticate): void {
  scope.post('/session', async (request, reply) => {
    // Also guards against login CSRF: another site signing this browser into its own account.
    assertDashboardWrite(request);
    const { apiKey } = parseInput(signInSchema, request.body);
    const identity = await authenticate({ authorization: `Bearer ${apiKey}` });
    setSessionCookie(request, reply, apiKey);
    reply.header('cache-control', 'no-store');
    return { id: identity.apiKeyId, accountId: identity.accountId, isOperator: identity.isOperator };
  });

  scope.delete('/session', async (request, reply) => {
    assertDashboardWrite(request);
    clearSessionCookie(request, reply);
    reply.code(204).send();
  });
}
