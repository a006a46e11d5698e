import type { FastifyInstance } from 'fastify';
import { createAdminServer } from '../admin/admin-server.js';
import { authenticateApiKey } from '../admin/api-key-authenticator.js';
import { registerDashboard } from '../admin/dashboard/register-dashboard.js';
import { buildOpenApiDocument } from '../admin/openapi-document.js';
import { registerConfigurationRoutes } from '../admin/routes/access-key-configurations.js';
import { registerAccessKeyRoutes } from '../admin/routes/access-keys.js';
import { registerAccountRoutes } from '../admin/routes/accounts.js';
import { registerApiKeyRoutes } from '../admin/routes/api-keys.js';
import { registerCatalogRoutes } from '../admin/routes/catalog.js';
import { registerCreditRoutes } from '../admin/routes/credits.js';
import { registerFirewallPolicyRoutes } from '../admin/routes/firewall-policies.js';
import { registerGatewayConfigRoutes } from '../admin/routes/gateway-config.js';
import { registerProviderKeyRoutes } from '../admin/routes/provider-keys.js';
import { registerProviderRoutes } from '../admin/routes/providers.js';
import { registerUsageRoutes } from '../admin/routes/usage.js';
import { registerVirtualModelRoutes } from '../admin/routes/virtual-models.js';
import type { Settings } from '../config/settings.js';
import { isDatabaseFault } from '../errors/dependency-fault.js';
import { createGatewayServer } from '../gateway/gateway-server.js';
import { describeError } from '../observability/logger.js';
import { migrateToLatest } from '../store/migrate.js';
import { type BootstrapResult, bootstrapIfEmpty } from './bootstrap.js';
import { drain } from './drain.js';
import { createServices, type ServiceOptions, type Services } from './services.js';
import { unreachableAtStart } from './startup-error.js';

export interface Tollgate {
  services: Services;
  gateway: FastifyInstance;
  admin: FastifyInstance;
  bootstrap: BootstrapResult | undefined;
  /**
   * Loads TOLLGATE_CATALOG_FILE (or the shipped catalog) again and puts it in force (SIGHUP);
   * an invalid file is logged and changes nothing. Resolves true when the new catalog is in force.
   */
  reloadCatalog(): boolean;
  /** Starts both listeners; resolves with their addresses. */
  listen(): Promise<{ gatewayUrl: string; adminUrl: string }>;
  /**
   * Stops accepting, lets requests and streams in flight finish for up to `graceMs` (default: the
   * settings' `shutdownGraceMs`), then cuts what is left (its usage is recorded as for a client that
   * hung up); then writes queued usage, returns credit leases and holds, and closes connections.
   */
  close(graceMs?: number): Promise<void>;
}

