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

import type {
  CreditTransactionItem,
  CreditTransactionList,
} from '../../../src/admin/schemas/credit-schemas.js';
import type { AccessKey, ApiKey } from '../../../src/admin/schemas/token-key-schemas.js';
import type { Charge } from '../../../src/admin/schemas/usage-schemas.js';

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

export type { GatewayConfig } from '../../../src/admin/schemas/gateway-config-schemas.js';

export interface VirtualModel {
  id: string;
  name: string;
  description?: string;
  targets: Array<{ model: string }>;
  createdAt: string;
  updatedAt: string;
}

export type { Account } from '../../../src/admin/schemas/account-schemas.js';
export type { CapturedBody, RequestCapture } from '../../../src/admin/schemas/capture-schemas.js';
export type { CreditBalance } from '../../../src/admin/schemas/credit-schemas.js';
export type {
  Charge,
  ChargeComponent,
  UsageAttempt as RequestAttempt,
  UsageBucket,
  UsageEvent,
  UsageList,
  UsageOverview,
  UsageRequest as RequestAttempts,
} from '../../../src/admin/schemas/usage-schemas.js';

export type ChargeComponentName = keyof Charge['components'];

/**
 * One object type for the kinds of a union: the fields they share as they are, the others
 * optional. The credits page reads `id` or `periodStart` off any transaction.
 */
type KeysOfAny<Union> = Union extends unknown ? keyof Union : never;
type ValueOfAny<Union, Key extends PropertyKey> = Union extends unknown
  ? Key extends keyof Union
    ? Union[Key]
    : never
  : never;
type Flattened<Union> = Pick<Union, keyof Union> & {
  [Key in Exclude<KeysOfAny<Union>, keyof Union>]?: ValueOfAny<Union, Key>;
};

/** `credits` (a grant) or a day of usage paid from credits (`usageInvoice`, today's `usageInvoicePreview`). */
export type CreditTransaction = Flattened<CreditTransactionItem>;

export type CreditTransactions = Omit<CreditTransactionList, 'items'> & { items: CreditTransaction[] };
