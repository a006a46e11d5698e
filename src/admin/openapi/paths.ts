import type { ParameterObject, PathItemObject } from './openapi-types.js';
import {
  jsonResponse,
  operation,
  pageParameters,
  parameter,
  resourcePaths,
  withHeadVariants,
} from './operations.js';

/** Every path of the admin listener: the reference's resources, then Tollgate's own. */

export const tags = {
  configurations: 'AI Gateway Access Key Configurations',
  accessKeys: 'AI Gateway Access Keys',
  gatewayConfig: 'AI Gateway Configuration',
  apiKeys: 'AI Gateway API Keys',
  credits: 'AI Gateway Credits',
  providers: 'AI Gateway Custom Providers',
  virtualModels: 'AI Gateway Virtual Models',
  providerKeys: 'AI Gateway Provider Keys',
  usage: 'AI Gateway Usage',
  firewall: 'Tollgate Firewall Policies',
  accounts: 'Tollgate Accounts',
  operations: 'Tollgate Operations',
} as const;

const timeWindow = (required: boolean, what: string): ParameterObject[] => [
  {
    name: 'startTime',
    in: 'query',
    required,
    description: `Start of the window as an RFC3339 timestamp (inclusive): ${what}.`,
    schema: { type: 'string', format: 'date-time' },
  },
  {
    name: 'endTime',
    in: 'query',
    required: false,
    description: 'End of the window as an RFC3339 timestamp. Defaults to now.',
    schema: { type: 'string', format: 'date-time' },
  },
];

const usageFilters: ParameterObject[] = [
  ...timeWindow(true, 'only events with `eventTime` at or after it'),
  {
    name: 'accessKeyId',
    in: 'query',
    required: false,
    description: 'Filter results to a single access key.',
    schema: { type: 'string' },
  },
  ...(['firewallPolicyId', 'firewallRule'] as const).map(
    (name): ParameterObject => ({
      name,
      in: 'query',
      required: false,
      description: `Tollgate addition: only events whose \`${name}\` is this value.`,
      schema: { type: 'string' },
    }),
  ),
  {
    name: 'firewallDecision',
    in: 'query',
    required: false,
    description: 'Tollgate addition: only events with this firewall decision.',
    schema: { type: 'string', enum: ['allowed', 'stripped', 'blocked', 'would_strip', 'would_block'] },
  },
  {
    name: 'includeRetries',
    in: 'query',
    required: false,
    description: "When true, include retry attempts besides each request's terminal attempt.",
    schema: { type: 'boolean', default: false },
  },
  {
    name: 'cursor',
    in: 'query',
    required: false,
    description: "Cursor from a previous response's `nextPageUri`.",
    schema: { type: 'string' },
  },
];

const overviewFilters: ParameterObject[] = [
  ...timeWindow(true, 'the first UTC day bucket'),
  {
    name: 'groupBy',
    in: 'query',
    required: false,
    description: 'Dimension to break the series down by (`model` is a Tollgate addition).',
    schema: { type: 'string', enum: ['provider', 'accessKey', 'model'], default: 'provider' },
  },
];

const publicOperation = { security: [] };
const statusBody = {
  description: 'Status.',
  content: {
    'application/json': {
      schema: { type: 'object' as const, properties: { status: { type: 'string' as const } } },
    },
  },
};

const readinessBody = {
  description: 'Status, and the state of each dependency.',
  content: {
    'application/json': {
      schema: {
        type: 'object' as const,
        properties: {
          status: { type: 'string' as const, enum: ['ok', 'degraded', 'unavailable'] },
          database: { type: 'string' as const, enum: ['ok', 'unreachable'] },
          redis: { type: 'string' as const, enum: ['ok', 'unreachable', 'not configured'] },
        },
      },
    },
  },
};

