import { z } from 'zod';
import { descriptionField, keptNameUpdate, nameField } from '../label-fields.js';
import { patchSchemaOf } from '../resource-fields/resource-spec.js';
import { regexSyntaxError } from './linear-regex.js';

/**
 * A firewall policy as clients write it: an ordered list of rules, the first match deciding
 * (docs/firewall.md). Rule names are unique in their policy: usage events, error messages and
 * the usage API's `firewallRule` filter name a rule by it. The descriptions are the API's words:
 * these schemas are also components of /openapi.json (`admin/schemas/firewall-policy-schemas.ts`).
 */
const ruleName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" and "-" only')
  .describe('Unique within the policy; usage events and error messages name the rule by it.');

/** A tool name, or a glob over names: `*` any run of characters, `?` one character. */
const toolPattern = z
  .string()
  .min(1)
  .max(256)
  .describe('A tool name, or a glob: `*` any run of characters, `?` one character.');

export const firewallStages = ['request', 'response'] as const;
export const firewallActions = ['block', 'strip', 'allow'] as const;
export const firewallModes = ['enforce', 'dry_run'] as const;

const firewallModeField = z
  .enum(firewallModes)
  .describe('`enforce` changes traffic; `dry_run` only records what would have happened.');

export const firewallRuleSchema = z
  .strictObject({
    name: ruleName,
    stages: z
      .array(
        z
          .enum(firewallStages)
          .describe('`request`: advertised tools and tool results; `response`: tool calls the model emits.'),
      )
      .min(1)
      .max(2)
      .describe('The stages the rule applies at.'),
    tools: z
      .array(toolPattern)
      .min(1)
      .max(100)
      .optional()
      .describe('The rule matches a tool whose name matches any of these (case-sensitive).'),
    argumentsPattern: z
      .string()
      .min(1)
      .max(1024)
      .optional()
      .describe(
        "An RE2 regular expression searched in the call's JSON arguments (linear time; no backreferences or " +
          'lookaround).',
      ),
    action: z
      .enum(firewallActions)
      .describe('`block` refuses, `strip` removes an advertised tool, `allow` stops evaluating.'),
  })
  .superRefine((rule, context) => {
    if (rule.tools === undefined && rule.argumentsPattern === undefined) {
      context.addIssue({ code: 'custom', message: 'a rule needs tools, argumentsPattern or both' });
    }
    if (rule.argumentsPattern !== undefined) {
      const error = regexSyntaxError(rule.argumentsPattern);
      if (error !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['argumentsPattern'],
          message: `not a valid regular expression (RE2 syntax): ${error}`,
        });
      }
    }
    // Only advertised tools can be stripped, and they carry no arguments: anything else would
    // be a rule that never matches.
    if (
      rule.action === 'strip' &&
      (rule.stages.includes('response') || rule.argumentsPattern !== undefined)
    ) {
      context.addIssue({
        code: 'custom',
        path: ['action'],
        message: 'strip removes advertised tools: request stage only, matched by tools only',
      });
    }
  })
  .describe('One rule; the first match wins.');

const rulesSchema = z
  .array(firewallRuleSchema)
  .max(100)
  .superRefine((rules, context) => {
    const seen = new Set<string>();
    for (const [index, rule] of rules.entries()) {
      if (seen.has(rule.name)) {
        context.addIssue({ code: 'custom', path: [index, 'name'], message: 'rule names must be unique' });
      }
      seen.add(rule.name);
    }
  });

/**
 * The writable fields of a firewall policy (its spec, see `resource-fields/resource-spec.ts`): the
 * create body, and the source of the PATCH body, the response and the stored columns.
 */
export const firewallPolicySpec = z.strictObject({
  name: nameField.describe('User-defined label for this policy.'),
  description: descriptionField.describe('Human-readable description of this policy.').optional(),
  mode: firewallModeField.default('enforce'),
  rules: rulesSchema.describe('The rules, in the order they are evaluated; a PATCH replaces them all.'),
});

export const firewallPolicyUpdateSchema = patchSchemaOf(firewallPolicySpec, {
  overrides: {
    name: keptNameUpdate.describe('User-defined label. A policy keeps a name: `null` is refused.'),
  },
});

export type FirewallRule = z.output<typeof firewallRuleSchema>;
export type FirewallStage = (typeof firewallStages)[number];
export type FirewallAction = (typeof firewallActions)[number];
export type FirewallMode = (typeof firewallModes)[number];
export type FirewallPolicyCreate = z.output<typeof firewallPolicySpec>;
export type FirewallPolicyUpdate = z.output<typeof firewallPolicyUpdateSchema>;
