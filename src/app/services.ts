import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Settings } from '../config/settings.js';
import { AccessKeyAuthenticator } from '../domain/access-keys/access-key-authenticator.js';
import { LastUsedTracker } from '../domain/access-keys/last-used-tracker.js';
import { ConfigurationCache } from '../domain/configurations/configuration-cache.js';
import { ConfigurationRepository } from '../domain/configurations/configuration-repository.js';
import { CreditLeases } from '../domain/credits/credit-leases.js';
import { CreditLedger } from '../domain/credits/credit-ledger.js';
import { CreditSweeper } from '../domain/credits/credit-sweeper.js';
import {
  postgresSettlementCommitter,
  type SettlementCommitter,
  sqliteSettlementCommitter,
} from '../domain/credits/settlement-committers.js';
import { SettlementWriter } from '../domain/credits/settlement-writer.js';
import { CustomProviderDirectory } from '../domain/custom-providers/custom-provider-directory.js';
import { CustomProviderRepository } from '../domain/custom-providers/custom-provider-repository.js';
import { CustomProviderService } from '../domain/custom-providers/custom-provider-service.js';
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
import { loadRedis } from '../drivers/redis.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { createMetrics, type Metrics } from '../observability/metrics.js';
import type { GatewayTracing } from '../observability/tracing/gateway-tracing.js';
import { CatalogIndex } from '../providers/catalog/catalog-index.js';
import { loadCatalog } from '../providers/catalog/load-catalog.js';
import { BuiltInProviders } from '../providers/provider-registry.js';
import { openStore, type Store } from '../store/connect.js';
import type { AccessKeyRow, ApiKeyRow } from '../store/schema.js';
import { guardedLookup, parseAllowlist } from '../upstream/address-guard.js';
import { UpstreamClient } from '../upstream/upstream-client.js';
import { resolveEncryptionKey } from './encryption-key.js';

/** Everything a running Tollgate holds, built once from the settings. */
export interface Services {
  settings: Settings;
  instanceId: string;
  logger: Logger;
  metrics: Metrics;
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
  configurations: ConfigurationRepository;
  configurationCache: ConfigurationCache;
  gatewayConfigs: GatewayConfigStore;
  limits: LimitAdmission;
  /** The rate-limit windows (closed on stop: on Redis it holds a connection of its own). */
  rateCounter: WindowCounter;
  customProviders: CustomProviderDirectory;
  customProviderService: CustomProviderService;
  planner: RoutingPlanner;
  upstream: UpstreamClient;
  /** For custom providers: refuses private addresses at connect time too (DNS rebinding). */
  guardedUpstream: UpstreamClient;
  recorder: UsageRecorder;
  ledger: CreditLedger;
  /** This instance's credit leases and exact holds. */
  credits: CreditLeases;
  creditSweeper: CreditSweeper;
  /** Spans to an OTLP endpoint; undefined (and OpenTelemetry never loaded) when not configured. */
  tracing: GatewayTracing | undefined;
  databaseReachable(): Promise<boolean>;
}

export interface ServiceOptions {
  logDestination?: import('pino').DestinationStream;
}

