import type { FastifyInstance } from 'fastify';
import type { DashboardDeps } from './dashboard-deps.js';
import { credentialHeaders } from './session-credentials.js';

/**
 * `GET /api/catalog`: the built-in providers for the Providers page and the configuration editor.
 * `managed` is a boolean on purpose: the operator's managed key itself never leaves the server.
 */
export function registerCatalogRoute(scope: FastifyInstance, deps: DashboardDeps): void {
  scope.get('/api/catalog', async (request, reply) => {
    // Under /ui the admin hook does not run, so this route checks the caller itself.
    await deps.authenticate(credentialHeaders(request));
    reply.header('cache-control', 'no-store');
    return {
      providers: deps.builtInProviders().map((provider) => ({
        id: provider.id,
        name: provider.name,
        format: provider.format,
        surfaces: [...provider.surfaces],
        managed: provider.managedKey !== undefined,
      })),
    };
  });
}