const operationsPaths: Record<string, PathItemObject> = {
  '/healthz': {
    get: {
      ...operation(tags.operations, 'GetHealth', 'Process is up', { responses: { '200': statusBody } }),
      ...publicOperation,
    },
  },
  '/readyz': {
    get: {
      ...operation(tags.operations, 'GetReadiness', 'Dependencies are reachable', {
        responses: { '200': readinessBody, '503': readinessBody },
      }),
      ...publicOperation,
    },
  },
  '/metrics': {
    get: {
      ...operation(tags.operations, 'GetMetrics', 'Prometheus metrics', {
        responses: {
          '200': {
            description: 'Prometheus text exposition format.',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
        },
      }),
      ...publicOperation,
    },
  },
  '/openapi.json': {
    get: {
      ...operation(tags.operations, 'GetOpenApiDocument', 'This document', {
        responses: {
          '200': {
            description: 'The OpenAPI 3.0.3 document.',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        },
      }),
      ...publicOperation,
    },
  },
};

const referencePaths: Record<string, PathItemObject> = {
  ...resourcePaths({
    collection: '/access-key-configurations',
    tag: tags.configurations,
    stem: 'AIGatewayAccessKeyConfiguration',
    noun: 'AI Gateway access key configuration',
    idParameter: 'AIGatewayAccessKeyConfigurationID',
    deleteConflict: 'an access key references the configuration',
  }),
  ...resourcePaths({
    collection: '/access-keys',
    tag: tags.accessKeys,
    stem: 'AIGatewayAccessKey',
    noun: 'AI Gateway access key',
    idParameter: 'AIGatewayAccessKeyID',
  }),
  ...resourcePaths({
    collection: '/api-keys',
    tag: tags.apiKeys,
    stem: 'AIGatewayAPIKey',
    noun: 'AI Gateway API key',
    idParameter: 'AIGatewayAPIKeyID',
  }),
  ...resourcePaths({
    collection: '/provider-keys',
    tag: tags.providerKeys,
    stem: 'AIGatewayProviderAPIKey',
    itemSchema: 'AIGatewayProviderAPIKeyDetail',
    noun: 'AI Gateway provider key',
    idParameter: 'AIGatewayProviderAPIKeyID',
    listFilters: [
      {
        name: 'provider',
        in: 'query',
        required: false,
        description: 'Only returns keys matching the provider.',
        schema: { type: 'string' },
      },
    ],
    deleteConflict: "a configuration's router rule references the key",
  }),
  '/provider-keys/{id}/rotate': {
    parameters: [parameter('AIGatewayProviderAPIKeyID')],
    post: operation(tags.providerKeys, 'RotateAIGatewayProviderAPIKey', 'Rotate an AI Gateway provider key', {
      description: "Replace the key's value (and name); the ID stays the same.",
      requestSchema: 'AIGatewayProviderAPIKeyRotate',
      responses: {
        '200': jsonResponse('The updated AI Gateway provider key.', 'AIGatewayProviderAPIKeyDetail'),
      },
    }),
  },
  ...resourcePaths({
    collection: '/providers',
    tag: tags.providers,
    stem: 'AIGatewayProvider',
    noun: 'AI Gateway provider',
    idParameter: 'AIGatewayProviderID',
    deleteConflict: 'a provider key or an access key configuration references the provider',
  }),
  ...resourcePaths({
    collection: '/virtual-models',
    tag: tags.virtualModels,
    stem: 'AIGatewayVirtualModel',
    noun: 'AI Gateway virtual model',
    idParameter: 'AIGatewayVirtualModelID',
  }),
  '/gateway-config': {
    get: operation(tags.gatewayConfig, 'GetAIGatewayConfig', 'Get AI Gateway configuration', {
      responses: { '200': jsonResponse('The AI Gateway configuration.', 'AIGatewayConfig') },
    }),
    patch: operation(tags.gatewayConfig, 'UpdateAIGatewayConfig', 'Update AI Gateway configuration', {
      description: 'Omitted fields keep their stored value; `null` clears a nullable one.',
      requestSchema: 'AIGatewayConfigUpdate',
      responses: { '200': jsonResponse('The updated AI Gateway configuration.', 'AIGatewayConfig') },
    }),
  },
  '/credits/balance': {
    get: operation(tags.credits, 'GetCreditBalance', 'Get credit balance', {
      description:
        "The balance in whole cents (the reference's field) and, exactly, in USD with reservations.",
      responses: { '200': jsonResponse('The current credit balance.', 'CreditBalance') },
    }),
  },
  '/credits/transactions': {
    get: operation(tags.credits, 'GetCreditTransactions', 'List credit transactions', {
      description: 'Credit grants and usage, newest first.',
      responses: { '200': jsonResponse('The credit transaction history.', 'CreditTransactionList') },
    }),
  },
  '/usage': {
    get: operation(tags.usage, 'ListAIGatewayUsage', 'List AI Gateway usage events', {
      description: 'Per-attempt usage events of the account, newest first, paged with an opaque cursor.',
      parameters: [...usageFilters, parameter('Limit')],
      responses: { '200': jsonResponse('A page of AI Gateway usage events.', 'AIGatewayUsageList') },
    }),
  },
  '/usage/overview': {
    get: operation(tags.usage, 'GetAIGatewayUsageOverview', 'AI Gateway usage overview', {
      description:
        'Daily cost, request and error series plus window totals. Requests and errors count final attempts.',
      parameters: overviewFilters,
      responses: {
        '200': jsonResponse('The usage overview series and window totals.', 'AIGatewayUsageOverview'),
      },
    }),
  },
  '/usage/requests/{requestId}': {
    parameters: [parameter('RequestID')],
    get: operation(tags.usage, 'GetAIGatewayUsageRequest', "Get one request's attempts", {
      responses: { '200': jsonResponse('The request and its attempts.', 'AIGatewayUsageRequest') },
    }),
  },
};

const firewallPaths: Record<string, PathItemObject> = resourcePaths({
  collection: '/firewall-policies',
  tag: tags.firewall,
  stem: 'FirewallPolicy',
  noun: 'firewall policy',
  idParameter: 'FirewallPolicyID',
  deleteConflict: 'an access key configuration attaches the policy',
});

const operatorOnly = 'Operator API keys only; for any other key these paths read as missing (404).';

const accountPaths: Record<string, PathItemObject> = {
  '/me': {
    get: operation(tags.apiKeys, 'GetMe', 'Who am I', {
      description: "The calling API key's id, account and whether it is an operator key.",
      responses: { '200': jsonResponse('The calling API key.', 'Me') },
    }),
  },
  '/accounts': {
    get: operation(tags.accounts, 'ListAccounts', 'List accounts', {
      description: operatorOnly,
      parameters: pageParameters,
      responses: { '200': jsonResponse('A page of accounts.', 'AccountList') },
    }),
    post: operation(tags.accounts, 'CreateAccount', 'Create an account', {
      description: operatorOnly,
      requestSchema: 'AccountCreate',
      responses: { '201': jsonResponse('The created account.', 'Account') },
    }),
  },
  '/accounts/{id}': {
    parameters: [parameter('AccountID')],
    get: operation(tags.accounts, 'GetAccount', 'Get an account', {
      description: operatorOnly,
      responses: { '200': jsonResponse('The account.', 'Account') },
    }),
    patch: operation(tags.accounts, 'UpdateAccount', 'Rename an account', {
      description: operatorOnly,
      requestSchema: 'AccountUpdate',
      responses: { '200': jsonResponse('The renamed account.', 'Account') },
    }),
  },
  '/accounts/{id}/api-keys': {
    parameters: [parameter('AccountID')],
    get: operation(tags.accounts, 'ListAccountAPIKeys', "List an account's API keys", {
      description: operatorOnly,
      parameters: pageParameters,
      responses: { '200': jsonResponse("A page of the account's API keys.", 'AIGatewayAPIKeyList') },
    }),
    post: operation(tags.accounts, 'CreateAccountAPIKey', 'Create an API key in an account', {
      description: `${operatorOnly} The \`token\` is returned once, in this response.`,
      requestSchema: 'AccountAPIKeyCreate',
      responses: { '201': jsonResponse('The created API key, with its token.', 'AIGatewayAPIKey') },
    }),
  },
  '/catalog': {
    get: operation(tags.accounts, 'GetCatalog', 'The models and prices in force', {
      description: `${operatorOnly} Reloaded from TOLLGATE_CATALOG_FILE on SIGHUP.`,
      responses: { '200': jsonResponse('The catalog in force.', 'Catalog') },
    }),
  },
  '/accounts/{id}/credits/grants': {
    parameters: [parameter('AccountID')],
    post: operation(tags.accounts, 'CreateCreditGrant', 'Grant credits to an account', {
      description: `${operatorOnly} A grant expires after one year unless \`expiresAt\` says otherwise (\`null\` = never).`,
      requestSchema: 'CreditGrantCreate',
      responses: { '201': jsonResponse('The grant.', 'CreditTransactionCredits') },
    }),
  },
};

export const paths: Record<string, PathItemObject> = withHeadVariants({
  ...referencePaths,
  ...firewallPaths,
  ...accountPaths,
  ...operationsPaths,
});
