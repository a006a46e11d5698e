import type { SchemaObject } from './openapi-types.js';
import {
  auditProperties,
  flag,
  labelInput,
  labelProperties,
  listEnvelope,
  nullable,
  requestObject,
  responseObject,
  text,
  timestamp,
} from './schema-builders.js';

/** Access keys, API keys and provider keys: the reference's schemas, plus Tollgate's additions. */

const tokenKeyRequired = ['id', 'uri', 'createdAt', 'updatedAt', 'createdBy', 'lastUpdatedBy', 'keyRedacted'];

function tokenKeyProperties(noun: string, resource: string, tokenFormat: string) {
  return {
    id: text(`Unique identifier for this ${noun}.`),
    uri: text(`URI of this ${resource} API resource.`),
    createdAt: timestamp(`Timestamp when the ${noun} was created.`),
    updatedAt: timestamp(`Timestamp when the ${noun} was last updated.`),
    ...labelProperties(noun),
    ...auditProperties,
    token: text(`Plaintext ${noun} token (\`${tokenFormat}\`). Only returned when the key is first created.`),
    keyRedacted: text(
      `Redacted display form of the ${noun} token: all but the last 4 characters of the secret hidden.`,
    ),
    lastUsed: nullable(timestamp(`Timestamp when the ${noun} was last used.`)),
  };
}

export const keySchemas: Record<string, SchemaObject> = {
  AIGatewayAccessKey: responseObject(tokenKeyRequired, {
    ...tokenKeyProperties('access key', 'AI Gateway Access Key', 'tg-<publicId>-g1-<secret>'),
    accessKeyConfiguration: {
      type: 'object',
      nullable: true,
      description: 'Linked access key configuration, or null for allow-all scope.',
      required: ['id', 'uri', 'name'],
      properties: {
        id: text('Configuration ID.'),
        uri: text('URI of the linked configuration resource.'),
        name: text('Configuration name.'),
      },
    },
  }),
  AIGatewayAccessKeyList: listEnvelope(
    'aiGatewayAccessKeys',
    'AIGatewayAccessKey',
    'The AI Gateway access keys for this account.',
  ),
  AIGatewayAccessKeyCreate: requestObject([], {
    ...labelInput('access key', false),
    accessKeyConfigurationId: text('ID of an access key configuration to link. Omit for allow-all scope.'),
  }),
  AIGatewayAccessKeyUpdate: requestObject([], {
    ...labelInput('access key', true),
    accessKeyConfigurationId: nullable(
      text('ID of an access key configuration. Set to null to revert to allow-all scope.'),
    ),
  }),

  AIGatewayAPIKey: responseObject([...tokenKeyRequired, 'accountId', 'isOperator'], {
    ...tokenKeyProperties('API key', 'AI Gateway API Key', 'tgapi-<publicId>-g1-<secret>'),
    accountId: text('Tollgate addition: the account (`acct_…`) this API key manages.'),
    isOperator: flag(
      'Tollgate addition: true for an operator key, which may also create accounts, create API keys in them and grant credits.',
    ),
  }),
  AIGatewayAPIKeyList: listEnvelope(
    'aiGatewayApiKeys',
    'AIGatewayAPIKey',
    'The AI Gateway API keys for this account.',
  ),
  AIGatewayAPIKeyCreate: requestObject([], labelInput('API key', false)),
  AIGatewayAPIKeyUpdate: requestObject([], labelInput('API key', true)),
  Me: responseObject(
    ['id', 'accountId', 'isOperator'],
    {
      id: text('The calling API key (`aigapi_…`).'),
      accountId: text('The account (`acct_…`) the calling API key manages.'),
      isOperator: flag('True when the calling API key is an operator key.'),
    },
    'Tollgate addition: who the calling API key is.',
  ),

  AIGatewayProviderAPIKeyDetail: responseObject(
    [
      'id',
      'uri',
      'createdAt',
      'updatedAt',
      'providerId',
      'name',
      'keyRedacted',
      'createdBy',
      'lastUpdatedBy',
    ],
    {
      id: text('Unique identifier for this provider key.'),
      uri: text('URI of this AI Gateway Provider Key API resource.'),
      createdAt: timestamp('Timestamp when the provider key was created.'),
      updatedAt: timestamp('Timestamp when the provider key was last updated.'),
      providerId: text('Which AI provider this key is for, for example `openai` or `anthropic`.'),
      name: text('User-defined label for this provider key.'),
      keyRedacted: text('Redacted display form of the key value (`first10***last4`).'),
      description: text('Human-readable description of this provider key.'),
      metadata: text('Arbitrary user-defined metadata for this provider key.'),
      ...auditProperties,
      lastUsed: nullable(timestamp('Timestamp when the provider key was last used.')),
    },
  ),
  AIGatewayProviderAPIKeyList: listEnvelope(
    'aiGatewayProviderKeys',
    'AIGatewayProviderAPIKeyDetail',
    'The AI Gateway provider keys for this account.',
  ),
  AIGatewayProviderAPIKeyCreate: requestObject(['providerId', 'name', 'value'], {
    providerId: text(
      "Which AI provider this key is for: a built-in provider id or a custom provider's `providerId`.",
      {
        minLength: 1,
        maxLength: 255,
      },
    ),
    value: text('Plaintext provider key value. Write-only; never returned in responses.', {
      minLength: 1,
      maxLength: 8192,
    }),
    name: text('User-defined label for this provider key.', { minLength: 1, maxLength: 255 }),
    description: text('Human-readable description of this provider key.', { maxLength: 255 }),
    metadata: text('Arbitrary user-defined metadata for this provider key.', { maxLength: 4096 }),
  }),
  AIGatewayProviderAPIKeyUpdate: requestObject(
    [],
    {
      name: text('User-defined label for this provider key. Required on the key, so it cannot be cleared.', {
        minLength: 1,
        maxLength: 255,
      }),
      description: nullable(text('Human-readable description of this provider key.', { maxLength: 255 })),
      metadata: nullable(text('Arbitrary user-defined metadata for this provider key.', { maxLength: 4096 })),
    },
    'Changes the labels only; the value changes through `POST /provider-keys/{id}/rotate`.',
  ),
  AIGatewayProviderAPIKeyRotate: requestObject(['name', 'value'], {
    value: text('Plaintext provider key value. Write-only; never returned in responses.', {
      minLength: 1,
      maxLength: 8192,
    }),
    name: text('User-defined label for this provider key.', { minLength: 1, maxLength: 255 }),
  }),
};
