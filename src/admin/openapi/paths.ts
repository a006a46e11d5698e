import type {
  ParameterObject,
  ParameterOrReference,
  PathItemObject,
  ResponseObject,
} from './openapi-types.js';
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

/** An optional query parameter. */
const optionalQuery = (
  name: string,
  description: string,
  schema: ParameterObject['schema'],
): ParameterObject => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});

const timeWindow = (required: boolean, what: string): ParameterObject[] => [
  {
    name: 'startTime',
    in: 'query',
    required,
    description: `Start of the window as an RFC3339 timestamp (inclusive): ${what}.`,
    schema: { type: 'string', format: 'date-time' },
  },
  optionalQuery('endTime', 'End of the window as an RFC3339 timestamp. Defaults to now.', {
    type: 'string',
    format: 'date-time',
  }),
];

const usageFilters: ParameterObject[] = [
  ...timeWindow(true, 'only events with `eventTime` at or after it'),
  optionalQuery('accessKeyId', 'Filter results to a single access key.', { type: 'string' }),
  ...(['firewallPolicyId', 'firewallRule'] as const).map((name) =>
    optionalQuery(name, `Tollgate addition: only events whose \`${name}\` is this value.`, {
      type: 'string',
    }),
  ),
  optionalQuery('firewallDecision', 'Tollgate addition: only events with this firewall decision.', {
    type: 'string',
    enum: ['allowed', 'stripped', 'blocked', 'would_strip', 'would_block'],
  }),
  optionalQuery(
    'includeRetries',
    "When true, include retry attempts besides each request's terminal attempt.",
    { type: 'boolean', default: false },
  ),
  optionalQuery('cursor', "Cursor from a previous response's `nextPageUri`.", { type: 'string' }),
];

const overviewFilters: ParameterObject[] = [
  ...timeWindow(true, 'the first UTC day bucket'),
  optionalQuery('groupBy', 'Dimension to break the series down by (`model` is a Tollgate addition).', {
    type: 'string',
    enum: ['provider', 'accessKey', 'model'],
    default: 'provider',
  }),
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

/** A GET on the admin listener that needs no API key. */
function publicGet(
  operationId: string,
  summary: string,
  responses: Record<string, ResponseObject>,
): PathItemObject {
  return { get: { ...operation(tags.operations, operationId, summary, { responses }), ...publicOperation } };
}

/** A body of `mediaType` described in a word. */
const bodyOf = (description: string, mediaType: string, type: 'string' | 'object') => ({
  description,
  content: { [mediaType]: { schema: { type } } },
});

const operationsPaths: Record<string, PathItemObject> = {
  '/healthz': publicGet('GetHealth', 'Process is up', { '200': statusBody }),
  '/readyz': publicGet('GetReadiness', 'Dependencies are reachable', {
    '200': readinessBody,
    '503': readinessBody,
  }),
  '/metrics': publicGet('GetMetrics', 'Prometheus metrics', {
    '200': bodyOf('Prometheus text exposition format.', 'text/plain', 'string'),
  }),
  '/openapi.json': publicGet('GetOpenApiDocument', 'This document', {
    '200': bodyOf('The OpenAPI 3.0.3 document.', 'application/json', 'object'),
  }),
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

/** An operation of the operator's `/accounts` paths, answering `answer` (its description and schema). */
function forOperator(
  operationId: string,
  summary: string,
  answer: [description: string, schema: string, status?: '201'],
  options: { parameters?: ParameterOrReference[]; requestSchema?: string; note?: string } = {},
) {
  const { note, ...rest } = options;
  const [description, schema, status = '200'] = answer;
  return operation(tags.accounts, operationId, summary, {
    ...rest,
    description: note === undefined ? operatorOnly : `${operatorOnly} ${note}`,
    responses: { [status]: jsonResponse(description, schema) },
  });
}

const accountPaths: Record<string, PathItemObject> = {
  '/me': {
    get: operation(tags.apiKeys, 'GetMe', 'Who am I', {
      description: "The calling API key's id, account and whether it is an operator key.",
      responses: { '200': jsonResponse('The calling API key.', 'Me') },
    }),
  },
  '/accounts': {
    get: forOperator('ListAccounts', 'List accounts', ['A page of accounts.', 'AccountList'], {
      parameters: pageParameters,
    }),
    post: forOperator('CreateAccount', 'Create an account', ['The created account.', 'Account', '201'], {
      requestSchema: 'AccountCreate',
    }),
  },
  '/accounts/{id}': {
    parameters: [parameter('AccountID')],
    get: forOperator('GetAccount', 'Get an account', ['The account.', 'Account']),
    patch: forOperator('UpdateAccount', 'Rename an account', ['The renamed account.', 'Account'], {
      requestSchema: 'AccountUpdate',
    }),
  },
  '/accounts/{id}/api-keys': {
    parameters: [parameter('AccountID')],
    get: forOperator(
      'ListAccountAPIKeys',
      "List an account's API keys",
      ["A page of the account's API keys.", 'AIGatewayAPIKeyList'],
      { parameters: pageParameters },
    ),
    post: forOperator(
      'CreateAccountAPIKey',
      'Create an API key in an account',
      ['The created API key, with its token.', 'AIGatewayAPIKey', '201'],
      { requestSchema: 'AccountAPIKeyCreate', note: 'The `token` is returned once, in this response.' },
    ),
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