export async function createServices(settings: Settings, options: ServiceOptions = {}): Promise<Services> {
  const logger = createLogger(settings.logLevel, options.logDestination);
  const store = await openStore(settings.database, {
    backgroundCheckpoints: (problem) => logger.warn(problem),
  });
  const transports: RemoteTransport[] = [];
  if (store.pool) transports.push(new PostgresTransport(store.pool, logger));
  const RedisClient = settings.redisUrl ? await loadRedis() : undefined;
  if (RedisClient && settings.redisUrl)
    transports.push(new RedisTransport(RedisClient, settings.redisUrl, logger));
  const bus = new InvalidationBus(transports);
  const secretBox = new SecretBox(resolveEncryptionKey(settings));
  const apiKeys = new TokenKeyRepository<'api_keys', ApiKeyRow>(store.db, 'api_keys');
  const accessKeys = new TokenKeyRepository<'access_keys', AccessKeyRow>(store.db, 'access_keys');
  const providerKeys = new ProviderKeyRepository(store.db, secretBox);
  const providerKeyCache = new ProviderKeyCache(providerKeys, bus);
  const logWriteError = (error: unknown) =>
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'lastUsed write failed');
  const accessKeyLastUsed = new LastUsedTracker(
    (entries) => accessKeys.touchLastUsed(entries),
    logWriteError,
  );
  const apiKeyLastUsed = new LastUsedTracker((entries) => apiKeys.touchLastUsed(entries), logWriteError);
  const providerKeyLastUsed = new LastUsedTracker(
    (entries) => providerKeys.touchLastUsed(entries),
    logWriteError,
  );
  const builtIns = new BuiltInProviders(new CatalogIndex(loadCatalog(settings.catalogFile)), settings);
  const configurations = new ConfigurationRepository(store.db);
  const configurationCache = new ConfigurationCache(configurations, bus, (id) => builtIns.has(id));
  const upstreamAllowlist = parseAllowlist(settings.upstreamAllowlist);
  const customProviderRepository = new CustomProviderRepository(store.db);
  const customProviders = new CustomProviderDirectory(customProviderRepository, bus, upstreamAllowlist);
  const ledger = new CreditLedger(store.db);
  const instanceId = randomUUID();
  const credits = new CreditLeases(store.db, ledger, logger, { instanceId });
  const metrics = createMetrics();
  const commitSettlements: SettlementCommitter = store.sqlite
    ? sqliteSettlementCommitter(store.db, store.sqlite)
    : postgresSettlementCommitter(store.db);
  const settlements = new SettlementWriter(
    (batch) => {
      metrics.state.settlementBatch.observe(batch.length);
      return commitSettlements(batch);
    },
    (settled, effects) => credits.settled(settled, effects),
    store.sqlite ? 1 : 2,
  );
  const counter: WindowCounter =
    RedisClient && settings.redisUrl
      ? new RedisWindowCounter(redisClient(RedisClient, settings.redisUrl, logger))
      : new DatabaseWindowCounter(store.db);
  metrics.state.watch({ caches: () => cachesOf(bus), leases: () => credits.leaseState() });
  const tracing = settings.tracing
    ? (await import('../observability/tracing/open-telemetry.js')).startTracing(settings.tracing)
    : undefined;
  return {
    settings,
    instanceId,
    logger,
    metrics,
    store,
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
    configurations,
    configurationCache,
    gatewayConfigs: new GatewayConfigStore(store.db, bus),
    limits: new LimitAdmission(counter, store.db),
    rateCounter: counter,
    customProviders,
    customProviderService: new CustomProviderService({
      repository: customProviderRepository,
      directory: customProviders,
      isBuiltIn: (id) => builtIns.has(id),
      allowlist: upstreamAllowlist,
    }),
    planner: new RoutingPlanner(builtIns, providerKeyCache, configurationCache, customProviders),
    upstream: new UpstreamClient(),
    guardedUpstream: new UpstreamClient({ connect: { lookup: guardedLookup(upstreamAllowlist) } }),
    recorder: new UsageRecorder(
      settlements,
      new UsageBatchWriter(store.db, store.sqlite, {
        onLost: (error, events) =>
          logger.error(
            { err: error instanceof Error ? error.message : String(error), events },
            'usage events could not be written',
          ),
        onWritten: (events) => metrics.state.usageBatch.observe(events),
      }),
    ),
    ledger,
    credits,
    creditSweeper: new CreditSweeper(ledger, store.db, logger),
    tracing,
    databaseReachable: async () => {
      try {
        await sql`SELECT 1`.execute(store.db);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** A Redis command connection whose errors are logged (ioredis reconnects by itself). */
function redisClient(Client: typeof Redis, url: string, logger: Logger): Redis {
  const redis = new Client(url, { maxRetriesPerRequest: 2 });
  redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis connection error'));
  return redis;
}
