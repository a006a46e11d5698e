import { z } from 'zod';
import { descriptionField, keptNameUpdate, metadataField, nameField } from '../label-fields.js';

/**
 * A configuration as clients write it (the reference's shapes plus Tollgate's `limits`).
 * `managed` is accepted for the step type and stored as the reference's `ngrok`.
 */
const allowList = z.array(z.string().min(1).max(512)).max(1000);

export const accessScopeSchema = z.strictObject({
  providers: z.strictObject({ allow: allowList.optional() }).optional(),
  models: z.strictObject({ allow: allowList.optional() }).optional(),
});

const stepKeyWriteSchema = z.union([
  z.strictObject({ id: z.string().min(1) }),
  z.strictObject({ name: z.string().min(1).max(255), value: z.string().min(1).max(8192) }),
]);

const stepWriteSchema = z.strictObject({
  type: z.enum(['user', 'ngrok', 'managed']).transform((type) => (type === 'managed' ? 'ngrok' : type)),
  keys: z.array(stepKeyWriteSchema).max(100).optional(),
  keySelectionStrategy: z.literal('ordered').optional(),
});

const ruleWriteSchema = z.strictObject({
  provider: z.string().min(1).max(255).optional(),
  model: z.string().min(1).max(512).optional(),
  steps: z.array(stepWriteSchema).min(1).max(20),
});

export const routerWriteSchema = z.strictObject({ rules: z.array(ruleWriteSchema).max(200).optional() });

export const limitsSchema = z.strictObject({
  requestsPerMinute: z.number().int().min(1).max(1_000_000).optional(),
  tokensPerMinute: z.number().int().min(1).max(1_000_000_000).optional(),
  spend: z
    .strictObject({
      amountCents: z.number().int().min(0).max(1_000_000_000),
      period: z.enum(['day', 'week', 'month', 'total']),
    })
    .optional(),
});

export const configurationCreateSchema = z.strictObject({
  name: nameField,
  description: descriptionField.optional(),
  metadata: metadataField.optional(),
  access: accessScopeSchema.optional(),
  router: routerWriteSchema.optional(),
  limits: limitsSchema.optional(),
  /** The firewall policy (`aigfp_…`) screening this configuration's tool calls. */
  firewallPolicyId: z.string().min(1).max(64).optional(),
});

export const configurationUpdateSchema = z.strictObject({
  name: keptNameUpdate,
  description: descriptionField.nullable().optional(),
  metadata: metadataField.nullable().optional(),
  access: accessScopeSchema.nullable().optional(),
  router: routerWriteSchema.nullable().optional(),
  limits: limitsSchema.nullable().optional(),
  firewallPolicyId: z.string().min(1).max(64).nullable().optional(),
});

export type AccessScope = z.output<typeof accessScopeSchema>;
export type RouterWrite = z.output<typeof routerWriteSchema>;
export type Limits = z.output<typeof limitsSchema>;
export type ConfigurationCreate = z.output<typeof configurationCreateSchema>;
export type ConfigurationUpdate = z.output<typeof configurationUpdateSchema>;

/** The stored router: keys by id only (inline keys became provider keys at write time). */
export interface StoredRouter {
  rules: StoredRule[];
}

export interface StoredRule {
  provider?: string;
  /** Normalised `provider:model`. */
  model?: string;
  steps: StoredStep[];
}

export interface StoredStep {
  type: 'user' | 'ngrok';
  keys?: Array<{ id: string }>;
  keySelectionStrategy?: 'ordered';
}
