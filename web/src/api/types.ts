/** The management API's resources as the dashboard reads them (fields it does not use are left out). */

// Resources written as zod schemas on the server (src/admin/schemas/) are imported from there:
// one source for validation, /openapi.json and these types. Types only: no zod in the bundle.
export type { AccessKey, ApiKey, Me } from '../../../src/admin/schemas/token-key-schemas.js';

import type { AccessKey, ApiKey } from '../../../src/admin/schemas/token-key-schemas.js';
import type { Charge } from '../../../src/admin/schemas/usage-schemas.js';

export type CreatedAccessKey = AccessKey & { token: string };

export type CreatedApiKey = ApiKey & { token: string };

export type { Configuration, Limits } from '../../../src/admin/schemas/configuration-schemas.js';

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

export type { FirewallPolicy, FirewallRule } from '../../../src/admin/schemas/firewall-policy-schemas.js';

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

export type { ProviderKey } from '../../../src/admin/schemas/provider-key-schemas.js';

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

export type { Account } from '../../../src/admin/schemas/account-schemas.js';
export type { CapturedBody, RequestCapture } from '../../../src/admin/schemas/capture-schemas.js';
export type {
  CreditBalance,
  /** `credits` (a grant) or a day of usage paid from credits (`usageInvoice`, today's `usageInvoicePreview`). */
  CreditTransactionItem as CreditTransaction,
  CreditTransactionList as CreditTransactions,
} from '../../../src/admin/schemas/credit-schemas.js';
export type { CustomProvider } from '../../../src/admin/schemas/custom-provider-schemas.js';
export type { GatewayConfig } from '../../../src/admin/schemas/gateway-config-schemas.js';
export type {
  Charge,
  UsageAttempt as RequestAttempt,
  UsageBucket,
  UsageEvent,
  UsageList,
  UsageOverview,
  UsageRequest as RequestAttempts,
} from '../../../src/admin/schemas/usage-schemas.js';
export type { VirtualModel } from '../../../src/admin/schemas/virtual-model-schemas.js';

export type ChargeComponentName = keyof Charge['components'];
