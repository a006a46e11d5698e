import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * One schema for both dialects: timestamps are ISO-8601 UTC text (sortable as strings),
 * booleans are 0/1 integers, money is integer nano-dollars (bigint), JSON is text.
 */
export interface AccountsTable {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
  /** Credits left, in nano-dollars (negative only after an overdraft: a provider counted more than the hold's bound). */
  balance_nano_usd: Generated<number>;
  /** Held by requests in flight and by instances' leases; available = balance − reserved. */
  reserved_nano_usd: Generated<number>;
}

export interface CreditGrantsTable {
  id: string;
  account_id: string;
  category: string;
  amount_nano_usd: number;
  remaining_nano_usd: number;
  expires_at: string | null;
  expired_nano_usd: Generated<number>;
  expired_at: string | null;
  created_by: string;
  created_at: string;
}

export interface CreditReservationsTable {
  id: string;
  account_id: string;
  /** Set when the hold also counts against the key's spend limit. */
  access_key_id: string | null;
  request_id: string;
  amount_nano_usd: number;
  expires_at: string;
  created_at: string;
}

/** A slice of an account's available balance held by one instance (part of `reserved_nano_usd`). */
export interface CreditLeasesTable {
  id: string;
  account_id: string;
  instance_id: string;
  amount_nano_usd: number;
  expires_at: string;
  created_at: string;
}

/**
 * An access key's running spend per period (the period's start beside it: a row whose start is
 * not the current period's counts as 0 spent) and what its requests in flight hold against a
 * spend limit.
 */
export interface KeySpendTable {
  access_key_id: string;
  day_start: Generated<string>;
  day_spent_nano_usd: Generated<number>;
  week_start: Generated<string>;
  week_spent_nano_usd: Generated<number>;
  month_start: Generated<string>;
  month_spent_nano_usd: Generated<number>;
  total_spent_nano_usd: Generated<number>;
  held_nano_usd: Generated<number>;
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
  /** AppliedPricing (attempt-cost.ts): the unit prices charged. */
  pricing_json: string | null;
  /** CostBreakdown (attempt-cost.ts); NULL on events recorded before it existed. */
  cost_breakdown_json: string | null;
  /** The provider's own request id (`x-request-id` / `request-id`), when it sent one. */
  upstream_request_id: string | null;
  /** The virtual model the client named, when the served target came from one. */
  virtual_model: string | null;
  /** The firewall policy that applied to the request (docs/firewall.md), if any. */
  firewall_policy_id: string | null;
  /** The name of the rule that decided, when one matched. */
  firewall_rule: string | null;
  /** `allowed`, `stripped`, `blocked`, or in a dry run `would_strip` / `would_block`. */
  firewall_decision: string | null;
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

export interface AccessKeyConfigurationsTable {
  id: string;
  account_id: string;
  name: string;
  description: string | null;
  metadata: string | null;
  /** `access` as JSON: `{providers?: {allow?: string[]}, models?: {allow?: string[]}}` (normalised). */
  access_json: string | null;
  /** `router` as JSON: `{rules: [...]}` with key references by id only (inline keys are stored as provider keys). */
  router_json: string | null;
  /** `limits` as JSON: `{requestsPerMinute?, tokensPerMinute?, spend?}`. */
  limits_json: string | null;
  /** The firewall policy attached (`aigfp_…`), or null for none. */
  firewall_policy_id: string | null;
  created_by: string;
  last_updated_by: string;
  created_at: string;
  updated_at: string;
}

export interface CustomProvidersTable {
  id: string;
  account_id: string;
  provider_id: string;
  name: string;
  base_url: string;
  metadata: string | null;
  supported_api_surfaces_json: string;
  models_json: string;
  /** The spec's fields without a column of their own, as one JSON object (`store/stored-fields.ts`). */
  attributes_json: string;
  created_by: string;
  last_updated_by: string;
  created_at: string;
  updated_at: string;
}

/** Per-account gateway settings; null columns mean "the default". */
export interface GatewayConfigsTable {
  account_id: string;
  per_request_timeout_ms: number | null;
  total_timeout_ms: number | null;
  max_input_tokens: number | null;
  max_output_tokens: number | null;
  metadata: string | null;
  updated_at: string;
  /** 1 = capture request and response bodies (opt-in); NULL or 0 = off. */
  capture_enabled: number | null;
  capture_retention_seconds: number | null;
  capture_max_body_bytes: number | null;
}

/** A virtual model: a name standing for an ordered list of model addresses. */
export interface VirtualModelsTable {
  id: string;
  account_id: string;
  name: string;
  /** `name` lower-cased: names match case-insensitively, and are unique so. */
  name_key: string;
  description: string | null;
  /** `[{model}]`, the targets in order. */
  targets_json: string;
  /** The spec's fields without a column of their own, as one JSON object (`store/stored-fields.ts`). */
  attributes_json: string;
  created_by: string;
  last_updated_by: string;
  created_at: string;
  updated_at: string;
}

/** One captured request (opt-in), sealed as a whole with the encryption key. */
export interface RequestCapturesTable {
  request_id: string;
  account_id: string;
  sealed: string;
  created_at: string;
  expires_at: string;
}

export interface FirewallPoliciesTable {
  id: string;
  account_id: string;
  name: string;
  description: string | null;
  /** `enforce` or `dry_run`. */
  mode: string;
  /** The ordered rules as JSON (firewall-policy-schema.ts, `FirewallRule[]`). */
  rules_json: string;
  /** The spec's fields without a column of their own, as one JSON object (`store/stored-fields.ts`). */
  attributes_json: string;
  created_by: string;
  last_updated_by: string;
  created_at: string;
  updated_at: string;
}

export interface RateCountersTable {
  counter_key: string;
  window_start: number;
  amount: number;
}

export interface Database {
  credit_grants: CreditGrantsTable;
  credit_reservations: CreditReservationsTable;
  credit_leases: CreditLeasesTable;
  key_spend: KeySpendTable;
  rate_counters: RateCountersTable;
  access_key_configurations: AccessKeyConfigurationsTable;
  custom_providers: CustomProvidersTable;
  virtual_models: VirtualModelsTable;
  request_captures: RequestCapturesTable;
  firewall_policies: FirewallPoliciesTable;
  gateway_configs: GatewayConfigsTable;
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
export type AccessKeyConfigurationRow = Selectable<AccessKeyConfigurationsTable>;
export type CustomProviderRow = Selectable<CustomProvidersTable>;
export type FirewallPolicyRow = Selectable<FirewallPoliciesTable>;
export type GatewayConfigRow = Selectable<GatewayConfigsTable>;
export type VirtualModelRow = Selectable<VirtualModelsTable>;
export type CreditGrantRow = Selectable<CreditGrantsTable>;
