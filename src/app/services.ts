import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Settings } from '../config/settings.js';
import { AccessKeyAuthenticator } from '../domain/access-keys/access-key-authenticator.js';
import { LastUsedTracker } from '../domain/access-keys/last-used-tracker.js';
import { CaptureStore, CaptureSweeper } from '../domain/capture/capture-store.js';
import { ConfigurationCache } from '../domain/configurations/configuration-cache.js';
import { ConfigurationRepository } from '../domain/configurations/configuration-repository.js';
import { CreditLeases } from '../domain/credits/credit-leases.js';
import { CreditLedger } from '../domain/credits/credit-ledger.js';
import { CreditSweeper } from '../domain/credits/credit-sweeper.js';
import { settlementCommitterOf } from '../domain/credits/settlement-committers.js';
import { SettlementWriter } from '../domain/credits/settlement-writer.js';
import { CustomProviderDirectory } from '../domain/custom-providers/custom-provider-directory.js';
import { CustomProviderRepository } from '../domain/custom-providers/custom-provider-repository.js';
import { CustomProviderService } from '../domain/custom-providers/custom-provider-service.js';
import { FirewallPolicyCache } from '../domain/firewall/firewall-policy-cache.js';
import { FirewallPolicyRepository } from '../domain/firewall/firewall-policy-repository.js';
import { GatewayConfigStore } from '../domain/gateway-config/gateway-config-store.js';
import { cachesOf } from '../domain/invalidation/invalidated-cache.js';
import { InvalidationBus, type RemoteTransport } from '../domain/invalidation/invalidation-bus.js';
import { PostgresTransport } from '../domain/invalidation/postgres-transport.js';
import { RedisTransport } from '../domain/invalidation/redis-transport.js';
import { LimitAdmission } from '../domain/limits/limit-admission.js';
import {
  DatabaseWindowCounter,
  RedisWindowCounter,
  type WindowCounter,
} from '../domain/limits/window-counter.js';
import { ProviderKeyCache } from '../domain/provider-keys/provider-key-cache.js';
import { ProviderKeyRepository } from '../domain/provider-keys/provider-key-repository.js';
import { RoutingPlanner } from '../domain/routing/routing-planner.js';
import { SecretBox } from '../domain/secret-box.js';
import { TokenKeyRepository } from '../domain/token-key-repository.js';
import { UsageBatchWriter } from '../domain/usage/usage-batch-writer.js';
import { UsageRecorder } from '../domain/usage/usage-recorder.js';
import { VirtualModelDirectory } from '../domain/virtual-models/virtual-model-directory.js';
import { VirtualModelRepository } from '../domain/virtual-models/virtual-model-repository.js';
import { VirtualModelService } from '../domain/virtual-models/virtual-model-service.js';
import { loadRedis } from '../drivers/redis.js';
import { createLogger, describeError, type Logger } from '../observability/logger.js';
import { createMetrics, type Metrics } from '../observability/metrics.js';
import { SideEffectFailures } from '../observability/side-effect-failures.js';
import type { GatewayTracing } from '../observability/tracing/gateway-tracing.js';
import { CatalogIndex } from '../providers/catalog/catalog-index.js';
import { loadConfiguredCatalog } from '../providers/catalog/configured-catalog.js';
import { LiveCatalog } from '../providers/live-catalog.js';
import { BuiltInProviders } from '../providers/provider-registry.js';
import { limitTokenizerWork } from '../providers/translate/estimate-tokens.js';
import { openStore, type Store } from '../store/connect.js';
import type { AccessKeyRow, ApiKeyRow } from '../store/schema.js';
import { parseAllowlist } from '../upstream/address-guard.js';
import { guardedConnector } from '../upstream/guarded-connector.js';
import { UpstreamClient } from '../upstream/upstream-client.js';
import { resolveEncryptionKey } from './encryption-key.js';
import { checkReadiness, type Readiness } from './readiness.js';

