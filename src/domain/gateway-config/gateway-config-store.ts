import type { Kysely } from 'kysely';
import type { Changes } from '../../store/changes.js';
import { nowIso } from '../../store/paging.js';
import type { Database, GatewayConfigRow } from '../../store/schema.js';
import { InvalidatedCache } from '../invalidation/invalidated-cache.js';
import type { InvalidationBus } from '../invalidation/invalidation-bus.js';
import { captureLimits } from './capture-limits.js';

/** The account's effective gateway settings (defaults filled in). */
export interface GatewayConfig {
  accountId: string;
  perRequestTimeoutMs: number;
  totalTimeoutMs: number;
  maxInputTokens: number | null;
  maxOutputTokens: number | null;
  metadata: string | null;
  /** Opt-in capture of request and response bodies for every key of the account (off by default). */
  capture: CaptureSettings;
}

export interface CaptureSettings {
  enabled: boolean;
  retentionSeconds: number;
  maxBodyBytes: number;
}

export const gatewayConfigDefaults = { perRequestTimeoutMs: 60_000, totalTimeoutMs: 120_000 };

export type GatewayConfigChanges = Changes<
  Pick<
    GatewayConfigRow,
    | 'per_request_timeout_ms'
    | 'total_timeout_ms'
    | 'max_input_tokens'
    | 'max_output_tokens'
    | 'metadata'
    | 'capture_enabled'
    | 'capture_retention_seconds'
    | 'capture_max_body_bytes'
  >
>;

/** Per-account settings (`/gateway-config`), cached for the gateway and dropped on every change. */
export class GatewayConfigStore {
  private readonly cache: InvalidatedCache<GatewayConfig>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: InvalidationBus,
  ) {
    this.cache = new InvalidatedCache(bus, { kind: 'account' });
  }

  get(accountId: string): Promise<GatewayConfig> {
    return this.cache.get(accountId, () => this.read(accountId));
  }

  private async read(accountId: string): Promise<GatewayConfig> {
    const row = await this.db
      .selectFrom('gateway_configs')
      .selectAll()
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    const config: GatewayConfig = {
      accountId,
      perRequestTimeoutMs: row?.per_request_timeout_ms ?? gatewayConfigDefaults.perRequestTimeoutMs,
      totalTimeoutMs: row?.total_timeout_ms ?? gatewayConfigDefaults.totalTimeoutMs,
      maxInputTokens: row?.max_input_tokens ?? null,
      maxOutputTokens: row?.max_output_tokens ?? null,
      metadata: row?.metadata ?? null,
      capture: {
        enabled: row?.capture_enabled === 1,
        retentionSeconds: row?.capture_retention_seconds ?? captureLimits.defaultRetentionSeconds,
        maxBodyBytes: row?.capture_max_body_bytes ?? captureLimits.defaultMaxBodyBytes,
      },
    };
    return config;
  }

  /** Partial update: undefined keeps a setting, null restores its default. */
  async update(accountId: string, changes: GatewayConfigChanges): Promise<GatewayConfig> {
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    const updatedAt = nowIso();
    await this.db
      .insertInto('gateway_configs')
      .values({ account_id: accountId, updated_at: updatedAt, ...defined })
      .onConflict((conflict) =>
        conflict.column('account_id').doUpdateSet({ ...defined, updated_at: updatedAt }),
      )
      .execute();
    await this.bus.publish({ kind: 'account', key: accountId });
    return this.get(accountId);
  }
}