/** Opens the store, migrates, bootstraps an empty database and builds both servers (not yet listening). */
export async function createTollgate(settings: Settings, options: ServiceOptions = {}): Promise<Tollgate> {
  const services = await createServices(settings, options);
  let bootstrap: BootstrapResult | undefined;
  try {
    bootstrap = await startDependencies(services, settings);
  } catch (error) {
    await services.rateCounter.close();
    await services.store.close().catch(services.sideEffectFailures.handler('store_close'));
    throw error;
  }
  services.accessKeyLastUsed.start();
  services.apiKeyLastUsed.start();
  services.providerKeyLastUsed.start();
  services.creditSweeper.start();
  services.captureSweeper.start();
  services.credits.start();

  const isKnownProvider = async (accountId: string, providerId: string) =>
    services.builtIns.has(providerId) ||
    (await services.customProviders.get(accountId, providerId)) !== undefined;

  const gateway = createGatewayServer({
    authenticator: services.authenticator,
    planner: services.planner,
    upstream: services.upstream,
    guardedUpstream: services.guardedUpstream,
    recorder: services.recorder,
    logger: services.logger,
    instanceId: services.instanceId,
    feePerMTokUsd: settings.feePerMTokUsd,
    gatewayConfigs: services.gatewayConfigs,
    limits: services.limits,
    ledger: services.ledger,
    credits: services.credits,
    providerKeyLastUsed: services.providerKeyLastUsed,
    firewallPolicies: services.firewallPolicyCache,
    maxBodyBytes: settings.maxBodyBytes,
    oversizeDrainBytes: settings.oversizeDrainBytes,
    requestLimits: settings.requestLimits,
    captures: services.captures,
    metrics: services.metrics,
    sideEffectFailures: services.sideEffectFailures,
    tracing: services.tracing,
    models: {
      authenticator: services.authenticator,
      planner: services.planner,
      builtIns: services.builtIns,
      customProviders: services.customProviders,
      providerKeys: services.providerKeys,
      virtualModels: services.virtualModels,
    },
    ready: services.readiness,
  });

  const admin = createAdminServer({
    logger: services.logger,
    metrics: services.metrics,
    authenticate: (headers) =>
      authenticateApiKey(services.apiKeys, headers, (id) => services.apiKeyLastUsed.markUsed(id)),
    ready: services.readiness,
    maxJsonDepth: settings.requestLimits.maxJsonDepth,
    oversizeDrainBytes: settings.oversizeDrainBytes,
    openApiDocument: buildOpenApiDocument,
    routes(app) {
      registerApiKeyRoutes(app, services.apiKeys);
      registerAccessKeyRoutes(app, services.accessKeys, services.bus, (accountId, ids) =>
        services.configurations.names(accountId, ids),
      );
      registerConfigurationRoutes(app, {
        repository: services.configurations,
        cache: services.configurationCache,
        providerKeys: services.providerKeys,
        providerKeysChanged: (accountId) => services.providerKeyCache.changed(accountId),
        facts: {
          isKnown: isKnownProvider,
          isBuiltIn: (providerId) => services.builtIns.has(providerId),
          defaultProviderFor: (model) => services.builtIns.catalog.defaultProviderFor(model)?.id,
        },
        refuseVirtualModels: (accountId, allow) =>
          services.virtualModelService.refuseInAllowList(accountId, allow),
        firewallPolicies: services.firewallPolicies,
      });
      registerFirewallPolicyRoutes(app, {
        repository: services.firewallPolicies,
        cache: services.firewallPolicyCache,
      });
      registerGatewayConfigRoutes(app, services.gatewayConfigs, () => services.captures.available);
      registerProviderRoutes(app, { providers: services.customProviderService });
      registerVirtualModelRoutes(app, services.virtualModelService);
      registerAccountRoutes(app, {
        store: services.store,
        apiKeys: services.apiKeys,
        ledger: services.ledger,
      });
      registerCreditRoutes(app, services.store, services.ledger);
      registerProviderKeyRoutes(app, {
        repository: services.providerKeys,
        cache: services.providerKeyCache,
        knownProvider: isKnownProvider,
        referencingConfigurations: (accountId, keyId) =>
          services.configurations.referencingProviderKey(accountId, keyId),
      });
      registerUsageRoutes(app, services.store.db, services.recorder, services.captures);
      registerCatalogRoutes(app, () => services.catalog.current());
      registerDashboard(app, {
        authenticate: (headers) =>
          authenticateApiKey(services.apiKeys, headers, (id) => services.apiKeyLastUsed.markUsed(id)),
        builtInProviders: () => services.builtIns.all(),
      });
    },
  });

  const reloadCatalog = () => {
    try {
      const { configured } = services.catalog.reload();
      const { catalog, origin } = configured;
      services.logger.info(
        { origin, version: catalog.version, reviewedOn: catalog.reviewedOn, models: catalog.models.length },
        'catalog reloaded',
      );
      return true;
    } catch (error) {
      services.logger.error(
        { err: describeError(error) },
        'catalog reload refused: the catalog in force is unchanged',
      );
      return false;
    }
  };

  return {
    reloadCatalog,
    services,
    gateway,
    admin,
    bootstrap,
    async listen() {
      const gatewayUrl = await gateway.listen({ host: settings.gateway.host, port: settings.gateway.port });
      const adminUrl = await admin.listen({ host: settings.admin.host, port: settings.admin.port });
      return { gatewayUrl, adminUrl };
    },
    async close(graceMs = settings.shutdownGraceMs) {
      await drain([gateway, admin], graceMs);
      await services.recorder.stop(10_000);
      // The spans of the requests just finished go out before the process does.
      await services.tracing?.shutdown().catch(services.sideEffectFailures.handler('tracing_shutdown'));
      // After the last settlement: what the leases still hold goes back to the accounts.
      await services.credits.stop();
      services.creditSweeper.stop();
      services.captureSweeper.stop();
      await services.captures.settled();
      await services.accessKeyLastUsed.stop();
      await services.apiKeyLastUsed.stop();
      await services.providerKeyLastUsed.stop();
      await services.bus.stop();
      await services.rateCounter.close();
      await services.upstream.close();
      await services.guardedUpstream.close();
      await services.store.close();
    },
  };
}

/**
 * Migrates, bootstraps and connects to Redis; a dependency that does not answer fails the
 * start with a message naming it and its variable (the driver's own message often names
 * neither: ioredis says only "Connection is closed.").
 */
async function startDependencies(
  services: Services,
  settings: Settings,
): Promise<BootstrapResult | undefined> {
  const databaseUrl =
    settings.database.dialect === 'postgres' ? settings.database.url : `sqlite:${settings.database.path}`;
  let bootstrap: BootstrapResult | undefined;
  try {
    await migrateToLatest(services.store.db);
    bootstrap = await bootstrapIfEmpty(services.store, settings.bootstrapApiKey);
  } catch (error) {
    if (!isDatabaseFault(error)) throw error;
    throw unreachableAtStart('The database', 'TOLLGATE_DATABASE_URL', databaseUrl, error);
  }
  if (services.redis && settings.redisUrl) {
    try {
      await services.redis.connect();
    } catch (error) {
      throw unreachableAtStart('Redis', 'TOLLGATE_REDIS_URL', settings.redisUrl, error);
    }
  }
  await services.bus.start();
  return bootstrap;
}