/** Everything a running Tollgate holds, built once from the settings. */
export interface Services {
  settings: Settings;
  instanceId: string;
  logger: Logger;
  metrics: Metrics;
  /** Logs and counts work after an answer that failed without failing it. */
  sideEffectFailures: SideEffectFailures;
  store: Store;
  bus: InvalidationBus;
  secretBox: SecretBox;
  apiKeys: TokenKeyRepository<'api_keys', ApiKeyRow>;
  accessKeys: TokenKeyRepository<'access_keys', AccessKeyRow>;
  providerKeys: ProviderKeyRepository;
  providerKeyCache: ProviderKeyCache;
  accessKeyLastUsed: LastUsedTracker;
  apiKeyLastUsed: LastUsedTracker;
  providerKeyLastUsed: LastUsedTracker;
  authenticator: AccessKeyAuthenticator;
  builtIns: BuiltInProviders;
  /** The catalog in force and its reload (SIGHUP). */
  catalog: LiveCatalog;
  configurations: ConfigurationRepository;
  configurationCache: ConfigurationCache;
  firewallPolicies: FirewallPolicyRepository;
  /** Compiled firewall policies for the gateway, dropped through the invalidation bus. */
  firewallPolicyCache: FirewallPolicyCache;
  gatewayConfigs: GatewayConfigStore;
  limits: LimitAdmission;
  /** The rate-limit windows (closed on stop: on Redis it holds a connection of its own). */
  rateCounter: WindowCounter;
  customProviders: CustomProviderDirectory;
  customProviderService: CustomProviderService;
  virtualModels: VirtualModelDirectory;
  virtualModelService: VirtualModelService;
  planner: RoutingPlanner;
  upstream: UpstreamClient;
  /** For custom providers: refuses private addresses at connect time too (DNS rebinding). */
  guardedUpstream: UpstreamClient;
  recorder: UsageRecorder;
  ledger: CreditLedger;
  /** This instance's credit leases and exact holds. */
  credits: CreditLeases;
  creditSweeper: CreditSweeper;
  /** Opt-in request captures, sealed with the encryption key, and their retention sweeper. */
  captures: CaptureStore;
  captureSweeper: CaptureSweeper;
  databaseReachable(): Promise<boolean>;
  /** Each dependency's state, for `/readyz`. */
  readiness(): Promise<Readiness>;
  /** Spans to an OTLP endpoint; undefined (and OpenTelemetry never loaded) when not configured. */
  tracing: GatewayTracing | undefined;
  /** The Redis command connection, when `TOLLGATE_REDIS_URL` is set (connected by `createTollgate`). */
  redis: Redis | undefined;
}

export interface ServiceOptions {
  logDestination?: import('pino').DestinationStream;
}

