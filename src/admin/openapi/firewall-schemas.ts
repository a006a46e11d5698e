import type { SchemaObject } from './openapi-types.js';
import {
  arrayOf,
  auditProperties,
  listEnvelope,
  nullable,
  ref,
  requestObject,
  responseObject,
  text,
  timestamp,
} from './schema-builders.js';

/** Tollgate's firewall policies for tool calls (docs/firewall.md), and how a configuration attaches one. */

const ruleProperties = {
  name: text('Unique within the policy; usage events and error messages name the rule by it.', {
    minLength: 1,
    maxLength: 64,
    pattern: '^[A-Za-z0-9._-]+$',
  }),
  stages: arrayOf(
    text('`request`: advertised tools and tool results; `response`: tool calls the model emits.', {
      enum: ['request', 'response'],
    }),
    'The stages the rule applies at.',
    { minItems: 1, maxItems: 2 },
  ),
  tools: arrayOf(
    text('A tool name, or a glob: `*` any run of characters, `?` one character.', {
      minLength: 1,
      maxLength: 256,
    }),
    'The rule matches a tool whose name matches any of these (case-sensitive).',
    { minItems: 1, maxItems: 100 },
  ),
  argumentsPattern: text(
    "An RE2 regular expression searched in the call's JSON arguments (linear time; no backreferences or lookaround).",
    { minLength: 1, maxLength: 1024 },
  ),
  action: text('`block` refuses, `strip` removes an advertised tool, `allow` stops evaluating.', {
    enum: ['block', 'strip', 'allow'],
  }),
};

const mode = text('`enforce` changes traffic; `dry_run` only records what would have happened.', {
  enum: ['enforce', 'dry_run'],
});

export const firewallSchemas: Record<string, SchemaObject> = {
  FirewallRule: requestObject(
    ['name', 'stages', 'action'],
    ruleProperties,
    'One rule; the first match wins.',
  ),
  FirewallPolicy: responseObject(
    ['id', 'uri', 'name', 'createdAt', 'updatedAt', 'createdBy', 'lastUpdatedBy', 'mode', 'rules'],
    {
      id: text('Unique identifier for this policy (`aigfp_…`).'),
      uri: text('URI of this firewall policy resource.'),
      name: text('User-defined label for this policy.'),
      createdAt: timestamp('Timestamp when the policy was created.'),
      updatedAt: timestamp('Timestamp when the policy was last updated.'),
      ...auditProperties,
      description: text('Human-readable description.'),
      mode,
      rules: arrayOf(ref('FirewallRule'), 'The rules, in the order they are evaluated.'),
    },
  ),
  FirewallPolicyList: listEnvelope(
    'firewallPolicies',
    'FirewallPolicy',
    'The firewall policies of the account.',
  ),
  FirewallPolicyCreate: requestObject(['name', 'rules'], {
    name: text('User-defined label for this policy.', { minLength: 1, maxLength: 255 }),
    description: text('Human-readable description.', { maxLength: 255 }),
    mode: { ...mode, default: 'enforce' },
    rules: arrayOf(ref('FirewallRule'), 'The rules, in order.', { maxItems: 100 }),
  }),
  FirewallPolicyUpdate: requestObject([], {
    name: text('User-defined label. A policy keeps a name: `null` is refused.', {
      minLength: 1,
      maxLength: 255,
    }),
    description: nullable(text('Human-readable description.', { maxLength: 255 })),
    mode,
    rules: arrayOf(ref('FirewallRule'), 'The rules, in order; replaces them all.', { maxItems: 100 }),
  }),
};

/** On a configuration's create and update bodies. */
export const firewallPolicyIdInput = text(
  'Tollgate addition: the firewall policy (`aigfp_…`) that screens the tool calls of keys with this configuration.',
);

/** On a configuration as read back. */
export const firewallPolicyReference: SchemaObject = nullable(
  responseObject(
    ['id', 'uri'],
    {
      id: text('The firewall policy (`aigfp_…`).'),
      uri: text('URI of the firewall policy.'),
    },
    'Tollgate addition: the attached firewall policy, or null for none.',
  ),
);
