import type { Insertable, Selectable } from 'kysely';

/**
 * One schema for both dialects: timestamps are ISO-8601 UTC text (sortable as strings),
 * booleans are 0/1 integers, money is integer nano-dollars (bigint), JSON is text.
 */
export interface AccountsTable {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

/** Columns shared by the two token-bearing tables. */
interface TokenColumns {
  id: string;
  account_id: string;
  public_id: string;
  secret_hash: string;
  key_redacted: string;
  name: string | null;
  description: string | null;
  metadata: string | null;
  created_by: string;
  last_updated_by: string;
  created_at: string;
  updated_at: string;
  last_used: string | null;
}

export interface ApiKeysTable extends TokenColumns {
  is_operator: number;
}

export interface AccessKeysTable extends TokenColumns {
  access_key_configuration_id: string | null;
}

export interface ProviderKeysTable {
  id: string;
  account_id: string;
  provider_id: string;
  name: string;
  description: string | null;
  metadata: string | null;
  value_sealed: string;
  key_redacted: string;
  created_by: string;
  last_updated_by: string;
  created_at: string;
  updated_at: string;
  last_used: string | null;
}

export interface UsageEventsTable {
  id: string;
  account_id: string;
  request_id: string;
  access_key_id: string;
  event_time: string;
  provider: string;
  provider_display_name: string;
  model: string;
  model_display_name: string;
  attempt_number: number;
  is_final_attempt: number;
  status_code: number;
  timed_out: number;
  is_error: number;
  is_streaming: number;
  stop_reason: string | null;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  cost_nano_usd: number;
  key_source: string;
  provider_key_id: string | null;
  provider_key_display_name: string | null;
  usage_estimated: number;
  retry_action: string | null;
  completion: string;
  served: number;
  upstream_duration_ms: number;
  pricing_json: string | null;
}

export interface LedgerEntriesTable {
  id: string;
  account_id: string;
  kind: string;
  amount_nano_usd: number;
  request_id: string | null;
  usage_event_id: string | null;
  created_at: string;
}

export interface Database {
  accounts: AccountsTable;
  api_keys: ApiKeysTable;
  access_keys: AccessKeysTable;
  provider_keys: ProviderKeysTable;
  usage_events: UsageEventsTable;
  ledger_entries: LedgerEntriesTable;
}

export type AccountRow = Selectable<AccountsTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type AccessKeyRow = Selectable<AccessKeysTable>;
export type ProviderKeyRow = Selectable<ProviderKeysTable>;
export type UsageEventRow = Selectable<UsageEventsTable>;
export type NewUsageEvent = Insertable<UsageEventsTable>;