export async function createServices(settings: Settings, options: ServiceOptions = {}): Promise<Services> {
  const logger = createLogger(settings.logLevel, options.logDestination);
  limitTokenizerWork(settings.tokenizerMaxChars);
  const store = await openStore(settings.database, {
    backgroundCheckpoints: (problem) => logger.warn(problem),
  });
  const transports: RemoteTransport[] = [];
  if (store.pool) transports.push(new PostgresTransport(store.pool, logger));
  const RedisClient = settings.redisUrl ? await loadRedis() : undefined;
  if (RedisClient && settings.redisUrl) {
    transports.push(
      new RedisTransport(RedisClient, settings.redisUrl, logger, settings.redisCommandTimeoutMs),
    );
  }
  const metrics = createMetrics();
  const sideEffectFailures = new SideEffectFailures(logger, metrics.sideEffectFailures);
  const bus = new InvalidationBus(transports, (error) => {
    metrics.invalidationPublishFailures.inc();
    logger.warn(
      { err: describeError(error) },
      'cache invalidation could not be sent to other instances; their caches expire it within 60 s',
    );
  });
  const secretBox = new SecretBox(resolveEncryptionKey(settings));
  const apiKeys = new TokenKeyRepository<'api_keys', ApiKeyRow>(store.db, 'api_keys');
  const accessKeys = new TokenKeyRepository<'access_keys', AccessKeyRow>(store.db, 'access_keys');
  const providerKeys = new ProviderKeyRepository(store.db, secretBox);
  const providerKeyCache = new ProviderKeyCache(providerKeys, bus);
  const logWriteError = sideEffectFailures.handler('last_used_write');
  const accessKeyLastUsed = new LastUsedTracker(
    (entries) => accessKeys.touchLastUsed(entries),
    logWriteError,
  );
  const apiKeyLastUsed = new LastUsedTracker((entries) => apiKeys.touchLastUsed(entries), logWriteError);
  const providerKeyLastUsed = new LastUsedTracker(
    (entries) => providerKeys.touchLastUsed(entries),
    logWriteError,
  );
  const configuredCatalog = loadConfiguredCatalog(settings.catalogFile);
  const builtIns = new BuiltInProviders(new CatalogIndex(configuredCatalog.catalog), settings);
  const configurations = new ConfigurationRepository(store.db);
  const configurationCache = new ConfigurationCache(configurations, bus, (id) => builtIns.has(id));
  const firewallPolicies = new FirewallPolicyRepository(store.db);
  const upstreamAllowlist = parseAllowlist(settings.upstreamAllowlist);
  const customProviderRepository = new CustomProviderRepository(store.db);
  const customProviders = new CustomProviderDirectory(customProviderRepository, bus, upstreamAllowlist);
  const virtualModelRepository = new VirtualModelRepository(store.db);
  const virtualModels = new VirtualModelDirectory(virtualModelRepository, bus);
  const ledger = new CreditLedger(store.db);
  const captures = new CaptureStore(store.db, secretBox, logger);
  const instanceId = randomUUID();
  const credits = new CreditLeases(store.db, ledger, logger, { instanceId });
  const settlements = new SettlementWriter(
    settlementCommitterOf(store),
    (settled, effects) => credits.settled(settled, effects),
    {
      // Once per committed batch, as the usage batch writer reports its own.
      onWaited: (waitedMs) => {
        metrics.state.settlementBatch.observe(waitedMs.length);
        for (const waited of waitedMs) metrics.settlementWait.observe(waited / 1_000);
      },
    },
  );
  const redis =
    RedisClient && settings.redisUrl
      ? redisClient(RedisClient, settings.redisUrl, settings.redisCommandTimeoutMs, logger)
      : undefined;
  const counter: WindowCounter = redis
    ? new RedisWindowCounter(redis)
    : new DatabaseWindowCounter(store.db, sideEffectFailures.handler('rate_counter_cleanup'));
  metrics.state.watch({ caches: () => cachesOf(bus), leases: () => credits.leaseState() });
  const tracing = settings.tracing
    ? (await import('../observability/tracing/open-telemetry.js')).startTracing(settings.tracing)
    : undefined;
  const databaseReachable = async () => {
    try {
      await sql`SELECT 1`.execute(store.db);
      return true;
    } catch {
      return false;
    }
  };
  return {
    settings,
    instanceId,
    logger,
    metrics,
    sideEffectFailures,
    store,
    redis,
    bus,
    secretBox,
    apiKeys,
    accessKeys,
    providerKeys,
    providerKeyCache,
    accessKeyLastUsed,
    apiKeyLastUsed,
    providerKeyLastUsed,
    authenticator: new AccessKeyAuthenticator(accessKeys, bus, accessKeyLastUsed),
    builtIns,
    catalog: new LiveCatalog(settings.catalogFile, builtIns, configuredCatalog),
    configurations,
    configurationCache,
    firewallPolicies,
    firewallPolicyCache: new FirewallPolicyCache(firewallPolicies, bus),
    gatewayConfigs: new GatewayConfigStore(store.db, bus),
    limits: new LimitAdmission(counter, store.db, {
      mode: settings.rateLimitOnFailure,
      logger,
      counted: (outcome) => metrics.rateLimitFailures.inc({ outcome }),
    }),
    rateCounter: counter,
    customProviders,
    customProviderService: new CustomProviderService({
      repository: customProviderRepository,
      directory: customProviders,
      isBuiltIn: (id) => builtIns.has(id),
      allowlist: upstreamAllowlist,
    }),
    virtualModels,
    virtualModelService: new VirtualModelService({
      repository: virtualModelRepository,
      directory: virtualModels,
      catalog: () => builtIns.catalog,
      hasCustomProvider: async (accountId, providerId) =>
        (await customProviders.get(accountId, providerId)) !== undefined,
    }),
    planner: new RoutingPlanner(
      builtIns,
      providerKeyCache,
      configurationCache,
      customProviders,
      virtualModels,
    ),
    upstream: new UpstreamClient(),
    guardedUpstream: new UpstreamClient({ connect: guardedConnector(upstreamAllowlist) }),
    recorder: new UsageRecorder(
      settlements,
      new UsageBatchWriter(store, {
        batchWindowMs: settings.usageWriteWindowMs,
        onWritten: (waitedMs) => {
          metrics.state.usageBatch.observe(waitedMs.length);
          for (const waited of waitedMs) metrics.usageWriteLag.observe(waited / 1_000);
        },
        onLost: (error, events) =>
          logger.error({ err: describeError(error), events }, 'usage events could not be written'),
      }),
    ),
    ledger,
    credits,
    creditSweeper: new CreditSweeper(ledger, store.db, logger),
    captures,
    captureSweeper: new CaptureSweeper(captures, logger),
    tracing,
    databaseReachable,
    readiness: () =>
      checkReadiness({
        database: databaseReachable,
        redis: redis
          ? () =>
              redis.ping().then(
                () => true,
                () => false,
              )
          : undefined,
        redisRequired: settings.rateLimitOnFailure === 'closed',
      }),
  };
}

/**
 * The Redis command connection (rate limits, readiness), connected at start. While Redis is
 * away its commands fail at once instead of queueing (the rate-limit policy then decides), and a
 * Redis that hangs fails them after `commandTimeoutMs`. Errors are logged; ioredis reconnects.
 */
function redisClient(Client: typeof Redis, url: string, commandTimeoutMs: number, logger: Logger): Redis {
  const redis = new Client(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    commandTimeout: commandTimeoutMs,
  });
  redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis connection error'));
  return redis;
}
