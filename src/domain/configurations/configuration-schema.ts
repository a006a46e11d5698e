import { z } from 'zod';
import { descriptionField, keptNameUpdate, metadataField, nameField } from '../label-fields.js';

/**
 * A configuration as clients write it (the reference's shapes plus Tollgate's `limits`).
 * `managed` is accepted for the step type and stored as the reference's `ngrok`. The descriptions
 * are the API's words: these schemas are also the request components of /openapi.json
 * (`admin/schemas/configuration-schemas.ts` names them).
 */
const allowList = z.array(z.string().min(1).max(512)).max(1000);

export const accessDimensionSchema = z.strictObject({
  allow: allowList
    .optional()
    .describe(
      'Allowed entries (exact strings; no wildcards). Omit to impose no restriction on this dimension; an empty ' +
        'array means nothing is allowed.',
    ),
});

export const accessScopeSchema = z
  .strictObject({
    providers: accessDimensionSchema
      .optional()
      .describe('Provider scope. Entries are built-in provider ids or custom providerIds.'),
    models: accessDimensionSchema
      .optional()
      .describe('Model scope. Entries are `provider:model`, `provider/model` or bare model ids.'),
  })
  .describe(
    'Scope controlling which providers and models are reachable. Omit the entire object for allow-all. Each ' +
      'dimension is independently optional.',
  );

/** Either an existing key by `id`, or a new one by `name` + `value`; read on as one of the two. */
export const stepKeyWriteSchema = z
  .strictObject({
    id: z.string().min(1).optional().describe('ID of an existing /provider-keys row to attach.'),
    name: z
      .string()
      .min(1)
      .max(255)
      .optional()
      .describe('Label for a new inline-created key. Required with `value`.'),
    value: z
      .string()
      .min(1)
      .max(8192)
      .optional()
      .describe('Plaintext key value for inline create. Write-only; never returned on read.'),
  })
  .transform((key, context): { id: string } | { name: string; value: string } => {
    const { id, name, value } = key;
    if (id !== undefined && name === undefined && value === undefined) return { id };
    if (id === undefined && name !== undefined && value !== undefined) return { name, value };
    context.addIssue({ code: 'custom', message: 'either `id` alone, or `name` and `value`' });
    return z.NEVER;
  })
  .describe(
    'Key attachment on write. Either attach an existing /provider-keys row by `id`, or inline-create a new key ' +
      'with `name` + `value`.',
  );

const stepTypeDescription =
  "Step type. `user` for BYOK credentials via /provider-keys; `ngrok` for managed inference with the operator's " +
  "keys, paid from credits (the reference's word, kept for compatibility; `managed` is accepted as an alias on input).";

export const stepWriteSchema = z.strictObject({
  type: z
    .enum(['user', 'ngrok', 'managed'])
    .transform((type) => (type === 'managed' ? 'ngrok' : type))
    .describe(stepTypeDescription),
  keys: z
    .array(stepKeyWriteSchema)
    .max(100)
    .optional()
    .describe('Provider keys for this step. Required when type is `user`.'),
  keySelectionStrategy: z
    .literal('ordered')
    .optional()
    .describe('How to select among `keys`: `ordered` tries keys in list order.'),
});

export const ruleWriteSchema = z
  .strictObject({
    provider: z.string().min(1).max(255).optional().describe('Provider reference for this rule.'),
    model: z
      .string()
      .min(1)
      .max(512)
      .optional()
      .describe('Provider-qualified model id (e.g. `openai:gpt-4o`).'),
    steps: z.array(stepWriteSchema).min(1).max(20).describe('Fallback chain. Steps run in order.'),
  })
  .describe(
    'A routing rule. Scope it by `provider`, `model`, or both. Model rules take precedence over provider rules.',
  );

export const routerWriteSchema = z
  .strictObject({ rules: z.array(ruleWriteSchema).max(200).optional().describe('Routing rules.') })
  .describe(
    'Routing configuration. Omit to use defaults: providers with managed inference get an implicit `ngrok` ' +
      "step; other providers use the account's provider keys for that provider, in creation order.",
  );

export const spendLimitSchema = z.strictObject({
  amountCents: z
    .number()
    .int()
    .min(0)
    .max(1_000_000_000)
    .meta({ description: 'Most the access key may spend per period, in cents.', format: 'int64' }),
  period: z.enum(['day', 'week', 'month', 'total']).describe('The period the spend is counted over.'),
});

export const limitsSchema = z
  .strictObject({
    requestsPerMinute: z.number().int().min(1).max(1_000_000).optional().meta({
      description: 'Requests per minute per access key (429 `rate_limited` beyond).',
      format: 'int64',
    }),
    tokensPerMinute: z.number().int().min(1).max(1_000_000_000).optional().meta({
      description: 'Tokens per minute per access key (429 `rate_limited` beyond).',
      format: 'int64',
    }),
    spend: spendLimitSchema.optional(),
  })
  .describe(
    'Tollgate addition: limits enforced per access key, across instances. Omitted = no limit; a spent limit ' +
      'answers 403 `spend_limit_exceeded`.',
  );

const firewallPolicyId = z
  .string()
  .min(1)
  .max(64)
  .describe(
    'Tollgate addition: the firewall policy (`aigfp_…`) that screens the tool calls of keys with this configuration.',
  );
const configurationName = nameField.describe('User-defined label for this configuration.');
const configurationDescription = descriptionField.describe('Human-readable description.');
const configurationMetadata = metadataField.describe('Arbitrary user-defined metadata.');

export const configurationCreateSchema = z.strictObject({
  name: configurationName,
  description: configurationDescription.optional(),
  metadata: configurationMetadata.optional(),
  access: accessScopeSchema.optional(),
  router: routerWriteSchema.optional(),
  limits: limitsSchema.optional(),
  firewallPolicyId: firewallPolicyId.optional(),
});

export const configurationUpdateSchema = z.strictObject({
  name: keptNameUpdate.describe(
    'User-defined label for this configuration. A configuration keeps a name: `null` is refused.',
  ),
  description: configurationDescription.nullable().optional(),
  metadata: configurationMetadata.nullable().optional(),
  access: accessScopeSchema.nullable().optional(),
  router: routerWriteSchema.nullable().optional(),
  limits: limitsSchema.nullable().optional(),
  firewallPolicyId: firewallPolicyId.nullable().optional(),
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
