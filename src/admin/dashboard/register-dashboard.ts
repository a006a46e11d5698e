import { join } from 'node:path';
import { fastifyCookie } from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import { packageRoot } from '../../package-root.js';
import { registerCatalogRoute } from './catalog-route.js';
import type { DashboardDeps } from './dashboard-deps.js';
import { registerSessionRoutes } from './session-routes.js';
import { registerWebApp } from './web-app.js';

export type { DashboardDeps } from './dashboard-deps.js';

/**
 * The dashboard under `/ui/`: sign-in and sign-out (`/ui/session`), the provider catalog
 * (`/ui/api/catalog`) and the built single-page app. Everything else it shows comes from the
 * management API, which accepts the session cookie through the admin auth hook.
 */
export function registerDashboard(app: FastifyInstance, deps: DashboardDeps): void {
  // On the root (fastify-plugin), so the admin auth hook can read the session cookie on every route.
  app.register(fastifyCookie, { hook: false });
  app.register(
    async (scope) => {
      registerSessionRoutes(scope, deps.authenticate);
      registerCatalogRoute(scope, deps);
      await registerWebApp(scope, deps.webRoot ?? join(packageRoot(), 'web', 'dist'));
    },
    { prefix: '/ui' },
  );
}
