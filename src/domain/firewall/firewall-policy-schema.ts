import { z } from 'zod';
import { descriptionField, keptNameUpdate, nameField } from '../label-fields.js';
import { regexSyntaxError } from './linear-regex.js';

/**
 * A firewall policy as clients write it: an ordered list of rules, the first match deciding
 * (docs/firewall.md). Rule names are unique in their policy: usage events, error messages and
 * the usage API's `firewallRule` filter name a rule by it.
 */
const ruleName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" and "-" only');

/** A tool name, or a glob over names: `*` any run of characters, `?` one character. */
const toolPattern = z.string().min(1).max(256);

export const firewallStages = ['request', 'response'] as const;
export const firewallActions = ['block', 'strip', 'allow'] as const;
export const firewallModes = ['enforce', 'dry_run'] as const;

const ruleSchema = z
  .strictObject({
    name: ruleName,
    stages: z.array(z.enum(firewallStages)).min(1).max(2),
    tools: z.array(toolPattern).min(1).max(100).optional(),
    argumentsPattern: z.string().min(1).max(1024).optional(),
    action: z.enum(firewallActions),
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
  });

const rulesSchema = z
  .array(ruleSchema)
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

export const firewallPolicyCreateSchema = z.strictObject({
  name: nameField,
  description: descriptionField.optional(),
  mode: z.enum(firewallModes).default('enforce'),
  rules: rulesSchema,
});

export const firewallPolicyUpdateSchema = z.strictObject({
  name: keptNameUpdate,
  description: descriptionField.nullable().optional(),
  mode: z.enum(firewallModes).optional(),
  rules: rulesSchema.optional(),
});

export type FirewallRule = z.output<typeof ruleSchema>;
export type FirewallStage = (typeof firewallStages)[number];
export type FirewallAction = (typeof firewallActions)[number];
export type FirewallMode = (typeof firewallModes)[number];
export type FirewallPolicyCreate = z.output<typeof firewallPolicyCreateSchema>;
export type FirewallPolicyUpdate = z.output<typeof firewallPolicyUpdateSchema>;
