import type { Migration } from 'kysely';
import * as foundation from './2026-11-27-0001-foundation.js';
import * as routing from './2026-11-27-0002-routing.js';
import * as limits from './2026-11-27-0003-limits.js';
import * as credits from './2026-11-27-0004-credits.js';
import * as spendHolds from './2026-11-27-0005-spend-holds.js';
import * as creditLeases from './2026-12-06-0006-credit-leases.js';
import * as costBreakdown from './2026-12-07-0007-cost-breakdown.js';
import * as upstreamRequestId from './2026-12-07-0008-upstream-request-id.js';
import * as virtualModelsCapture from './2026-12-07-0009-virtual-models-capture.js';
import * as firewallPolicies from './2026-12-07-0010-firewall-policies.js';
import * as resourceAttributes from './2026-12-07-0011-resource-attributes.js';

/** Every migration, in order. Names sort by date so a new one goes at the end. */
export const migrations: Record<string, Migration> = {
  '2026-11-27-0001-foundation': foundation,
  '2026-11-27-0002-routing': routing,
  '2026-11-27-0003-limits': limits,
  '2026-11-27-0004-credits': credits,
  '2026-11-27-0005-spend-holds': spendHolds,
  '2026-12-06-0006-credit-leases': creditLeases,
  '2026-12-07-0007-cost-breakdown': costBreakdown,
  '2026-12-07-0008-upstream-request-id': upstreamRequestId,
  '2026-12-07-0009-virtual-models-capture': virtualModelsCapture,
  '2026-12-07-0010-firewall-policies': firewallPolicies,
  '2026-12-07-0011-resource-attributes': resourceAttributes,
};
