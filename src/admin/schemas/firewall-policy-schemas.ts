import { z } from 'zod';
import {
  firewallModeField,
  firewallPolicyCreateSchema,
  firewallPolicyUpdateSchema,
  firewallRuleSchema,
} from '../../domain/firewall/firewall-policy-schema.js';
import { auditFields, labelFields, listSchema, text, timestamp } from './schema-fields.js';
import { component, requestBodies } from './schema-registry.js';

/**
 * Tollgate's firewall policies for tool calls (docs/firewall.md). A rule reads back as it was
 * written, so the domain's rule schema is both the request's and the response's `FirewallRule`.
 */

const ruleSchema = component('FirewallRule', firewallRuleSchema);
export type FirewallRule = z.output<typeof ruleSchema>;

export const firewallPolicyBodies = requestBodies('FirewallPolicy', {
  create: firewallPolicyCreateSchema,
  update: firewallPolicyUpdateSchema,
});
export type FirewallPolicyCreate = z.input<typeof firewallPolicyBodies.create>;
export type FirewallPolicyUpdate = z.input<typeof firewallPolicyBodies.update>;

export const firewallPolicySchema = component(
  'FirewallPolicy',
  z.object({
    id: text('Unique identifier for this policy (`aigfp_…`).'),
    uri: text('URI of this firewall policy resource.'),
    name: text('User-defined label for this policy.'),
    createdAt: timestamp('Timestamp when the policy was created.'),
    updatedAt: timestamp('Timestamp when the policy was last updated.'),
    ...auditFields,
    description: labelFields('policy').description,
    mode: firewallModeField,
    rules: z.array(ruleSchema).describe('The rules, in the order they are evaluated.'),
  }),
);
export type FirewallPolicy = z.output<typeof firewallPolicySchema>;

component(
  'FirewallPolicyList',
  listSchema('firewallPolicies', firewallPolicySchema, 'The firewall policies of the account.'),
);
