import { firewallPolicyIdInput, firewallPolicyReference } from './firewall-schemas.js';
import type { SchemaObject } from './openapi-types.js';
import {
  arrayOf,
  auditProperties,
  int64,
  listEnvelope,
  nullable,
  ref,
  requestObject,
  responseObject,
  text,
  timestamp,
} from './schema-builders.js';

/** Access key configurations: scope, router rules (the reference's) and limits (Tollgate's). */

const stepTypeDescription =
  "Step type. `user` for BYOK credentials via /provider-keys; `ngrok` for managed inference with the operator's " +
  "keys, paid from credits (the reference's word, kept for compatibility; `managed` is accepted as an alias on input).";

const configurationLabels = {
  name: text('User-defined label for this configuration.', { minLength: 1, maxLength: 255 }),
  description: text('Human-readable description.', { maxLength: 255 }),
  metadata: text('Arbitrary user-defined metadata.', { maxLength: 4096 }),
};

export const configurationSchemas: Record<string, SchemaObject> = {
  AccessDimension: {
    type: 'object',
    additionalProperties: false,
    properties: {
      allow: arrayOf(
        { type: 'string' },
        'Allowed entries (exact strings; no wildcards). Omit to impose no restriction on this dimension; an empty ' +
          'array means nothing is allowed.',
      ),
    },
  },
  AccessScope: {
    type: 'object',
    additionalProperties: false,
    description:
      'Scope controlling which providers and models are reachable. Omit the entire object for allow-all. Each ' +
      'dimension is independently optional.',
    properties: {
      providers: {
        allOf: [ref('AccessDimension')],
        description: 'Provider scope. Entries are built-in provider ids or custom providerIds.',
      },
      models: {
        allOf: [ref('AccessDimension')],
        description: 'Model scope. Entries are `provider:model`, `provider/model` or bare model ids.',
      },
    },
  },
  RouterStepKey: responseObject(['id', 'name', 'keyRedacted'], {
    id: text('Provider key ID.'),
    name: text('User-defined label.'),
    keyRedacted: text('Redacted display form of the key value.'),
  }),
  RouterStep: responseObject(['type'], {
    type: text(stepTypeDescription, { enum: ['user', 'ngrok'] }),
    keys: arrayOf(ref('RouterStepKey'), 'Provider keys for this step, tried in order.'),
    keySelectionStrategy: text('How to select among `keys`.', { enum: ['ordered'] }),
  }),
  RouterRule: responseObject(['steps'], {
    provider: text('Provider this rule applies to.'),
    model: text('Provider-qualified model id this rule applies to.'),
    steps: arrayOf(ref('RouterStep'), 'Fallback chain. Steps run in order.'),
  }),
  Router: responseObject([], { rules: arrayOf(ref('RouterRule'), 'Routing rules.') }),
  RouterStepKeyWrite: requestObject(
    [],
    {
      id: text('ID of an existing /provider-keys row to attach.'),
      name: text('Label for a new inline-created key. Required with `value`.', { maxLength: 255 }),
      value: text('Plaintext key value for inline create. Write-only; never returned on read.'),
    },
    'Key attachment on write. Either attach an existing /provider-keys row by `id`, or inline-create a new key ' +
      'with `name` + `value`.',
  ),
  RouterStepWrite: requestObject(['type'], {
    type: text(stepTypeDescription, { enum: ['user', 'ngrok', 'managed'] }),
    keys: arrayOf(ref('RouterStepKeyWrite'), 'Provider keys for this step. Required when type is `user`.'),
    keySelectionStrategy: text('How to select among `keys`: `ordered` tries keys in list order.', {
      enum: ['ordered'],
    }),
  }),
  RouterRuleWrite: requestObject(
    ['steps'],
    {
      provider: text('Provider reference for this rule.'),
      model: text('Provider-qualified model id (e.g. `openai:gpt-4o`).'),
      steps: arrayOf(ref('RouterStepWrite'), 'Fallback chain. Steps run in order.', { minItems: 1 }),
    },
    'A routing rule. Scope it by `provider`, `model`, or both. Model rules take precedence over provider rules.',
  ),
  RouterWrite: requestObject(
    [],
    { rules: arrayOf(ref('RouterRuleWrite'), 'Routing rules.') },
    'Routing configuration. Omit to use defaults: providers with managed inference get an implicit `ngrok` step; ' +
      "other providers use the account's provider keys for that provider, in creation order.",
  ),
  SpendLimit: requestObject(['amountCents', 'period'], {
    amountCents: int64('Most the access key may spend per period, in cents.', { minimum: 0 }),
    period: text('The period the spend is counted over.', { enum: ['day', 'week', 'month', 'total'] }),
  }),
  AccessKeyLimits: requestObject(
    [],
    {
      requestsPerMinute: int64('Requests per minute per access key (429 `rate_limited` beyond).', {
        minimum: 1,
      }),
      tokensPerMinute: int64('Tokens per minute per access key (429 `rate_limited` beyond).', { minimum: 1 }),
      spend: ref('SpendLimit'),
    },
    'Tollgate addition: limits enforced per access key, across instances. Omitted = no limit; a spent limit ' +
      'answers 403 `spend_limit_exceeded`.',
  ),
  AIGatewayAccessKeyConfiguration: responseObject(
    ['id', 'uri', 'name', 'createdAt', 'updatedAt', 'createdBy', 'lastUpdatedBy'],
    {
      id: text('Unique identifier for this configuration (`aigac_…`).'),
      uri: text('URI of this AI Gateway Access Key Configuration API resource.'),
      name: text('User-defined label for this configuration.'),
      createdAt: timestamp('Timestamp when the configuration was created.'),
      updatedAt: timestamp('Timestamp when the configuration was last updated.'),
      ...auditProperties,
      description: text('Human-readable description.'),
      metadata: text('Arbitrary user-defined metadata.'),
      access: ref('AccessScope'),
      router: ref('Router'),
      limits: ref('AccessKeyLimits'),
      firewallPolicy: firewallPolicyReference,
    },
  ),
  AIGatewayAccessKeyConfigurationList: listEnvelope(
    'aiGatewayAccessKeyConfigurations',
    'AIGatewayAccessKeyConfiguration',
    'The AI Gateway access key configurations for this account.',
  ),
  AIGatewayAccessKeyConfigurationCreate: requestObject(['name'], {
    ...configurationLabels,
    access: ref('AccessScope'),
    router: ref('RouterWrite'),
    limits: ref('AccessKeyLimits'),
    firewallPolicyId: firewallPolicyIdInput,
  }),
  AIGatewayAccessKeyConfigurationUpdate: requestObject([], {
    name: text(
      'User-defined label for this configuration. A configuration keeps a name: `null` is refused.',
      {
        minLength: 1,
        maxLength: 255,
      },
    ),
    description: nullable(configurationLabels.description),
    metadata: nullable(configurationLabels.metadata),
    access: { nullable: true, allOf: [ref('AccessScope')] },
    router: { nullable: true, allOf: [ref('RouterWrite')] },
    limits: { nullable: true, allOf: [ref('AccessKeyLimits')] },
    firewallPolicyId: nullable(firewallPolicyIdInput),
  }),
};
