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

export type {
  AccessScope,
  Configuration,
  ConfigurationCreate,
  ConfigurationUpdate,
  Limits,
} from '../../../src/admin/schemas/configuration-schemas.js';

import type {
  ConfigurationUpdate,
  Limits,
  RouterRuleView,
  RouterStepView,
} from '../../../src/admin/schemas/configuration-schemas.js';

export type StepType = RouterStepView['type'];

/** A step as the editor reads it back and sends it: keys by id (their labels are read-only). */
export type RouterStep = Omit<RouterStepView, 'keys'> & { keys?: Array<{ id: string }> | undefined };

export type RouterRule = Omit<RouterRuleView, 'steps'> & { steps: RouterStep[] };

export type SpendPeriod = NonNullable<Limits['spend']>['period'];

/** The body of POST / PATCH `/access-key-configurations` (`null` clears on PATCH): a name always. */
export type ConfigurationWrite = ConfigurationUpdate & { name: string };

export type {
  FirewallPolicy,
  FirewallPolicyCreate,
  FirewallPolicyUpdate,
  FirewallRule,
} from '../../../src/admin/schemas/firewall-policy-schemas.js';

import type {
  FirewallPolicy,
  FirewallPolicyUpdate,
  FirewallRule,
} from '../../../src/admin/schemas/firewall-policy-schemas.js';

export type FirewallStage = FirewallRule['stages'][number];
export type FirewallAction = FirewallRule['action'];
export type FirewallMode = FirewallPolicy['mode'];

/** The body of POST / PATCH `/firewall-policies`: every field, as the editor sends them. */
export type FirewallPolicyWrite = FirewallPolicyUpdate & Pick<FirewallPolicy, 'name' | 'mode' | 'rules'>;

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

export type { CustomProvider } from '../../../src/admin/schemas/custom-provider-schemas.js';

export interface GatewayConfig {
  perRequestTimeout: string | null;
  totalTimeout: string | null;
  maxInputTokens: number | null;
  maxOutputTokens: number | null;
  captureBodies?: boolean;
  captureRetention?: string;
  captureMaxBodyBytes?: number;
}

export type { VirtualModel } from '../../../src/admin/schemas/virtual-model-schemas.js';

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
