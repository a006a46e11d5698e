/** The management API's resources as the dashboard reads them (fields it does not use are left out). */

// Resources written as zod schemas on the server (src/admin/schemas/) are imported from there:
// one source for validation, /openapi.json and these types. Types only: no zod in the bundle.
export type {
  AccessKey,
  AccessKeyCreate,
  AccessKeyUpdate,
  ApiKey,
  ApiKeyCreate,
  ApiKeyUpdate,
  Me,
} from '../../../src/admin/schemas/token-key-schemas.js';

import type { AccessKey, ApiKey } from '../../../src/admin/schemas/token-key-schemas.js';

export interface Ref {
  id: string;
  uri?: string;
}

export type CreatedAccessKey = AccessKey & { token: string };

export type CreatedApiKey = ApiKey & { token: string };

export interface AccessScope {
  providers?: { allow?: string[] };
  models?: { allow?: string[] };
}

export type StepType = 'user' | 'ngrok';

export interface RouterStep {
  type: StepType;
  keys?: Array<{ id: string; name?: string; keyRedacted?: string }>;
  keySelectionStrategy?: 'ordered';
}

export interface RouterRule {
  provider?: string;
  model?: string;
  steps: RouterStep[];
}

export type SpendPeriod = 'day' | 'week' | 'month' | 'total';

export interface Limits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  spend?: { amountCents: number; period: SpendPeriod };
}

export interface Configuration {
  id: string;
  name: string;
  description?: string;
  createdAt: string;
  updatedAt: string;
  access?: AccessScope;
  router?: { rules?: RouterRule[] };
  limits?: Limits;
  firewallPolicy?: Ref | null;
}

/** The body of POST / PATCH `/access-key-configurations` (`null` clears on PATCH). */
export interface ConfigurationWrite {
  name: string;
  description?: string | null;
  access?: AccessScope | null;
  router?: { rules: RouterRule[] } | null;
  limits?: Limits | null;
  firewallPolicyId?: string | null;
}

export type FirewallStage = 'request' | 'response';
export type FirewallAction = 'block' | 'strip' | 'allow';
export type FirewallMode = 'enforce' | 'dry_run';

export interface FirewallRule {
  name: string;
  stages: FirewallStage[];
  tools?: string[];
  argumentsPattern?: string;
  action: FirewallAction;
}

export interface FirewallPolicy {
  id: string;
  name: string;
  description?: string;
  mode: FirewallMode;
  rules: FirewallRule[];
  createdAt: string;
  updatedAt: string;
}

/** The body of POST / PATCH `/firewall-policies`. */
export interface FirewallPolicyWrite {
  name: string;
  description?: string | null;
  mode: FirewallMode;
  rules: FirewallRule[];
}

export type {
  ProviderKey,
  ProviderKeyCreate,
  ProviderKeyRotate,
  ProviderKeyUpdate,
} from '../../../src/admin/schemas/provider-key-schemas.js';

export interface CatalogProvider {
  id: string;
  name: string;
  format: 'openai' | 'anthropic';
  surfaces: string[];
  managed: boolean;
}

export interface Catalog {
  providers: CatalogProvider[];
}

export interface CustomProvider {
  id: string;
  providerId: string;
  name: string;
  baseUrl: string;
  createdAt: string;
  supportedApiSurfaces?: Array<{ format: 'openai' | 'anthropic'; surface?: string }>;
  models?: Array<{ id?: string; modelId: string }>;
}

export interface GatewayConfig {
  perRequestTimeout: string | null;
  totalTimeout: string | null;
  maxInputTokens: number | null;
  maxOutputTokens: number | null;
  captureBodies?: boolean;
  captureRetention?: string;
  captureMaxBodyBytes?: number;
}

export interface VirtualModel {
  id: string;
  name: string;
  description?: string;
  targets: Array<{ model: string }>;
  createdAt: string;
  updatedAt: string;
}

export interface CapturedBody {
  body: string;
  truncated: boolean;
}

/** A request's captured bodies (opt-in per account), as `GET /usage/requests/{id}` returns them. */
export interface RequestCapture {
  capturedAt: string;
  expiresAt: string;
  request: CapturedBody & { method: string; path: string; headers: Record<string, string> };
  response: (CapturedBody & { statusCode: number; streamed: boolean }) | null;
  attempts: Array<
    CapturedBody & { attemptNumber: number; model: string; statusCode: number; error: string | null }
  >;
}

export interface UsageEvent {
  id: string;
  eventTime: string;
  requestId: string;
  accessKeyId: string | null;
  provider: string;
  model: string;
  attemptNumber: number;
  isFinalAttempt: boolean;
  statusCode: number;
  timedOut: boolean;
  isError: boolean;
  isStreaming: boolean;
  stopReason: string;
  inputTokens: number;
  outputTokens: number;
  totalCost: string;
  costNanoUsd?: number;
  usageEstimated?: boolean;
  keySource?: string;
  providerKeyDisplayName?: string;
  virtualModel?: string;
  firewallPolicyId?: string | null;
  firewallRule?: string | null;
  firewallDecision?: string | null;
}

export interface UsageList {
  aiGatewayUsage: UsageEvent[];
  nextPageUri: string | null;
}

export interface UsageBucket {
  bucketStart: string;
  groupKey: string;
  cost: string;
  requests: number;
  errors: number;
}

export interface UsageOverview {
  buckets: UsageBucket[];
  totals: { cost: string; requests: number; errors: number };
}

export interface ChargeComponent {
  tokens: number;
  costNanoUsd: number;
  cost: string;
}

export type ChargeComponentName =
  | 'input'
  | 'cachedInput'
  | 'cacheWrite5m'
  | 'cacheWrite1h'
  | 'output'
  | 'reasoning'
  | 'fee';

/** What one attempt was charged, component by component, at the unit prices stored with it. */
export interface Charge {
  effectiveFrom: string | null;
  tier: { aboveInputTokens: number } | null;
  unitPricesPerMTok: Record<Exclude<ChargeComponentName, 'reasoning'>, string | null>;
  components: Record<ChargeComponentName, ChargeComponent>;
}

export interface RequestAttempt {
  event: UsageEvent;
  served: boolean;
  retryAction: string | null;
  completion: string | null;
  upstreamDurationMs: number | null;
  /** Null for attempts recorded before Tollgate stored breakdowns. */
  charge?: Charge | null;
}

export interface RequestAttempts {
  requestId: string;
  attempts: RequestAttempt[];
  capture?: RequestCapture;
}

export interface CreditBalance {
  balanceCents: number;
  balanceUsd?: string;
  reservedUsd?: string;
  availableUsd?: string;
}

/** `credits` (a grant) or a day of usage paid from credits (`usageInvoice`, today's `usageInvoicePreview`). */
export interface CreditTransaction {
  type: 'credits' | 'usageInvoice' | 'usageInvoicePreview' | string;
  id?: string;
  createdAt: string;
  amountCents?: number;
  amountUsd?: string;
  category?: string;
  expiresAt?: string | null;
  /** Tollgate's additions on grants: what is left, and when it expired. */
  remainingUsd?: string;
  expiredAt?: string | null;
  periodStart?: string;
  totalCents?: number;
  totalUsd?: string;
}

export interface CreditTransactions {
  items: CreditTransaction[];
}

export interface Account {
  id: string;
  name: string;
  createdAt?: string;
}
