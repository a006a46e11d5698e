import type { z } from 'zod';
import {
  firewallPolicySpec,
  firewallPolicyUpdateSchema,
  firewallRuleSchema,
} from '../../domain/firewall/firewall-policy-schema.js';
import { resourceSchemaOf } from './resource-schema.js';
import { listSchema } from './schema-fields.js';
import { component, requestBodies } from './schema-registry.js';

/**
 * Tollgate's firewall policies for tool calls (docs/firewall.md). The request bodies and the
 * response derive from the domain's spec (`firewallPolicySpec`); a rule reads back as it was
 * written, so the domain's rule schema is both the request's and the response's `FirewallRule`.
 */

const ruleSchema = component('FirewallRule', firewallRuleSchema);
export type FirewallRule = z.output<typeof ruleSchema>;

export const firewallPolicyBodies = requestBodies('FirewallPolicy', {
  create: firewallPolicySpec,
  update: firewallPolicyUpdateSchema,
});
export type FirewallPolicyCreate = z.input<typeof firewallPolicyBodies.create>;
export type FirewallPolicyUpdate = z.input<typeof firewallPolicyBodies.update>;

export const firewallPolicySchema = component(
  'FirewallPolicy',
  resourceSchemaOf(firewallPolicySpec, {
    id: 'Unique identifier for this policy (`aigfp_…`).',
    uri: 'URI of this firewall policy resource.',
    noun: 'policy',
  }),
);
export type FirewallPolicy = z.output<typeof firewallPolicySchema>;

component(
  'FirewallPolicyList',
  listSchema('firewallPolicies', firewallPolicySchema, 'The firewall policies of the account.'),
);
